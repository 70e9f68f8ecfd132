// Mocha reporter: the usual spec output, plus mocha's own counts written as JSON for .ci/run, which adds up all
// suites and prints one "N passed, N failed" line. The file goes to $TEST_REPORT_DIR/<suite>.json when set
// (suite name from $TEST_SUITE_NAME, default "unit").
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, err) => {
      failures.push({ title: test.fullTitle(), message: String(err && err.message).slice(0, 2000) });
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const dir = process.env.TEST_REPORT_DIR;
      if (!dir) return;
      const s = runner.stats || {};
      const name = process.env.TEST_SUITE_NAME || 'unit';
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({
        suite: name, passed: s.passes || 0, failed: s.failures || 0, pending: s.pending || 0, failures,
      }, null, 2));
    });
  }
}

module.exports = SummaryReporter;
