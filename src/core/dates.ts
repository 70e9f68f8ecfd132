/**
 * Calendar-date arithmetic. Every date in a team folder is a plain `YYYY-MM-DD` calendar date with no time zone, so
 * dates travel through the core as those strings (they sort correctly as text) and are turned into day numbers only
 * to do arithmetic. Nothing here reads the clock: "today" is always an argument.
 *
 * Dates a team folder may hold lie in 1900-01-01..2999-12-31 (MIN_DATE..MAX_DATE): a value outside is a schema
 * finding on that value and is not used by the rules. With the longest duration the format allows (9999 weeks) every
 * sum of a supported date and a duration still has four digits, so the arithmetic never meets a date it cannot write.
 */

/** A validated `YYYY-MM-DD` string. */
export type IsoDate = string;

export const MIN_DATE: IsoDate = '1900-01-01';
export const MAX_DATE: IsoDate = '2999-12-31';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` in MIN_DATE..MAX_DATE (rejects `2026-02-30`, `0000-01-01`, times, zones). */
export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== undefined && text >= MIN_DATE && text <= MAX_DATE;
}

/** True for a date inside MIN_DATE..MAX_DATE (e.g. the computed end of a goal). */
export function isSupportedDate(date: IsoDate): boolean {
  return date >= MIN_DATE && date <= MAX_DATE && dayNumber(date) !== undefined;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (a calendar count: no clock, no time zone, no DST); undefined
 * for text that is not a real `YYYY-MM-DD` date. Integer arithmetic (days-from-civil), the same for every year.
 */
function dayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && isLeap(y) ? 29 : MONTH_DAYS[mo - 1])) return undefined;
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  // Only four-digit years can be written (and read back): the supported range keeps every sum far inside them.
  if (y < 0 || y > 9999) throw new RangeError('Date arithmetic left the years 0000..9999');
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function requireDay(date: IsoDate): number {
  const n = dayNumber(date);
  // The message names no value: it may reach a log, and the value comes from a user's file.
  if (n === undefined) throw new RangeError('Not a calendar date');
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
  return `${String(clock.getFullYear()).padStart(4, '0')}-${String(clock.getMonth() + 1).padStart(2, '0')}-${String(clock.getDate()).padStart(2, '0')}`;
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
