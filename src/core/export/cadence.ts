/**
 * Cadence adherence for the review and handoff exports, counted as the dashboard counts it (src/core/dashboard/weeks.ts):
 * the weeks that needed a 1:1 and those in which one was held, leave excluded.
 */
import { daysBetween } from '../dates';
import type { IsoDate } from '../dates';
import { adherence, classifyWeeks, mondayOf } from '../dashboard/weeks';
import type { WeekCell } from '../dashboard/weeks';
import type { ReportHistory } from './history';

export interface Adherence {
  readonly weeks: readonly WeekCell[];
  readonly held: number;
  readonly due: number;
  readonly percent: number | undefined;
}

/** The weeks from the one holding `from` to the one holding `to` (never past today: the future is not missed yet). */
export function adherenceBetween(h: ReportHistory, from: IsoDate, to: IsoDate): Adherence {
  const ctx = h.context;
  const end = to < ctx.today ? to : ctx.today;
  if (end < from) return { weeks: [], held: 0, due: 0, percent: undefined };
  const count = Math.floor(daysBetween(mondayOf(from), mondayOf(end)) / 7) + 1;
  const meetings = h.meetings.map((m) => ({ date: m.ref.date, seq: m.ref.seq, status: m.value?.status, kind: m.value?.kind ?? 'regular' }));
  const weeks = classifyWeeks({ since: ctx.profile?.since, left: ctx.left, cadenceDays: ctx.cadenceDays, paused: ctx.paused }, meetings, end, count);
  const a = adherence(weeks, count);
  return { weeks, ...a };
}

export function percentText(a: Adherence): string {
  return a.percent === undefined ? 'no week needed a 1:1' : `${a.percent} % (${a.held} of ${a.due} weeks that needed a 1:1; leave not counted)`;
}
