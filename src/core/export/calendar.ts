/**
 * The calendar export (RFC 5545, written by ical-generator): per report still on the team, one recurring event at its
 * cadence from the next due date, and each planned 1:1 as a single event. The text of an event is the report's name
 * and "1:1", nothing else: no topic, no note, nothing private.
 *
 * - UIDs are derived from the team's key and the report's id (and the day, for a planned 1:1), never random:
 *   importing the file again updates the events instead of adding copies.
 * - No double booking: the series starts one cadence after the last planned 1:1 (leave not counted), so planned
 *   1:1s are single events and the series takes over after them; with nothing planned it starts at the next due date.
 * - Leave: occurrences inside a known leave are EXDATEs; an open-ended leave, or the day the report leaves, ends the
 *   series (a COUNT, which needs no time zone arithmetic).
 * - Time and length from team.yaml (`meeting-time`, `meeting-length`); with `time-zone` the times carry its TZID and
 *   the file its VTIMEZONE (from @touch4it/ical-timezones, passed in by the adapter); without one they float.
 */
import { ICalCalendar } from 'ical-generator';
import type { ICalEventData, ICalRepeatingOptions } from 'ical-generator';
import { addCountedDays, addDays, daysBetween } from '../dates';
import type { IsoDate } from '../dates';
import { nextDueDate, plannedMeetings } from '../planning';
import type { ReportContext } from '../rules/context';
import type { TeamConfig } from '../types';

/** Leave further ahead than this is not turned into EXDATEs (a bounded file, whatever report.yaml says). */
export const EXDATE_HORIZON_DAYS = 5 * 366;

export interface CalendarInput {
  readonly team: TeamConfig;
  /** What makes this team's UIDs its own (the adapters pass the team folder's name). */
  readonly teamKey: string;
  readonly today: IsoDate;
  /** The reports still on the team (their contexts as of today). */
  readonly reports: readonly ReportContext[];
  /** The VTIMEZONE component of a zone (@touch4it/ical-timezones' getVtimezoneComponent), null when unknown. */
  readonly vtimezone: (zone: string) => string | null;
}

export class CalendarError extends Error {}

/** RRULE frequency and interval of a cadence: weekly, biweekly, `Nw` weekly; `Nd` daily. */
export function recurrenceOf(cadence: string, cadenceDays: number): { freq: 'WEEKLY' | 'DAILY'; interval: number } {
  if (cadence === 'weekly') return { freq: 'WEEKLY', interval: 1 };
  if (cadence === 'biweekly') return { freq: 'WEEKLY', interval: 2 };
  const m = /^(\d+)([dw])$/.exec(cadence);
  if (m) return { freq: m[2] === 'w' ? 'WEEKLY' : 'DAILY', interval: Number(m[1]) };
  return cadenceDays % 7 === 0 ? { freq: 'WEEKLY', interval: cadenceDays / 7 } : { freq: 'DAILY', interval: cadenceDays };
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable tag of the team's key for the UIDs. */
function tag(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The series' UID: the same for the same team and report, every time. */
export function seriesUid(teamKey: string, reportId: string): string {
  return `1on1-${reportId}-${tag(teamKey)}@first-class-one-on-ones`;
}

export function plannedUid(teamKey: string, reportId: string, date: IsoDate, n: number): string {
  return `1on1-${reportId}-${date}${n > 1 ? `-${n}` : ''}-${tag(teamKey)}@first-class-one-on-ones`;
}

/**
 * A wall-clock time as ical-generator's Temporal.PlainDateTime shape: it writes the fields as they are (with the
 * event's TZID, or floating), whatever the time zone of the machine running the export.
 */
interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  toPlainDate(): { year: number; month: number; day: number };
  toZonedDateTime(zone: string): unknown;
}

function wallTime(date: IsoDate, minuteOfDay: number): WallTime {
  const d = addDays(date, Math.floor(minuteOfDay / 1440));
  const m = minuteOfDay % 1440;
  const [year, month, day] = d.split('-').map(Number);
  const fields = { year, month, day, hour: Math.floor(m / 60), minute: m % 60, second: 0 };
  const self: WallTime = {
    ...fields,
    toPlainDate: () => ({ year, month, day }),
    // The same wall time in the zone: ical-generator then prints its fields under the TZID.
    toZonedDateTime: (zone: string) => {
      const zoned = { ...fields, timeZoneId: zone, toPlainDateTime: () => self, withTimeZone: () => zoned, toInstant: () => ({ epochMilliseconds: Date.UTC(year, month - 1, day, fields.hour, fields.minute) }) };
      return zoned;
    },
  };
  return self;
}

/** Text of an event: one line, no control characters (ical-generator escapes the rest). */
function summary(name: string): string {
  return `1:1 — ${name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim()}`;
}

interface Series {
  readonly start: IsoDate;
  readonly count: number | undefined;
  readonly exdates: readonly IsoDate[];
  readonly freq: 'WEEKLY' | 'DAILY';
  readonly interval: number;
}

/** The series of a report: where it starts, where it ends, which occurrences fall on leave. */
export function seriesOf(ctx: ReportContext): Series | undefined {
  const planned = plannedMeetings(ctx, ctx.today);
  const last = planned[planned.length - 1];
  let start = last ? addCountedDays(last.date, ctx.cadenceDays, ctx.paused) : nextDueDate(ctx);
  // An overdue 1:1 is due today, which may be a day of leave: the series then starts the day after the leave.
  for (let guard = 0; start !== undefined && guard <= ctx.paused.length; guard++) {
    const d: IsoDate = start;
    const leave = ctx.paused.find((p) => p.from <= d && (p.to === undefined || d <= p.to));
    if (!leave) break;
    start = leave.to === undefined ? undefined : addDays(leave.to, 1);
  }
  if (start === undefined) return undefined;
  const { freq, interval } = recurrenceOf(ctx.cadence, ctx.cadenceDays);
  const step = freq === 'WEEKLY' ? interval * 7 : interval;
  // The series ends before an open-ended leave that starts after it, and before the day the report leaves.
  let end: IsoDate | undefined = ctx.left;
  for (const p of ctx.paused) if (p.to === undefined && p.from > start && (end === undefined || p.from < end)) end = p.from;
  if (end !== undefined && end <= start) return undefined;
  const count = end === undefined ? undefined : Math.floor((daysBetween(start, end) - 1) / step) + 1;
  const horizon = addDays(start, EXDATE_HORIZON_DAYS);
  const exdates = new Set<IsoDate>();
  for (const p of ctx.paused) {
    const to = p.to ?? horizon;
    if (to < start) continue;
    const k = Math.max(0, Math.ceil(daysBetween(start, p.from) / step));
    for (let d = addDays(start, k * step); d <= to && d <= horizon && (end === undefined || d < end); d = addDays(d, step)) exdates.add(d);
  }
  return { start, count, exdates: [...exdates].sort(), freq, interval };
}

export function calendarIcs(input: CalendarInput): string {
  const { team, teamKey } = input;
  const zone = team.timeZone;
  const vtimezone = zone ? input.vtimezone(zone) : null;
  if (zone && !vtimezone) throw new CalendarError('The calendar export has no VTIMEZONE for team.yaml\'s time-zone.');
  const cal = new ICalCalendar({ prodId: { company: 'First-Class 1:1s', product: 'calendar export', language: 'EN' }, name: '1:1s' });
  if (zone) cal.x([['X-WR-TIMEZONE', zone]]);
  const stamp = new Date(`${input.today}T00:00:00Z`);
  const at = (date: IsoDate): WallTime => wallTime(date, team.meetingMinute);
  const until = (date: IsoDate): WallTime => wallTime(date, team.meetingMinute + team.meetingMinutes);
  const timing = (date: IsoDate): Pick<ICalEventData, 'start' | 'end' | 'timezone' | 'floating' | 'stamp'> => ({
    // The wall-time objects stand in for Temporal values (see WallTime): ical-generator's types name Temporal.
    start: at(date) as unknown as ICalEventData['start'],
    end: until(date) as unknown as ICalEventData['end'],
    ...(zone ? { timezone: zone } : { floating: true }),
    stamp,
  });
  for (const ctx of [...input.reports].sort((a, b) => (a.report.id < b.report.id ? -1 : 1))) {
    const name = summary(ctx.name);
    const perDay = new Map<IsoDate, number>();
    for (const p of plannedMeetings(ctx, input.today)) {
      const n = (perDay.get(p.date) ?? 0) + 1;
      perDay.set(p.date, n);
      // A planned 1:1 inside a leave is still the manager's plan: it is written as planned.
      cal.createEvent({ id: plannedUid(teamKey, ctx.report.id, p.date, n), summary: name, ...timing(p.date) });
    }
    const s = seriesOf(ctx);
    if (!s) continue;
    const repeating: ICalRepeatingOptions = {
      freq: s.freq as ICalRepeatingOptions['freq'],
      ...(s.interval > 1 ? { interval: s.interval } : {}),
      ...(s.count !== undefined ? { count: s.count } : {}),
      ...(s.exdates.length > 0 ? { exclude: s.exdates.map((d) => at(d) as unknown as Date) } : {}),
    };
    cal.createEvent({ id: seriesUid(teamKey, ctx.report.id), summary: name, ...timing(s.start), repeating });
  }
  // Every content line ends with CRLF (RFC 5545 3.1), the last one too.
  const text = cal.toString().replace(/(\r\n)?$/, '\r\n');
  if (!vtimezone) return text;
  // ical-generator would write the VTIMEZONE itself only with a calendar-wide zone, which also turns DTSTAMP into a
  // local time of the machine; so the component (already folded, from the package's data) goes in as it is.
  const component = `${vtimezone.replace(/\r?\n/g, '\r\n').replace(/(\r\n)+$/, '')}\r\n`;
  const at0 = text.indexOf('BEGIN:VEVENT\r\n');
  const where = at0 >= 0 ? at0 : text.lastIndexOf('END:VCALENDAR');
  return `${text.slice(0, where)}${component}${text.slice(where)}`;
}
