#!/usr/bin/env node
// Run ONE mocha suite inside the extension host of a real VS Code (code-server 1.139.1, offline), driven by headless
// Chromium. This is the integration-test runner CI uses on machines that can only reach npm + Debian apt.
//
//   node test/integration/runners/codeServer.mjs --tests <compiled suite index, without .js> \
//        [--extension <ext folder, default: cwd>] [--workspace <folder, copied fresh per run>] [--grep <pattern>] \
//        [--timeout <ms, default 600000>] [--keep] [--verbose] [--restricted]
//   --restricted: Workspace Trust on and the workspace left untrusted (Restricted Mode), for the restricted suite.
//
// Environment equivalents: ONEONONES_EXTENSION, ONEONONES_TESTS, ONEONONES_WORKSPACE, ONEONONES_TEST_GREP,
// ONEONONES_INTEGRATION_TIMEOUT_MS, ONEONONES_KEEP_RUN=1, ONEONONES_VSCODE_VERBOSE=1 (flags win).
// Output contract (last stdout line `integration: N passed, M failed`, exit code, $TEST_REPORT_DIR): see common.mjs.
//
// How it works (measured facts behind it: /work/shared/notes/offline-vscode.md):
// 1. provision code-server (cached in .vscode-test/), make a fresh run folder, copy the workspace into it;
// 2. start code-server with `--vscode-option enable-smoke-test-driver` (else VS Code ignores the test payload and the
//    window just sits there) and env ONEONONES_TEST_REPORT / ONEONONES_TEST_LOG / ONEONONES_TEST_GREP, which the
//    extension host inherits from the server;
// 3. open http://127.0.0.1:PORT/?folder=<copy>&payload=[["extensionDevelopmentPath","vscode-remote://127.0.0.1:PORT<ext>"],
//    ["extensionTestsPath","vscode-remote://127.0.0.1:PORT<suite>"]] in Chromium. The workbench starts the (remote, Node)
//    extension host in test mode, which `require`s the suite and awaits its run(); then the workbench calls
//    window.codeAutomationExit(code) -- exposed below with page.exposeFunction -- with 0 (resolved) or 1 (rejected);
// 4. mocha's output: mochaInHost.cjs tees it into ONEONONES_TEST_LOG and we stream that file to stdout while the suite
//    runs. (Tested alternative: the extension host's console also reaches window.codeAutomationLog, but unformatted
//    -- "%d passing (%s),2,87ms" -- and mixed with workbench messages; that goes to diagnostics/workbench.log.)
//    Counts come from the JSON summary ONEONONES_TEST_REPORT, never from parsing text.
// The run folder (.vscode-test/runs/<stamp>-<pid>/: server.log, mocha.log, report.json, diagnostics/ with the
// workbench's logs, browser console and a final screenshot on failure) is deleted after a passing run, kept otherwise.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, launchBrowser, makeRunDir, HOST } from '../../../scripts/vscode/server.mjs';
import { DEFAULT_ROOT } from '../../../scripts/vscode/provision.mjs';
import { parseRunnerArgs, prepareWorkspace, conclude, printFinalLine, readReport, tailFile, info } from './common.mjs';

const startedAt = Date.now();
const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

/** A vscode-remote URI for a server-side absolute path; the authority must equal the host:port the browser uses. */
function remoteUri(port, absPath) {
  return `vscode-remote://${HOST}:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

// Offline noise the workbench logs as errors: the extension gallery (open-vsx.org) is unreachable.
const NOISE = /ENOTFOUND open-vsx\.org|open-vsx\.org.*(ENOTFOUND|EAI_AGAIN|ECONNREFUSED)/;

async function main(args) {
  // ---- resources, cleaned up on every path (idempotent; also on SIGINT/SIGTERM/SIGHUP) ----------------------
  let server;
  let browser;
  let tail;
  let cleaning;
  const cleanup = () => {
    cleaning ??= (async () => {
      tail?.stop();
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop().catch((e) => info(`stopping code-server: ${e.message}`));
    })();
    return cleaning;
  };

  const runDir = makeRunDir(DEFAULT_ROOT);
  const reportFile = path.join(runDir, 'report.json');
  const logFile = path.join(runDir, 'mocha.log');
  const diagDir = path.join(runDir, 'diagnostics');
  fs.mkdirSync(diagDir, { recursive: true });

  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(sig, () => {
      info(`${sig}: stopping browser and code-server...`);
      // A second signal while cleaning up exits at once; the server's idle timeout is then the last safety net.
      process.once(sig, () => process.exit(code));
      cleanup().finally(() => {
        info(`run folder kept: ${runDir}`);
        printFinalLine(readReport(reportFile), [{ title: 'integration suite', message: `interrupted by ${sig}` }]);
        process.exit(code);
      });
    });
  }

  try {
    const workspace = prepareWorkspace(runDir, args.workspacePath);
    info(`extension ${args.extensionPath}`);
    info(`suite     ${args.testsPath}`);
    info(`workspace ${workspace}${args.workspacePath ? ` (copy of ${args.workspacePath})` : ' (empty)'}`);

    server = await startCodeServer({
      root: DEFAULT_ROOT,
      runDir,
      // The extension is loaded through the payload's extensionDevelopmentPath only, not also symlinked into the
      // extensions dir (as start.mjs does): that is how VS Code runs extension tests everywhere, and a second,
      // installed copy of the same extension would only add "overwriting extension" warnings.
      extensionDevelopmentPath: undefined,
      env: {
        ONEONONES_TEST_REPORT: reportFile,
        ONEONONES_TEST_LOG: logFile,
        ...(args.grep ? { ONEONONES_TEST_GREP: args.grep } : {}),
      },
      // Restricted Mode: the trust feature on, no start-up prompt, so the folder stays untrusted.
      workspaceTrust: Boolean(args.values.restricted),
      settings: args.values.restricted ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {},
      // Safety net if this runner is SIGKILLed: the browser dies with us, the server exits after ~2-3 idle minutes.
      idleTimeoutSeconds: 120,
      verbose: args.verbose,
    });

    tail = tailFile(logFile);
    browser = await launchBrowser({ runDir });
    const page = await browser.newPage();

    // Outcome: the first of (extension host finished | overall timeout | browser, page or server died).
    let settle;
    const outcome = new Promise((resolve) => { settle = resolve; });
    const consoleLog = fs.createWriteStream(path.join(diagDir, 'browser-console.log'));
    const workbenchLog = fs.createWriteStream(path.join(diagDir, 'workbench.log'));

    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      // `logs` = the workbench's own log files [{relativePath, contents}]: keep them for post-mortems.
      try {
        for (const l of Array.isArray(logs) ? logs : []) {
          const rel = path.normalize(String(l.relativePath)).replace(/^(\.\.(\/|\\|$))+/, '');
          const dest = path.join(diagDir, 'workbench-logs', rel);
          fs.mkdirSync(path.dirname(dest), { recursive: true });
          fs.writeFileSync(dest, String(l.contents));
        }
      } catch { /* diagnostics only */ }
      settle({ kind: 'exit', code: Number(code) });
    });
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      workbenchLog.write(`[${level}] ${message}\n`);
      const first = String(message).split('\n')[0];
      if (args.verbose || (level === 'error' && !NOISE.test(first))) process.stderr.write(`[workbench:${level}] ${first}\n`);
    });
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e}\n`));
    page.on('crash', () => settle({ kind: 'crash', message: 'the browser page crashed' }));
    browser.on('disconnected', () => settle({ kind: 'crash', message: 'the browser disconnected' }));
    server.exited.then(({ code, signal }) => settle({ kind: 'crash', message: `code-server exited unexpectedly (${signal ?? `exit ${code}`}); see ${server.logFile}` }));
    const timer = setTimeout(() => settle({ kind: 'timeout' }), args.timeoutMs);

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, args.extensionPath)],
      ['extensionTestsPath', remoteUri(server.port, args.testsPath)],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    info(`opening the workbench after ${elapsed()} (overall timeout ${Math.round(args.timeoutMs / 1000)} s)`);
    page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 })
      .catch((e) => settle({ kind: 'crash', message: `could not load the workbench: ${e.message}` }));

    const result = await outcome;
    clearTimeout(timer);
    await new Promise((r) => setTimeout(r, 250)); // let the suite's last log lines land
    tail.stop();
    if (result.kind !== 'exit' || result.code !== 0) {
      await page.screenshot({ path: path.join(diagDir, 'final.png'), timeout: 5000 }).catch(() => {});
    }
    await cleanup();
    await Promise.all([new Promise((r) => consoleLog.end(r)), new Promise((r) => workbenchLog.end(r))]);

    return conclude({
      outcome: result, reportFile, timeoutMs: args.timeoutMs, runDir, keepRun: args.keepRun, startedAt,
      hint: `${path.join(diagDir, 'workbench.log')} and ${path.join(runDir, 'server.log')}`,
    });
  } catch (err) {
    info(`ERROR: ${err.stack || err}`);
    await cleanup();
    info(`run folder kept: ${runDir}`);
    printFinalLine(readReport(reportFile), [{ title: 'integration runner', message: String(err.message || err) }]);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseRunnerArgs('test/integration/runners/codeServer.mjs', { restricted: { type: 'boolean' } });
  process.exitCode = await main(args);
  // Everything is closed by now; if some stray handle still keeps the event loop alive, do not hang CI over it.
  setTimeout(() => process.exit(process.exitCode), 10_000).unref();
}
