// The little runner of the suites that drive the real VS Code by hand (test/ui, test/vsix): named checks that go on
// after a failure, one summary line `<suite>: N passed, N failed`, the CI report ($TEST_REPORT_DIR/<suite>.json), and
// the run folder removed after a pass and kept after a failure.
import fs from 'node:fs';
import { writeCiReport } from '../integration/runners/common.mjs';

/** Throws with `message` unless `cond` holds: the assertion of a check. */
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * @param {object} o
 * @param {string} o.suite the suite's name in the summary line and the CI report
 * @param {string} o.runDir the run folder (removed after a pass)
 * @param {number} o.timeoutMs the whole run's limit: past it, the run finishes as stopped early
 * @param {() => Promise<void>} o.cleanup closes the browser and stops the server (whatever was started)
 * @param {(index: number) => Promise<void>} [o.onFailure] e.g. a screenshot of what the user would have seen
 */
export function createChecks({ suite, runDir, timeoutMs, cleanup, onFailure = async () => undefined }) {
  const results = [];
  let finishing = false;
  const watchdog = setTimeout(() => {
    process.stdout.write(`[${suite}] TIMEOUT after ${timeoutMs} ms\n`);
    void finish(1);
  }, timeoutMs);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void finish(1));

  async function check(title, fn) {
    const started = Date.now();
    try {
      await fn();
      results.push({ title, ok: true });
      process.stdout.write(`  ✔ ${title} (${Date.now() - started} ms)\n`);
    } catch (e) {
      results.push({ title, ok: false, message: String(e?.message ?? e) });
      await onFailure(results.length).catch(() => undefined);
      process.stdout.write(`  ✖ ${title}\n      ${String(e?.message ?? e).split('\n').join('\n      ')}\n`);
    }
  }

  /** Ends the process: `code` non-zero means the run stopped early (a timeout, a signal, an error outside a check). */
  async function finish(code) {
    if (finishing) return;
    finishing = true;
    clearTimeout(watchdog);
    await cleanup().catch(() => undefined);
    const passed = results.filter((r) => r.ok).length;
    const stoppedEarly = code !== 0 && results.every((r) => r.ok);
    const failed = results.length - passed + (stoppedEarly ? 1 : 0);
    const failures = results.filter((r) => !r.ok).map((r) => ({ title: r.title, message: r.message }));
    if (stoppedEarly) failures.push({ title: `the ${suite} run`, message: 'stopped early (see the output above)' });
    process.env.TEST_SUITE_NAME = suite;
    writeCiReport({ passed, failed, pending: 0 }, failures);
    if (failed === 0 && passed > 0) fs.rmSync(runDir, { recursive: true, force: true });
    else process.stderr.write(`[${suite}] run folder kept: ${runDir}\n`);
    process.stdout.write(`${suite}: ${passed} passed, ${failed} failed\n`);
    process.exit(failed > 0 || passed === 0 ? 1 : 0);
  }

  return { check, finish, results };
}
