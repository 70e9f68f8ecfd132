import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { addDays } from '../../src/core/dates';
import { dataOf, RULES } from '../../src/core/rules/registry';
import { GOAL_SUGGESTIONS, newGoalItem, newMeetingText, newReportId, newReportText, nextMeetingFileName } from '../../src/core/templates';
import { activeGoalViews, meetingView, openActionViews, reportView, sortByUrgency } from '../../src/core/views/model';
import { check, reportFiles, TODAY, weekly } from './helpers/builders';

const d = (offset: number): string => addDays(TODAY, offset);
const ROOT = path.resolve(__dirname, '../../..');

async function ctxOf(files: Record<string, string>, id: string) {
  const { checker, problems } = await check(files);
  return { ctx: checker.context(id)!, problems, checker };
}

describe('view models', () => {
  it('report row: cadence and last 1:1, or how overdue, with a plain-text tooltip', async () => {
    const ok = await ctxOf(reportFiles('a', { name: 'Ana', cadence: 'biweekly', aspirations: ['Lead'], meetings: weekly(d(-3), 3) }), 'a');
    const v = reportView(ok.ctx);
    assert.equal(v.description, 'last 1:1 3d ago · biweekly');
    assert.equal(v.health, 'ok');
    assert.equal(v.tooltip, `Ana\nCadence: biweekly (14 days)\nLast 1:1: ${d(-3)}\nNext due: ${d(11)} (in 11 days)\nAspirations: Lead`);
    const late = await ctxOf(reportFiles('a', { name: 'Ana', meetings: weekly(d(-16), 3) }), 'a');
    const lv = reportView(late.ctx);
    assert.equal(lv.description, 'overdue 9d · weekly');
    assert.equal(lv.health, 'overdue');
    assert.equal(lv.overdueBy, 9);
  });

  it('sorts the most overdue first', async () => {
    const { checker } = await check({
      ...reportFiles('a', { name: 'A', meetings: weekly(d(-12), 2) }),
      ...reportFiles('b', { name: 'B', meetings: weekly(d(-20), 2) }),
      ...reportFiles('c', { name: 'C', meetings: weekly(d(-1), 2) }),
    });
    const views = ['a', 'b', 'c'].map((id) => reportView(checker.context(id)!));
    assert.deepEqual(sortByUrgency(views).map((v) => v.label), ['B', 'A', 'C']);
  });

  it('goals soonest end first, with days left or expired; history rows; open actions', async () => {
    const goals = [
      { id: 'late', title: 'Late', start: d(-70), end: d(-1) },
      { id: 'soon', title: 'Soon', start: d(-10), end: d(5), buddy: 'Sam' },
      { id: 'old', title: 'Old', start: d(-200), end: d(-100), status: 'done' },
    ];
    const meetings = { ...weekly(d(-3), 2), [d(-3)]: { kind: 'career' as const, actions: [{ text: 'Book the course', owner: 'report' as const, due: d(-1) }] } };
    const { ctx } = await ctxOf(reportFiles('a', { goals, meetings }), 'a');
    assert.deepEqual(activeGoalViews(ctx).map((g) => [g.label, g.description, g.expired]), [['Late', 'expired', true], ['Soon', 'ends in 5 days · buddy: Sam', false]]);
    const refs = ctx.report.meetings;
    assert.deepEqual(meetingView(refs[0], ctx.meetings[0], TODAY), { file: `a/meetings/${d(-3)}.yaml`, label: d(-3), description: 'career · held', career: true, state: 'held' });
    assert.deepEqual(openActionViews(ctx).map((a) => [a.label, a.description, a.overdue]), [['Book the course', `them · due ${d(-1)} (overdue)`, true]]);
  });
});

describe('report health', () => {
  const team = {
    ...reportFiles('late', { name: 'Late', meetings: weekly(d(-16), 3) }),
    ...reportFiles('never', { name: 'Never', since: d(-30) }),
    ...reportFiles('fine', { name: 'Fine', meetings: weekly(d(-2), 3) }),
  };

  it('turning cadence-overdue and no-first-meeting off hides their problems, not the overdue rows', async () => {
    const off = await check(team, { settings: { severities: { 'cadence-overdue': 'off', 'no-first-meeting': 'off' } } });
    assert.deepEqual(off.problems.filter((p) => p.rule === 'cadence-overdue' || p.rule === 'no-first-meeting'), [], 'the Problems entries go');
    const late = reportView(off.checker.context('late')!);
    assert.equal(late.health, 'overdue');
    assert.equal(late.description, 'overdue 9d · weekly');
    assert.equal(late.overdueBy, 9);
    assert.equal(reportView(off.checker.context('never')!).health, 'overdue');
    assert.deepEqual(off.checker.queries.overdue().map((v) => [v.label, v.overdueBy]), [['Never', 23], ['Late', 9]]);
  });

  it('says what the cadence and career rules count, on the same days', async () => {
    const files = {
      ...team,
      ...reportFiles('leave', { name: 'Leave', meetings: weekly(d(-20), 2), paused: [{ from: d(-15), to: d(-5) }] }),
      ...reportFiles('gone', { name: 'Gone', meetings: weekly(d(-40), 2) }),
      ...reportFiles('career', { name: 'Career', meetings: weekly(d(-2), 12, () => ({ kind: 'regular' })) }),
    };
    files['gone/report.yaml'] = `name: Gone
left: ${d(-1)}
`;
    const { checker, problems } = await check(files);
    for (const id of ['late', 'never', 'fine', 'leave', 'gone', 'career']) {
      const health = checker.queries.report(id)!.health;
      const cadence = problems.find((p) => (p.rule === 'cadence-overdue' || p.rule === 'no-first-meeting') && p.data?.report === id);
      const cadenceData = cadence ? dataOf(cadence, 'cadence-overdue') ?? dataOf(cadence, 'no-first-meeting') : undefined;
      assert.equal(health.overdueBy, cadenceData?.overdueBy ?? 0, `${id}: overdue by`);
      assert.equal(health.state === 'overdue', cadence !== undefined, `${id}: overdue`);
      assert.equal(health.careerDue, problems.some((p) => p.rule === 'career-overdue' && p.data?.report === id), `${id}: career due`);
    }
    const leave = checker.queries.report('leave')!.health;
    assert.deepEqual([leave.daysSinceLastHeld, leave.countedDaysSinceLastHeld, leave.overdueBy], [20, 9, 0], 'leave does not count');
    assert.equal(checker.queries.report('fine')!.health.nextDue, d(5));
    assert.equal(checker.queries.report('never')!.health.nextDue, d(-23), 'fell due a week after they started');
    assert.deepEqual([checker.queries.report('gone')!.health.state, checker.queries.report('gone')!.view.description], ['left', `left ${d(-1)}`]);
    assert.equal(checker.queries.report('career')!.health.careerDue, true);
  });

  it('history rows carry their state as an enum, whatever a skip reason says', async () => {
    const meetings = {
      [d(-7)]: { status: 'skipped' as const, extra: { 'skip-reason': 'planned outage' } },
      [d(2)]: { status: 'held' as const },
      [d(3)]: { status: 'planned' as const },
    };
    const { checker } = await check(reportFiles('a', { meetings }));
    const page = await checker.queries.historyPage('a', 10);
    assert.deepEqual(page!.rows.map((r) => [r.label, r.state]), [[d(3), 'planned'], [d(2), 'planned'], [d(-7), 'skipped']]);
    assert.match(page!.rows[2].description, /planned outage/);
  });
});

describe('templates', () => {
  it('the next meeting file name takes -2, -3 when the day has one', () => {
    const refs = [{ path: '', fileName: `${TODAY}.yaml`, date: TODAY, seq: 1 }, { path: '', fileName: `${TODAY}-2.yaml`, date: TODAY, seq: 2 }];
    assert.equal(nextMeetingFileName([], TODAY), `${TODAY}.yaml`);
    assert.equal(nextMeetingFileName(refs.slice(0, 1), TODAY), `${TODAY}-2.yaml`);
    assert.equal(nextMeetingFileName(refs, TODAY), `${TODAY}-3.yaml`);
  });

  it('a new 1:1 note carries open actions and undelivered feedback, and has empty check-ins for active goals', async () => {
    const meetings = {
      [d(-7)]: {
        feedback: [{ type: 'positive' as const, text: 'Given', delivered: true }, { type: 'negative' as const, text: 'Not yet said', delivered: false }],
        actions: [{ text: 'Open one', owner: 'manager' as const, due: d(3) }, { text: 'Closed one', owner: 'report' as const, done: true }],
      },
    };
    const { ctx } = await ctxOf(reportFiles('a', { name: 'Ana', meetings }), 'a');
    const note = parse(newMeetingText(ctx, TODAY));
    assert.deepEqual(note, {
      date: TODAY,
      status: 'planned',
      kind: 'career',
      prep: { manager: { feedback: [{ type: 'negative', text: 'Not yet said', delivered: false }], topics: [] }, report: { topics: [] } },
      goals: { g1: '' },
      notes: '',
      private: '',
      actions: [{ text: 'Open one', owner: 'manager', due: d(3), done: false }],
    });
    // And it is a valid meeting file that the rules accept as prepared once topics are added.
    assert.match(newMeetingText(ctx, TODAY), /^# 1:1 with Ana/);
  });

  it('report ids are safe and unique; report and goal files are valid', () => {
    assert.equal(newReportId('Zoë Müller', new Set()), 'zoe-muller');
    assert.equal(newReportId('Zoë Müller', new Set(['zoe-muller'])), 'zoe-muller-2');
    assert.equal(newReportId('../../etc', new Set()), 'etc');
    assert.equal(newReportId('李雷', new Set()), 'report');
    assert.deepEqual(parse(newReportText({ name: 'Ana', role: 'Dev', since: TODAY })), { name: 'Ana', role: 'Dev', since: TODAY, aspirations: [] });
    const item = newGoalItem({ title: GOAL_SUGGESTIONS[4], start: TODAY, goalLength: '8w' }, new Set(['mentor-a-new-employee']));
    assert.deepEqual(item, { id: 'mentor-a-new-employee-2', title: 'Mentor a new employee', start: TODAY, end: d(56), status: 'active' });
  });
});

describe('the manifest', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('offers a severity setting for exactly the rules the core has, with their defaults', () => {
    const props = pkg.contributes.configuration.properties['oneOnOnes.rules'].properties as Record<string, { enum: string[]; markdownDescription: string }>;
    assert.deepEqual(Object.keys(props).sort(), [...RULES.keys()].sort());
    for (const r of RULES.values()) assert.ok(props[r.id].markdownDescription.endsWith(`Default: \`${r.severity}\`.`), r.id);
  });

  it('every command has the 1:1s category and a codicon; every setting a markdownDescription; never activates on *', () => {
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, '1:1s', c.command);
      assert.match(c.icon, /^\$\([a-z-]+\)$/, c.command);
      assert.match(c.command, /^oneOnOnes\.[a-zA-Z]+$/);
    }
    for (const [k, v] of Object.entries(pkg.contributes.configuration.properties)) assert.ok((v as { markdownDescription?: string }).markdownDescription, k);
    assert.ok(!pkg.activationEvents.includes('*') && !pkg.activationEvents.includes('onStartupFinished'));
  });
});
