/**
 * What the report exports read: a report's context (as the rules and views see it today) and every 1:1 on file,
 * parsed. Built by the query layer (TeamQueries.history); the export functions are pure functions of it.
 */
import type { LoadedMeeting } from '../index/teamIndex';
import type { ReportContext } from '../rules/context';
import type { FeedbackItem, Meeting } from '../types';

export interface ReportHistory {
  readonly id: string;
  readonly name: string;
  readonly context: ReportContext;
  /** Every 1:1 file of the report, newest first (unreadable ones have no value and are left out of the exports). */
  readonly meetings: readonly LoadedMeeting[];
}

/** A meeting with its parsed value (those that could not be read are skipped). */
export interface DatedMeeting {
  readonly date: string;
  readonly seq: number;
  readonly value: Meeting;
}

/** The readable 1:1s, oldest first (the order a history reads in). */
export function readable(meetings: readonly LoadedMeeting[]): DatedMeeting[] {
  const out: DatedMeeting[] = [];
  for (let i = meetings.length - 1; i >= 0; i--) {
    const m = meetings[i];
    if (m.value) out.push({ date: m.ref.date, seq: m.ref.seq, value: m.value });
  }
  return out;
}

/** Feedback that may leave the team folder: delivered, or all of it when the manager asked by name. */
export function shareableFeedback(m: Meeting, includeUndelivered: boolean): FeedbackItem[] {
  return m.feedback.filter((f) => f.delivered || includeUndelivered);
}

/** A held 1:1 is one with status held dated on or before the day asked about. */
export function isHeld(m: DatedMeeting, asOf: string): boolean {
  return m.value.status === 'held' && m.date <= asOf;
}
