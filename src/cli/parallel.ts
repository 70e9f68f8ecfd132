/**
 * `check`'s full check over several threads (issue #17: the huge team's check is a minute of one core's parsing).
 * Each worker thread opens the team folder itself and checks every `count`-th report (`checkTeamStreamingByReport`'s
 * shard), reading synchronously as the single-threaded check does; the main thread puts their problems back in the
 * order one thread gives them (team, then reports by id) and adds up their dashboard counts, so the output is the same
 * byte for byte whatever the number of threads (a unit test compares them). A worker that meets anything unexpected
 * makes the whole check fail as one thread's check would; a team folder whose reports or team.yaml changed between two
 * workers' reads is checked again in one thread.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { addCounts, NO_COUNTS } from '../core/dashboard/summary';
import type { TeamCounts } from '../core/dashboard/summary';
import { failureKind, FileSystemFailure } from '../core/fs';
import type { FailureKind } from '../core/fs';
import { checkTeamStreamingByReport } from '../core/stream';
import type { ShardProblems } from '../core/stream';
import type { Problem, SeveritySetting } from '../core/types';
import { SyncReadTeamFileSystem } from './syncFs';

const WORKER_KIND = 'one-on-ones-check-worker';

/** At most this many threads (two cores are the usual CI runner; more threads than cores only add memory). */
export const MAX_JOBS = 8;
/** The default's most threads: each holds its share of the team and a Node isolate (the huge team: 304 MB with two). */
export const AUTO_MAX_JOBS = 4;
/** With fewer report folders than this the check runs in one thread: starting a worker costs about 60 ms of CPU. */
export const PARALLEL_FROM_REPORTS = 32;

/** What a worker checks: everything `check` decided, and which share of the reports is its own. */
export interface CheckWorkerTask {
  readonly kind: typeof WORKER_KIND;
  readonly folder: string;
  readonly today: string;
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  readonly statusUpdateHeuristic: boolean;
  readonly everything: boolean;
  readonly wantCounts: boolean;
  readonly shard: { readonly index: number; readonly count: number };
}

type WorkerReply =
  // `listing`: the report ids and team.yaml's values this worker saw (see checkInWorkers).
  | { readonly ok: true; readonly team: Problem[]; readonly reports: Problem[][]; readonly counts: TeamCounts; readonly listing: string }
  | { readonly ok: false; readonly failure?: FailureKind; readonly name: string };

export function isCheckWorkerTask(v: unknown): v is CheckWorkerTask {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === WORKER_KIND;
}

/** The number of threads for a folder when `--jobs` is not given: one for a small team, else one per core (up to 4). */
export function autoJobs(folder: string): number {
  let reports = 0;
  try {
    reports = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  } catch {
    return 1; // the one-thread check says why the folder cannot be read
  }
  return reports < PARALLEL_FROM_REPORTS ? 1 : Math.max(1, Math.min(availableParallelism(), AUTO_MAX_JOBS));
}

/** A worker thread's whole life: check its share, post the result (or what went wrong: a kind, never a message). */
export async function runCheckWorker(task: CheckWorkerTask): Promise<void> {
  let reply: WorkerReply;
  try {
    let counts = NO_COUNTS;
    const settings = { severities: task.severities, statusUpdateHeuristic: task.statusUpdateHeuristic };
    let listing = '';
    const found = await checkTeamStreamingByReport(new SyncReadTeamFileSystem(task.folder), {
      today: task.today,
      settings,
      everything: task.everything,
      concurrency: 1,
      shard: task.shard,
      onReportCounts: task.wantCounts ? (c) => (counts = addCounts(counts, c)) : undefined,
      onListed: (all, team) => (listing = `${all.join('/')}\n${team}`),
    });
    reply = { ok: true, team: found.team, reports: found.reports, counts, listing };
  } catch (e) {
    // The error's kind only: its message may quote a team file (docs/security.md).
    reply = { ok: false, failure: failureKind(e), name: e instanceof Error && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'Error' };
  }
  parentPort?.postMessage(reply);
}

/** A worker thread checking `task`, added to `started` (so that a failure elsewhere can stop it); its reply. */
function runWorker(entry: string, task: CheckWorkerTask, started: Worker[]): Promise<Extract<WorkerReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: task });
    started.push(worker);
    let replied = false;
    worker.once('message', (reply: WorkerReply) => {
      replied = true;
      if (reply.ok) resolve(reply);
      else if (reply.failure) reject(new FileSystemFailure(reply.failure));
      else {
        const e = new Error('A check worker failed.');
        e.name = reply.name;
        reject(e);
      }
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`A check worker stopped (exit code ${code}) without a result.`));
    });
  });
}

/**
 * The problems (in the one-thread check's order, unsorted) and the summed counts of the team folder, checked by `jobs`
 * worker threads running `entry` (the CLI's own module, which runs `runCheckWorker` in a worker). Undefined when the
 * workers did not all see the same reports and team.yaml (the folder changed meanwhile): the caller checks in one thread.
 */
export async function checkInWorkers(
  entry: string,
  task: Omit<CheckWorkerTask, 'kind' | 'shard'>,
  jobs: number,
): Promise<{ problems: Problem[]; counts: TeamCounts } | undefined> {
  const started: Worker[] = [];
  let replies: Array<Extract<WorkerReply, { ok: true }>>;
  try {
    replies = await Promise.all(Array.from({ length: jobs }, (_, index) => runWorker(entry, { ...task, kind: WORKER_KIND, shard: { index, count: jobs } }, started)));
  } finally {
    // The first failure decides (as one thread's check would stop there): the other threads are stopped, not waited
    // for; after a success each has replied, and nothing of theirs may keep the process alive either.
    for (const worker of started) void worker.terminate();
  }
  // Workers that saw other reports, or another team.yaml (its cadence, grace, career interval apply to every report),
  // would merge into an output no single thread gives.
  if (replies.some((r) => r.listing !== replies[0].listing)) return undefined;
  return { problems: mergeShards(replies), counts: replies.reduce((c, r) => addCounts(c, r.counts), NO_COUNTS) };
}

/** The shards' problems (shard i's at i) in the order one thread gives them: the team's, then report by report. */
export function mergeShards(shards: readonly ShardProblems[]): Problem[] {
  const problems = [...(shards[0]?.team ?? [])];
  const total = shards.reduce((n, r) => n + r.reports.length, 0);
  // Report j of the listing was shard (j mod count)'s (j div count)-th.
  for (let j = 0; j < total; j++) problems.push(...shards[j % shards.length].reports[Math.floor(j / shards.length)]);
  return problems;
}
