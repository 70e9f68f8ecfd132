/**
 * `npm run bench`: how fast the core is on team folders of three sizes, against the physical floor.
 *
 * Each (size, scenario) runs in a fresh child process: one warm-up, then N measured runs (median, p95), and the
 * child's peak RSS. The OS file cache is warm for every measured run (the warm-up reads the same files), so the
 * figures compare CPU and system-call work, not the disk.
 *
 *   floor        list the layout, read and parse (with `yaml`) exactly the files the real index parsed (same files)
 *   naive        read and parse (with `yaml`) every file
 *   … (js-yaml)  the same two with js-yaml's event parser, the parser the index reads with (see src/core/format/tree.ts)
 *   cold index   the real core from nothing to every report's model and all diagnostics
 *   incremental  one meeting file changed / added / deleted → updated diagnostics
 *   bulk         every file rewritten at once (a `git pull`, a formatter), seen by the core as the extension sees it:
 *                the rescan (folder compared with the index), the events taken in batches of 500 (grouped per
 *                report), and one event at a time as before (a sample, scaled to all files); with the longest time the
 *                event loop was held (the extension's host thread must never be held > 50 ms)
 *   summary      `one-on-ones summary` over 50 teams of the size (the same folder 50 times: each read, summed and
 *                dropped before the next), with the child's peak RSS: memory stays that of one team
 *   activation   require() of the bundled extension entry in a fresh process
 *   cli check    the bundled CLI (`node --max-old-space-size=512 out/cli.js check TEAM`), as a user runs it: its full
 *                check (every 1:1 parsed, streamed report by report) on large and huge, wall time, CPU and the
 *                process's peak RSS (from a preloaded exit hook)
 *   cli --staged `check --staged` in a temporary git repository holding the large team with one staged change (the
 *                pre-commit hook), wall and CPU (of the CLI's process; git's own processes are in the wall time only).
 *                The CLI rows run 5 times after a warm-up at large, twice at huge (a full check there takes a minute).
 *
 * Every row also keeps its first run in the fresh child process (`firstRun`, cold: no JIT, nothing cached in the
 * process) next to the warm median. The headline ratio is the cold index against the floor read with js-yaml's
 * events, the parser the index uses; against the `yaml` Document floor it is a second line.
 *
 * Options: --sizes small,large,huge  --runs N (default 5)  --naive-huge (naive at the huge size: minutes)
 *          --no-bulk (skip the bulk rewrite)  --rollup-huge (the 50-team roll-up at the huge size: minutes)
 *          --no-cli (skip the CLI rows)  --only GROUP,… (floor, cold, naive, incremental, bulk, rollup, cli,
 *          dashboard, activation)  --no-write (do not update bench/results.json)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, promises as fsp, mkdirSync, readdirSync, readFile as readFileCb, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseEvents } from 'js-yaml';
import { parseDocument } from 'yaml';
import { TeamChecker } from '../src/core/checker';
import { parseCommandLine } from '../src/cli/args';
import { runSummary, SUMMARY_OPTIONS } from '../src/cli/summary';
import { DashboardQuery } from '../src/core/dashboard/query';
import { addDays } from '../src/core/dates';
import type { EntryKind, FileContent, TeamFileSystem } from '../src/core/fs';
import { mapLimit } from '../src/core/fs';
import { NodeTeamFileSystem } from '../src/node/nodeFs';
import { BENCH_TODAY, ensureTeamFolder, SIZES } from './generate';

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'bench', 'cache');
const RESULTS = path.join(ROOT, 'bench', 'results.json');

type Scenario = 'floor' | 'naive' | 'floor-events' | 'naive-events' | 'cold' | 'incremental' | 'discover' | 'bulk' | 'dashboard' | 'rollup';

interface ChildTask {
  readonly scenario: Scenario;
  readonly dir: string;
  readonly runs: number;
  readonly files?: string[];
}

interface ChildResult {
  readonly times: number[];
  /** The first run in the fresh process (before the warm-up's JIT and caches), where the scenario has one. */
  readonly firstRun?: number;
  readonly maxRssMb: number;
  readonly extra?: Record<string, number[] | number | string[]>;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function p95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

/** A file system that remembers which files were read: to learn what the index needs. */
class RecordingFs implements TeamFileSystem {
  readonly read: string[] = [];
  constructor(private readonly inner: TeamFileSystem) {}
  readDirectory(p: string): Promise<ReadonlyArray<readonly [string, EntryKind]>> {
    return this.inner.readDirectory(p);
  }
  readFile(p: string): Promise<FileContent> {
    this.read.push(p);
    return this.inner.readFile(p);
  }
  stat(p: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    return this.inner.stat(p);
  }
}

/** The real core, from nothing to what the trees and the Problems panel show. */
async function coldIndex(dir: string, fs: TeamFileSystem = new NodeTeamFileSystem(dir)): Promise<number> {
  const checker = await TeamChecker.open(fs, { today: BENCH_TODAY });
  let n = checker.problems().length;
  for (const r of checker.index.reports()) n += checker.context(r.id)?.openActions.length ?? 0;
  return n;
}

/** Listing the layout the way any reader must: the team folder, each report folder, each meetings folder. */
async function listLayout(dir: string): Promise<string[]> {
  const all: string[] = [];
  const top = await fsp.readdir(dir, { withFileTypes: true });
  await mapLimit(top.filter((e) => e.isDirectory()), 32, async (e) => {
    const inner = await fsp.readdir(path.join(dir, e.name));
    for (const f of inner) if (f.endsWith('.yaml')) all.push(`${e.name}/${f}`);
    if (inner.includes('meetings')) for (const f of await fsp.readdir(path.join(dir, e.name, 'meetings'))) all.push(`${e.name}/meetings/${f}`);
  });
  return all;
}

/** The fastest plain read on Node 20 for small files (the same call the index's Node adapter makes). */
function readText(file: string): Promise<string> {
  return new Promise((resolve, reject) => readFileCb(file, 'utf8', (err, text) => (err ? reject(err) : resolve(text))));
}

/** Reads and parses the files: with `yaml`'s Document (the issue's measure), or with js-yaml's events. */
async function readAndParse(dir: string, files: readonly string[], parser: 'yaml' | 'events' = 'yaml'): Promise<number> {
  let n = 0;
  await mapLimit(files, 32, async (f) => {
    const text = await readText(path.join(dir, f));
    if (parser === 'yaml') n += parseDocument(text).errors.length;
    else {
      try {
        n += parseEvents(text, {}).length;
      } catch {
        n += 1;
      }
    }
  });
  return n;
}

async function runChild(task: ChildTask): Promise<ChildResult> {
  const times: number[] = [];
  const extra: Record<string, number[] | number | string[]> = {};
  const once = async (): Promise<void> => {
    switch (task.scenario) {
      case 'floor':
        await listLayout(task.dir);
        await readAndParse(task.dir, task.files ?? []);
        break;
      case 'naive':
      case 'naive-events':
        await readAndParse(task.dir, (await listLayout(task.dir)).concat(existsSync(path.join(task.dir, 'team.yaml')) ? ['team.yaml'] : []), task.scenario === 'naive' ? 'yaml' : 'events');
        break;
      case 'floor-events':
        await listLayout(task.dir);
        await readAndParse(task.dir, task.files ?? [], 'events');
        break;
      case 'cold':
        await coldIndex(task.dir);
        break;
      default:
        break;
    }
  };
  if (task.scenario === 'discover') {
    const fs = new RecordingFs(new NodeTeamFileSystem(task.dir));
    await coldIndex(task.dir, fs);
    extra.files = fs.read;
    const all = await listLayout(task.dir);
    extra.totalFiles = all.length + 1;
    return { times: [], maxRssMb: 0, extra };
  }
  if (task.scenario === 'incremental') {
    return { ...(await incremental(task)), maxRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  if (task.scenario === 'bulk') {
    return { ...(await bulk(task)), maxRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  if (task.scenario === 'rollup') {
    return { ...(await rollup(task)), maxRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  if (task.scenario === 'dashboard') {
    return { ...(await dashboard(task)), maxRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  // The first run, cold for the process (the OS file cache is warm from the discovery child): also the warm-up.
  const first = now();
  await once();
  const firstRun = now() - first;
  for (let i = 0; i < task.runs; i++) {
    gc();
    const t0 = now();
    await once();
    times.push(now() - t0);
  }
  if (task.scenario === 'cold') {
    // What the index and the rules keep after a load (the extension holds it for the window's life, issue #17's
    // memory): the heap with a checker open, less the heap without, each after a full collection.
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = await TeamChecker.open(new NodeTeamFileSystem(task.dir), { today: BENCH_TODAY });
    gc();
    extra.heapKeptMb = Math.round((process.memoryUsage().heapUsed - before) / 1e5) / 10;
    if (kept.problems().length < 0) throw new Error('unreachable: keeps the checker alive until measured');
  }
  return { times, firstRun, maxRssMb: process.resourceUsage().maxRSS / 1024, extra };
}

/** One file changed, added, deleted, on reports spread over the folder; the files are restored afterwards. */
async function incremental(task: ChildTask): Promise<Omit<ChildResult, 'maxRssMb'>> {
  const checker = await TeamChecker.open(new NodeTeamFileSystem(task.dir), { today: BENCH_TODAY });
  const reports = checker.index.reports();
  const changed: number[] = [];
  const added: number[] = [];
  const deleted: number[] = [];
  const iterations = Math.max(40, task.runs * 8);
  for (let i = 0; i < iterations + 5; i++) {
    const r = reports[(i * 37) % reports.length];
    const newest = r.meetings[0];
    const file = path.join(task.dir, newest.path);
    const original = readFileSync(file, 'utf8');
    // changed: a real edit (the newest 1:1 becomes skipped), then back
    writeFileSync(file, original.replace(/^status: held$/m, 'status: skipped'));
    let t0 = now();
    await checker.applyChange(newest.path, 'changed');
    const tChanged = now() - t0;
    writeFileSync(file, original);
    await checker.applyChange(newest.path, 'changed');
    // added: today's 1:1
    const rel = `${r.id}/meetings/${addDays(BENCH_TODAY, 0)}.yaml`;
    writeFileSync(path.join(task.dir, rel), `date: ${BENCH_TODAY}\nstatus: planned\nprep:\n  manager:\n    topics: [Career check-in]\n`);
    t0 = now();
    await checker.applyChange(rel, 'created');
    const tAdded = now() - t0;
    unlinkSync(path.join(task.dir, rel));
    t0 = now();
    await checker.applyChange(rel, 'deleted');
    const tDeleted = now() - t0;
    if (i >= 5) {
      // the first few are warm-up
      changed.push(tChanged);
      added.push(tAdded);
      deleted.push(tDeleted);
    }
  }
  return { times: changed, extra: { changed, added, deleted } };
}

/**
 * Every file rewritten, without touching the cached folder: reads return the text with a line added per round, and
 * versions change. Reads carry no version, as in the extension (workspace.fs gives none): the rescan then reads the
 * parsed files to compare them.
 */
class RewrittenFs implements TeamFileSystem {
  round = 0;
  constructor(private readonly inner: TeamFileSystem) {}
  readDirectory(p: string): Promise<ReadonlyArray<readonly [string, EntryKind]>> {
    return this.inner.readDirectory(p);
  }
  async readFile(p: string): Promise<FileContent> {
    const { text } = await this.inner.readFile(p);
    return { text: this.round > 0 && p.includes('/meetings/') ? `${text}# rewritten ${this.round}\n` : text };
  }
  async stat(p: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    const st = await this.inner.stat(p);
    return st && p.includes('/meetings/') ? { kind: st.kind, version: `${st.version}:${this.round}` } : st;
  }
}

/** Longest event-loop delay while `work` runs: the longest task it held the thread for, give or take 10 ms. */
async function heldFor(work: () => Promise<unknown>): Promise<{ ms: number; heldMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = now();
  await work();
  const ms = now() - t0;
  h.disable();
  return { ms, heldMs: h.max / 1e6 };
}

async function bulk(task: ChildTask): Promise<Omit<ChildResult, 'maxRssMb'>> {
  const fs = new RewrittenFs(new NodeTeamFileSystem(task.dir));
  const checker = await TeamChecker.open(fs, { today: BENCH_TODAY });
  const paths = checker.index.reports().flatMap((r) => r.meetings.map((m) => m.path));
  const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const rescan: number[] = [];
  const rescanHeld: number[] = [];
  const batches: number[] = [];
  const batchesHeld: number[] = [];
  for (let i = 0; i < task.runs + 1; i++) {
    fs.round++;
    gc();
    const r = await heldFor(() => checker.rescan(pause));
    fs.round++;
    gc();
    const b = await heldFor(async () => {
      for (let at = 0; at < paths.length; at += 500) await checker.applyChanges(paths.slice(at, at + 500).map((p) => [p, 'changed'] as const), pause);
    });
    if (i === 0) continue; // warm-up
    rescan.push(r.ms);
    rescanHeld.push(r.heldMs);
    batches.push(b.ms);
    batchesHeld.push(b.heldMs);
  }
  // Before: one event at a time, each re-checking its report. A sample spread over the folder, scaled to all files.
  fs.round++;
  const sample = paths.filter((_, i) => i % Math.max(1, Math.floor(paths.length / 1000)) === 0);
  const t0 = now();
  for (const p of sample) await checker.applyChange(p, 'changed');
  const perEvent = ((now() - t0) / sample.length) * paths.length;
  return { times: rescan, extra: { rescan, rescanHeld, batches, batchesHeld, perEvent: [perEvent], events: paths.length } };
}

// ---- The team dashboard (issue #14) ---------------------------------------------------------------------------------
// `dashboard summary`: from a freshly opened checker (the cold index, not timed) to the team summary, which parses
// the 1:1s of the heatmap's 26 weeks. Budget: 2 × the cold index. `dashboard: after one change`: one 1:1 changed and
// applied (not timed), then the summary again: only that report's row is rebuilt. Budget: 5 ms.

/** The roll-up across teams (`one-on-ones summary`), 50 teams of this size, as the CLI runs it. One run: it is long. */
async function rollup(task: ChildTask): Promise<Omit<ChildResult, 'maxRssMb'>> {
  const teams = Array.from({ length: ROLLUP_TEAMS }, () => task.dir);
  let out = '';
  const t0 = now();
  // The subcommand itself (src/cli.ts runs the CLI when it is the entry, which the bench's bundle would make it).
  const parsed = parseCommandLine(['summary', ...teams, '--format', 'json', '--today', BENCH_TODAY], { summary: SUMMARY_OPTIONS });
  if (typeof parsed === 'string') throw new Error('the roll-up\'s arguments');
  const code = await runSummary(parsed, { out: (t) => (out += t), err: () => undefined, cwd: ROOT, now: () => new Date() });
  const ms = now() - t0;
  if (code !== 0 || (JSON.parse(out) as { teams: unknown[] }).teams.length !== ROLLUP_TEAMS) throw new Error('the roll-up failed');
  return { times: [ms] };
}

const ROLLUP_TEAMS = 50;

async function dashboard(task: ChildTask): Promise<Omit<ChildResult, 'maxRssMb'>> {
  const summary: number[] = [];
  for (let i = 0; i < task.runs + 1; i++) {
    const checker = await TeamChecker.open(new NodeTeamFileSystem(task.dir), { today: BENCH_TODAY });
    gc();
    const t0 = now();
    await new DashboardQuery(checker).summary();
    if (i > 0) summary.push(now() - t0);
  }
  const checker = await TeamChecker.open(new NodeTeamFileSystem(task.dir), { today: BENCH_TODAY });
  const query = new DashboardQuery(checker);
  await query.summary();
  const reports = checker.index.reports();
  const changed: number[] = [];
  const iterations = Math.max(40, task.runs * 8);
  for (let i = 0; i < iterations + 5; i++) {
    const r = reports[(i * 37) % reports.length];
    const newest = r.meetings[0];
    const file = path.join(task.dir, newest.path);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/^status: held$/m, 'status: skipped'));
    await checker.applyChange(newest.path, 'changed');
    const built = query.rowsBuilt;
    const t0 = now();
    await query.summary();
    const t = now() - t0;
    if (query.rowsBuilt - built !== 1) throw new Error(`dashboard: ${query.rowsBuilt - built} rows rebuilt after one change`);
    writeFileSync(file, original);
    await checker.applyChange(newest.path, 'changed');
    await query.summary();
    if (i >= 5) changed.push(t);
  }
  return { times: summary, extra: { summary, changed } };
}

/**
 * require() of the bundled extension in a fresh Node process, with a stand-in `vscode` module. The stand-in has the
 * names of the API object VS Code hands an extension (the top-level exports of @types/vscode, about 200): what the
 * bundle does per name it imports (esbuild copies an external module's exports into a namespace object) costs as in
 * the host.
 */
function activationRuns(runs: number): number[] {
  const entry = path.join(ROOT, 'out', 'extension.js');
  const api = readFileSync(path.join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = [...new Set(Array.from(api.matchAll(/^\texport (?:class|enum|namespace|function|const|let|var) (\w+)/gm), (m) => m[1]))];
  if (names.length < 100) throw new Error(`activation: only ${names.length} names found in @types/vscode`);
  const script = `
    const Module = require('module');
    const load = Module._load;
    const stub = () => new Proxy(function () {}, { get: () => undefined });
    const api = Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, stub()]));
    const vscode = new Proxy(api, { get: (t, k) => (k in t ? t[k] : stub()) });
    Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
    const t0 = process.hrtime.bigint();
    require(${JSON.stringify(entry)});
    process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
  const out: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`activation run failed: ${r.stderr}`);
    if (i > 0) out.push(Number(r.stdout));
  }
  return out;
}

/** Preloaded into the CLI's process: at exit, its peak RSS and CPU time on stderr's last line. */
const EXIT_HOOK = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n@bench ' + JSON.stringify({ maxRss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 }) + '\\n'); });`;

/**
 * The bundled CLI run `runs` times after a warm-up (the OS file cache), each in a fresh `node --max-old-space-size=512`
 * as documented for the huge team: wall time from spawn to exit, CPU time, and the largest peak RSS. A run that does
 * not exit with 0 or 1 (problems found) fails the benchmark: the heap must be enough.
 */
function cliRuns(cliArgs: readonly string[], cwd: string, runs: number): { result: ChildResult; cpuMs: number; files: number } {
  const hook = path.join(os.tmpdir(), `oneonones-bench-hook-${process.pid}.cjs`);
  writeFileSync(hook, EXIT_HOOK);
  try {
    const times: number[] = [];
    const cpu: number[] = [];
    let maxRssMb = 0;
    let firstRun: number | undefined;
    for (let i = 0; i < runs + 1; i++) {
      const t0 = now();
      const r = spawnSync(process.execPath, ['--max-old-space-size=512', '-r', hook, path.join(ROOT, 'out', 'cli.js'), ...cliArgs], { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
      const ms = now() - t0;
      const m = /@bench (\{.*\})\s*$/.exec(r.stderr ?? '');
      if ((r.status !== 0 && r.status !== 1) || !m) throw new Error(`the CLI failed (${r.status ?? r.signal}): ${(r.stderr ?? '').slice(-500)}`);
      const usage = JSON.parse(m[1]) as { maxRss: number; cpu: number };
      maxRssMb = Math.max(maxRssMb, usage.maxRss / 1024);
      if (i === 0) {
        firstRun = ms;
        continue; // the warm-up: the OS file cache
      }
      times.push(ms);
      cpu.push(usage.cpu);
    }
    return { result: { times, maxRssMb, firstRun }, cpuMs: median(cpu), files: 0 };
  } finally {
    unlinkSync(hook);
  }
}

/** git with no user or system configuration and a fixed identity (the benchmark's own repository). */
function gitIn(repo: string, gitArgs: readonly string[]): void {
  // No automatic gc: a repack after the first commit of 52,600 files would run beside the measured runs.
  const r = spawnSync('git', ['-c', 'gc.auto=0', ...gitArgs], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com' },
  });
  if (r.status !== 0) throw new Error(`git ${gitArgs[0]} failed: ${r.stderr}`);
}

/**
 * `check --staged` as a pre-commit hook runs it: a temporary git repository with the team committed, one 1:1
 * changed and staged. The repository is made once (a copy of the team and a commit: a minute at the large size).
 */
function stagedRuns(dir: string, runs: number, log: (s: string) => void): { result: ChildResult; cpuMs: number; files: number } {
  const repo = path.join(CACHE, `${path.basename(dir)}-git`);
  const team = path.join(repo, 'one-on-ones');
  const marker = path.join(repo, '.bench-complete');
  if (!existsSync(marker)) {
    log(`  making a git repository of ${path.basename(dir)} for --staged…`);
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    cpSync(dir, team, { recursive: true });
    gitIn(repo, ['init', '-q']);
    gitIn(repo, ['add', '-A']);
    gitIn(repo, ['commit', '-q', '-m', 'team']);
    writeFileSync(marker, '');
  }
  // One staged change: the newest 1:1 of one report gets a new topic (restored and unstaged afterwards).
  const report = readdirSync(team).filter((n) => n.startsWith('report-')).sort()[7];
  const meetings = path.join(team, report, 'meetings');
  const newest = readdirSync(meetings).sort().pop() ?? '';
  const file = path.join(meetings, newest);
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original.replace('  report:\n    topics:\n', '  report:\n    topics:\n      - "Can we talk about the on-call rota?"\n'));
  try {
    gitIn(repo, ['add', '--', path.relative(repo, file)]);
    return { ...cliRuns(['check', '--staged', 'one-on-ones', '--today', BENCH_TODAY, '--format', 'json'], repo, runs), files: 1 };
  } finally {
    writeFileSync(file, original);
    gitIn(repo, ['reset', '-q', '--', path.relative(repo, file)]);
  }
}

function child(task: ChildTask): ChildResult {
  const taskFile = path.join(os.tmpdir(), `oneonones-bench-${process.pid}-${Date.now()}.json`);
  writeFileSync(taskFile, JSON.stringify(task));
  try {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', __filename, '--child', taskFile], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`bench child ${task.scenario} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as ChildResult;
  } finally {
    unlinkSync(taskFile);
  }
}

interface Row {
  size: string;
  scenario: string;
  files: number;
  median: number;
  p95: number;
  runs: number;
  peakRssMb: number;
  /** The first run in a fresh process (cold), when the scenario measures one. */
  firstRun?: number;
  /** CPU time (user + system) per run, when measured. */
  cpuMs?: number;
  /** The heap the index and the rules keep after the load (MB, after a full collection), for the cold index. */
  heapKeptMb?: number;
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Math.max(5, Number(opt('--runs') ?? 5));
  const sizes = (opt('--sizes') ?? SIZES.map((s) => s.name).join(',')).split(',').map((n) => {
    const s = SIZES.find((x) => x.name === n);
    if (!s) throw new Error(`unknown size ${n}`);
    return s;
  });
  // --only floor,cold,naive,incremental,bulk,rollup,cli,dashboard,activation: those groups of rows (default all).
  const only = opt('--only')?.split(',');
  const want = (group: string): boolean => only === undefined || only.includes(group);
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { rows: Row[] }) : undefined;
  const rows: Row[] = [];
  const ratios: Record<string, Record<string, number>> = {};
  const bulkRatios: Record<string, Record<string, number>> = {};
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  log(`First-Class 1:1s benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${runs} runs after a warm-up`);

  for (const size of sizes) {
    const dir = ensureTeamFolder(CACHE, size, log);
    const discover = child({ scenario: 'discover', dir, runs: 1 });
    const needed = discover.extra!.files as string[];
    const total = discover.extra!.totalFiles as number;
    log(`${size.name}: ${total} files; the index reads ${needed.length}`);
    const add = (scenario: string, files: number, r: ChildResult, times = r.times, more: Partial<Row> = {}): void => {
      const firstRun = times === r.times ? r.firstRun : undefined;
      rows.push({ size: size.name, scenario, files, median: median(times), p95: p95(times), runs: times.length, peakRssMb: Math.round(r.maxRssMb), ...(firstRun !== undefined ? { firstRun } : {}), ...more });
      log(`  ${scenario.padEnd(22)} ${fmt(median(times)).padStart(9)}${firstRun !== undefined ? `  (first run ${fmt(firstRun)})` : ''}${more.cpuMs !== undefined ? `  cpu ${fmt(more.cpuMs)}` : ''}${more.heapKeptMb !== undefined ? `  heap kept ${more.heapKeptMb} MB` : ''}${r.maxRssMb ? `  ${Math.round(r.maxRssMb)} MB` : ''}`);
    };
    const floor = want('floor') ? child({ scenario: 'floor', dir, runs, files: needed }) : undefined;
    if (floor) add('floor', needed.length, floor);
    const floorEvents = want('floor') ? child({ scenario: 'floor-events', dir, runs, files: needed }) : undefined;
    if (floorEvents) add('floor (js-yaml)', needed.length, floorEvents);
    const cold = want('cold') ? child({ scenario: 'cold', dir, runs }) : undefined;
    if (cold) add('cold index', needed.length, cold, cold.times, { heapKeptMb: cold.extra!.heapKeptMb as number });
    let naive: ChildResult | undefined;
    let naiveEvents: ChildResult | undefined;
    if (want('naive') && (size.name !== 'huge' || args.includes('--naive-huge'))) {
      naive = child({ scenario: 'naive', dir, runs });
      add('naive', total, naive);
      naiveEvents = child({ scenario: 'naive-events', dir, runs });
      add('naive (js-yaml)', total, naiveEvents);
    }
    if (want('incremental')) {
      const inc = child({ scenario: 'incremental', dir, runs });
      add('incremental: changed', 1, inc, inc.extra!.changed as number[]);
      add('incremental: added', 1, inc, inc.extra!.added as number[]);
      add('incremental: deleted', 1, inc, inc.extra!.deleted as number[]);
    }
    if (want('bulk') && !args.includes('--no-bulk')) {
      const b = child({ scenario: 'bulk', dir, runs });
      const events = b.extra!.events as number;
      add('bulk: rescan', events, b, b.extra!.rescan as number[]);
      add('bulk: rescan, longest task', events, b, b.extra!.rescanHeld as number[]);
      add('bulk: batches of 500', events, b, b.extra!.batches as number[]);
      add('bulk: batches, longest task', events, b, b.extra!.batchesHeld as number[]);
      add('bulk: per event (before)', events, b, b.extra!.perEvent as number[]);
      if (cold) bulkRatios[size.name] = {
        'rescan/cold': median(b.extra!.rescan as number[]) / median(cold.times),
        'per event (before)/rescan': median(b.extra!.perEvent as number[]) / median(b.extra!.rescan as number[]),
      };
    }
    // The roll-up across teams (issue #16): 50 teams of this size in one run, memory that of one team.
    if (want('rollup') && (size.name !== 'huge' || args.includes('--rollup-huge'))) {
      const roll = child({ scenario: 'rollup', dir, runs: 1 });
      add(`summary: ${ROLLUP_TEAMS} teams`, ROLLUP_TEAMS, roll, roll.times);
    }
    // The CLI as a user runs it (issue #17): the full check, streamed, in a 512 MB heap; and the pre-commit hook.
    if (want('cli') && !args.includes('--no-cli') && size.name !== 'small') {
      const full = cliRuns(['check', dir, '--today', BENCH_TODAY, '--format', 'json'], ROOT, size.name === 'huge' ? 2 : runs);
      add('cli check (full)', total, full.result, full.result.times, { cpuMs: full.cpuMs });
      if (size.name === 'large') {
        const staged = stagedRuns(dir, runs, log);
        add('cli check --staged', staged.files, staged.result, staged.result.times, { cpuMs: staged.cpuMs });
      }
    }
    // The dashboard (issue #14): its summary against the cold index, and after one change.
    const dash = want('dashboard') ? child({ scenario: 'dashboard', dir, runs }) : undefined;
    if (dash) {
      add('dashboard summary', 0, dash, dash.extra!.summary as number[]);
      add('dashboard: after one change', 1, dash, dash.extra!.changed as number[]);
    }
    if (!cold) continue;
    // The headline: against the floor read with the index's own parser; the `yaml` Document floor second. Warm
    // medians, and the first run of each in its fresh process (cold).
    ratios[size.name] = {};
    if (floorEvents && floor) {
      ratios[size.name] = {
        'cold/floor (js-yaml)': median(cold.times) / median(floorEvents.times),
        'cold/floor (yaml)': median(cold.times) / median(floor.times),
        ...(cold.firstRun !== undefined && floorEvents.firstRun !== undefined ? { 'first run: cold/floor (js-yaml)': cold.firstRun / floorEvents.firstRun } : {}),
      };
    }
    if (naive) ratios[size.name]['cold/naive'] = median(cold.times) / median(naive.times);
    if (naiveEvents) ratios[size.name]['cold/naive (js-yaml)'] = median(cold.times) / median(naiveEvents.times);
    if (dash) ratios[size.name]['dashboard/cold'] = median(dash.extra!.summary as number[]) / median(cold.times);
  }
  const act = want('activation') ? activationRuns(runs) : [];
  if (act.length > 0) rows.push({ size: '-', scenario: 'activation require()', files: 1, median: median(act), p95: p95(act), runs: act.length, peakRssMb: 0 });

  const header = '| size | scenario | files read | median (warm) | p95 | first run (cold) | CPU | runs | peak RSS | previous median |';
  const lines = [header, '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    const prev = previous?.rows.find((p) => p.size === r.size && p.scenario === r.scenario);
    lines.push(`| ${r.size} | ${r.scenario} | ${r.files} | ${fmt(r.median)} | ${fmt(r.p95)} | ${r.firstRun !== undefined ? fmt(r.firstRun) : '-'} | ${r.cpuMs !== undefined ? fmt(r.cpuMs) : '-'} | ${r.runs} | ${r.peakRssMb ? `${r.peakRssMb} MB` : '-'} | ${prev ? fmt(prev.median) : '-'} |`);
  }
  console.log(lines.join('\n'));
  console.log('');
  for (const [size, rs] of Object.entries(ratios)) {
    console.log(`${size}: ${Object.entries(rs).map(([k, v]) => `${k} = ${k.startsWith('cold/naive') ? `1/${(1 / v).toFixed(1)}` : v.toFixed(2)}`).join(', ')}`);
  }
  for (const [size, rs] of Object.entries(bulkRatios)) {
    console.log(`${size} bulk rewrite: ${Object.entries(rs).map(([k, v]) => `${k} = ${v.toFixed(2)}`).join(', ')}`);
  }
  if (!args.includes('--no-write')) {
    writeFileSync(RESULTS, `${JSON.stringify({
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      runs,
      rows,
      ratios,
      bulkRatios,
    }, null, 2)}\n`);
    log(`figures written to ${path.relative(process.cwd(), RESULTS)}`);
  }
}

if (process.argv[2] === '--child') {
  const task = JSON.parse(readFileSync(process.argv[3], 'utf8')) as ChildTask;
  runChild(task).then(
    (r) => process.stdout.write(JSON.stringify(r)),
    (e: unknown) => {
      process.stderr.write(String((e as Error).stack ?? e));
      process.exitCode = 1;
    },
  );
} else if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${String((e as Error).stack ?? e)}\n`);
    process.exitCode = 1;
  });
}

