#!/usr/bin/env node
// Run the SAME integration suite in desktop VS Code (Electron) through @vscode/test-electron's runTests(), for
// machines that can download VS Code from update.code.visualstudio.com (a developer laptop, a CI with internet).
// Offline (our CI) the download fails at once with ENOTFOUND: use codeServer.mjs there.
//
//   node test/integration/runners/electron.mjs --tests <compiled suite index, without .js> \
//        [--extension <dir, default cwd>] [--workspace <dir, copied fresh per run>] [--grep <pattern>] \
//        [--timeout <ms, default 600000>] [--vscode-version <stable|insiders|1.99.0...>] [--keep] [--verbose]
//
// Environment: the same as codeServer.mjs (ONEONONES_EXTENSION, ONEONONES_TESTS, ONEONONES_WORKSPACE,
// ONEONONES_TEST_GREP, ONEONONES_INTEGRATION_TIMEOUT_MS, ONEONONES_KEEP_RUN=1), plus
//   ONEONONES_VSCODE_VERSION     VS Code to download (default "stable"; e.g. "1.99.0" to test the minimum engine)
//   ONEONONES_VSCODE_EXECUTABLE  use this installed VS Code executable instead of downloading one
// Output contract (last stdout line `integration: N passed, M failed`, exit code, $TEST_REPORT_DIR): see common.mjs.
//
// Headless Linux needs a display: `xvfb-run -a node test/integration/runners/electron.mjs ...` (Debian: apt-get
// install xvfb). Desktop VS Code forwards the extension host's console to its stdout, so mocha's output appears here
// directly (no log file to tail, unlike code-server). Downloads are cached in <repo>/.vscode-test/ (git-ignored).

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { makeRunDir, defaultSettings } from '../../../scripts/vscode/server.mjs';
import { DEFAULT_ROOT } from '../../../scripts/vscode/provision.mjs';
import { parseRunnerArgs, prepareWorkspace, conclude, printFinalLine, readReport, info } from './common.mjs';

const require = createRequire(import.meta.url);
const startedAt = Date.now();

/** Direct child pids of this process (POSIX `ps`, present on Linux and macOS). */
function childPids() {
  try {
    return execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
      .split('\n').map((l) => l.trim().split(/\s+/).map(Number))
      .filter(([pid, ppid]) => ppid === process.pid && pid !== process.pid).map(([pid]) => pid);
  } catch {
    return [];
  }
}

/**
 * runTests() does not hand out its child process, so on timeout/interrupt we find VS Code as our direct child and
 * kill its whole tree with test-electron's own helper (killTree.sh on POSIX, taskkill /T on Windows).
 */
async function killVSCode() {
  let killTree;
  try {
    ({ killTree } = require('@vscode/test-electron/out/util.js'));
  } catch { /* internal module moved: fall back to plain kill */ }
  for (const pid of childPids()) {
    if (killTree) await killTree(pid, true).catch(() => {});
    else try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

async function main(args) {
  const { runTests } = require('@vscode/test-electron');
  const version = args.values['vscode-version'] ?? process.env.ONEONONES_VSCODE_VERSION ?? 'stable';
  const executable = process.env.ONEONONES_VSCODE_EXECUTABLE || undefined;

  const runDir = makeRunDir(DEFAULT_ROOT);
  const reportFile = path.join(runDir, 'report.json');
  const userDataDir = path.join(runDir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  // Same quiet, offline-friendly settings as the code-server runs (trust prompts are off via --disable-workspace-trust).
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(defaultSettings(), null, 2) + '\n');
  const workspace = prepareWorkspace(runDir, args.workspacePath);

  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    // Replaces test-electron's own SIGINT dance: we always kill the VS Code tree and print the final line.
    process.once(sig, async () => {
      info(`${sig}: stopping VS Code...`);
      await killVSCode();
      info(`run folder kept: ${runDir}`);
      printFinalLine(readReport(reportFile), [{ title: 'integration suite', message: `interrupted by ${sig}` }]);
      process.exit(code);
    });
  }

  info(`extension ${args.extensionPath}`);
  info(`suite     ${args.testsPath}`);
  info(`workspace ${workspace}${args.workspacePath ? ` (copy of ${args.workspacePath})` : ' (empty)'}`);
  info(executable ? `VS Code ${executable}` : `VS Code ${version} (downloaded into ${path.join(DEFAULT_ROOT, '.vscode-test')} if needed)`);

  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve({ kind: 'timeout' }), args.timeoutMs); });
  const run = runTests({
    ...(executable ? { vscodeExecutablePath: executable } : { version }),
    cachePath: path.join(DEFAULT_ROOT, '.vscode-test'),
    extensionDevelopmentPath: args.extensionPath,
    extensionTestsPath: args.testsPath,
    extensionTestsEnv: {
      ONEONONES_TEST_REPORT: reportFile,
      ...(args.grep ? { ONEONONES_TEST_GREP: args.grep } : {}),
    },
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions stay off; the one under development still loads
      `--user-data-dir=${userDataDir}`,
      `--extensions-dir=${path.join(runDir, 'extensions')}`,
    ],
  }).then(
    (code) => ({ kind: 'exit', code }),
    (err) => {
      // TestRunFailedError: VS Code ran and exited non-zero (the suite's run() rejected, or VS Code crashed).
      if (err && typeof err.code === 'number') return { kind: 'exit', code: err.code };
      const msg = String(err?.message ?? err);
      const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|update\.code\.visualstudio\.com/.test(msg);
      return { kind: 'crash', message: `${offline ? 'could not download VS Code (offline? use test/integration/runners/codeServer.mjs): ' : ''}${msg}` };
    },
  );

  const outcome = await Promise.race([run, timeout]);
  clearTimeout(timer);
  if (outcome.kind === 'timeout') await killVSCode();
  return conclude({
    outcome, reportFile, timeoutMs: args.timeoutMs, runDir, keepRun: args.keepRun, startedAt,
    hint: 'the VS Code output above',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseRunnerArgs('test/integration/runners/electron.mjs', { 'vscode-version': { type: 'string' } });
  try {
    process.exitCode = await main(args);
  } catch (err) {
    info(`ERROR: ${err.stack || err}`);
    printFinalLine(undefined, [{ title: 'integration runner', message: String(err.message || err) }]);
    process.exitCode = 1;
  }
  setTimeout(() => process.exit(process.exitCode), 10_000).unref();
}
