import * as assert from 'node:assert/strict';
import { addDays } from '../../src/core/dates';
import { dayChoices, nextDueDate, nextMeetingText, parseTypedDay, weekAhead, weekdayName } from '../../src/core/planning';
import { newReportText, newTeamText } from '../../src/core/templates';
import { parse } from 'yaml';
import { check, reportFiles, TODAY, weekly } from './helpers/builders';

// TODAY (2026-11-24) is a Tuesday.
const d = (offset: number): string => addDays(TODAY, offset);

describe('planning a 1:1 ahead', () => {
  it('knows the weekday of a date without time zones', () => {
    assert.deepEqual([d(0), d(1), d(4), d(5), d(6)].map((x) => weekdayName(x, true)), ['Tue', 'Wed', 'Sat', 'Sun', 'Mon']);
    assert.equal(weekdayName('2000-01-01'), 'Saturday');
    assert.equal(weekdayName('1999-12-31'), 'Friday');
  });

  it('offers the next due date first, then today, tomorrow and the weekdays of the week ahead', async () => {
    const { checker } = await check(reportFiles('a', { name: 'Ana', cadence: 'weekly', meetings: weekly(d(-3), 2) }));
    const choices = dayChoices(checker.context('a')!);
    assert.deepEqual(choices.map((c) => [c.date, c.label]), [
      [d(4), `Sat ${d(4)}`], // last 1:1 3 days ago + a week, even on a Saturday: it is when it falls due
      [d(0), `Tue ${d(0)}`],
      [d(1), `Wed ${d(1)}`],
      [d(2), `Thu ${d(2)}`],
      [d(3), `Fri ${d(3)}`],
      [d(6), `Mon ${d(6)}`],
      [d(7), `Tue ${d(7)}`],
    ]);
    assert.match(choices[0].detail, /next due \(in 4 days, weekly\)/);
    assert.equal(choices.some((c) => c.open), false);
  });

  it('offers today first when the 1:1 is due or overdue (Enter twice plans today)', async () => {
    const { checker } = await check(reportFiles('a', { name: 'Ana', meetings: weekly(d(-16), 2) }));
    const ctx = checker.context('a')!;
    assert.equal(nextDueDate(ctx), TODAY);
    const [first, second] = dayChoices(ctx);
    assert.deepEqual([first.date, first.detail], [TODAY, 'due today']);
    assert.equal(second.date, d(1), 'today is not offered twice');
  });

  it('counts leave when it computes the due date', async () => {
    const { checker } = await check(reportFiles('a', { name: 'Ana', meetings: weekly(d(-3), 2), paused: [{ from: d(1), to: d(10) }] }));
    assert.equal(nextDueDate(checker.context('a')!), d(14));
    const open = await check(reportFiles('b', { name: 'Bo', meetings: weekly(d(-3), 2), paused: [{ from: d(-1) }] }));
    assert.equal(nextDueDate(open.checker.context('b')!), undefined, 'an open-ended leave: never due');
  });

  it('a report with no 1:1 yet is due a cadence after they started reporting to you', async () => {
    const { checker } = await check(reportFiles('a', { name: 'Ana', since: d(-2), goals: null }));
    assert.equal(nextDueDate(checker.context('a')!), d(5));
  });

  it('offers to open a planned 1:1 first, and never offers its day again as a new note', async () => {
    const meetings = { ...weekly(d(-5), 2), [d(2)]: { status: 'planned' as const, feedback: [], topics: [], reportTopics: ['Promotion'] } };
    const { checker } = await check(reportFiles('a', { name: 'Ana', meetings }));
    const choices = dayChoices(checker.context('a')!);
    assert.deepEqual(choices[0], { open: `a/meetings/${d(2)}.yaml`, date: d(2), label: `Open the planned 1:1 of Thu ${d(2)}`, detail: 'in 2 days · no prep yet · their topics: 1' });
    assert.equal(choices.filter((c) => c.date === d(2)).length, 1, 'the planned day is only offered to open');
  });

  it('a typed day is a calendar date or refused with the reason', () => {
    assert.deepEqual(parseTypedDay(' 2026-12-03 '), { date: '2026-12-03' });
    assert.deepEqual(parseTypedDay('2026-02-30'), { error: '2026-02-30 is not a calendar date' });
    assert.deepEqual(parseTypedDay('2026-2-3'), { error: 'Type a day as YYYY-MM-DD' });
    assert.deepEqual(parseTypedDay('next thursday'), { error: 'Type a day as YYYY-MM-DD' });
  });
});

describe('the week ahead', () => {
  it('lists planned 1:1s of the next seven days with their prep, and reports falling due with nothing planned', async () => {
    const { checker } = await check({
      ...reportFiles('ana', { name: 'Ana Ruiz', meetings: { ...weekly(d(-6), 2), [d(1)]: { status: 'planned', feedback: [{ type: 'positive', text: 'Great demo' }], topics: [], reportTopics: ['Pay', 'Team'] } } }),
      ...reportFiles('bo', { name: 'Bo Chen', meetings: weekly(d(-2), 2) }), // due in 5 days, nothing planned
      ...reportFiles('cy', { name: 'Cy', meetings: weekly(d(-20), 2) }), // overdue
      ...reportFiles('dee', { name: 'Dee', cadence: 'biweekly', meetings: weekly(d(-1), 1) }), // due in 13 days: not this week
      ...reportFiles('eve', { name: 'Eve', meetings: { ...weekly(d(-2), 1), [d(9)]: { status: 'planned' } } }), // planned past the week
    });
    const contexts = checker.index.reports().map((r) => checker.context(r.id)!);
    const items = weekAhead(contexts, TODAY);
    assert.deepEqual(items.map((i) => [i.reportName, i.date, i.file ?? null, i.description]), [
      ['Cy', TODAY, null, 'overdue · not planned yet'],
      ['Ana Ruiz', d(1), `ana/meetings/${d(1)}.yaml`, 'Wed tomorrow · prepared · their topics: 2'],
      ['Bo Chen', d(5), null, 'due Sun in 5 days · not planned yet'],
    ]);
    assert.equal(nextMeetingText(items, TODAY), 'Cy, today');
    assert.equal(nextMeetingText(items.slice(1), TODAY), 'Ana, tomorrow');
    assert.equal(nextMeetingText(items.slice(2), TODAY), 'Bo, Sun');
    assert.equal(nextMeetingText([], TODAY), undefined);
  });

  it('a planned 1:1 with nothing written is "no prep yet"', async () => {
    const { checker } = await check(reportFiles('a', { name: 'Ana', meetings: { ...weekly(d(-6), 1), [d(0)]: { status: 'planned', feedback: [], topics: [], reportTopics: [] } } }));
    assert.deepEqual(weekAhead([checker.context('a')!], TODAY).map((i) => i.description), ['Tue today · no prep yet']);
  });
});

describe('new files of the first week', () => {
  it('team.yaml names the manager and writes the defaults out; no invented report', () => {
    assert.deepEqual(parse(newTeamText(' Kim Park ')), { manager: 'Kim Park', cadence: 'weekly', 'grace-days': 2, 'career-every': '8w', 'goal-length': '8w' });
  });

  it('report.yaml keeps the aspirations asked for, without empty ones', () => {
    assert.deepEqual(parse(newReportText({ name: 'Zoë', since: TODAY, aspirations: ['Move into management', '  ', ' Speak at a conference '] })), {
      name: 'Zoë', since: TODAY, aspirations: ['Move into management', 'Speak at a conference'],
    });
  });
});
