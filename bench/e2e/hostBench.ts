/**
 * The end-to-end benchmark's in-host half (issue #17, point 6): loaded by VS Code as an extension test entry
 * (`extensionTestsPath`, like the in-host suites), in the extension host of a real VS Code (code-server) opened on a
 * generated team. The same script runs twice per `npm run bench:e2e` (bench/e2e/run.mjs): once with the extension,
 * once with a do-nothing extension that only watches the folder the same way (bench/e2e/baseline/), so memory and
 * CPU are compared with the same VS Code in the same run.
 *
 * Measured here, in the host's own process: the load's milestones (from the extension's Timeline, via its API
 * object), the Problems panel as VS Code's API reports it, host RSS and CPU (process.memoryUsage / cpuUsage), and
 * the longest time the host's thread was held (a timer that should fire every PROBE_MS: how late it fires is how long
 * something else ran). The bulk rewrite is done by a child process (bench/e2e/rewrite.mjs), so its writing is not
 * counted as host CPU. Writes the figures as JSON to $ONEONONES_E2E_OUT.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

const EXTENSION_ID = 'first-class-one-on-ones.first-class-one-on-ones';
const BASELINE_ID = 'first-class-one-on-ones.e2e-baseline';
const PROBE_MS = 10;
/** How long RSS is left to settle after a phase before it is read. */
const SETTLE_MS = 3000;
/**
 * The RSS is read again after this long with nothing to do: right after a load the heap still holds its garbage and
 * V8 returns pages only once its memory reducer has run on an idle thread (both figures are written).
 */
const IDLE_MS = 20_000;
/** The watcher's events have ended when none came for this long (the baseline's "final"). */
const QUIET_MS = 2000;
const LOAD_TIMEOUT_MS = 300_000;
const BULK_TIMEOUT_MS = 600_000;
const SAVES = 5;

interface BaselineApi {
  readonly events: () => number;
}

/** How late a timer fires: the longest task on the host's thread since the last reset. */
class LagProbe {
  private expected = 0;
  private worst = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  start(): void {
    this.expected = performance.now() + PROBE_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.worst = Math.max(this.worst, now - this.expected);
      this.expected = now + PROBE_MS;
    }, PROBE_MS);
  }

  /** The worst lateness since the last call, and starts again. */
  take(): number {
    const w = this.worst;
    this.worst = 0;
    return Math.round(w);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string, everyMs = 20): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

function memory(): { rssMB: number; heapUsedMB: number } {
  const m = process.memoryUsage();
  return { rssMB: Math.round(m.rss / 1e5) / 10, heapUsedMB: Math.round(m.heapUsed / 1e5) / 10 };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
}

/**
 * With `npm run bench:e2e -- --profile`, a CPU profile of the host's thread during the load (from this script's start
 * to the final Problems), written to $ONEONONES_E2E_PROFILE, and one of the bulk rewrite (bulk.cpuprofile beside it): open it in Chrome DevTools or VS Code to see where the
 * load's time goes. Off by default (profiling slows the host).
 */
class CpuProfile {
  private readonly session: Session | undefined;

  constructor(private readonly file: string | undefined) {
    if (!file) return;
    this.session = new Session();
    this.session.connect();
    this.session.post('Profiler.enable');
    this.session.post('Profiler.setSamplingInterval', { interval: 200 });
    this.session.post('Profiler.start');
  }

  stop(): Promise<void> {
    const session = this.session;
    const file = this.file;
    if (!session || !file) return Promise.resolve();
    return new Promise((resolve, reject) => {
      session.post('Profiler.stop', (err, result) => {
        session.disconnect();
        if (err) reject(err);
        else {
          writeFileSync(file, JSON.stringify(result.profile));
          resolve();
        }
      });
    });
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs the rewriter in a child process; resolves with its summary when it exits. */
function rewrite(teamRoot: string, round: number): Promise<{ files: number; newest: string[] }> {
  const script = process.env.ONEONONES_E2E_REWRITER;
  if (!script) throw new Error('ONEONONES_E2E_REWRITER is not set');
  return new Promise((resolve, reject) => {
    // The host's own Node runs it (code-server's): no other node needs to be on the PATH.
    const child = spawn(process.execPath, [script, teamRoot, String(round)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { files: number; newest: string[] }) : reject(new Error(`rewriter exited ${code}`))));
  });
}

/** The diagnostics of our source on `uri`, as the Problems panel has them. */
function messagesOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'First-Class 1:1s').map((d) => d.message);
}

type Milestone = Parameters<ExtensionApi['service']['timeline']['time']>[0];

/**
 * The extension, activated, once its load has put the full check's problems in the panel (the load's profile, if
 * any, stopped then), with its activation time and each milestone's time since it (null: did not happen).
 */
async function loaded(profile: CpuProfile): Promise<{ api: ExtensionApi; activate: number; since: (m: Milestone) => number | null }> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error('the extension is not installed');
  const api = ext.isActive ? ext.exports : await ext.activate();
  const tl = api.service.timeline;
  await until(() => tl.time('problems') !== undefined, LOAD_TIMEOUT_MS, 'the Problems panel after the load');
  await profile.stop();
  const activate = tl.time('activate') ?? NaN;
  const since = (m: Milestone): number | null => {
    const t = tl.time(m);
    return t === undefined ? null : t - activate;
  };
  return { api, activate, since };
}

export async function run(): Promise<void> {
  const out = process.env.ONEONONES_E2E_OUT;
  const variants = ['baseline', 'extension', 'warm-prime', 'warm'] as const;
  const variant = variants.find((v) => v === process.env.ONEONONES_E2E_VARIANT) ?? 'extension';
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!out || !folder) throw new Error('ONEONONES_E2E_OUT and a workspace folder are needed');
  const teamRoot = path.join(folder.uri.fsPath, 'one-on-ones');
  const profile = new CpuProfile(process.env.ONEONONES_E2E_PROFILE);
  const probe = new LagProbe();
  probe.start();
  const result: Record<string, unknown> = { variant, hostUptimeAtStartMs: Math.round(performance.now()) };
  const cpuStart = process.cpuUsage();
  try {
    // ---- the warm start: a first window writes it (warm-prime), a second on the unchanged folder uses it (warm) ----
    if (variant === 'warm-prime' || variant === 'warm') {
      await vscode.commands.executeCommand('workbench.view.extension.oneOnOnes');
      const { api, since } = await loaded(profile);
      result.load = {
        activateToRowsMs: since('rows'),
        activateToTreeRowsMs: since('treeRows'),
        activateToWarmMs: since('warm'),
        activateToWarmProblemsMs: since('warmProblems'),
        activateToProblemsMs: since('problems'),
        longestTaskMs: probe.take(),
        hostCpuMs: cpuMs(cpuStart),
      };
      // The first window's load writes the warm start when its check is done: the next session needs it on disk.
      await api.service.idle();
      result.warmStartWritten = api.warmStartPath() !== undefined;
      result.ok = true;
      return;
    }
    // ---- the load --------------------------------------------------------------------------------------------
    if (variant === 'extension') {
      // The Reports view open, as a user who works with it has it: VS Code asks the tree for its rows at once.
      let viewShownAt: number | undefined;
      let viewError: string | undefined;
      vscode.commands.executeCommand('workbench.view.extension.oneOnOnes').then(() => (viewShownAt = Date.now()), (e: unknown) => (viewError = String(e)));
      const { api, since, activate } = await loaded(profile);
      result.load = {
        hostStartToActivateMs: Math.round(activate - performance.timeOrigin),
        activateToFolderMs: since('folder'),
        activateToRowsMs: since('rows'),
        activateToTreeRowsMs: since('treeRows'),
        activateToCheckedMs: since('checked'),
        activateToProblemsMs: since('problems'),
        // The view is opened by this script, which VS Code starts after the extension's activation: a first tree row
        // later than this is the extension's doing, one at this time waited for the view.
        activateToViewShownMs: viewShownAt === undefined ? viewError ?? null : viewShownAt - activate,
        longestTaskMs: probe.take(),
        hostCpuMs: cpuMs(cpuStart),
      };
      await sleep(SETTLE_MS);
      result.memoryAfterLoad = memory();
      await sleep(IDLE_MS);
      result.memoryIdle = memory();
      if (process.env.ONEONONES_E2E_HEAP) writeHeapSnapshot(process.env.ONEONONES_E2E_HEAP);

      // ---- one save → Problems updated ------------------------------------------------------------------------
      const reportIds = (api.service.queries?.reports() ?? []).map((r) => r.id).sort();
      const saves: number[] = [];
      for (let i = 0; i < SAVES; i++) {
        const id = reportIds[i % reportIds.length];
        const newest = api.service.checker?.index.report(id)?.meetings[0];
        if (!newest) throw new Error('a report without 1:1s');
        const uri = vscode.Uri.file(path.join(teamRoot, ...newest.path.split('/')));
        const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const key = `bench-save-${i}`;
        const seen = new Promise<number>((resolve) => {
          const sub = vscode.languages.onDidChangeDiagnostics((e) => {
            if (e.uris.some((u) => u.toString() === uri.toString()) && messagesOf(uri).some((m) => m.includes(key))) {
              sub.dispose();
              resolve(Date.now());
            }
          });
        });
        const started = Date.now();
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${before}${key}: true\n`));
        saves.push((await seen) - started);
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
        await sleep(500);
      }
      result.save = { samplesMs: saves, medianMs: median(saves) };
    } else {
      const ext = vscode.extensions.getExtension<BaselineApi>(BASELINE_ID);
      if (!ext) throw new Error('the baseline extension is not installed');
      if (!ext.isActive) await ext.activate();
      result.load = { longestTaskMs: probe.take(), hostCpuMs: cpuMs(cpuStart) };
      await sleep(SETTLE_MS);
      result.memoryAfterLoad = memory();
      await sleep(IDLE_MS);
      result.memoryIdle = memory();
      if (process.env.ONEONONES_E2E_HEAP) writeHeapSnapshot(process.env.ONEONONES_E2E_HEAP);
    }

    // ---- the bulk rewrite: every meeting file, by another process ---------------------------------------------
    await sleep(1000);
    probe.take();
    const events = (): number => {
      if (variant === 'baseline') return vscode.extensions.getExtension<BaselineApi>(BASELINE_ID)?.exports.events() ?? 0;
      return vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)?.exports.service.timeline.watcherEvents ?? 0;
    };
    const eventsBefore = events();
    const round = 1;
    const marker = `bench-round-${round}`;
    // Problems final: the newest 1:1 of every report shows the marker key the rewrite put in it.
    const marked = new Set<string>();
    let lastMarkAt = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      for (const u of e.uris) {
        if (!u.path.endsWith('.yaml')) continue;
        if (messagesOf(u).some((m) => m.includes(marker))) marked.add(u.toString());
        else marked.delete(u.toString());
        lastMarkAt = Date.now();
      }
    });
    const bulkProfile = new CpuProfile(process.env.ONEONONES_E2E_PROFILE?.replace(/load\.cpuprofile$/, 'bulk.cpuprofile'));
    const cpu0 = process.cpuUsage();
    const writeStart = Date.now();
    const summary = await rewrite(teamRoot, round);
    const writesEnded = Date.now();
    let lastEvents = events();
    let lastEventAt = Date.now();
    const quiet = (): boolean => {
      const n = events();
      if (n !== lastEvents) {
        lastEvents = n;
        lastEventAt = Date.now();
      }
      return Date.now() - lastEventAt >= QUIET_MS;
    };
    let finalAt: number;
    if (variant === 'extension') {
      const want = new Set(summary.newest.map((p) => vscode.Uri.file(path.join(teamRoot, ...p.split('/'))).toString()));
      await until(() => [...want].every((u) => marked.has(u)), BULK_TIMEOUT_MS, 'the Problems panel after the rewrite', 100);
      finalAt = Math.max(lastMarkAt, writesEnded);
      const cpuFinal = cpuMs(cpu0);
      await until(quiet, BULK_TIMEOUT_MS, 'the watcher events to end', 100);
      await bulkProfile.stop();
      result.bulk = {
        files: summary.files,
        writeMs: writesEnded - writeStart,
        problemsFinalAfterWritesMs: finalAt - writesEnded,
        hostCpuToFinalMs: cpuFinal,
        longestTaskMs: probe.take(),
        watcherEvents: events() - eventsBefore,
        eventsEndedAfterWritesMs: lastEventAt - writesEnded,
        hostCpuToQuietMs: cpuMs(cpu0),
      };
    } else {
      await until(quiet, BULK_TIMEOUT_MS, 'the watcher events to end', 100);
      result.bulk = {
        files: summary.files,
        writeMs: writesEnded - writeStart,
        longestTaskMs: probe.take(),
        watcherEvents: events() - eventsBefore,
        eventsEndedAfterWritesMs: lastEventAt - writesEnded,
        hostCpuToQuietMs: cpuMs(cpu0),
      };
    }
    sub.dispose();
    await sleep(SETTLE_MS);
    result.memoryAfterBulk = memory();
    result.ok = true;
  } catch (e) {
    result.ok = false;
    result.error = e instanceof Error ? e.message : String(e);
  } finally {
    probe.stop();
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  }
  if (!result.ok) throw new Error(String(result.error));
}
