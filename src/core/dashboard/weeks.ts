/**
 * The cadence heatmap's arithmetic: one cell per calendar week (Monday to Sunday) per report, each one of held,
 * skipped, missed, leave, planned or not due. Pure: the meetings and today are passed in.
 *
 * Which weeks needed a 1:1 follows the same idea as the cadence rule: a 1:1 is due a cadence (leave not counted) after
 * the last held one, or after the day the report started when none was held. A held 1:1 restarts the count; a due
 * date that passes without one is a missed week, and the next one falls a cadence later. So a weekly report has one
 * due date every week, a biweekly one every other week ("not due" in between), a `10d` one in most weeks.
 */
import { addCountedDays, addDays, isInPeriod } from '../dates';
import type { IsoDate, Period } from '../dates';
import { weekdayOf } from '../planning';
import type { MeetingKind, MeetingStatus } from '../types';

/** What a week shows. The accessible name of a cell uses these words (`not-due` reads `not due`). */
export type WeekState = 'held' | 'skipped' | 'missed' | 'leave' | 'planned' | 'not-due';

export const WEEK_STATES: readonly WeekState[] = ['held', 'skipped', 'missed', 'leave', 'planned', 'not-due'];

/** What the heatmap needs of one 1:1: its day, status and kind (no text). */
export interface MeetingFact {
  readonly date: IsoDate;
  readonly seq: number;
  readonly status: MeetingStatus | undefined;
  readonly kind: MeetingKind;
}

export interface CadenceFacts {
  /** The day they started reporting to the manager, if report.yaml says. */
  readonly since?: IsoDate;
  /** The day they left, if they did: no week from then on needs a 1:1. */
  readonly left?: IsoDate;
  readonly cadenceDays: number;
  readonly paused: readonly Period[];
}

export interface WeekCell {
  /** The Monday of the week. */
  readonly week: IsoDate;
  readonly state: WeekState;
  /** A career 1:1 was held this week. */
  readonly career: boolean;
  /** The cadence needed a 1:1 this week (held, skipped or missed then count for adherence). */
  readonly due: boolean;
  /** The 1:1 a click opens: the held one, else the planned or skipped one of the week. */
  readonly meeting?: { readonly date: IsoDate; readonly seq: number };
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** A leave week: at least three of its weekdays (Monday to Friday) are inside a leave. */
function onLeave(monday: IsoDate, paused: readonly Period[]): boolean {
  if (paused.length === 0) return false;
  let days = 0;
  for (let i = 0; i < 5; i++) if (isInPeriod(addDays(monday, i), paused)) days++;
  return days >= 3;
}

/**
 * The last `weeks` weeks up to and including the week of `today`, oldest first. Linear in the meetings plus the
 * weeks (the meetings are grouped by week once).
 */
export function classifyWeeks(facts: CadenceFacts, meetings: readonly MeetingFact[], today: IsoDate, weeks: number): WeekCell[] {
  const thisMonday = mondayOf(today);
  const first = addDays(thisMonday, -7 * (weeks - 1));
  const byWeek = new Map<IsoDate, MeetingFact[]>();
  const sorted = [...meetings].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq));
  for (const m of sorted) {
    const k = mondayOf(m.date);
    let list = byWeek.get(k);
    if (!list) byWeek.set(k, (list = []));
    list.push(m);
  }
  const held = (m: MeetingFact): boolean => m.status === 'held' && m.date <= today;
  // Where the count of days starts: the last held 1:1 before the range, else the day they started, else the range.
  let anchor: IsoDate | undefined;
  for (const m of sorted) if (held(m) && m.date < first) anchor = m.date;
  anchor ??= facts.since;
  let due = anchor !== undefined ? addCountedDays(anchor, facts.cadenceDays, facts.paused) : first;
  const out: WeekCell[] = [];
  for (let w = 0; w < weeks; w++) {
    const monday = addDays(first, 7 * w);
    const sunday = addDays(monday, 6);
    const inWeek = byWeek.get(monday) ?? [];
    const heldHere = inWeek.filter(held);
    const active = (facts.since === undefined || facts.since <= sunday) && (facts.left === undefined || facts.left > monday);
    // Due dates falling in this week (one, except for cadences under a week), counted before the held 1:1s move them.
    let dueHere = false;
    let missedHere = false;
    while (active && due !== undefined && due <= sunday) {
      if (due < monday) {
        // A due date before this week passed unmet (the report started mid-range, or a leave ended): count from here.
        due = monday;
      }
      const lastHeldInWeek = heldHere[heldHere.length - 1];
      dueHere = true;
      if (lastHeldInWeek) {
        due = addCountedDays(lastHeldInWeek.date, facts.cadenceDays, facts.paused);
        break;
      }
      if (due >= today) break; // due later this week (or today): not missed yet
      missedHere = true;
      due = addCountedDays(due, facts.cadenceDays, facts.paused);
    }
    // A held 1:1 in a week that was not due still restarts the count (an early 1:1).
    if (!dueHere && heldHere.length > 0) due = addCountedDays(heldHere[heldHere.length - 1].date, facts.cadenceDays, facts.paused);
    const career = heldHere.some((m) => m.kind === 'career');
    const planned = inWeek.find((m) => m.status === 'planned' && m.date >= today);
    const skipped = inWeek.find((m) => m.status === 'skipped');
    let state: WeekState;
    let meeting: MeetingFact | undefined;
    if (heldHere.length > 0) {
      state = 'held';
      meeting = heldHere[heldHere.length - 1];
    } else if (active && onLeave(monday, facts.paused)) {
      state = 'leave';
    } else if (planned) {
      state = 'planned';
      meeting = planned;
    } else if (skipped && active) {
      state = 'skipped';
      meeting = skipped;
    } else if (missedHere) {
      state = 'missed';
    } else {
      state = 'not-due';
      meeting = skipped;
    }
    out.push({
      week: monday,
      state,
      career,
      due: dueHere && (state === 'held' || state === 'skipped' || state === 'missed'),
      ...(meeting ? { meeting: { date: meeting.date, seq: meeting.seq } } : {}),
    });
  }
  return out;
}

/**
 * Cadence adherence over the last `weeks` cells: the share of weeks that needed a 1:1 in which one was held
 * (leave weeks and weeks that needed none are left out). Undefined when no week needed one.
 */
export function adherence(cells: readonly WeekCell[], weeks: number): { held: number; due: number; percent: number | undefined } {
  const recent = cells.slice(-weeks);
  let heldDue = 0;
  let due = 0;
  for (const c of recent) {
    if (!c.due) continue;
    due++;
    if (c.state === 'held') heldDue++;
  }
  return { held: heldDue, due, percent: due === 0 ? undefined : Math.round((heldDue / due) * 100) };
}

