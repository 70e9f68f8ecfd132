/**
 * What the rules (and the views) know about one report on one day: computed once from the index, read by every rule.
 * Pure: the index has already loaded the meetings; nothing here reads files or the clock.
 */
import { addCountedDays, countedDaysBetween, daysBetween, isInPeriod, isSupportedDate, parseDuration } from '../dates';
import type { IsoDate } from '../dates';
import { goalEnd } from '../format/files';
import { firstLineRange, pathKey, rangeOfPath } from '../format/parse';
import type { PathSegment, YamlFile } from '../format/parse';
import type { LoadedMeeting, ReportEntry, TeamIndex } from '../index/teamIndex';
import type { ActionItem, Goal, PausedPeriod, Range, ReportProfile, TeamConfig } from '../types';

export interface OpenAction {
  readonly action: ActionItem;
  /** The newest meeting that lists it (where it is edited and where its finding goes). */
  readonly meeting: LoadedMeeting;
  /** The oldest meeting in the window that lists it. */
  readonly firstSeen: LoadedMeeting;
  /** Held 1:1s after it was first seen (dated today or earlier). */
  readonly heldSince: number;
}

export interface ReportContext {
  readonly today: IsoDate;
  readonly team: TeamConfig;
  readonly report: ReportEntry;
  readonly name: string;
  readonly profile: ReportProfile | undefined;
  readonly profileFile: YamlFile | undefined;
  readonly goalsFile: YamlFile | undefined;
  readonly goals: readonly Goal[];
  readonly cadence: string;
  readonly cadenceDays: number;
  readonly graceDays: number;
  readonly careerEveryDays: number;
  readonly goalLengthDays: number;
  readonly paused: readonly PausedPeriod[];
  /**
   * The rules' window: the newest meetings, newest first, with no gap (see rules/window.ts). Every rule that
   * looks across meetings reads these and nothing else, whatever else happens to be parsed.
   */
  readonly meetings: readonly LoadedMeeting[];
  /** Meetings whose own file is checked: the window, plus files the user opened (or all, for the CLI). */
  readonly checkedMeetings: readonly LoadedMeeting[];
  /** Window meetings with status held dated today or earlier, newest first. */
  readonly held: readonly LoadedMeeting[];
  readonly lastHeld: LoadedMeeting | undefined;
  /** Days since the last held 1:1 that count (leave excluded). */
  readonly countedDaysSinceLastHeld: number | undefined;
  /** When the next 1:1 is due (last held + cadence, pushed back by leave); undefined while on open-ended leave. */
  readonly nextDue: IsoDate | undefined;
  readonly pausedToday: boolean;
  /** Active goals whose end lies in the supported date range (see `unsupportedGoals`). */
  readonly activeGoals: readonly Goal[];
  /** Active goals whose computed end falls after MAX_DATE: a finding each, and left out of every other rule. */
  readonly unsupportedGoals: readonly Goal[];
  readonly openActions: readonly OpenAction[];
  /** The day the report left the team (report.yaml `left`), if any. */
  readonly left: IsoDate | undefined;
  /** True from the day they left: no cadence, career or goal rule fires (the views list them as former reports). */
  readonly hasLeft: boolean;
  /** The 1:1 history could not be listed (unreadable folder): rules that count days since a 1:1 stay quiet. */
  readonly historyUnreadable: boolean;
  /**
   * How late the 1:1 is, counted as the cadence rules count it; undefined when it is not late (or cannot be: the
   * report left, the history is unreadable). A fact, whatever the settings do with the rules' findings.
   */
  readonly overdue: CadenceOverdue | undefined;
  /** A career 1:1 is due (none within `career-every`, leave excluded); undefined when not. */
  readonly careerDue: CareerDue | undefined;
  /** Whether an id names a report of the team (a goal's `buddy` may name one): a lookup, no list built. */
  readonly isTeamReport: (id: string) => boolean;
  /** The team's report ids, read only when a finding needs them (a "did you mean"). */
  readonly teamReportIds: () => readonly string[];
}

export interface CadenceOverdue {
  /** `last-held`: too long since the last held 1:1; `no-first`: none held yet, too long after they started. */
  readonly kind: 'last-held' | 'no-first';
  /** Days counted (leave excluded) since the last held 1:1, or since they started. */
  readonly days: number;
  /** Counted days past the cadence (the grace days are what it takes to be late, not a discount). */
  readonly by: number;
}

export interface CareerDue {
  /** Days counted (leave excluded) since the last career 1:1, or since they started (their first 1:1 on file). */
  readonly days: number;
  /** The last held career 1:1 in the rules' window, if any. */
  readonly lastCareer: IsoDate | undefined;
}

/** True from the day report.yaml's `left` names (a `left` before `since` is not used: the parser drops it). */
export function hasLeftBy(profile: ReportProfile | undefined, today: IsoDate): boolean {
  return profile?.left !== undefined && profile.left <= today;
}

export function isHeldBy(m: LoadedMeeting, today: IsoDate): boolean {
  return m.value?.status === 'held' && m.ref.date <= today;
}

export function buildReportContext(
  index: TeamIndex,
  report: ReportEntry,
  today: IsoDate,
  window: readonly LoadedMeeting[],
  checked: readonly LoadedMeeting[] = window,
): ReportContext {
  const team = index.team;
  const profile = report.profile?.value;
  const cadence = profile?.cadence ?? team.cadence;
  const cadenceDays = parseDuration(cadence) ?? 7;
  const paused = profile?.paused ?? [];
  const meetings = window;
  const held = meetings.filter((m) => isHeldBy(m, today));
  const lastHeld = held[0];
  const goals = report.goals?.value ?? [];
  const goalLengthDays = parseDuration(team.goalLength) ?? 56;
  const active = goals.filter((g) => g.status === 'active');
  const supported = (g: Goal): boolean => isSupportedDate(goalEnd(g, goalLengthDays));
  const left = profile?.left;
  const hasLeft = hasLeftBy(profile, today);
  const careerEveryDays = parseDuration(team.careerEvery) ?? 56;
  const countedDaysSinceLastHeld = lastHeld ? countedDaysBetween(lastHeld.ref.date, today, paused) : undefined;
  // A report who left is no longer yours to meet; a history we could not list is not an empty one.
  const quiet = hasLeft || report.historyUnreadable;
  return {
    today,
    team,
    report,
    name: index.displayName(report),
    profile,
    profileFile: report.profile?.file,
    goalsFile: report.goals?.file,
    goals,
    cadence,
    cadenceDays,
    graceDays: team.graceDays,
    careerEveryDays,
    goalLengthDays,
    paused,
    meetings,
    checkedMeetings: checked,
    held,
    lastHeld,
    countedDaysSinceLastHeld,
    nextDue: lastHeld ? addCountedDays(lastHeld.ref.date, cadenceDays, paused) : undefined,
    pausedToday: isInPeriod(today, paused),
    activeGoals: active.filter(supported),
    unsupportedGoals: active.filter((g) => !supported(g)),
    openActions: openActions(meetings, today),
    left,
    hasLeft,
    historyUnreadable: report.historyUnreadable,
    overdue: quiet ? undefined : cadenceOverdue(cadenceDays + team.graceDays, cadenceDays, countedDaysSinceLastHeld, profile?.since, today, paused),
    careerDue: quiet || !lastHeld ? undefined : careerDue(held, report, profile?.since, today, paused, careerEveryDays),
    isTeamReport: (id) => index.report(id) !== undefined,
    teamReportIds: () => index.reports().map((r) => r.id),
  };
}

function cadenceOverdue(
  limit: number, cadenceDays: number, sinceLastHeld: number | undefined, since: IsoDate | undefined, today: IsoDate, paused: readonly PausedPeriod[],
): CadenceOverdue | undefined {
  if (sinceLastHeld !== undefined) return sinceLastHeld > limit ? { kind: 'last-held', days: sinceLastHeld, by: sinceLastHeld - cadenceDays } : undefined;
  if (!since || since > today) return undefined;
  const days = countedDaysBetween(since, today, paused);
  return days > limit ? { kind: 'no-first', days, by: days - cadenceDays } : undefined;
}

/** Only once a 1:1 was held (before that the cadence speaks): a career 1:1 comes after regular ones. */
function careerDue(
  held: readonly LoadedMeeting[], report: ReportEntry, since: IsoDate | undefined, today: IsoDate, paused: readonly PausedPeriod[], everyDays: number,
): CareerDue | undefined {
  const lastCareer = held.find((m) => m.value?.kind === 'career')?.ref.date;
  // Never (in the window): count from when they started, or from their first 1:1 on file.
  const from = lastCareer ?? (since && since <= today ? since : report.meetings[report.meetings.length - 1]?.date);
  if (!from) return undefined;
  const days = countedDaysBetween(from, today, paused);
  return days > everyDays ? { days, lastCareer } : undefined;
}

export function actionKey(a: ActionItem): string {
  return `${a.owner}\u0000${a.text.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/**
 * Actions still open, across the loaded meetings. Start 1:1 Note carries open actions into the new file, so the
 * same action appears in several meetings: it is one action (same owner and text), and its newest copy decides
 * whether it is done.
 */
function openActions(newestFirst: readonly LoadedMeeting[], today: IsoDate): OpenAction[] {
  const newest = new Map<string, { action: ActionItem; meeting: LoadedMeeting }>();
  // The oldest open copy in the run that ends at the newest copy: an action done once and added again later is
  // counted from when it was added again.
  const oldest = new Map<string, LoadedMeeting>();
  const closed = new Set<string>();
  for (const m of newestFirst) {
    for (const a of m.value?.actions ?? []) {
      const k = actionKey(a);
      if (!newest.has(k)) newest.set(k, { action: a, meeting: m });
      if (a.done) closed.add(k);
      else if (!closed.has(k)) oldest.set(k, m);
    }
  }
  const out: OpenAction[] = [];
  for (const [k, { action, meeting }] of newest) {
    if (action.done) continue;
    const firstSeen = oldest.get(k) ?? meeting;
    const heldSince = newestFirst.filter((m) => isHeldBy(m, today) && laterThan(m, firstSeen)).length;
    out.push({ action, meeting, firstSeen, heldSince });
  }
  return out;
}

function laterThan(a: LoadedMeeting, b: LoadedMeeting): boolean {
  return a.ref.date > b.ref.date || (a.ref.date === b.ref.date && a.ref.seq > b.ref.seq);
}

export function goalEndOf(ctx: ReportContext, goal: Goal): IsoDate {
  return goalEnd(goal, ctx.goalLengthDays);
}

export function daysLeft(ctx: ReportContext, goal: Goal): number {
  return daysBetween(ctx.today, goalEndOf(ctx, goal));
}

/** Where a finding about the report as a whole goes: the `name` in report.yaml, else the report's folder. */
export function reportAnchor(ctx: ReportContext): { file: string; range: Range } {
  const f = ctx.profileFile;
  if (!f) return { file: ctx.report.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  return { file: f.path, range: f.spans.has('name') ? rangeOfPath(f, ['name']) : firstLineRange(f) };
}

/** The range of a value (or, when absent, of the first of the fallbacks that exists) in a file. */
export function anchorIn(file: YamlFile, ...paths: PathSegment[][]): Range {
  for (const p of paths) {
    if (file.spans.has(pathKey(p)) || file.keySpans.has(pathKey(p))) return rangeOfPath(file, p);
  }
  return firstLineRange(file);
}
