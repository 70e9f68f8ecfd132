/**
 * Calendar-date arithmetic. Every date in a team folder is a plain `YYYY-MM-DD` calendar date with no time zone, so
 * dates travel through the core as those strings (they sort correctly as text) and are turned into `Date`s only to
 * do arithmetic with date-fns. Nothing here reads the clock: "today" is always an argument.
 */
import { addDays as dfAddDays, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';

/** A validated `YYYY-MM-DD` string. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2026-02-30`, `2026-1-5`, times and zones). */
export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && dayNumber(text) !== undefined;
}

// A team folder holds a few thousand distinct dates, each parsed thousands of times by the rules; date-fns does the
// calendar work once per date and the memo answers after that. The memos are cleared when they grow large.
const EPOCH = new Date(2000, 0, 1);
const MEMO_LIMIT = 200_000;
const dayNumbers = new Map<string, number | undefined>();
const dateOfDay = new Map<number, IsoDate>();

/** Days since 2000-01-01 (a calendar count, unaffected by DST); undefined for an invalid date. */
function dayNumber(date: string): number | undefined {
  if (dayNumbers.has(date)) return dayNumbers.get(date);
  if (dayNumbers.size > MEMO_LIMIT) dayNumbers.clear();
  const parsed = parseISO(date);
  const n = isValid(parsed) ? differenceInCalendarDays(parsed, EPOCH) : undefined;
  dayNumbers.set(date, n);
  return n;
}

function fromDayNumber(n: number): IsoDate {
  let s = dateOfDay.get(n);
  if (s === undefined) {
    if (dateOfDay.size > MEMO_LIMIT) dateOfDay.clear();
    s = format(dfAddDays(EPOCH, n), 'yyyy-MM-dd');
    dateOfDay.set(n, s);
  }
  return s;
}

function requireDay(date: IsoDate): number {
  const n = dayNumber(date);
  if (n === undefined) throw new RangeError(`Not a calendar date: ${date}`);
  return n;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return requireDay(to) - requireDay(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(requireDay(date) + days);
}

/** The local calendar date of a clock reading; used only at the edges (CLI, extension) to make "today". */
export function isoDateOf(clock: Date): IsoDate {
  return format(clock, 'yyyy-MM-dd');
}

const DURATION = /^([1-9]\d{0,3})([dw])$/;

/**
 * Parses a cadence or period: `weekly` (7 days), `biweekly` (14 days), `Nd` or `Nw`. Returns days, or undefined
 * when the text is none of these.
 */
export function parseDuration(text: string): number | undefined {
  if (text === 'weekly') return 7;
  if (text === 'biweekly') return 14;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'w' ? n * 7 : n;
}

/** How a number of days reads in a message: `7 days (weekly)`. */
export function describeDuration(text: string): string {
  const days = parseDuration(text);
  return days === undefined ? text : `${text} (${days} days)`;
}

/** A leave period. `to` is inclusive; without `to` the leave is still going on. */
export interface Period {
  readonly from: IsoDate;
  readonly to?: IsoDate;
}

/**
 * Counts the days in the half-open span (`after`, `until`] that fall inside any of the periods. Overlapping periods
 * count once. This is what makes a leave not count against the cadence.
 */
export function pausedDaysBetween(after: IsoDate, until: IsoDate, periods: readonly Period[]): number {
  if (periods.length === 0 || daysBetween(after, until) <= 0) return 0;
  // Clip each period to (after, until] as day offsets from `after`: [start, end] with 1 <= start <= end <= span.
  const span = daysBetween(after, until);
  const clipped: Array<[number, number]> = [];
  for (const p of periods) {
    const start = Math.max(1, daysBetween(after, p.from));
    const end = Math.min(span, p.to === undefined ? span : daysBetween(after, p.to));
    if (start <= end) clipped.push([start, end]);
  }
  clipped.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curStart = -1;
  let curEnd = -2;
  for (const [s, e] of clipped) {
    if (s > curEnd + 1) {
      if (curEnd >= curStart && curStart >= 0) total += curEnd - curStart + 1;
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) {
      curEnd = e;
    }
  }
  if (curStart >= 0) total += curEnd - curStart + 1;
  return total;
}

/** Days from `after` to `until` that count for a cadence: calendar days minus paused days. */
export function countedDaysBetween(after: IsoDate, until: IsoDate, periods: readonly Period[]): number {
  return daysBetween(after, until) - pausedDaysBetween(after, until, periods);
}

/**
 * The first date on which `countedDaysBetween(after, date)` reaches `days`: the due date of the next 1:1 when a
 * leave pushes it back. Returns undefined when an open-ended leave means it is never due.
 */
export function addCountedDays(after: IsoDate, days: number, periods: readonly Period[]): IsoDate | undefined {
  // Walk forward through the leaves in date order: the counted days between leaves are spent until none are left.
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let cursor = after; // the last day already accounted for
  let remaining = days;
  for (const p of sorted) {
    if (p.to !== undefined && p.to <= cursor) continue;
    if (p.from > cursor) {
      const available = daysBetween(cursor, p.from) - 1;
      if (remaining <= available) return addDays(cursor, remaining);
      remaining -= available;
    }
    if (p.to === undefined) return undefined;
    cursor = p.to;
  }
  return addDays(cursor, remaining);
}

/** True when `date` lies inside one of the periods. */
export function isInPeriod(date: IsoDate, periods: readonly Period[]): boolean {
  return periods.some((p) => p.from <= date && (p.to === undefined || date <= p.to));
}

/** "today", "tomorrow", "in 3 days", "yesterday", "5 days ago". */
export function relativeDay(date: IsoDate, today: IsoDate): string {
  const d = daysBetween(today, date);
  if (d === 0) return 'today';
  if (d === 1) return 'tomorrow';
  if (d === -1) return 'yesterday';
  return d > 0 ? `in ${d} days` : `${-d} days ago`;
}
