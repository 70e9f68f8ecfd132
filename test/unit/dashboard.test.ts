/** The team health dashboard's core: the weekly classification, adherence, the totals, and what may leave (issue #14). */
import * as assert from 'node:assert/strict';
import { addDays } from '../../src/core/dates';
import type { Period } from '../../src/core/dates';
import { reportInput } from '../../src/core/dashboard/input';
import { DashboardQuery } from '../../src/core/dashboard/query';
import { parseDashboardHostMessage, parseDashboardPageMessage } from '../../src/shared/dashboardProtocol';
import { reportHealth } from '../../src/core/query/health';
import { cellName, heatmapSvg, markdownCell, summaryMarkdown } from '../../src/core/dashboard/share';
import { dashboardSummary, reportRow } from '../../src/core/dashboard/summary';
import type { HeldFact, ReportInput } from '../../src/core/dashboard/summary';
import { adherence, classifyWeeks, mondayOf } from '../../src/core/dashboard/weeks';
import type { MeetingFact, WeekCell } from '../../src/core/dashboard/weeks';
import { weekdayName } from '../../src/core/planning';
import { check, reportFiles, TODAY, weekly } from './helpers/builders';

// TODAY (2026-11-24) is a Tuesday; its week starts on Monday 2026-11-23.
const THIS_MONDAY = '2026-11-23';
const held = (date: string, kind: 'regular' | 'career' = 'regular'): MeetingFact => ({ date, seq: 1, status: 'held', kind });
const of = (date: string, status: MeetingFact['status']): MeetingFact => ({ date, seq: 1, status, kind: 'regular' });
/** The Tuesday `n` weeks before this week's. */
const tue = (n: number): string => addDays('2026-11-24', -7 * n);
const states = (cells: readonly WeekCell[]): string => cells.map((c) => ({ held: 'H', skipped: 'S', missed: 'M', leave: 'L', planned: 'P', 'not-due': '.' })[c.state]).join('');

describe('dashboard: the weekly classification', () => {
  it('weeks run Monday to Sunday, the last one holding today', () => {
    assert.equal(mondayOf('2026-11-24'), THIS_MONDAY);
    assert.equal(mondayOf('2026-11-23'), THIS_MONDAY);
    assert.equal(mondayOf('2026-11-29'), THIS_MONDAY);
    assert.equal(mondayOf('2026-11-30'), '2026-11-30');
    const cells = classifyWeeks({ cadenceDays: 7, paused: [] }, [], TODAY, 26);
    assert.equal(cells.length, 26);
    assert.equal(cells[25].week, THIS_MONDAY);
    assert.equal(cells[0].week, addDays(THIS_MONDAY, -7 * 25));
    assert.ok(cells.every((c) => weekdayName(c.week) === 'Monday'));
  });

  it('weekly: every week needs one; a week without one is missed, a skipped one is skipped, both count against adherence', () => {
    const meetings = Array.from({ length: 30 }, (_, i) => held(tue(i))).filter((m) => m.date !== tue(3) && m.date !== tue(5));
    meetings.push(of(tue(5), 'skipped'));
    const cells = classifyWeeks({ since: '2025-01-06', cadenceDays: 7, paused: [] }, meetings, TODAY, 26);
    assert.equal(states(cells), `${'H'.repeat(20)}SHMHHH`);
    assert.deepEqual(adherence(cells, 26), { held: 24, due: 26, percent: 92 });
    assert.deepEqual(adherence(cells, 13), { held: 11, due: 13, percent: 85 });
    assert.deepEqual(cells[20].meeting, { date: tue(5), seq: 1 }, 'a skipped week opens its 1:1');
  });

  it('biweekly: the off week is not due; a missed due week is missed once, and the next one falls two weeks later', () => {
    // Held every other week, except the one due 8 weeks ago: nothing then, held again the week after.
    const dates = [0, 2, 4, 6, 7, 10, 12, 14, 16, 18, 20, 22, 24, 26].map(tue);
    const cells = classifyWeeks({ since: '2025-01-06', cadenceDays: 14, paused: [] }, dates.map((d) => held(d)), TODAY, 26);
    // oldest first: weeks 25..0 ago
    const heldAgo = new Set([0, 2, 4, 6, 7, 10, 12, 14, 16, 18, 20, 22, 24, 26]);
    const expected = Array.from({ length: 26 }, (_, i) => 25 - i).map((ago) => (heldAgo.has(ago) ? 'H' : ago === 8 ? 'M' : '.')).join('');
    assert.equal(states(cells), expected);
    assert.equal(expected.slice(14, 22), '.H.MHH.H', 'weeks 11 to 4 ago: the missed week, then held twice in a row');
    const a = adherence(cells, 26);
    assert.equal(a.due - a.held, 1, 'one due week was not held: the missed one');
    assert.deepEqual([cells[18].due, cells[19].due], [false, false], 'the two catch-up weeks were held early: not due, not counted');
    assert.ok(cells.filter((c) => c.state === 'not-due').every((c) => !c.due));
  });

  it('a cadence in days (10d): due in most weeks, and held 1:1s restart the count', () => {
    const meetings = [held('2026-11-02'), held('2026-11-12'), held('2026-11-20')];
    const cells = classifyWeeks({ since: '2026-10-01', cadenceDays: 10, paused: [] }, meetings, TODAY, 26);
    // since 10-01 → due 10-11 (Sun, week of 10-05): missed; next due 10-21 (week of 10-19): missed; next 10-31 (week
    // of 10-26): missed; held 11-02, 11-12, 11-20; due 11-30 next week.
    const tail = cells.slice(-8).map((c) => `${c.week}:${c.state}`);
    assert.deepEqual(tail, [
      '2026-10-05:missed', '2026-10-12:not-due', '2026-10-19:missed', '2026-10-26:missed',
      '2026-11-02:held', '2026-11-09:held', '2026-11-16:held', '2026-11-23:not-due',
    ]);
    assert.ok(cells.slice(0, -8).every((c) => c.state === 'not-due' && !c.due), 'before they started nothing is due');
  });

  it('leave: weeks with three or more weekdays of leave show leave, are not counted, and push the next due date', () => {
    const paused: Period[] = [{ from: tue(6), to: addDays(tue(4), 3) }]; // Tue six weeks ago to Fri four weeks ago
    const meetings = Array.from({ length: 30 }, (_, i) => held(tue(i))).filter((m) => m.date < tue(6) || m.date > addDays(tue(4), 3));
    const cells = classifyWeeks({ since: '2025-01-06', cadenceDays: 7, paused }, meetings, TODAY, 26);
    assert.equal(states(cells).slice(-8), 'HLLLHHHH', 'weeks 7 to 0 ago: Tuesday to Friday, then two full weeks of leave');
    assert.equal(adherence(cells, 26).percent, 100, 'leave is not a missed 1:1');
    assert.ok(cells.filter((c) => c.state === 'leave').every((c) => !c.due));
  });

  it('this week: a planned 1:1 shows planned; a due date later this week is not missed yet; a past one is', () => {
    const base = Array.from({ length: 30 }, (_, i) => held(tue(i + 1)));
    const planned = classifyWeeks({ cadenceDays: 7, paused: [] }, [...base, of('2026-11-26', 'planned')], TODAY, 26);
    assert.equal(planned[25].state, 'planned');
    assert.deepEqual(planned[25].meeting, { date: '2026-11-26', seq: 1 });
    // Last held on Thursday last week: due this Thursday, after today.
    const later = classifyWeeks({ cadenceDays: 7, paused: [] }, [held('2026-11-19'), held('2026-11-12')], TODAY, 26);
    assert.equal(later[25].state, 'not-due');
    // Last held on Monday last week: due yesterday, nothing held: missed.
    const past = classifyWeeks({ cadenceDays: 7, paused: [] }, [held('2026-11-16'), held('2026-11-09')], TODAY, 26);
    assert.equal(past[25].state, 'missed');
    // A held 1:1 dated after today is not held yet.
    const future = classifyWeeks({ cadenceDays: 7, paused: [] }, [held('2026-11-16'), held('2026-11-27')], TODAY, 26);
    assert.equal(future[25].state, 'missed');
  });

  it('a report who started mid-range: nothing due before; one who left: nothing due from that week', () => {
    const cells = classifyWeeks({ since: '2026-09-01', cadenceDays: 7, paused: [] }, [held('2026-09-08'), held('2026-09-15')], TODAY, 26);
    assert.ok(cells.filter((c) => c.week < '2026-08-31').every((c) => c.state === 'not-due'));
    assert.equal(cells.find((c) => c.week === '2026-09-07')?.state, 'held');
    assert.equal(cells.find((c) => c.week === '2026-09-21')?.state, 'missed');
    const left = classifyWeeks({ since: '2025-01-01', left: '2026-10-01', cadenceDays: 7, paused: [] }, Array.from({ length: 30 }, (_, i) => held(tue(i + 9))), TODAY, 26);
    assert.ok(left.filter((c) => c.week >= '2026-10-05').every((c) => c.state === 'not-due' && !c.due), states(left));
    assert.equal(left.find((c) => c.week === '2026-09-21')?.state, 'held');
  });

  it('a career 1:1 held in a week is marked, and named in the cell\'s accessible name', () => {
    const cells = classifyWeeks({ cadenceDays: 7, paused: [] }, Array.from({ length: 30 }, (_, i) => held(tue(i), i === 2 ? 'career' : 'regular')), TODAY, 26);
    assert.deepEqual(cells.filter((c) => c.career).map((c) => c.week), [mondayOf(tue(2))]);
    assert.equal(cellName('Ben Okafor', cells[23]), `Ben Okafor, week of ${mondayOf(tue(2))}: held, career`);
    assert.equal(cellName('Ben Okafor', { week: '2026-11-02', state: 'missed', career: false, due: true }), 'Ben Okafor, week of 2026-11-02: missed');
    assert.equal(cellName('Ben Okafor', { week: '2026-11-02', state: 'not-due', career: false, due: false }), 'Ben Okafor, week of 2026-11-02: not due');
  });
});

function input(id: string, over: Partial<ReportInput> = {}): ReportInput {
  const heldFacts: HeldFact[] = Array.from({ length: 26 }, (_, i) => ({ date: tue(i), kind: i === 3 ? 'career' : 'regular', managerPrepared: i % 2 === 0, reportTopics: i % 4 === 0, positive: 1, negative: i % 5 === 0 ? 1 : 0 }));
  return {
    id,
    name: `Person ${id}`,
    cadence: 'weekly',
    graceDays: 2,
    careerEveryDays: 56,
    facts: { since: '2025-01-06', cadenceDays: 7, paused: [] },
    meetings: heldFacts.map((h) => held(h.date, h.kind)),
    held: heldFacts,
    nextDue: '2026-12-01',
    overdueBy: 0,
    onLeave: false,
    openActions: 2,
    goals: [{ id: 'g1', title: 'Lead the billing feature', start: '2026-11-01', end: '2026-12-27' }, { id: 'g0', title: 'Old', start: '2026-08-01', end: '2026-09-26' }],
    reportFile: `${id}/report.yaml`,
    ...over,
  };
}

describe('dashboard: per report and team totals', () => {
  it('a report row: days since, adherence over 13 and 26 weeks, career, their topics, prep rate, feedback over the last 10 held', () => {
    const r = reportRow(input('a'), TODAY);
    assert.equal(r.daysSinceLast, 0);
    assert.equal(r.adherence13, 100);
    assert.equal(r.adherence26, 100);
    assert.equal(r.lastCareer, tue(3));
    assert.equal(r.careerOverdue, false);
    assert.equal(r.prepRate, 50, '13 of 26 held in range were prepared');
    assert.equal(r.reportTopicShare, 27, '7 of 26 (every fourth, from the newest) brought topics');
    assert.deepEqual([r.positive, r.negative], [10, 2], 'the last 10 held: weeks 0 and 5 had negative feedback');
    assert.deepEqual(r.goals.map((g) => [g.id, g.expired]), [['g1', false], ['g0', true]]);
  });

  it('career overdue once regular 1:1s happen and the last career 1:1 is older than career-every (leave not counted)', () => {
    const noCareer = input('a', { held: input('a').held.map((h) => ({ ...h, kind: 'regular' as const })) });
    assert.equal(reportRow(noCareer, TODAY).careerOverdue, true);
    const onLeave = { ...noCareer, facts: { ...noCareer.facts, paused: [{ from: '2025-02-01' }] }, onLeave: true };
    assert.equal(reportRow(onLeave, TODAY).careerOverdue, false);
  });

  it('team totals add up the reports (adherence of all due weeks, not an average of percentages)', () => {
    // b: weekly, held only in the last 13 weeks (13 of 26 due weeks), overdue, no active goal, never prepared.
    const bHeld = input('b').held.filter((h) => h.date >= tue(12)).map((h) => ({ ...h, managerPrepared: false }));
    const b = input('b', { held: bHeld, meetings: bHeld.map((h) => held(h.date)), overdueBy: 4, goals: [], name: 'Ana' });
    const s = dashboardSummary([input('a'), b], TODAY);
    assert.deepEqual(s.reports.map((r) => r.name), ['Ana', 'Person a'], 'by name');
    assert.equal(s.weeks.length, 26);
    assert.equal(s.weeks[25], THIS_MONDAY);
    assert.equal(s.totals.reports, 2);
    assert.equal(s.totals.adherence26, Math.round((26 + 13) / (26 + 26) * 100));
    assert.equal(s.totals.adherence13, 100);
    assert.equal(s.totals.overdue, 1);
    assert.equal(s.totals.withoutActiveGoal, 1);
    assert.equal(s.totals.prepRate, Math.round(13 / (26 + 13) * 100));
  });
});

describe('dashboard: what leaves the editor', () => {
  it('Markdown: names escaped into one table cell each; SVG: names as text, every cell titled', () => {
    const evil = 'Eve | <img src=x onerror=alert(1)> *bold*\n# heading';
    const s = dashboardSummary([input('a', { name: evil })], TODAY);
    const md = summaryMarkdown(s);
    const row = md.split('\n').find((l) => l.startsWith('| Eve'));
    assert.ok(row, md);
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 12, 'twelve columns: the pipe in the name is escaped');
    assert.ok(!md.includes('<img'), 'no HTML');
    assert.equal(markdownCell('a|b<c>\nd'), 'a\\|b&lt;c&gt; d');
    const svg = heatmapSvg(s);
    assert.ok(!svg.includes('<img') && svg.includes('&lt;img'), 'the name is text in the SVG');
    assert.equal((svg.match(/<rect [^>]*><title>/g) ?? []).length, 26, 'a titled cell per week');
    assert.ok(svg.includes(`<title>${'Eve | &lt;img src=x onerror=alert(1)&gt; *bold*# heading'}, week of ${THIS_MONDAY}: held</title>`) || svg.includes(`week of ${THIS_MONDAY}: held</title>`));
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('a canary in private notes, feedback, topics, notes and actions never reaches the summary, the Markdown or the SVG', async () => {
    const CANARY = 'CANARY-7f3a';
    const files = reportFiles('ana', {
      name: 'Ana Ruiz',
      since: '2025-01-06',
      meetings: weekly('2026-11-17', 30, (_date, i) => ({
        feedback: [{ type: 'positive', text: `${CANARY} praise ${i}` }, { type: 'negative', text: `${CANARY} critique` }],
        topics: [`${CANARY} topic`],
        reportTopics: [`${CANARY} their topic`],
        notes: `${CANARY} notes`,
        actions: [{ text: `${CANARY} action`, owner: 'manager' }],
        extra: { private: `${CANARY} private` },
      })),
    });
    const { checker } = await check(files);
    const ctx = checker.context('ana');
    assert.ok(ctx);
    const entry = checker.index.report('ana');
    assert.ok(entry);
    const meetings = await checker.index.loadMeetings('ana', entry.meetings);
    const s = dashboardSummary([reportInput(ctx, reportHealth(ctx), meetings)], TODAY);
    assert.equal(s.reports[0].adherence26, 100);
    assert.deepEqual([s.reports[0].positive, s.reports[0].negative], [10, 10]);
    assert.equal(s.reports[0].openActions, 1);
    for (const [what, text] of [['summary', JSON.stringify(s)], ['markdown', summaryMarkdown(s)], ['svg', heatmapSvg(s)]]) {
      assert.ok(!text.includes(CANARY), `${what} holds no text from a 1:1`);
    }
  });
});

describe('dashboard: the query (summary from the query layer, cached per report)', () => {
  const team = (): Record<string, string> => ({
    ...reportFiles('ana', { name: 'Ana Ruiz', since: '2025-01-06', meetings: weekly('2026-11-17', 40) }),
    ...reportFiles('ben', { name: 'Ben Okafor', since: '2025-01-06', meetings: weekly('2026-10-06', 40) }),
    ...reportFiles('cy', { name: 'Cy Left', since: '2025-01-06', meetings: weekly('2026-10-06', 10) }),
  });

  it('current reports only; overdue and next due are the query layer\'s health; every week of the range is read', async () => {
    const files = team();
    files['cy/report.yaml'] = 'name: Cy Left\nsince: 2025-01-06\nleft: 2026-11-01\n';
    const { checker } = await check(files);
    const s = await new DashboardQuery(checker).summary();
    assert.deepEqual(s.reports.map((r) => r.name), ['Ana Ruiz', 'Ben Okafor']);
    for (const r of s.reports) {
      const health = checker.queries.report(r.id)!.health;
      assert.equal(r.overdueBy, health.overdueBy);
      assert.equal(r.lastHeld, health.lastHeld);
    }
    const ben = s.reports[1];
    assert.ok(ben.overdueBy > 0);
    assert.equal(s.totals.overdue, 1);
    // Ana's 26 weeks were all read (the rules' window alone holds far fewer): every week before this one is held.
    assert.equal(states(s.reports[0].cells), `${'H'.repeat(25)}.`);
    assert.equal(s.reports[0].adherence26, 100);
  });

  it('after one changed 1:1 only that report\'s row is built again, and the summary shows the change', async () => {
    const { checker, fs } = await check(team());
    const q = new DashboardQuery(checker);
    const first = await q.summary();
    assert.equal(q.rowsBuilt, 3);
    assert.equal(await q.summary(), first, 'nothing changed: the same summary');
    assert.equal(q.rowsBuilt, 3);
    const path = `ana/meetings/${tue(4)}.yaml`;
    assert.ok(fs.has(path));
    fs.write(path, `date: ${tue(4)}\nstatus: skipped\n`);
    await checker.applyChange(path, 'changed');
    const second = await q.summary();
    assert.equal(q.rowsBuilt, 4, 'one row rebuilt');
    assert.equal(second.reports[0].cells[21].state, 'skipped');
    assert.equal(second.reports[1], first.reports[1], 'the other rows are reused as they were');
  });
});

describe('dashboard: the protocol', () => {
  it('the page\'s messages are taken only exactly as the protocol says', () => {
    assert.deepEqual(parseDashboardPageMessage({ type: 'openWeek', id: 'ana', week: '2026-11-23' }), { type: 'openWeek', id: 'ana', week: '2026-11-23' });
    assert.deepEqual(parseDashboardPageMessage({ type: 'saveSvg' }), { type: 'saveSvg' });
    for (const bad of [
      { type: 'openWeek', id: 'ana', week: '2026-11-23', extra: 1 },
      { type: 'openWeek', id: 'ana', week: 'next week' },
      { type: 'openReport', id: '' },
      { type: 'openReport', id: 'x'.repeat(201) },
      { type: 'openGoal', id: 'ana' },
      { type: 'saveSvg', path: '/etc/passwd' },
      { type: 'writeFile' },
      ['openReport'],
      null,
    ]) assert.equal(parseDashboardPageMessage(bad), undefined, JSON.stringify(bad));
  });

  it('the host\'s summary passes the page\'s check; a malformed one does not', async () => {
    const { checker } = await check(reportFiles('ana', { name: 'Ana Ruiz', since: '2025-01-06', meetings: weekly('2026-11-17', 30) }));
    const summary = await new DashboardQuery(checker).summary();
    assert.ok(parseDashboardHostMessage(JSON.parse(JSON.stringify({ type: 'summary', summary }))));
    assert.equal(parseDashboardHostMessage({ type: 'summary', summary: { ...summary, reports: [{ id: 'a', name: 1, cells: [], goals: [] }] } }), undefined);
    assert.equal(parseDashboardHostMessage({ type: 'notice', text: 'Saved.', html: '<b>' }), undefined);
  });
});
