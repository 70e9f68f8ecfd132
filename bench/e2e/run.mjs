#!/usr/bin/env node
// `npm run bench:e2e` (issue #17, point 6): the extension as the user meets it, in the real VS Code (code-server,
// through the same modules the in-host test runner uses: scripts/vscode/server.mjs), on the generated large team
// (`--huge`: 1,000 reports). Two runs on the same machine, one after the other: VS Code with a do-nothing extension
// that watches the folder the same way (bench/e2e/baseline/), then VS Code with this extension. In each, the in-host
// script bench/e2e/hostBench.ts measures (see there) and writes its figures; this script compares them, prints a
// table and writes bench/results-e2e.json (`--huge`: results-e2e-huge.json; date, machine, load). A benchmark, not a
// test: no pass/fail on timings.
//
//   npm run bench:e2e [-- --huge] [-- --only extension|baseline|warm] [-- --keep] [-- --profile]
//
// warm: two more windows on the same folder, sharing their storage: the first (cold) writes the warm start, the
// second (on the unchanged folder) shows the kept rows and problems; its time is compared with the cold load's.
//
// --profile: the extension's run also writes CPU profiles of the host's thread during the load and the bulk rewrite
// (load.cpuprofile, bulk.cpuprofile in its run folder, which is then kept); the figures of a profiled run are slower and are not written to results.
// --heap: the extension's and the baseline's runs write a heap snapshot of the host when idle after the load
// (extension.heapsnapshot, baseline.heapsnapshot in their run folders, kept; figures not written): what the RSS holds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCodeServer, launchBrowser, makeRunDir, freePort, HOST } from '../../scripts/vscode/server.mjs';
import { DEFAULT_ROOT } from '../../scripts/vscode/provision.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const log = (s) => process.stderr.write(`[bench:e2e] ${s}\n`);

const { values: args } = parseArgs({ options: { huge: { type: 'boolean' }, only: { type: 'string' }, keep: { type: 'boolean' }, profile: { type: 'boolean' }, heap: { type: 'boolean' }, timeout: { type: 'string' } } });
const sizeName = args.huge ? 'huge' : 'large';
const timeoutMs = Number(args.timeout ?? 30 * 60_000);

function remoteUri(port, absPath) {
  return `vscode-remote://${HOST}:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** One VS Code session: copy the team, start code-server and the browser, run the in-host script, read its figures. */
async function session(variant, workspace, shared) {
  // The warm pair shares one run folder and one port: the second window finds the first one's storage (its warm
  // start) there. VS Code keys a workspace's storage by the folder's URI, which in code-server holds the port.
  const runDir = shared?.runDir ?? makeRunDir(DEFAULT_ROOT);
  const started = Date.now();
  // The copy back as generated (an earlier session rewrote it): only what changed is written.
  execFileSync(process.execPath, [path.join(ROOT, 'bench', 'e2e', 'rewrite.mjs'), path.join(workspace, 'one-on-ones'), '0'], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The restore (and the last session's rewrite) leaves tens of megabytes for the kernel to write back: flushed now,
  // so that the session is not timed against the disk's writeback of the one before.
  try {
    execFileSync('sync', { stdio: 'ignore' });
  } catch {
    // no `sync` on this system: the session runs as it is
  }
  log(`${variant}: team restored in ${((Date.now() - started) / 1000).toFixed(1)} s (run folder ${runDir})`);
  const outFile = path.join(runDir, 'e2e.json');
  let server;
  let browser;
  let figures;
  try {
    server = await startCodeServer({
      root: DEFAULT_ROOT,
      runDir,
      port: shared?.port,
      env: {
        ONEONONES_E2E_OUT: outFile,
        ONEONONES_E2E_VARIANT: variant,
        ONEONONES_E2E_REWRITER: path.join(ROOT, 'bench', 'e2e', 'rewrite.mjs'),
        ...(args.profile && (variant === 'extension' || variant === 'warm') ? { ONEONONES_E2E_PROFILE: path.join(runDir, 'load.cpuprofile') } : {}),
        ...(args.heap && (variant === 'extension' || variant === 'baseline') ? { ONEONONES_E2E_HEAP: path.join(runDir, `${variant}.heapsnapshot`) } : {}),
      },
      idleTimeoutSeconds: 120,
    });
    browser = await launchBrowser({ runDir });
    const page = await browser.newPage();
    let settle;
    const outcome = new Promise((resolve) => { settle = resolve; });
    await page.exposeFunction('codeAutomationExit', (code) => settle({ kind: 'exit', code: Number(code) }));
    await page.exposeFunction('codeAutomationLog', () => undefined);
    server.exited.then(({ code, signal }) => settle({ kind: 'crash', message: `code-server exited (${signal ?? code})` }));
    const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
    const extensionPath = variant === 'baseline' ? path.join(ROOT, 'bench', 'e2e', 'baseline') : ROOT;
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, extensionPath)],
      ['extensionTestsPath', remoteUri(server.port, path.join(ROOT, 'build', 'bench', 'e2e', 'hostBench'))],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 }).catch((e) => settle({ kind: 'crash', message: e.message }));
    const result = await outcome;
    clearTimeout(timer);
    try {
      figures = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    } catch {
      figures = { ok: false, error: `no figures (${result.kind}${result.message ? `: ${result.message}` : ''})` };
    }
    return figures;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop().catch(() => {});
    if (variant === 'warm-prime' && figures?.ok) {
      // kept for the warm session, which removes it
    } else if (!args.keep && !args.profile && !args.heap && figures?.ok) fs.rmSync(runDir, { recursive: true, force: true });
    else log(`run folder kept: ${runDir}`);
  }
}

const machine = () => ({
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model,
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
});

async function main() {
  for (const f of ['build/bench/e2e/hostBench.js', 'build/bench/generate.js', 'out/extension.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first (npm run bench:e2e does)`);
  }
  const { ensureTeamFolder, SIZES } = require(path.join(ROOT, 'build', 'bench', 'generate.js'));
  const team = ensureTeamFolder(path.join(ROOT, 'bench', 'cache'), SIZES.find((s) => s.name === sizeName), log);
  // One copy for the VS Code sessions (they rewrite it), made once and put back as generated before each session:
  // copying and deleting 52,600 files per session took longer than the session itself.
  const workspace = path.join(ROOT, 'bench', 'cache', `e2e-${path.basename(team)}`);
  if (!fs.existsSync(path.join(workspace, '.complete'))) {
    fs.rmSync(workspace, { recursive: true, force: true });
    log(`copying the ${sizeName} team for the VS Code sessions…`);
    fs.cpSync(team, path.join(workspace, 'one-on-ones'), { recursive: true, filter: (src) => path.basename(src) !== '.complete' });
    fs.writeFileSync(path.join(workspace, '.complete'), '');
  }
  const loadBefore = machine().loadAverage;
  const variants = args.only ? [args.only] : ['baseline', 'extension', 'warm'];
  const runs = {};
  for (const v of variants) {
    let shared;
    if (v === 'warm') {
      // Two windows on the same folder with the same storage: the first (cold) writes the warm start, the second uses it.
      shared = { runDir: makeRunDir(DEFAULT_ROOT), port: await freePort() };
      log(`warm: a first window on the ${sizeName} team writes the warm start…`);
      runs['warm-prime'] = await session('warm-prime', workspace, shared);
      log(`warm-prime: ${runs['warm-prime'].ok ? 'done' : `FAILED: ${runs['warm-prime'].error}`}`);
      if (!runs['warm-prime'].ok) continue;
    }
    log(`${v}: starting VS Code on the ${sizeName} team…`);
    runs[v] = await session(v, workspace, shared);
    log(`${v}: ${runs[v].ok ? 'done' : `FAILED: ${runs[v].error}`}`);
  }
  const b = runs.baseline;
  const e = runs.extension;
  const over = b?.ok && e?.ok ? {
    rssAfterLoadMB: Math.round((e.memoryAfterLoad.rssMB - b.memoryAfterLoad.rssMB) * 10) / 10,
    rssIdleAfterLoadMB: e.memoryIdle && b.memoryIdle ? Math.round((e.memoryIdle.rssMB - b.memoryIdle.rssMB) * 10) / 10 : null,
    rssAfterBulkMB: Math.round((e.memoryAfterBulk.rssMB - b.memoryAfterBulk.rssMB) * 10) / 10,
    bulkCpuRatio: Math.round((e.bulk.hostCpuToFinalMs / Math.max(1, b.bulk.hostCpuToQuietMs)) * 100) / 100,
  } : undefined;
  // The warm start: rows and problems shown (the later of the two) as a share of the cold load's Problems final.
  const w = runs.warm;
  const warmShownMs = w?.ok && w.load.activateToWarmMs !== null && w.load.activateToWarmProblemsMs !== null ? Math.max(w.load.activateToWarmMs, w.load.activateToWarmProblemsMs) : null;
  const warm = w?.ok ? {
    shownMs: warmShownMs,
    coldProblemsMs: e?.ok ? e.load.activateToProblemsMs : runs['warm-prime']?.load?.activateToProblemsMs ?? null,
  } : undefined;
  if (warm) warm.ratio = warm.shownMs !== null && warm.coldProblemsMs ? Math.round((warm.shownMs / warm.coldProblemsMs) * 100) / 100 : null;
  const out = { date: new Date().toISOString(), machine: { ...machine(), loadAverageBefore: loadBefore, node: process.version }, size: sizeName, over, warm, runs };
  // One file per size: a huge run does not replace the large figures the docs quote.
  if (!args.only && !args.profile && !args.heap) fs.writeFileSync(path.join(ROOT, 'bench', sizeName === 'huge' ? 'results-e2e-huge.json' : 'results-e2e.json'), `${JSON.stringify(out, null, 2)}\n`);
  const row = (what, value, target = '') => process.stdout.write(`${what.padEnd(46)} ${String(value ?? '–').padStart(10)}  ${target}\n`);
  process.stdout.write(`\nend to end, ${sizeName} team, code-server, load ${loadBefore.join(' ')} → ${out.machine.loadAverage.join(' ')}\n`);
  if (e?.ok) {
    row('activation → first tree row (ms)', e.load.activateToTreeRowsMs, sizeName === 'huge' ? '≤ 1500' : '≤ 800');
    row('activation → team folder found (ms)', e.load.activateToFolderMs);
    row('activation → rows ready in the index (ms)', e.load.activateToRowsMs);
    row('activation → Problems final (ms)', e.load.activateToProblemsMs);
    row('longest host task, load (ms)', e.load.longestTaskMs, '≤ 50');
    row('one save → Problems updated, median (ms)', e.save.medianMs);
    row(`bulk: ${e.bulk.files} files rewritten → Problems final (ms)`, e.bulk.problemsFinalAfterWritesMs, '≤ 5000');
    row('bulk: host CPU to final (ms)', e.bulk.hostCpuToFinalMs);
    row('bulk: longest host task (ms)', e.bulk.longestTaskMs, '≤ 50');
    row('bulk: watcher events received', e.bulk.watcherEvents);
  }
  if (warm) {
    row('warm reopen: activation → rows and problems (ms)', warm.shownMs);
    row('warm reopen: activation → Problems final (ms)', w.load.activateToProblemsMs);
    row('warm reopen shown / cold Problems final', warm.ratio, '≤ 0.33');
  }
  if (b?.ok) {
    row('baseline: bulk host CPU to quiet (ms)', b.bulk.hostCpuToQuietMs);
    row('baseline: bulk longest host task (ms)', b.bulk.longestTaskMs);
    row('baseline: bulk watcher events received', b.bulk.watcherEvents);
  }
  if (over) {
    row('host RSS over baseline after load (MB)', over.rssAfterLoadMB, sizeName === 'huge' ? '≤ 200' : '≤ 80');
    row('host RSS over baseline, idle 20 s after load (MB)', over.rssIdleAfterLoadMB, sizeName === 'huge' ? '≤ 200' : '≤ 80');
    row('host RSS over baseline after bulk (MB)', over.rssAfterBulkMB);
    row('bulk host CPU / baseline', over.bulkCpuRatio, '≤ 3');
  }
  return Object.values(runs).every((r) => r.ok) ? 0 : 1;
}

process.exitCode = await main().catch((e) => {
  log(`ERROR: ${e.stack || e}`);
  return 1;
});
setTimeout(() => process.exit(process.exitCode), 10_000).unref();
