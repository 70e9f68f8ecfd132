'use strict';
// Suite-side helper: runs mocha INSIDE the VS Code extension host.
//
// VS Code loads the file named by `extensionTestsPath` (with `require`, hence CommonJS here) and calls its exported
// `run(): Promise<void>`; the promise resolving means "passed", rejecting means "failed". This contract is the same
// for desktop VS Code (@vscode/test-electron, runners/electron.mjs) and code-server (runners/codeServer.mjs), so one
// compiled suite serves both. A suite index only needs:
//
//     // <compiled suite>/index.js
//     const path = require('node:path');
//     const { run } = require('<relative path>/test/integration/runners/mochaInHost.cjs');
//     exports.run = () => run(__dirname);            // every *.test.js below this folder, mocha BDD (describe/it)
//
// Interface: BDD (`describe` / `it` / `before` / `after` ...), as globals, like mocha's CLI default.
//
// Channels back to the runner, all via environment variables that the runner gives to the server / VS Code (the
// extension host inherits the server's environment):
//   ONEONONES_TEST_REPORT  path of a JSON summary, rewritten after every test and finally when the run ends:
//                          { passed, failed, pending, failures: [{ title, message }], complete, running }
//                          The runner derives its final "integration: N passed, N failed" line from this file, so the
//                          counts are mocha's own, not parsed from text.
//   ONEONONES_TEST_LOG     path of a text file receiving a copy of everything mocha's reporter prints (and of
//                          console.* output in the extension host while the suite runs). WHY: in
//                          code-server the extension host's console output does not reach the terminal that started
//                          the runner on its own; the runner tails this file live. (The desktop runner doesn't need it:
//                          there the extension host's console reaches VS Code's stdout.)
//   ONEONONES_TEST_GREP    optional mocha --grep pattern (plain string, matched as a regular expression by mocha).

const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

/** Recursively list files under `dir` whose name matches `pattern`, sorted for a stable order. */
function findTestFiles(dir, pattern) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (pattern.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Write JSON atomically (tmp file + rename) so a reader never sees half a report. */
function writeJsonAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

function messageOf(err) {
  if (!err) return 'unknown error';
  const msg = err.message || String(err);
  // Keep the first 5 "at ..." frames: enough to locate the failing assertion without flooding the CI summary.
  // (Only frames: the stack's head repeats the message, which for assertion diffs spans several lines.)
  const frames = typeof err.stack === 'string' ? err.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 5) : [];
  return frames.length ? `${msg}\n${frames.join('\n')}` : msg;
}

/**
 * @param {string} testsRoot folder searched recursively for test files
 * @param {object} [options]
 * @param {RegExp} [options.pattern=/\.test\.js$/] which file names are test files
 * @param {number} [options.timeout=30000] per-test timeout in ms (VS Code commands can be slow on a busy CI box)
 * @param {string} [options.grep] only tests whose full title matches (default: env ONEONONES_TEST_GREP)
 * @param {string} [options.reporter='spec'] any built-in mocha reporter
 * @param {boolean} [options.color] force reporter colours on/off (default: mocha decides; off in the extension host)
 * @param {string} [options.reportPath] JSON summary path (default: env ONEONONES_TEST_REPORT; none if unset)
 * @param {string} [options.logPath] reporter copy path (default: env ONEONONES_TEST_LOG; none if unset)
 * @param {boolean} [options.captureConsole=true] also copy console.* output of the extension host into logPath
 * @param {object} [options.mocha] extra options passed to `new Mocha()`
 * @returns {Promise<void>} resolves when all tests passed; rejects when any failed or nothing could run
 */
async function run(testsRoot, options = {}) {
  const pattern = options.pattern || /\.test\.js$/;
  const reportPath = options.reportPath || process.env.ONEONONES_TEST_REPORT || undefined;
  const logPath = options.logPath || process.env.ONEONONES_TEST_LOG || undefined;
  const grep = options.grep || process.env.ONEONONES_TEST_GREP || undefined;

  // Dynamic import: mocha >= 11 is an ES module. `import()` works from CommonJS in every extension host (Node or
  // Electron), whereas `require()` of ESM needs Node >= 20.19 / 22.12.
  const { default: Mocha } = await import('mocha');
  const Base = Mocha.reporters.Base;

  // Tee into the log file, formatted exactly like a terminal would show it (the extension host's own forwarding of
  // console output to the workbench drops printf formatting and empty lines):
  // - the reporter: reporters print through `Base.consoleLog` (a reference to console.log taken when mocha loaded);
  // - console.log/info/warn/error/debug of tests AND of the extension under test (same process), while mocha runs.
  const originalConsoleLog = Base.consoleLog;
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'];
  // VS Code's extension host replaces console.* with accessor properties whose setter ignores assignments (so
  // extensions cannot unhook its forwarding); they are configurable, so we redefine them and restore the original
  // descriptors afterwards.
  const originalDescriptors = Object.fromEntries(consoleMethods.map((m) => [m, Object.getOwnPropertyDescriptor(console, m)]));
  const append = (text) => {
    try { fs.appendFileSync(logPath, text); } catch { /* never break the run for a log */ }
  };
  if (logPath) {
    fs.mkdirSync(path.dirname(logPath), { recursive: true });
    Base.consoleLog = (...args) => {
      append(util.format(...args) + '\n');
      originalConsoleLog(...args);
    };
    if (options.captureConsole !== false) {
      for (const m of consoleMethods) {
        const desc = originalDescriptors[m];
        if (desc && desc.configurable === false) continue; // cannot hook: output then only reaches VS Code's logs
        const original = console[m];
        const tee = (...args) => {
          append((m === 'error' || m === 'warn' ? `[console.${m}] ` : '') + util.format(...args) + '\n');
          return original.apply(console, args);
        };
        try {
          Object.defineProperty(console, m, { configurable: true, enumerable: desc ? desc.enumerable : true, get: () => tee, set: () => {} });
        } catch { /* leave console as it is */ }
      }
    }
  }

  // `complete` is false until mocha has finished; `running` names the test in progress. The report is rewritten
  // after every test, so when the run is cut short (hang -> the runner's overall timeout, crash) the runner still
  // knows what passed/failed so far and which test never finished.
  const summary = { passed: 0, failed: 0, pending: 0, failures: [], complete: false, running: null };
  const save = () => {
    if (!reportPath) return;
    try { writeJsonAtomic(reportPath, summary); } catch { /* reporting must never break the run */ }
  };
  const finish = () => {
    Base.consoleLog = originalConsoleLog;
    for (const m of consoleMethods) {
      try {
        if (originalDescriptors[m]) Object.defineProperty(console, m, originalDescriptors[m]);
      } catch { /* keep going */ }
    }
    summary.complete = true;
    summary.running = null;
    save();
  };
  save();

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: options.reporter || 'spec',
    timeout: options.timeout ?? 30_000,
    forbidOnly: Boolean(process.env.CI), // like .mocharc's forbid-only, but only in CI: a stray it.only must fail there
    ...(options.color !== undefined ? { color: options.color } : {}),
    ...(grep ? { grep } : {}),
    ...options.mocha,
  });

  let files;
  try {
    files = findTestFiles(path.resolve(testsRoot), pattern);
    for (const f of files) mocha.addFile(f);
  } catch (err) {
    summary.failed = 1;
    summary.failures.push({ title: `finding test files under ${testsRoot}`, message: messageOf(err) });
    finish();
    throw err;
  }
  if (logPath) fs.appendFileSync(logPath, `[mochaInHost] ${files.length} test file(s) under ${testsRoot}${grep ? `, grep ${JSON.stringify(grep)}` : ''}\n`);

  return new Promise((resolve, reject) => {
    let runner;
    try {
      // mocha.run() `require`s the files synchronously: a syntax error or a throwing top-level statement in a
      // test file lands in the catch below and is reported as a failure (not as a silent "0 passed").
      runner = mocha.run((failures) => {
        // Counts from mocha's own stats collector (hook failures included in `failures`).
        const stats = runner.stats || {};
        summary.passed = stats.passes ?? summary.passed;
        summary.failed = Math.max(stats.failures ?? 0, failures || 0, summary.failed);
        summary.pending = stats.pending ?? summary.pending;
        finish();
        if (summary.failed > 0) reject(new Error(`${summary.failed} test(s) failed.`));
        else if (summary.passed === 0) reject(new Error(`no test passed (found ${files.length} test file(s) under ${testsRoot}${grep ? ` with grep ${grep}` : ''})`));
        else resolve();
      });
      const titleOf = (t) => (t && typeof t.fullTitle === 'function' ? t.fullTitle() : String(t && t.title));
      runner.on('test', (test) => { summary.running = titleOf(test); save(); });
      runner.on('hook', (hook) => { summary.running = titleOf(hook); });
      runner.on('pass', () => { summary.passed += 1; summary.running = null; save(); });
      runner.on('pending', () => { summary.pending += 1; save(); });
      runner.on('fail', (test, err) => {
        summary.failed += 1;
        summary.running = null;
        summary.failures.push({ title: titleOf(test), message: messageOf(err) });
        save();
      });
    } catch (err) {
      summary.failed += 1;
      summary.failures.push({ title: 'loading test files', message: messageOf(err) });
      finish();
      reject(err);
    }
  });
}

module.exports = { run, findTestFiles };
