import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { RULES } from '../../src/core/rules/registry';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures');

/** Runs the bundled CLI the way a user or a pre-commit hook does. */
function cli(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: one-on-ones check', () => {
  it('prints problems like a linter, sorted, with a summary, and exits 1 on an error', () => {
    const r = cli(['check', path.join(FIXTURES, 'cli-team'), '--today', '2026-11-24']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines, [
      'dana/goals.yaml:6:10 warning Goal "Lead the search feature" ended on 2026-10-01 (54 days ago) and is still active: mark it done, extend it, or drop it. [goal-expired]',
      'dana/meetings/2026-11-10.yaml:2:9 error `status` must be one of: planned, held, skipped (got `hled`). [schema]',
      // The 1:1 of 2026-11-10 has an invalid status: it does not count as held.
      'dana/report.yaml:1:7 warning No 1:1 with Dana Ortiz for 21 days (last held 2026-11-03); cadence weekly (7 days) + 2 grace days: overdue by 14 days. [cadence-overdue]',
      'eli/report.yaml:1:7 info Eli Ng has no active two-month goal: ask about their aspirations and agree on a first step. [no-active-goal]',
      'eli/report.yaml:1:7 warning Eli Ng has had no 1:1 with you yet, 23 days after starting on 2026-11-01; cadence weekly (7 days) + 2 grace days: start the first one. [no-first-meeting]',
      '5 problems (1 error, 3 warnings, 1 info)',
    ]);
  });

  it('--format json prints an array of problems with 1-based positions and team-relative files', () => {
    const r = cli(['check', path.join(FIXTURES, 'cli-team'), '--today=2026-11-24', '--format', 'json']);
    assert.equal(r.code, 1);
    const problems = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.equal(problems.length, 5);
    assert.deepEqual(problems[1], {
      file: 'dana/meetings/2026-11-10.yaml',
      line: 2,
      column: 9,
      endLine: 2,
      endColumn: 13,
      severity: 'error',
      rule: 'schema',
      message: '`status` must be one of: planned, held, skipped (got `hled`).',
    });
  });

  it('exits 0 with warnings only, and with no problems', () => {
    const demoted = cli(['check', path.join(FIXTURES, 'cli-team'), '--today', '2026-11-24', '--rule', 'schema=warning']);
    assert.equal(demoted.code, 0);
    assert.match(demoted.stdout, /5 problems \(4 warnings, 1 info\)/);
    const clean = cli(['check', path.join(FIXTURES, 'clean-team'), '--today', '2026-11-24']);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, 'No problems.\n');
  });

  it('--rule ID=off and --no-status-update switch rules off', () => {
    const r = cli(['check', path.join(FIXTURES, 'cli-team'), '--today', '2026-11-24', '--rule', 'no-first-meeting=off', '--rule=no-active-goal=off', '--format', 'json']);
    const rules = (JSON.parse(r.stdout) as Array<{ rule: string }>).map((p) => p.rule);
    assert.ok(!rules.includes('no-first-meeting') && !rules.includes('no-active-goal'));
    assert.equal(rules.length, 3);
  });

  it('checks ./one-on-ones by default', () => {
    const r = cli(['check', '--today', '2026-11-24'], path.join(FIXTURES, 'default-folder'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'No problems.\n');
  });

  it('a missing folder or a bad argument gets a clear message and exit 2', () => {
    const missing = cli(['check', path.join(FIXTURES, 'no-such-team')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no team folder at .*no-such-team/);
    const cases: Array<[string[], RegExp]> = [
      [['check', FIXTURES, '--today', '2026-02-30'], /--today must be a calendar date YYYY-MM-DD \(got `2026-02-30`\)/],
      [['check', FIXTURES, '--today'], /--today needs a value/],
      [['check', FIXTURES, '--format', 'xml'], /--format must be text or json/],
      [['check', FIXTURES, '--rule', 'nope=off'], /unknown rule `nope`/],
      [['check', FIXTURES, '--rule', 'schema=loud'], /severity must be one of off, hint, info, warning, error/],
      [['check', FIXTURES, '--fast'], /Unknown option `--fast`/],
      [['lint'], /Unknown command `lint`/],
      [[], /No command given/],
      [['check', 'a', 'b'], /Give one team folder/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: one-on-ones check/);
      assert.equal(r.stdout, '');
    }
  });

  it('--help and --version', () => {
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format text\|json/);
    for (const id of RULES.keys()) assert.ok(help.stdout.includes(id), id);
    assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('--recent checks what the editor checks; the default parses every file', () => {
    const all = cli(['check', path.join(FIXTURES, 'deep-history'), '--today', '2026-11-24', '--format', 'json']);
    const recent = cli(['check', path.join(FIXTURES, 'deep-history'), '--today', '2026-11-24', '--format', 'json', '--recent']);
    const oldFile = 'gus/meetings/2025-03-03.yaml';
    assert.ok((JSON.parse(all.stdout) as Array<{ file: string }>).some((p) => p.file === oldFile));
    assert.ok(!(JSON.parse(recent.stdout) as Array<{ file: string }>).some((p) => p.file === oldFile));
    assert.equal(all.code, 1);
    assert.equal(recent.code, 0);
  });

  it('reports every rule at least once on the demo team (the README\'s example)', () => {
    const r = cli(['check', path.join(ROOT, 'examples/demo-team'), '--today', '2026-11-24', '--format', 'json']);
    assert.equal(r.code, 1);
    const seen = new Set((JSON.parse(r.stdout) as Array<{ rule: string }>).map((p) => p.rule));
    const missing = [...RULES.keys()].filter((id) => !seen.has(id));
    assert.deepEqual(missing, []);
  });
});
