// Shared by the two integration runners (codeServer.mjs: offline code-server + Chromium; electron.mjs: desktop VS
// Code via @vscode/test-electron): same arguments, same workspace copy, same verdict and the same output contract.
//
// Output contract (what CI relies on):
// - The LAST line on stdout is exactly `integration: N passed, M failed`, N and M from mocha's own counts as written
//   by mochaInHost.cjs into ONEONONES_TEST_REPORT. If the run was cut short (overall timeout, crash, interrupt, the
//   suite never reporting), the test that never finished -- or, with no report at all, the suite itself -- counts as
//   1 failed, so M > 0 for every failed run except "0 passed, 0 failed" (nothing ran, e.g. --grep matched nothing).
// - Exit code 0 only if VS Code reported success, mocha finished, M == 0 and N > 0; else 1 (2: bad arguments,
//   130/143/129: interrupted by SIGINT/SIGTERM/SIGHUP).
// - With $TEST_REPORT_DIR set (as .ci/run does), the same counts go to $TEST_REPORT_DIR/<$TEST_SUITE_NAME or
//   "integration">.json in the schema of test/support/summaryReporter.cjs: {suite, passed, failed, pending, failures}.
// - Progress and diagnostics go to stderr.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const info = (msg) => process.stderr.write(`[integration] ${msg}\n`);

/**
 * Parse the common command line (flags win over environment variables).
 * @param {string} runnerPath for the usage line
 * @param {object} [extra] extra parseArgs option definitions
 */
export function parseRunnerArgs(runnerPath, extra = {}) {
  const usageLine = `usage: node ${runnerPath} --tests <compiled suite index, without .js> [--extension <dir, default cwd>] ` +
    `[--workspace <dir>] [--grep <pattern>] [--timeout <ms>] [--keep] [--verbose]${Object.keys(extra).map((k) => ` [--${k}${extra[k].type === 'string' ? ' <value>' : ''}]`).join('')}`;
  const usage = (msg) => {
    process.stderr.write(`${msg ? `error: ${msg}\n` : ''}${usageLine}\n`);
    // Even a misconfigured run ends with the contract's last line (and CI report): CI sees a failed suite.
    if (msg) printFinalLine(undefined, [{ title: 'integration runner arguments', message: msg }]);
    process.exit(msg ? 2 : 0);
  };
  let v;
  try {
    v = parseArgs({
      options: {
        extension: { type: 'string' },
        tests: { type: 'string' },
        workspace: { type: 'string' },
        grep: { type: 'string' },
        timeout: { type: 'string' },
        keep: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...extra,
      },
      strict: true,
    }).values;
  } catch (e) {
    usage(e.message);
  }
  if (v.help) usage();

  const env = process.env;
  const extensionPath = path.resolve(v.extension ?? env.ONEONONES_EXTENSION ?? process.cwd());
  const testsArg = v.tests ?? env.ONEONONES_TESTS;
  const workspaceArg = v.workspace ?? env.ONEONONES_WORKSPACE;
  const timeoutRaw = v.timeout ?? env.ONEONONES_INTEGRATION_TIMEOUT_MS ?? String(10 * 60_000);
  const timeoutMs = Number(timeoutRaw);

  if (!testsArg) usage('--tests is required');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) usage(`invalid timeout: ${timeoutRaw}`);
  if (!fs.existsSync(path.join(extensionPath, 'package.json'))) usage(`no package.json in extension folder ${extensionPath}`);
  // VS Code's extensionTestsPath is "a file without .js, or a folder with index.js". Accept a trailing .js too.
  const testsPath = path.resolve(testsArg.replace(/\.c?js$/, ''));
  if (!fs.existsSync(`${testsPath}.js`) && !fs.existsSync(path.join(testsPath, 'index.js'))) {
    usage(`suite index not found: neither ${testsPath}.js nor ${testsPath}/index.js exists (did the build run?)`);
  }
  const workspacePath = workspaceArg && path.resolve(workspaceArg);
  if (workspacePath && !fs.statSync(workspacePath, { throwIfNoEntry: false })?.isDirectory()) {
    usage(`workspace folder not found: ${workspacePath}`);
  }
  // Warn early if the extension's entry point has not been built: activation would fail with a confusing error.
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  if (pkg.main) {
    const main = path.resolve(extensionPath, pkg.main);
    if (![main, `${main}.js`, path.join(main, 'index.js')].some((p) => fs.existsSync(p))) {
      info(`warning: the extension's main ${pkg.main} does not exist yet (build first?)`);
    }
  }
  return {
    values: v,
    extensionPath,
    testsPath,
    workspacePath,
    grep: v.grep ?? env.ONEONONES_TEST_GREP ?? undefined,
    timeoutMs,
    keepRun: Boolean(v.keep) || env.ONEONONES_KEEP_RUN === '1',
    verbose: Boolean(v.verbose) || env.ONEONONES_VSCODE_VERBOSE === '1',
  };
}

/** Fresh copy of the workspace inside the run folder (tests may write files; the source stays untouched). */
export function prepareWorkspace(runDir, workspacePath) {
  if (workspacePath) {
    const dest = path.join(runDir, 'workspace', path.basename(workspacePath));
    fs.cpSync(workspacePath, dest, { recursive: true, verbatimSymlinks: true });
    return dest;
  }
  const empty = path.join(runDir, 'workspace', 'empty');
  fs.mkdirSync(empty, { recursive: true });
  return empty;
}

export function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts for the final line, per the contract above. */
export function countsOf(report) {
  const passed = report?.passed ?? 0;
  const failed = (report?.failed ?? 0) + (report?.complete ? 0 : 1);
  return { passed, failed, pending: report?.pending ?? 0 };
}

/** $TEST_REPORT_DIR/<suite>.json for .ci/run, same schema as test/support/summaryReporter.cjs. */
export function writeCiReport({ passed, failed, pending }, failures) {
  const dir = process.env.TEST_REPORT_DIR;
  if (!dir) return;
  const suite = process.env.TEST_SUITE_NAME || 'integration';
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${suite}.json`), JSON.stringify({
      suite, passed, failed, pending,
      failures: (failures ?? []).map((f) => ({ title: f.title, message: String(f.message).slice(0, 2000) })),
    }, null, 2) + '\n');
  } catch (e) {
    info(`could not write the CI report into ${dir}: ${e.message}`);
  }
}

/** Print the last line (and the CI report). Use on every exit path, including errors and interrupts. */
export function printFinalLine(report, extraFailures = []) {
  const counts = countsOf(report);
  writeCiReport(counts, [...(report?.failures ?? []), ...extraFailures]);
  process.stdout.write(`integration: ${counts.passed} passed, ${counts.failed} failed\n`);
  return counts;
}

/**
 * Decide, explain and print. Returns the process exit code.
 * @param {object} o
 * @param {{kind: 'exit', code: number} | {kind: 'timeout'} | {kind: 'crash', message: string}} o.outcome
 * @param {string} o.reportFile
 * @param {number} o.timeoutMs
 * @param {string} o.runDir
 * @param {boolean} o.keepRun
 * @param {string} [o.hint] where to look when the suite never reported
 * @param {number} o.startedAt Date.now() at start
 */
export function conclude({ outcome, reportFile, timeoutMs, runDir, keepRun, hint, startedAt }) {
  const report = readReport(reportFile);
  const problems = [];
  if (outcome.kind === 'timeout') {
    problems.push(`TIMEOUT: the suite did not finish within ${Math.round(timeoutMs / 1000)} s ` +
      '(raise with --timeout <ms> or ONEONONES_INTEGRATION_TIMEOUT_MS)' +
      (report?.running ? `; still running: "${report.running}"` : ''));
  } else if (outcome.kind === 'crash') {
    problems.push(`ABORTED: ${outcome.message}`);
  } else if (outcome.code !== 0) {
    problems.push(`VS Code reported exit code ${outcome.code}`);
  }
  if (!report) {
    problems.push(`no report from the suite (${reportFile} missing): does its index call mochaInHost.run()? ` +
      `Did the extension host start?${hint ? ` See ${hint}` : ''}`);
  } else if (!report.complete) {
    problems.push('mocha did not finish: the test that was running is counted as failed');
  }
  const counts = countsOf(report);
  if (report?.complete && counts.passed === 0 && counts.failed === 0) problems.push('no test ran (empty suite or --grep matched nothing)');

  if (report?.failures?.length) {
    process.stderr.write('\n[integration] failures:\n');
    report.failures.forEach((f, i) => process.stderr.write(`  ${i + 1}) ${f.title}\n     ${String(f.message).split('\n').join('\n     ')}\n`));
  }
  for (const p of problems) info(p);

  const ok = problems.length === 0 && outcome.kind === 'exit' && outcome.code === 0 && counts.failed === 0 && counts.passed > 0;
  if (ok && !keepRun) fs.rmSync(runDir, { recursive: true, force: true });
  else info(`run folder kept: ${runDir}`);
  info(`${ok ? 'PASS' : 'FAIL'} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  // The unfinished test (or the suite that never reported) is the extra failure: name it in the CI report too.
  printFinalLine(report, report?.complete ? [] : [{ title: report?.running || 'integration suite', message: problems.join('; ') }]);
  return ok ? 0 : 1;
}

/** Stream the new bytes of a growing text file to stdout (polling: works for any writer, any filesystem). */
export function tailFile(file, intervalMs = 200) {
  let pos = 0;
  const pump = () => {
    let fd;
    try {
      fd = fs.openSync(file, 'r');
      const size = fs.fstatSync(fd).size;
      while (size > pos) {
        const buf = Buffer.alloc(Math.min(size - pos, 1 << 20));
        const n = fs.readSync(fd, buf, 0, buf.length, pos);
        if (n <= 0) break;
        pos += n;
        process.stdout.write(buf.subarray(0, n));
      }
    } catch { /* not created yet */ } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  };
  const timer = setInterval(pump, intervalMs);
  return {
    flush: pump,
    stop() { clearInterval(timer); pump(); },
  };
}
