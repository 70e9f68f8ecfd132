/**
 * The calendar export (issue #15), read back with ical.js (an independent parser): each report's series expands to
 * the dates its cadence gives (weekly, biweekly, 10 days) over six months with leave excluded, planned 1:1s are single
 * events the series does not double, UIDs are stable, every line is at most 75 octets, and the VTIMEZONE is there.
 */
import * as assert from 'node:assert/strict';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ICAL from 'ical.js';
import { addDays } from '../../src/core/dates';
import { runExport } from '../../src/core/export/exports';
import { parseTeamFile } from '../../src/core/format/files';
import { check, reportFiles, yaml } from './helpers/builders';
import type { Files } from './helpers/builders';

const TODAY = '2026-11-24';
const SIX_MONTHS = '2027-05-24';

function team(extra: Record<string, unknown> = {}): Files {
  return {
    'team.yaml': yaml({ manager: 'Kim', 'meeting-time': '09:30', 'meeting-length': '45m', 'time-zone': 'Europe/Berlin', ...extra }),
    // Weekly, last held a week ago: due today. A two-week leave in December.
    ...reportFiles('wee', { name: '山田 太郎 🎉 — ein sehr langer Name, der über fünfundsiebzig Oktette hinausgeht 🎉🎉', meetings: { '2026-11-17': {} }, paused: [{ from: '2026-12-14', to: '2026-12-27' }] }),
    // Biweekly, last held 2026-11-20: due 2026-12-04.
    ...reportFiles('bi', { cadence: 'biweekly', meetings: { '2026-11-20': {} } }),
    // Every 10 days, last held 2026-11-22: due 2026-12-02; a 1:1 planned for 2026-11-27 moves the series after it.
    ...reportFiles('ten', { cadence: '10d', meetings: { '2026-11-22': {}, '2026-11-27': { status: 'planned' } } }),
    // Left the team: no event.
    ...reportFiles('gone', { meetings: { '2026-11-10': {} } }),
    'gone/report.yaml': yaml({ name: 'Gone Person', since: '2026-01-01', left: '2026-11-20' }),
  };
}

async function ics(files: Files, teamKey = 'platform'): Promise<string> {
  const { checker } = await check(files, { today: TODAY });
  return runExport('calendar', checker.queries, { teamKey, vtimezone: getVtimezoneComponent });
}

interface Parsed {
  uid: string;
  summary: string;
  dates: string[];
  recurring: boolean;
  tzid: string | undefined;
  start: string;
  minutes: number;
}

function parse(text: string): { events: Parsed[]; root: ICAL.Component } {
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    const dates: string[] = [];
    const it = e.iterator();
    for (let t = it.next(); t && t.toString().slice(0, 10) <= SIX_MONTHS; t = it.next()) dates.push(t.toString().slice(0, 10));
    return {
      uid: e.uid,
      summary: e.summary,
      dates,
      recurring: e.isRecurring(),
      tzid: c.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined,
      start: e.startDate.toString(),
      minutes: e.duration.toSeconds() / 60,
    };
  });
  return { events, root };
}

function every(from: string, step: number, until: string, skip: (d: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (let d = from; d <= until; d = addDays(d, step)) if (!skip(d)) out.push(d);
  return out;
}

describe('export calendar (.ics, RFC 5545)', () => {
  it('expands each series to its cadence over six months (weekly, biweekly, every 10 days), leave excluded', async () => {
    const { events } = parse(await ics(team()));
    const series = (id: string): Parsed | undefined => events.find((e) => e.recurring && e.uid.startsWith(`1on1-${id}-`));
    const wee = series('wee');
    assert.ok(wee);
    assert.deepEqual(wee.dates, every('2026-11-24', 7, SIX_MONTHS, (d) => d >= '2026-12-14' && d <= '2026-12-27'));
    assert.ok(!wee.dates.includes('2026-12-15') && !wee.dates.includes('2026-12-22'), 'leave dates are excluded');
    assert.deepEqual(series('bi')?.dates, every('2026-12-04', 14, SIX_MONTHS));
    // Planned for 2026-11-27: a single event, and the series starts ten days after it (no 1:1 twice).
    assert.deepEqual(series('ten')?.dates, every('2026-12-07', 10, SIX_MONTHS));
    const planned = events.filter((e) => !e.recurring);
    assert.deepEqual(planned.map((e) => [e.uid.split('-').slice(1, 5).join('-'), e.dates]), [['ten-2026-11-27', ['2026-11-27']]]);
    assert.equal(events.some((e) => e.uid.includes('gone')), false, 'a report who left has no event');
    assert.equal(events.length, 4);
  });

  it('an overdue report on leave today: the series starts the day after the leave; an open-ended leave ends it', async () => {
    const files = {
      ...team(),
      ...reportFiles('lv', { meetings: { '2026-10-20': {} }, paused: [{ from: '2026-11-20', to: '2026-12-04' }] }),
      ...reportFiles('end', { meetings: { '2026-11-17': {} }, paused: [{ from: '2027-01-11' }] }),
    };
    const { events } = parse(await ics(files));
    const series = (id: string): Parsed | undefined => events.find((e) => e.recurring && e.uid.startsWith(`1on1-${id}-`));
    assert.deepEqual(series('lv')?.dates, every('2026-12-05', 7, SIX_MONTHS));
    assert.deepEqual(series('end')?.dates, every('2026-11-24', 7, '2027-01-10'));
  });

  it('RRULE as the brief says: FREQ=WEEKLY, INTERVAL=2 for biweekly, FREQ=DAILY;INTERVAL=N for Nd', async () => {
    const text = await ics(team());
    assert.match(text, /RRULE:FREQ=WEEKLY\r\n/);
    assert.match(text, /RRULE:FREQ=WEEKLY;INTERVAL=2\r\n/);
    assert.match(text, /RRULE:FREQ=DAILY;INTERVAL=10\r\n/);
  });

  it('times, length and zone from team.yaml: TZID on every time and the zone\'s VTIMEZONE in the file', async () => {
    const { events, root } = parse(await ics(team()));
    for (const e of events) {
      assert.equal(e.tzid, 'Europe/Berlin');
      assert.match(e.start, /T09:30:00$/);
      assert.equal(e.minutes, 45);
    }
    const tz = root.getAllSubcomponents('vtimezone');
    assert.equal(tz.length, 1);
    assert.equal(tz[0].getFirstPropertyValue('tzid'), 'Europe/Berlin');
    // Without a zone, times float (no TZID, no VTIMEZONE).
    const floating = parse(await ics({ ...team(), 'team.yaml': yaml({ manager: 'Kim' }) }));
    assert.equal(floating.root.getAllSubcomponents('vtimezone').length, 0);
    assert.ok(floating.events.every((e) => e.tzid === undefined && /T10:00:00$/.test(e.start) && e.minutes === 30));
  });

  it('UIDs are stable across two exports (re-importing updates, never duplicates), and differ per team', async () => {
    const a = parse(await ics(team())).events.map((e) => e.uid);
    const b = parse(await ics(team())).events.map((e) => e.uid);
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, a.length);
    const other = parse(await ics(team(), 'mobile')).events.map((e) => e.uid);
    assert.equal(other.filter((u) => a.includes(u)).length, 0);
  });

  it('every line is at most 75 octets (a Japanese and emoji name), ends with CRLF, and event text is the name and "1:1" only', async () => {
    const text = await ics(team());
    assert.ok(text.endsWith('END:VCALENDAR\r\n'));
    const lines = text.split('\r\n');
    for (const l of lines) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `${Buffer.byteLength(l, 'utf8')} octets: ${l}`);
    assert.ok(lines.some((l) => l.startsWith(' ')), 'the long name was folded');
    const { events } = parse(text);
    assert.ok(events.some((e) => e.summary === '1:1 — 山田 太郎 🎉 — ein sehr langer Name, der über fünfundsiebzig Oktette hinausgeht 🎉🎉'));
    assert.doesNotMatch(text, /DESCRIPTION|Conference budget|on-call/);
  });

  it('an unknown time-zone is a schema finding on team.yaml, and the events float', async () => {
    const parsed = parseTeamFile('team.yaml', 'time-zone: Europe/Berlinn\nmeeting-time: "25:00"\nmeeting-length: 2d\n');
    assert.deepEqual(parsed.file.findings.map((f) => `${f.rule}@${f.range.start.line}`).sort(), ['schema@0', 'schema@1', 'schema@2']);
    assert.match(parsed.file.findings.find((f) => f.range.start.line === 0)?.message ?? '', /did you mean `Europe\/Berlin`/);
    assert.equal(parsed.value?.timeZone, undefined);
    const { events } = parse(await ics({ ...team(), 'team.yaml': 'time-zone: Mars/Olympus\n' }));
    assert.ok(events.every((e) => e.tzid === undefined));
  });
});
