/** A goal's `buddy` naming a report: the unknown-buddy rule, its fix, what the views and the form show. */
import * as assert from 'node:assert/strict';
import { addDays } from '../../src/core/dates';
import { applyEdit } from '../../src/core/edit/yamlEdit';
import { loadFormContext } from '../../src/core/form/context';
import { buddyGoalsById, looksLikeReportId } from '../../src/core/career';
import { quickFixesFor } from '../../src/core/rules/registry';
import { TeamQueries } from '../../src/core/query/queries';
import { newMeetingText } from '../../src/core/templates';
import { buddyView } from '../../src/core/views/model';
import { check, ofRule, reportFiles, TODAY, weekly, yaml } from './helpers/builders';
import { parse } from 'yaml';

const d = (offset: number): string => addDays(TODAY, offset);

const goal = (buddy: string): Array<Record<string, unknown>> => [{ id: 'g1', title: 'Ship a mobile change', start: d(-10), buddy }];

describe('buddy: a goal\'s buddy may be a report of the team', () => {
  it('an id-like buddy that is no report is unknown-buddy, with the nearest id; a report id or free text is not', async () => {
    const team = {
      ...reportFiles('ana', { name: 'Ana', goals: goal('zoe-muler') }),
      ...reportFiles('zoe-muller', { name: 'Zoë Müller' }),
      ...reportFiles('bo', { name: 'Bo', goals: goal('Priya (has mentored before)') }),
      ...reportFiles('cy', { name: 'Cy', goals: goal('zoe-muller') }),
      ...reportFiles('di', { name: 'Di', goals: goal('nobody-like-this') }),
    };
    const { problems } = await check(team);
    const found = ofRule(problems, 'unknown-buddy');
    assert.deepEqual(found.map((p) => [p.file, p.range.start.line, p.data]), [
      ['ana/goals.yaml', 4, { report: 'ana', goal: 'g1', buddy: 'zoe-muler', suggestion: 'zoe-muller' }],
      ['di/goals.yaml', 4, { report: 'di', goal: 'g1', buddy: 'nobody-like-this' }],
    ]);
    assert.match(found[0].message, /Did you mean `zoe-muller`\?/);
    assert.equal(found[0].severity, 'warning');
    assert.ok(looksLikeReportId('zoe-muller') && !looksLikeReportId('Priya Shah') && !looksLikeReportId('priya shah'));
  });

  it('its quick fix changes the buddy, and only the buddy\'s bytes', async () => {
    const files = { ...reportFiles('ana', { name: 'Ana' }), ...reportFiles('zoe', { name: 'Zoë' }) };
    const text = '# goals, oldest first\ngoals:\n  - id: g1   # the first\n    title: Ship a mobile change\n    start: ' + d(-10) + '\n    buddy: zeo # typo\n';
    files['ana/goals.yaml'] = text;
    const { problems } = await check(files);
    const [p] = ofRule(problems, 'unknown-buddy');
    assert.ok(p);
    const [fix] = quickFixesFor(p, { today: TODAY, text });
    assert.ok(fix && fix.kind === 'edit');
    assert.equal(fix.title, 'Change buddy to `zoe`');
    assert.equal(applyEdit(text, fix.edit(text)), text.replace('buddy: zeo', 'buddy: zoe'));
  });

  it('a report folder that appears or goes re-checks the goals naming it (not only its own files)', async () => {
    const { checker, fs } = await check({ ...reportFiles('ana', { name: 'Ana', goals: goal('zoe') }) });
    assert.equal(ofRule(checker.problems(), 'unknown-buddy').length, 1);
    fs.write('zoe/report.yaml', yaml({ name: 'Zoë' }));
    await checker.applyChange('zoe', 'created');
    assert.deepEqual(ofRule(checker.problems(), 'unknown-buddy'), []);
    fs.delete('zoe/report.yaml');
    await checker.applyChange('zoe', 'deleted');
    assert.equal(ofRule(checker.problems(), 'unknown-buddy').length, 1);
  });

  it('the goal shows under the buddy (tree row, form context, a topic in their next 1:1), not for done goals or former reports', async () => {
    const files = {
      ...reportFiles('ana', { name: 'Ana', goals: [...goal('zoe'), { id: 'g2', title: 'Old one', start: d(-100), status: 'done', buddy: 'zoe' }] }),
      ...reportFiles('zoe', { name: 'Zoë', meetings: weekly(d(-6), 2) }),
      ...reportFiles('gone', { name: 'Gone' }),
    };
    files['gone/report.yaml'] = yaml({ name: 'Gone', left: d(-5) });
    files['gone/goals.yaml'] = yaml({ goals: goal('zoe') });
    const { checker } = await check(files);
    const queries = new TeamQueries(checker.index, checker);
    const buddies = queries.buddyGoals('zoe');
    assert.deepEqual(buddies.map((b) => [b.ownerId, b.goalId, b.title]), [['ana', 'g1', 'Ship a mobile change']]);
    const view = buddyView('zoe', buddies[0]);
    assert.equal(view.label, 'buddy for Ana: Ship a mobile change');
    assert.equal(view.file, 'ana/goals.yaml');
    assert.equal(view.range?.start.line, 1);
    const form = await loadFormContext(checker.index, `zoe/meetings/${d(-6)}.yaml`);
    assert.deepEqual(form?.buddyOf?.filter((b) => b.title === 'Ship a mobile change'), [{ name: 'Ana', title: 'Ship a mobile change' }]);
    const ctx = checker.context('zoe');
    assert.ok(ctx);
    const note = parse(newMeetingText(ctx, TODAY, { buddyOf: buddies })) as { prep: { manager: { topics: string[] } } };
    assert.deepEqual(note.prep.manager.topics, ['Buddy for Ana on “Ship a mobile change”: how is it going, what help do you need?']);
    assert.deepEqual([...buddyGoalsById([]).keys()], []);
  });
});
