/**
 * The team health dashboard's facts: per report and for the team, computed in the core from what the index has read,
 * and sent to the panel as one summary. Only numbers, dates, names and goal titles: never a note, a feedback text, a
 * topic or anything `private` (the panel, the Markdown and the SVG are made from this and nothing else).
 */
import { addDays, countedDaysBetween, daysBetween } from '../dates';
import type { IsoDate } from '../dates';
import type { MeetingKind } from '../types';
import { adherence, classifyWeeks, mondayOf } from './weeks';
import type { CadenceFacts, MeetingFact, WeekCell } from './weeks';

/** Weeks the heatmap shows, and the two adherence spans. */
export const HEATMAP_WEEKS = 26;
export const SHORT_WEEKS = 13;
/** Held 1:1s per report the feedback balance looks at. */
export const BALANCE_HELD = 10;

/** What the summary needs of a held 1:1 beyond its day: whether it was prepared, and counts (no text). */
export interface HeldFact {
  readonly date: IsoDate;
  readonly kind: MeetingKind;
  /** The manager wrote down feedback or topics. */
  readonly managerPrepared: boolean;
  /** The report brought topics of their own. */
  readonly reportTopics: boolean;
  readonly positive: number;
  readonly negative: number;
}

export interface GoalFact {
  readonly id: string;
  readonly title: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** One report's input: built by the query layer from the report's snapshot and the 1:1s in range. */
export interface ReportInput {
  readonly id: string;
  readonly name: string;
  readonly cadence: string;
  readonly graceDays: number;
  readonly careerEveryDays: number;
  readonly facts: CadenceFacts;
  /** Every 1:1 in the heatmap's range (and any older ones known), any status. */
  readonly meetings: readonly MeetingFact[];
  /** Held 1:1s dated today or earlier, newest first (at least the last BALANCE_HELD, and those in range). */
  readonly held: readonly HeldFact[];
  /** When the next 1:1 is due (never before today), undefined on open-ended leave. */
  readonly nextDue: IsoDate | undefined;
  /** Counted days past the due date plus grace (0 when not overdue). */
  readonly overdueBy: number;
  readonly onLeave: boolean;
  readonly openActions: number;
  /** Active goals (whatever their end: an expired one is drawn as expired). */
  readonly goals: readonly GoalFact[];
  readonly reportFile: string;
}

export interface ReportRow {
  readonly id: string;
  readonly name: string;
  readonly cadence: string;
  readonly cadenceDays: number;
  readonly daysSinceLast: number | undefined;
  readonly lastHeld: IsoDate | undefined;
  readonly nextDue: IsoDate | undefined;
  readonly overdueBy: number;
  readonly onLeave: boolean;
  readonly adherence13: number | undefined;
  readonly adherence26: number | undefined;
  readonly lastCareer: IsoDate | undefined;
  readonly careerOverdue: boolean;
  /** Held 1:1s in range where the report brought topics, of the held 1:1s in range. */
  readonly reportTopicShare: number | undefined;
  /** Held 1:1s in range the manager prepared, of the held 1:1s in range. */
  readonly prepRate: number | undefined;
  readonly positive: number;
  readonly negative: number;
  readonly openActions: number;
  readonly goals: ReadonlyArray<GoalFact & { readonly expired: boolean }>;
  readonly cells: readonly WeekCell[];
  readonly reportFile: string;
}

export interface TeamTotals {
  readonly reports: number;
  readonly adherence13: number | undefined;
  readonly adherence26: number | undefined;
  readonly overdue: number;
  readonly withoutActiveGoal: number;
  readonly careerOverdue: number;
  readonly prepRate: number | undefined;
  readonly positive: number;
  readonly negative: number;
  /** The counts behind the percentages, so that a roll-up over teams adds them up rather than averaging percentages. */
  readonly counts: { readonly held13: number; readonly due13: number; readonly prepared: number; readonly held: number };
}

export interface DashboardSummary {
  readonly today: IsoDate;
  /** Mondays of the heatmap's weeks, oldest first. */
  readonly weeks: readonly IsoDate[];
  readonly totals: TeamTotals;
  /** Current reports, by name. */
  readonly reports: readonly ReportRow[];
}

/** The order of `localeCompare`, with one collator made once (it is much faster for a team's worth of names). */
const byName = new Intl.Collator();

const percent = (part: number, whole: number): number | undefined => (whole === 0 ? undefined : Math.round((part / whole) * 100));

export function reportRow(input: ReportInput, today: IsoDate): ReportRow {
  const cells = classifyWeeks(input.facts, input.meetings, today, HEATMAP_WEEKS);
  const firstMonday = cells[0]?.week ?? today;
  const inRange = input.held.filter((h) => h.date >= firstMonday && h.date <= today);
  const lastHeld = input.held[0]?.date;
  const lastCareer = input.held.find((h) => h.kind === 'career')?.date;
  const balance = input.held.slice(0, BALANCE_HELD);
  // As the career rule: only once regular 1:1s happen; counted days (leave excluded) since the last career 1:1, or
  // since the report started when there was none.
  const careerFrom = lastCareer ?? input.facts.since;
  const careerOverdue = lastHeld !== undefined && !input.onLeave && careerFrom !== undefined && careerFrom <= today
    && countedDaysBetween(careerFrom, today, input.facts.paused) > input.careerEveryDays;
  const a13 = adherence(cells, SHORT_WEEKS);
  const a26 = adherence(cells, HEATMAP_WEEKS);
  return {
    id: input.id,
    name: input.name,
    cadence: input.cadence,
    cadenceDays: input.facts.cadenceDays,
    daysSinceLast: lastHeld === undefined ? undefined : daysBetween(lastHeld, today),
    lastHeld,
    nextDue: input.nextDue,
    overdueBy: input.overdueBy,
    onLeave: input.onLeave,
    adherence13: a13.percent,
    adherence26: a26.percent,
    lastCareer,
    careerOverdue,
    reportTopicShare: percent(inRange.filter((h) => h.reportTopics).length, inRange.length),
    prepRate: percent(inRange.filter((h) => h.managerPrepared).length, inRange.length),
    positive: balance.reduce((n, h) => n + h.positive, 0),
    negative: balance.reduce((n, h) => n + h.negative, 0),
    openActions: input.openActions,
    goals: input.goals.map((g) => ({ ...g, expired: g.end < today })),
    cells,
    reportFile: input.reportFile,
  };
}

/**
 * One report's share of the team's totals, or their sum over reports: counts only, so that the totals (and a roll-up
 * over teams, `one-on-ones summary` and `check --format json`) add them up rather than averaging percentages.
 */
export interface TeamCounts {
  readonly reports: number;
  readonly held13: number;
  readonly due13: number;
  readonly held26: number;
  readonly due26: number;
  /** Held 1:1s in the heatmap's range the manager prepared, and all held 1:1s in that range. */
  readonly prepared: number;
  readonly held: number;
  readonly overdue: number;
  readonly withoutActiveGoal: number;
  readonly careerOverdue: number;
  readonly positive: number;
  readonly negative: number;
}

export const NO_COUNTS: TeamCounts = { reports: 0, held13: 0, due13: 0, held26: 0, due26: 0, prepared: 0, held: 0, overdue: 0, withoutActiveGoal: 0, careerOverdue: 0, positive: 0, negative: 0 };

/** A current report's counts from its input and row: the one definition the team's totals are the sum of. */
export function reportCounts(input: ReportInput, row: ReportRow, today: IsoDate): TeamCounts {
  const s = adherence(row.cells, SHORT_WEEKS);
  const l = adherence(row.cells, HEATMAP_WEEKS);
  const firstMonday = addDays(mondayOf(today), -7 * (HEATMAP_WEEKS - 1));
  let prepared = 0;
  let held = 0;
  for (const h of input.held) {
    if (h.date < firstMonday || h.date > today) continue;
    held++;
    if (h.managerPrepared) prepared++;
  }
  return {
    reports: 1,
    held13: s.held,
    due13: s.due,
    held26: l.held,
    due26: l.due,
    prepared,
    held,
    overdue: row.overdueBy > 0 ? 1 : 0,
    withoutActiveGoal: row.goals.every((g) => g.expired) ? 1 : 0,
    careerOverdue: row.careerOverdue ? 1 : 0,
    positive: row.positive,
    negative: row.negative,
  };
}

export function addCounts(a: TeamCounts, b: TeamCounts): TeamCounts {
  return {
    reports: a.reports + b.reports,
    held13: a.held13 + b.held13,
    due13: a.due13 + b.due13,
    held26: a.held26 + b.held26,
    due26: a.due26 + b.due26,
    prepared: a.prepared + b.prepared,
    held: a.held + b.held,
    overdue: a.overdue + b.overdue,
    withoutActiveGoal: a.withoutActiveGoal + b.withoutActiveGoal,
    careerOverdue: a.careerOverdue + b.careerOverdue,
    positive: a.positive + b.positive,
    negative: a.negative + b.negative,
  };
}

/**
 * The team's summary: a row per current report (by name) and the totals over them. `rowOf` lets the caller reuse the
 * rows of reports that did not change (the dashboard query caches them); the totals are sums, linear in the reports.
 */
export function dashboardSummary(inputs: readonly ReportInput[], today: IsoDate, rowOf: (input: ReportInput) => ReportRow = (i) => reportRow(i, today)): DashboardSummary {
  let c = NO_COUNTS;
  const rows: ReportRow[] = [];
  for (const input of inputs) {
    const row = rowOf(input);
    rows.push(row);
    c = addCounts(c, reportCounts(input, row, today));
  }
  rows.sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.id, b.id));
  const weeks = Array.from({ length: HEATMAP_WEEKS }, (_, i) => addDays(mondayOf(today), -7 * (HEATMAP_WEEKS - 1 - i)));
  return {
    today,
    weeks,
    totals: {
      reports: c.reports,
      adherence13: percent(c.held13, c.due13),
      adherence26: percent(c.held26, c.due26),
      overdue: c.overdue,
      withoutActiveGoal: c.withoutActiveGoal,
      careerOverdue: c.careerOverdue,
      prepRate: percent(c.prepared, c.held),
      positive: c.positive,
      negative: c.negative,
      counts: { held13: c.held13, due13: c.due13, prepared: c.prepared, held: c.held },
    },
    reports: rows,
  };
}
