/**
 * Hostile input through the core (issue #11 points 3 and 6, and the fence): bad dates, a report whose rules or files
 * fail, unreadable files and folders (a file-system double: the tests run as root, where chmod blocks nothing), and
 * `left:` (issue #10).
 */
import * as assert from 'node:assert/strict';
import { RULE_FAMILIES, TeamChecker } from '../../src/core/checker';
import type { RuleFamilyCheck } from '../../src/core/checker';
import { addDays } from '../../src/core/dates';
import { TeamIndex } from '../../src/core/index/teamIndex';
import type { Problem } from '../../src/core/types';
import { check, meetingYaml, ofRule, reportFiles, TODAY, weekly, yaml } from './helpers/builders';
import type { Files } from './helpers/builders';
import { MemoryFileSystem } from './helpers/memoryFs';

const d = (offset: number): string => addDays(TODAY, offset);

/** Two healthy reports and whatever the test adds. */
function team(extra: Files = {}): Files {
  return {
    ...reportFiles('ana', { name: 'Ana', aspirations: ['Lead'], meetings: weekly(d(-3), 10) }),
    ...reportFiles('ben', { name: 'Ben', aspirations: ['Lead'], since: d(-30) }),
    ...extra,
  };
}

const summary = (ps: readonly Problem[]): string[] => ps.map((p) => `${p.file} ${p.rule} ${p.message}`).sort();

describe('hostile input: dates at and past the edges', () => {
  for (const start of ['9999-12-31', '0000-01-01', '2026-02-30', '3000-01-01', '1899-12-31']) {
    it(`a goal starting ${start} is a schema finding on that value, and every report is still checked`, async () => {
      const files = team({ 'ana/goals.yaml': yaml({ goals: [{ id: 'g1', title: 'Lead the billing feature', start }] }) });
      const { problems } = await check(files);
      const bad = ofRule(problems, 'schema').filter((p) => p.file === 'ana/goals.yaml');
      assert.equal(bad.length, 1, summary(problems).join('\n'));
      assert.match(bad[0].message, new RegExp(`\`start\` must be a calendar date YYYY-MM-DD \\(got \`${start}\`\\)`));
      assert.equal(bad[0].range.start.line, 3);
      // The bad goal is not used: ana has no active goal now, and ben's findings are all there.
      assert.deepEqual(ofRule(problems, 'no-active-goal').map((p) => p.file), ['ana/report.yaml']);
      assert.equal(ofRule(problems, 'no-first-meeting').filter((p) => p.file === 'ben/report.yaml').length, 1);
    });
  }

  it('a goal whose computed end falls after 2999-12-31 is a finding on its start, and the goal rules skip it', async () => {
    const files = team({ 'ana/goals.yaml': yaml({ goals: [{ id: 'g1', title: 'Far away', start: '2999-12-01' }] }) });
    const { problems } = await check(files, { today: '2999-12-20' });
    const [p] = ofRule(problems, 'schema');
    assert.equal(p.file, 'ana/goals.yaml');
    assert.equal(p.message, 'Goal "Far away" would end on 3000-01-26, after 2999-12-31 (the last date the format supports): give it an earlier `start` or an `end`. The goal rules skip it until then.');
    assert.equal(p.range.start.line, 3);
  });

  it('dates on the edges themselves are fine', async () => {
    const files = team({ 'ana/goals.yaml': yaml({ goals: [{ id: 'g1', title: 'Edge', start: '2999-12-01', end: '2999-12-31' }, { id: 'g0', title: 'Old', start: '1900-01-01', end: '1900-02-01', status: 'done' }] }) });
    const { problems } = await check(files, { today: '2999-12-20' });
    assert.deepEqual(ofRule(problems, 'schema'), []);
  });

  it('meeting files named 0000-01-01.yaml or 2026-02-30.yaml are not read, and say why', async () => {
    const files = team({ 'ana/meetings/0000-01-01.yaml': 'date: 0000-01-01\n', 'ana/meetings/2026-02-30.yaml': 'date: 2026-02-30\n' });
    const { problems } = await check(files);
    const names = ofRule(problems, 'bad-name').map((p) => p.file).sort();
    assert.deepEqual(names, ['ana/meetings/0000-01-01.yaml', 'ana/meetings/2026-02-30.yaml']);
    assert.match(ofRule(problems, 'bad-name')[0].message, /from 1900-01-01 to 2999-12-31/);
  });
});

describe('hostile input: a fence around each report', () => {
  const throwingFor = (id: string): RuleFamilyCheck => (ctx) => {
    if (ctx.report.id === id) throw new RangeError('Not a calendar date: secret content');
    return [];
  };

  it('a rule that throws for one report becomes one finding on its report.yaml; the other reports are fully checked', async () => {
    const fs = new MemoryFileSystem(team());
    const plain = await TeamChecker.open(new MemoryFileSystem(team()), { today: TODAY });
    const checker = await TeamChecker.open(fs, { today: TODAY, rules: [...RULE_FAMILIES, throwingFor('ana')] });
    const problems = checker.problems();
    const ana = problems.filter((p) => p.file.startsWith('ana/'));
    assert.deepEqual(ana.map((p) => [p.file, p.rule, p.severity]), [['ana/report.yaml', 'schema', 'error']]);
    assert.equal(ana[0].message, 'Internal error while checking this report: RangeError. The other reports are checked; this one may be incomplete (please report the bug).');
    assert.doesNotMatch(ana[0].message, /secret/);
    // ben: exactly what a run without the failing rule finds.
    assert.deepEqual(summary(problems.filter((p) => p.file.startsWith('ben/'))), summary(plain.problems().filter((p) => p.file.startsWith('ben/'))));
    assert.ok(problems.some((p) => p.file === 'ben/report.yaml' && p.rule === 'no-first-meeting'));
  });

  it('a file system that throws an unexpected error for one report is fenced too (loading and checking)', async () => {
    const fs = new MemoryFileSystem(team());
    fs.fail('ana/goals.yaml', new TypeError('boom'));
    fs.fail('ana/meetings', new TypeError('boom'));
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const problems = checker.problems();
    assert.ok(problems.some((p) => p.file === 'ana/report.yaml' && /Internal error while checking this report: TypeError/.test(p.message)), summary(problems).join('\n'));
    assert.ok(problems.some((p) => p.file === 'ben/report.yaml' && p.rule === 'no-first-meeting'));
    assert.ok(checker.index.report('ben')?.profile?.value?.name === 'Ben');
  });

  it('a meeting file that throws while read is fenced in a change too', async () => {
    const { checker, fs } = await check(team());
    fs.write('ana/meetings/2026-11-23.yaml', 'date: 2026-11-23\n');
    fs.fail('ana/meetings/2026-11-23.yaml', new TypeError('boom'));
    const changed = await checker.applyChange('ana/meetings/2026-11-23.yaml', 'created');
    assert.ok((changed.get('ana/meetings/2026-11-23.yaml') ?? []).some((p) => /Internal error/.test(p.message)));
    assert.ok(checker.problems().some((p) => p.file === 'ben/report.yaml' && p.rule === 'no-first-meeting'));
  });
});

describe('hostile input: honest diagnostics for what cannot be read', () => {
  it('an unreadable meeting file is reported as unreadable, not empty', async () => {
    const fs = new MemoryFileSystem(team());
    fs.fail(`ana/meetings/${d(-3)}.yaml`, 'unreadable');
    const problems = (await TeamChecker.open(fs, { today: TODAY })).problems();
    const mine = problems.filter((p) => p.file === `ana/meetings/${d(-3)}.yaml`);
    assert.deepEqual(mine.map((p) => [p.rule, p.message]), [['schema', `\`${d(-3)}.yaml\` is not read: permission denied. Its content is not checked.`]]);
  });

  it('an unreadable report.yaml is reported as unreadable, not missing', async () => {
    const fs = new MemoryFileSystem(team());
    fs.fail('ana/report.yaml', 'unreadable');
    const problems = (await TeamChecker.open(fs, { today: TODAY })).problems();
    const mine = problems.filter((p) => p.file === 'ana/report.yaml' || p.file === 'ana');
    assert.deepEqual(mine.map((p) => p.message), ['`report.yaml` is not read: permission denied. Its content is not checked.']);
  });

  it('an unreadable report folder is a finding, not silently gone', async () => {
    const fs = new MemoryFileSystem(team());
    fs.fail('ana', 'unreadable');
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const mine = checker.problems().filter((p) => p.file.startsWith('ana'));
    assert.deepEqual(mine.map((p) => [p.file, p.rule, p.message]), [['ana', 'schema', '`ana` is not read: permission denied. Its content is not checked.']]);
    assert.deepEqual(checker.index.reports().map((r) => r.id), ['ana', 'ben']);
  });

  it('an unreadable meetings folder is a finding, and no cadence rule fires on a history it could not see', async () => {
    const files = team(reportFiles('cid', { name: 'Cid', since: d(-200), aspirations: ['x'], meetings: weekly(d(-40), 3) }));
    const fs = new MemoryFileSystem(files);
    fs.fail('cid/meetings', 'unreadable');
    const problems = (await TeamChecker.open(fs, { today: TODAY })).problems();
    const mine = problems.filter((p) => p.file.startsWith('cid'));
    assert.deepEqual(mine.map((p) => [p.file, p.rule]), [['cid/meetings', 'schema']]);
    assert.equal(mine[0].message, '`meetings` is not read: permission denied. Its content is not checked.');
    // Without the failure, the same report is overdue: the quiet is the unreadable folder's doing.
    const plain = (await check(files)).problems.filter((p) => p.file.startsWith('cid'));
    assert.ok(plain.some((p) => p.rule === 'cadence-overdue'));
  });

  it('a meetings folder that fails in an unexpected way (an I/O error) is said, and no cadence rule speaks of a history it could not see', async () => {
    const files = team(reportFiles('cid', { name: 'Cid', since: d(-200), aspirations: ['x'], meetings: weekly(d(-40), 3) }));
    const fs = new MemoryFileSystem(files);
    fs.fail('cid/meetings', new Error('EIO: i/o error, scandir'));
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const mine = checker.problems().filter((p) => p.file.startsWith('cid'));
    assert.deepEqual(mine.filter((p) => /cadence|first-meeting|career/.test(p.rule)).map((p) => p.rule), [], 'not "no 1:1 yet": the history was not read');
    assert.ok(mine.some((p) => p.file === 'cid/report.yaml' && /could not be read|internal|unexpected/i.test(p.message)), mine.map((p) => p.message).join(' | '));
    assert.equal(checker.queries.reportView('cid')?.health === 'overdue', false, 'the row does not call them overdue either');
    // Read in one go (no rows first: a report folder that appears after the load), report.yaml is kept just the same.
    const plain = await TeamIndex.open(fs);
    assert.equal(plain.report('cid')?.profile?.value?.name, 'Cid');
    assert.equal(plain.report('cid')?.historyUnreadable, true);
  });

  it('a report.yaml that is a folder (or a link, a pipe) is said, not taken as missing', async () => {
    const files = team({ 'cid/report.yaml/x': 'a', 'cid/meetings/2026-11-20.yaml/y': 'b' });
    const { problems } = await check(files);
    const mine = problems.filter((p) => p.file.startsWith('cid'));
    assert.deepEqual(mine.map((p) => [p.file, p.rule]).sort(), [['cid/meetings/2026-11-20.yaml', 'bad-name'], ['cid/report.yaml', 'bad-name']]);
    assert.match(mine[0].message, /is not read: it is not a plain file or folder of the expected kind/);
  });

  it('an unreadable team.yaml is said; the team defaults apply meanwhile', async () => {
    const fs = new MemoryFileSystem(team({ 'team.yaml': 'cadence: biweekly\n' }));
    fs.fail('team.yaml', 'unreadable');
    const problems = (await TeamChecker.open(fs, { today: TODAY })).problems();
    assert.deepEqual(problems.filter((p) => p.file === 'team.yaml').map((p) => p.message), ['`team.yaml` is not read: permission denied. Its content is not checked.']);
  });

  it('a file with bytes that are not UTF-8 says so, at the first one', async () => {
    const { problems } = await check(team({ 'ana/goals.yaml': 'goals:\n  - id: g1\n    title: "Bad \uFFFD byte"\n    start: 2026-11-01\n' }));
    const [p] = problems.filter((x) => x.file === 'ana/goals.yaml' && x.rule === 'schema');
    assert.equal(p.message, 'This file holds bytes that are not UTF-8 (shown as \uFFFD): save it as UTF-8.');
    assert.deepEqual(p.range.start, { line: 2, character: 16 });
  });
});

describe('left: a report who left the team', () => {
  const overdue = (): Files => reportFiles('cid', { name: 'Cid', since: d(-200), aspirations: ['x'], meetings: weekly(d(-40), 6), goals: [{ id: 'g1', title: 'Old goal', start: d(-100) }] });

  it('from the day in `left`, no cadence, career or goal rule fires; the files are still checked', async () => {
    const files = overdue();
    const before = (await check(files)).problems.map((p) => p.rule);
    assert.ok(before.includes('cadence-overdue') && before.includes('goal-expired'), before.join());
    files['cid/report.yaml'] = yaml({ name: 'Cid', since: d(-200), left: d(-10) });
    files[`cid/meetings/${d(-40)}.yaml`] += 'statuss: held\n';
    files[`cid/meetings/${d(-47)}.yaml`] = meetingYaml(d(-47), { goals: { nope: 'hm' } });
    const { problems, checker } = await check(files);
    assert.deepEqual(problems.map((p) => p.rule).sort(), ['unknown-goal', 'unknown-key']);
    const ctx = checker.context('cid')!;
    assert.equal(ctx.left, d(-10));
    assert.equal(ctx.hasLeft, true);
  });

  it('before the day in `left` the rules still fire, and the context says the report has not left yet', async () => {
    const files = overdue();
    files['cid/report.yaml'] = yaml({ name: 'Cid', since: d(-200), left: d(5) });
    const { problems, checker } = await check(files);
    assert.ok(problems.some((p) => p.rule === 'cadence-overdue'));
    assert.equal(checker.context('cid')!.hasLeft, false);
    assert.equal(checker.context('cid')!.left, d(5));
  });

  it('a `left` before `since` is a finding on `left`, and is not used', async () => {
    const files = overdue();
    files['cid/report.yaml'] = yaml({ name: 'Cid', since: d(-200), left: d(-300) });
    const { problems, checker } = await check(files);
    const [p] = ofRule(problems, 'schema');
    assert.equal(p.message, `\`left: ${d(-300)}\` is before \`since: ${d(-200)}\`: fix one of the dates (until then \`left\` is not used).`);
    assert.equal(p.range.start.line, 2);
    assert.ok(problems.some((x) => x.rule === 'cadence-overdue'));
    assert.equal(checker.context('cid')!.hasLeft, false);
  });
});
