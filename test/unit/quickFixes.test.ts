import * as assert from 'node:assert/strict';
import { addDays, MAX_DATE } from '../../src/core/dates';
import { applyEdit, YamlEditError } from '../../src/core/edit/yamlEdit';
import { parseMeetingFile } from '../../src/core/format/files';
import { dataOf, quickFixesFor, RULES, ruleIdOf } from '../../src/core/rules/registry';
import { THIS_DOCUMENT } from '../../src/core/rules/rule';
import type { QuickFix } from '../../src/core/rules/rule';
import type { Problem } from '../../src/core/types';
import { check, reportFiles, TODAY, weekly, yaml } from './helpers/builders';

const d = (offset: number): string => addDays(TODAY, offset);

/** The one problem of a rule (typed by the rule), failing the test when there is not exactly one. */
function only<R extends Problem['rule']>(problems: readonly Problem[], rule: R): Extract<Problem, { rule: R }> {
  const found = problems.filter((p): p is Extract<Problem, { rule: R }> => p.rule === rule);
  assert.equal(found.length, 1, `one ${rule}`);
  return found[0];
}

function edited(fix: QuickFix | undefined, text: string): string {
  assert.ok(fix && fix.kind === 'edit', 'an edit fix');
  return applyEdit(text, fix.edit(text));
}

describe('typed rule data and quick fixes', () => {
  it('a diagnostic code is a rule id only when it is one of the registry\'s (untrusted input)', () => {
    assert.equal(ruleIdOf('cadence-overdue'), 'cadence-overdue');
    assert.equal(ruleIdOf({ value: 'goal-expired', target: 'file:///docs/rules.md#goal-expired' }), 'goal-expired');
    for (const bad of ['Cadence-Overdue', ' goal-expired', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '', 42, null, undefined, { value: 7 }, { value: { value: 'schema' } }, ['schema'], { target: 'schema' }]) {
      assert.equal(ruleIdOf(bad), undefined, JSON.stringify(bad) ?? 'undefined');
    }
    for (const id of RULES.keys()) assert.equal(ruleIdOf(id), id);
  });

  it('cadence-overdue carries the report, days and how overdue as numbers; its fixes start a note today or pause', async () => {
    const { problems } = await check(reportFiles('alice', { name: 'Alice', meetings: weekly(d(-10), 8) }));
    const p = only(problems, 'cadence-overdue');
    assert.deepEqual(p.data, { report: 'alice', days: 10, overdueBy: 3, lastHeld: d(-10) });
    const fixes = quickFixesFor(p, { today: TODAY, text: '' });
    assert.deepEqual(fixes, [
      { kind: 'command', title: 'Start 1:1 note now', command: 'oneOnOnes.startNote', args: ['alice', { date: TODAY }], preferred: true },
      { kind: 'command', title: 'Pause cadence (leave)…', command: 'oneOnOnes.pauseCadence', args: ['alice'] },
    ]);
  });

  it('no-first-meeting offers the same two fixes for its report', async () => {
    const { problems } = await check(reportFiles('bo', { since: d(-30) }));
    const p = only(problems, 'no-first-meeting');
    assert.deepEqual(p.data, { report: 'bo', days: 30, overdueBy: 23 });
    assert.deepEqual(quickFixesFor(p, { today: TODAY, text: '' }).map((f) => f.kind === 'command' && f.args[0]), ['bo', 'bo']);
  });

  it('goal-expired: the fixes find the goal by its id in the text as it is now and edit only its value', async () => {
    const goals = [{ id: 'g0', title: 'Other', start: d(-10) }, { id: 'g1', title: 'Lead billing', start: d(-70), end: d(-3) }];
    const files = reportFiles('alice', { goals, meetings: weekly(d(-3), 6) });
    const { problems } = await check(files);
    const p = only(problems, 'goal-expired');
    assert.deepEqual(p.data, { report: 'alice', goal: 'g1', index: 1, end: d(-3) });
    const text = files['alice/goals.yaml'];
    const fixes = quickFixesFor(p, { today: TODAY, text });
    assert.deepEqual(fixes.map((f) => [f.title, f.preferred ?? false]), [['Mark goal done', true], ['Extend by 2 weeks', false], ['Drop goal', false]]);
    assert.equal(edited(fixes[0], text), text.replace(`end: ${d(-3)}\n`, `end: ${d(-3)}\n    status: done\n`));
    // Extend counts from today when the end has passed, so the goal is not expired again at once.
    assert.equal(edited(fixes[1], text), text.replace(`end: ${d(-3)}`, `end: ${d(14)}`));
    // The list changed since the check (a goal added in front): the fix still edits g1, now the third goal.
    const moved = yaml({ goals: [{ id: 'new', title: 'N', start: d(0) }, ...goals] });
    const again = quickFixesFor(p, { today: TODAY, text: moved });
    assert.equal(edited(again[2], moved), moved.replace(`end: ${d(-3)}\n`, `end: ${d(-3)}\n    status: dropped\n`));
    // The goal is gone from the text: nothing to fix.
    assert.deepEqual(quickFixesFor(p, { today: TODAY, text: yaml({ goals: [goals[0]] }) }), []);
  });

  it('goal-expired: Extend counts from a later end, and is not offered past the last date the format holds', async () => {
    const files = reportFiles('alice', { goals: [{ id: 'g1', title: 'T', start: d(-70), end: d(-3) }], meetings: weekly(d(-3), 6) });
    const { problems } = await check(files);
    const p = only(problems, 'goal-expired');
    const text = files['alice/goals.yaml'];
    // Checked yesterday, fixed today: the end may now lie after today (the user edited it meanwhile).
    const later = quickFixesFor({ ...p, data: { ...p.data, end: d(5) } }, { today: TODAY, text });
    assert.match(edited(later[1], text), new RegExp(`end: ${d(19)}`));
    const titles = quickFixesFor({ ...p, data: { ...p.data, end: addDays(MAX_DATE, -3) } }, { today: TODAY, text }).map((f) => f.title);
    assert.deepEqual(titles, ['Mark goal done', 'Drop goal']);
  });

  it('unknown-key carries the key\'s path as a typed list (indices as numbers), and the rename edits only the key', () => {
    const text = 'date: 2026-11-24\nprep:\n  manager:\n    feedback:\n      - type: positive\n        txet: Clear doc\n';
    const { file } = parseMeetingFile('a/meetings/2026-11-24.yaml', text, '2026-11-24');
    const [f] = file.findings.filter((x) => x.rule === 'unknown-key');
    const data = dataOf(f, 'unknown-key');
    assert.deepEqual(data, { key: 'txet', suggestion: 'text', path: ['prep', 'manager', 'feedback', 0, 'txet'] });
    const fixes = quickFixesFor(f, { today: TODAY, text });
    assert.deepEqual(fixes.map((x) => x.title), ['Rename to `text`']);
    assert.equal(edited(fixes[0], text), text.replace('txet:', 'text:'));
  });

  it('unknown-key without a likely key offers nothing; prep-missing opens the form on this document', async () => {
    const { file } = parseMeetingFile('m', 'date: 2026-11-24\nmood: great\n', '2026-11-24');
    const [f] = file.findings;
    assert.equal(dataOf(f, 'unknown-key')?.suggestion, undefined);
    assert.deepEqual(quickFixesFor(f, { today: TODAY, text: '' }), []);
    const { problems } = await check(reportFiles('alice', { meetings: { ...weekly(d(-3), 6), [d(1)]: { status: 'planned', feedback: [], topics: [] } } }));
    const p = only(problems, 'prep-missing');
    assert.deepEqual(p.data, { report: 'alice', meeting: `${d(1)}.yaml` });
    assert.deepEqual(quickFixesFor(p, { today: TODAY, text: '' }), [{ kind: 'command', title: 'Open the 1:1 form to prepare', command: 'oneOnOnes.openForm', args: [THIS_DOCUMENT] }]);
  });

  it('a fix is refused, not made up, when the file does not parse right now', async () => {
    const files = reportFiles('alice', { goals: [{ id: 'g1', title: 'T', start: d(-70), end: d(-3) }], meetings: weekly(d(-3), 6) });
    const { problems } = await check(files);
    const p = only(problems, 'goal-expired');
    const text = files['alice/goals.yaml'];
    const [done] = quickFixesFor(p, { today: TODAY, text });
    assert.ok(done.kind === 'edit');
    assert.throws(() => done.edit(`${text}  - [unclosed\n`), YamlEditError);
  });

  it('every fix a rule offers has one of the titles the rule declares (what docs/rules.md lists)', async () => {
    const { problems } = await check({
      ...reportFiles('alice', { goals: [{ id: 'g1', title: 'T', start: d(-70), end: d(-3) }], meetings: { ...weekly(d(-10), 6), [d(0)]: { status: 'planned', feedback: [], topics: [], extra: { mood: 1, stauts: 'held' } } } }),
      ...reportFiles('bo', { since: d(-30) }),
    });
    const seen = new Set<string>();
    for (const p of problems) {
      for (const fix of quickFixesFor(p, { today: TODAY, text: 'goals:\n  - id: g1\n    title: T\n' })) {
        seen.add(p.rule);
        const declared = RULES.get(p.rule)!.fixTitles.map((t) => new RegExp(`^${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[a-z]+>/g, '.+')}$`));
        assert.ok(declared.some((re) => re.test(fix.title)), `${p.rule}: ${fix.title}`);
      }
    }
    assert.deepEqual([...seen].sort(), ['cadence-overdue', 'goal-expired', 'no-first-meeting', 'prep-missing', 'unknown-key']);
  });
});
