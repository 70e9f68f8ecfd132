import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../src/core/rules/registry';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures');
/** Expected outputs for the fixtures, byte for byte. */
const GOLDEN = path.join(ROOT, 'test/golden');

/** Runs the bundled CLI the way a user or a pre-commit hook does. */
function cli(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: one-on-ones check', () => {
  it('prints problems like a linter, grouped by report, with counts by severity and by rule, and exits 1 on an error', () => {
    const r = cli(['check', path.join(FIXTURES, 'cli-team'), '--today', '2026-11-24']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, readFileSync(path.join(GOLDEN, 'cli-team.txt'), 'utf8'));
    const lines = r.stdout.trim().split('\n');
    // The 1:1 of 2026-11-10 has an invalid status: it does not count as held (hence cadence-overdue).
    assert.ok(lines.includes('dana/meetings/2026-11-10.yaml:2:9 error `status` must be one of: planned, held, skipped (got `hled`). [schema]'));
    assert.deepEqual(lines.slice(-2), ['5 problems (1 error, 3 warnings, 1 info)', 'by rule: cadence-overdue 1, goal-expired 1, no-active-goal 1, no-first-meeting 1, schema 1']);
    assert.deepEqual(lines.filter((l) => /^\w+: \d+ problems?$/.test(l)), ['dana: 3 problems', 'eli: 2 problems']);
  });

  it('--format json prints one object: the problems (1-based positions, team-relative files) and the team\'s counts (golden file)', () => {
    const r = cli(['check', 'test/fixtures/cli-team', '--today=2026-11-24', '--format', 'json']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, readFileSync(path.join(GOLDEN, 'cli-team.json'), 'utf8'));
    const doc = JSON.parse(r.stdout) as { kind: string; version: number; today: string; problems: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    assert.deepEqual([doc.kind, doc.version, doc.today], ['one-on-ones-check', 1, '2026-11-24']);
    assert.equal(doc.problems.length, 5);
    assert.deepEqual(doc.problems[1], {
      file: 'dana/meetings/2026-11-10.yaml',
      line: 2,
      column: 9,
      endLine: 2,
      endColumn: 13,
      severity: 'error',
      rule: 'schema',
      message: '`status` must be one of: planned, held, skipped (got `hled`).',
    });
    // Two reports, both overdue (dana's last held 1:1 three weeks ago, eli never met) and without an active goal;
    // dana's one held 1:1 in range was prepared. Named by the folder as given, as `summary` names a folder.
    assert.deepEqual(doc.summary, { team: 'test/fixtures/cli-team', today: '2026-11-24', reports: 2, held13: 1, due13: 15, overdue: 2, withoutActiveGoal: 2, careerOverdue: 0, prepared: 1, held: 1 });
    // --quiet shows errors only; the team's counts are the same.
    const quiet = JSON.parse(cli(['check', 'test/fixtures/cli-team', '--today=2026-11-24', '--format', 'json', '--quiet']).stdout) as typeof doc;
    assert.deepEqual([quiet.problems.length, quiet.summary], [1, doc.summary]);
  });

  it('exits 0 with warnings only, and with no problems', () => {
    const demoted = cli(['check', path.join(FIXTURES, 'cli-team'), '--today', '2026-11-24', '--rule', 'schema=warning']);
    assert.equal(demoted.code, 0);
    assert.match(demoted.stdout, /^5 problems \(4 warnings, 1 info\)$/m);
    const clean = cli(['check', path.join(FIXTURES, 'clean-team'), '--today', '2026-11-24']);
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, 'No problems.\n');
  });

  it('--rule ID=off and --no-status-update switch rules off', () => {
    const r = cli(['check', path.join(FIXTURES, 'cli-team'), '--today', '2026-11-24', '--rule', 'no-first-meeting=off', '--rule=no-active-goal=off', '--format', 'json']);
    const rules = (JSON.parse(r.stdout) as { problems: Array<{ rule: string }> }).problems.map((p) => p.rule);
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
      [['check', FIXTURES, '--format', 'xml'], /--format must be text, json, sarif or github \(got `xml`\)/],
      [['check', FIXTURES, '--today', '--format', 'json'], /--today needs a value/],
      [['check', FIXTURES, '--recent=yes'], /--recent takes no value/],
      [['check', FIXTURES, '--no-today'], /Unknown option `--no-today`/],
      [['check', FIXTURES, '-x'], /Unknown option `-x`/],
      [['check', FIXTURES, '--max-warnings', 'many'], /--max-warnings must be a whole number/],
      [['check', FIXTURES, '--max-warnings=-1'], /--max-warnings must be a whole number/],
      [['check', FIXTURES, '--jobs', '0'], /--jobs must be a whole number from 1 to 8 \(got `0`\)/],
      [['check', FIXTURES, '--jobs', 'all'], /--jobs must be a whole number from 1 to 8/],
      [['check', FIXTURES, '--jobs', '9'], /--jobs must be a whole number from 1 to 8/],
      [['check', FIXTURES, '--rule', 'schema'], /severity must be one of/],
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
    assert.match(help.stdout, /--format FORMAT +text, json, sarif, github/);
    for (const flag of ['--quiet', '--max-warnings N', '--staged', '--recent', '--rule ID=SEVERITY', '--no-status-update']) assert.ok(help.stdout.includes(flag), flag);
    for (const id of RULES.keys()) assert.ok(help.stdout.includes(id), id);
    assert.match(cli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('--recent checks what the editor checks; the default parses every file', () => {
    const all = cli(['check', path.join(FIXTURES, 'deep-history'), '--today', '2026-11-24', '--format', 'json']);
    const recent = cli(['check', path.join(FIXTURES, 'deep-history'), '--today', '2026-11-24', '--format', 'json', '--recent']);
    const oldFile = 'gus/meetings/2025-03-03.yaml';
    assert.ok((JSON.parse(all.stdout) as { problems: Array<{ file: string }> }).problems.some((p) => p.file === oldFile));
    assert.ok(!(JSON.parse(recent.stdout) as { problems: Array<{ file: string }> }).problems.some((p) => p.file === oldFile));
    assert.equal(all.code, 1);
    assert.equal(recent.code, 0);
  });

  it('reports every rule at least once on the demo team (the README\'s example)', () => {
    const r = cli(['check', path.join(ROOT, 'examples/demo-team'), '--today', '2026-11-24', '--format', 'json']);
    assert.equal(r.code, 1);
    const seen = new Set((JSON.parse(r.stdout) as { problems: Array<{ rule: string }> }).problems.map((p) => p.rule));
    const missing = [...RULES.keys()].filter((id) => !seen.has(id));
    assert.deepEqual(missing, []);
  });
});

describe('CLI: hostile names and text are escaped in every output format', () => {
  let dir = '';
  // Names and keys a repository can hold: a newline that forges a line, ESC that drives the terminal, a bidi override,
  // a C1 control, and GitHub Actions workflow commands.
  const evilFolder = 'Evil\n::error file=x::forged\u001b[31m\u202e';
  const evilKey = '::warning::key\r\u009bX';
  const evilFile = '2026-11-20\n::error::x.yaml';

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'oneonones-cli-escape-'));
    mkdirSync(path.join(dir, evilFolder));
    mkdirSync(path.join(dir, 'ana', 'meetings'), { recursive: true });
    writeFileSync(path.join(dir, 'ana', 'report.yaml'), `name: "Ana \\e[2J\\u202e"\n${JSON.stringify(evilKey)}: 1\n`);
    writeFileSync(path.join(dir, 'ana', 'meetings', evilFile), 'date: 2026-11-20\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('text output: one line per problem, controls as visible escapes, no `::` workflow command anywhere', () => {
    const r = cli(['check', dir, '--today', '2026-11-24']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    // Every line is a report's header, a problem line (path:line:col severity …), a blank line or the summary.
    for (const line of lines.slice(0, -2)) assert.match(line, /^(.+: \d+ problems?|.+?:\d+:\d+ (error|warning|info|hint) .* \[[a-z-]+\]|)$/, line);
    assert.match(lines[lines.length - 2], /^\d+ problems? \(/);
    assert.match(lines[lines.length - 1], /^by rule: /);
    assert.ok(lines.includes('Evil\\n:\\x3aerror file=x:\\x3aforged\\x1b[31m\\u202e: 1 problem'), r.stdout);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.doesNotMatch(r.stdout, /::/);
    assert.ok(r.stdout.includes('Evil\\n:\\x3aerror file=x:\\x3aforged\\x1b[31m\\u202e'), r.stdout);
    assert.ok(r.stdout.includes(':\\x3awarning:\\x3akey \\x9bX'), r.stdout);
    assert.ok(r.stdout.includes('ana/meetings/2026-11-20\\n:\\x3aerror:\\x3ax.yaml'), r.stdout);
  });

  it('json output: valid JSON holding the exact names, with no raw control or bidi character in the stream', () => {
    const r = cli(['check', dir, '--today', '2026-11-24', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const problems = (JSON.parse(r.stdout) as { problems: Array<{ file: string; message: string }> }).problems;
    assert.ok(problems.some((p) => p.file === evilFolder), JSON.stringify(problems));
    assert.ok(problems.some((p) => p.file === `ana/meetings/${evilFile}`));
    assert.ok(problems.some((p) => p.message.includes('::warning::key \u009bX')), JSON.stringify(problems));
  });

  it('a hostile folder argument is escaped in the error message too', () => {
    const r = cli(['check', path.join(dir, 'no\u001b[2Jsuch\nfolder')]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes('no\\x1b[2Jsuch\\nfolder'), r.stderr);
    assert.doesNotMatch(r.stderr.replace(/\n/g, ''), /[\u0000-\u001f]/);
  });
});

describe('CLI: what cannot be read, said honestly', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'oneonones-cli-perm-'));
    chmodSync(dir, 0o755);
  });
  after(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The CLI as an unprivileged user: root reads through any permission, so only then is EACCES real. */
  function cliAsNobody(args: string[]): { code: number | null; stdout: string; stderr: string } | undefined {
    if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return undefined;
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, CLI, ...args], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('an unreadable team folder: exit 2 and a clear message, no stack trace (as a non-root user)', function () {
    const team = path.join(dir, 'team');
    mkdirSync(team);
    writeFileSync(path.join(team, 'team.yaml'), 'cadence: weekly\n');
    chmodSync(team, 0o000);
    const r = cliAsNobody(['check', team]);
    if (!r) this.skip();
    assert.equal(r!.code, 2, r!.stderr);
    assert.equal(r!.stderr, `one-on-ones: cannot read the team folder ${team}: permission denied.\n`);
    assert.doesNotMatch(r!.stderr, /\bat .*\.js:\d+/);
  });

  it('unreadable files and folders inside the team are findings, and the other reports are checked (as a non-root user)', function () {
    const team = path.join(dir, 'team2');
    for (const id of ['ana', 'ben', 'cid', 'dan']) mkdirSync(path.join(team, id, 'meetings'), { recursive: true });
    for (const id of ['ana', 'ben', 'cid', 'dan']) writeFileSync(path.join(team, id, 'report.yaml'), `name: ${id}\nsince: 2026-01-01\n`);
    writeFileSync(path.join(team, 'ana', 'meetings', '2026-11-20.yaml'), 'date: 2026-11-20\n');
    chmodSync(path.join(team, 'ana', 'meetings', '2026-11-20.yaml'), 0o000);
    chmodSync(path.join(team, 'ben', 'report.yaml'), 0o000);
    chmodSync(path.join(team, 'cid', 'meetings'), 0o000);
    chmodSync(path.join(team, 'dan'), 0o000);
    const r = cliAsNobody(['check', team, '--today', '2026-11-24', '--format', 'json']);
    if (!r) this.skip();
    assert.equal(r!.stderr, '');
    const problems = (JSON.parse(r!.stdout) as { problems: Array<{ file: string; rule: string; message: string }> }).problems;
    const said = (file: string): string[] => problems.filter((p) => p.file === file).map((p) => p.message);
    assert.deepEqual(said('ana/meetings/2026-11-20.yaml'), ['`2026-11-20.yaml` is not read: permission denied. Its content is not checked.']);
    assert.deepEqual(said('ben/report.yaml'), ['`report.yaml` is not read: permission denied. Its content is not checked.']);
    assert.deepEqual(said('cid/meetings'), ['`meetings` is not read: permission denied. Its content is not checked.']);
    assert.deepEqual(said('dan'), ['`dan` is not read: permission denied. Its content is not checked.']);
    // cid's history is unknown: no "no 1:1 yet" for cid; ana (whose only 1:1 is unreadable) still gets its rules.
    assert.ok(!problems.some((p) => p.file === 'cid/report.yaml' && p.rule === 'no-first-meeting'));
    assert.ok(problems.some((p) => p.file === 'ana/report.yaml' && p.rule === 'no-first-meeting'));
  });
});

describe('CLI: links and special files are never followed or read', () => {
  let dir = '';
  let outside = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'oneonones-cli-links-'));
    outside = path.join(dir, 'outside-secret.yaml');
    writeFileSync(outside, 'name: "SECRET OUTSIDE THE TEAM"\nsince: not-a-date-SECRET\n');
    const team = path.join(dir, 'team');
    mkdirSync(path.join(team, 'ana', 'meetings'), { recursive: true });
    mkdirSync(path.join(team, 'ben', 'meetings'), { recursive: true });
    writeFileSync(path.join(team, 'ben', 'report.yaml'), 'name: Ben\n');
    // A hard link: the same file as one outside the team folder, under a name inside it.
    linkSync(outside, path.join(team, 'ana', 'report.yaml'));
    linkSync(outside, path.join(team, 'ben', 'meetings', '2026-11-20.yaml'));
    // A FIFO: opening it for reading would block forever.
    const fifo = spawnSync('mkfifo', [path.join(team, 'ben', 'meetings', '2026-11-21.yaml'), path.join(team, 'ben', 'goals.yaml')]);
    assert.equal(fifo.status, 0, 'mkfifo');
    // A folder named like a file.
    mkdirSync(path.join(team, 'ben', 'meetings', '2026-11-22.yaml'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a hard-linked file is not read (nothing of it is quoted); a FIFO is never opened; a folder named like a file is said', function () {
    this.timeout(20000);
    const r = spawnSync(process.execPath, [CLI, 'check', path.join(dir, 'team'), '--today', '2026-11-24', '--format', 'json'], { encoding: 'utf8', timeout: 15000 });
    assert.equal(r.error, undefined, 'the CLI must not hang on a FIFO');
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /SECRET/);
    const problems = (JSON.parse(r.stdout) as { problems: Array<{ file: string; rule: string; message: string }> }).problems;
    const said = (file: string): string[] => problems.filter((p) => p.file === file).map((p) => `${p.rule}: ${p.message}`);
    assert.deepEqual(said('ana/report.yaml'), ['bad-name: `report.yaml` is not read: it is a hard link (a file with more than one name, possibly outside the team folder).']);
    assert.deepEqual(said('ben/meetings/2026-11-20.yaml'), ['bad-name: `2026-11-20.yaml` is not read: it is a hard link (a file with more than one name, possibly outside the team folder).']);
    assert.match(said('ben/meetings/2026-11-21.yaml')[0], /^bad-name: `2026-11-21.yaml` is not read: it is not a plain file or folder/);
    assert.match(said('ben/goals.yaml')[0], /^bad-name: `goals.yaml` is not read: it is not a plain file or folder/);
    assert.match(said('ben/meetings/2026-11-22.yaml')[0], /^bad-name: `2026-11-22.yaml` is not read: it is not a plain file or folder/);
    // ben is still checked.
    assert.ok(problems.some((p) => p.file === 'ben/report.yaml' && p.rule === 'no-active-goal'));
  });
});
