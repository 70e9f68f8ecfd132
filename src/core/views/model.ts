/**
 * What the sidebar shows, as plain data: the tree providers only map these to TreeItems. Pure functions of the
 * checker's per-report context, its health and today's date, so they are unit-tested without VS Code. States are
 * enums (ReportHealth, MeetingRowState): an adapter picks icons by them, never by reading the display text.
 */
import { describeDuration, relativeDay } from '../dates';
import type { IsoDate } from '../dates';
import { rangeOfPath } from '../format/parse';
import type { LoadedMeeting, MeetingRef } from '../index/teamIndex';
import { HEALTH_RANK, reportHealth } from '../query/health';
import type { ReportHealth, ReportHealthFacts } from '../query/health';
import { daysLeft, goalEndOf } from '../rules/context';
import type { OpenAction, ReportContext } from '../rules/context';
import type { Goal, Range } from '../types';
import type { BuddyGoal } from '../career';

export type { ReportHealth };

export interface ReportView {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly health: ReportHealth;
  /** Days overdue (counted, leave excluded) when the 1:1 is late; used to sort "most overdue first". */
  readonly overdueBy: number;
  readonly reportFile: string;
}

/**
 * The report row: `last 1:1 12d ago · biweekly`, `overdue 9d · weekly`, `no 1:1 yet · weekly`, `left 2026-10-01`.
 * Built from the report's health, so it says "overdue" whatever the settings do with the cadence rules' problems.
 */
export function reportView(ctx: ReportContext, facts: ReportHealthFacts = reportHealth(ctx)): ReportView {
  const cadence = ctx.cadence;
  const health = facts.state;
  let status: string;
  if (health === 'overdue') {
    status = facts.overdue?.kind === 'last-held' ? `overdue ${facts.overdueBy}d` : 'no 1:1 yet';
  } else if (health === 'paused') {
    status = 'on leave';
  } else if (facts.daysSinceLastHeld === undefined) {
    status = 'no 1:1 yet';
  } else {
    const ago = facts.daysSinceLastHeld;
    status = `last 1:1 ${ago === 0 ? 'today' : ago === 1 ? 'yesterday' : `${ago}d ago`}`;
    if (health === 'due-soon') status = `due today · ${status}`;
  }
  const lines = [
    ctx.name,
    ctx.profile?.role ? `Role: ${ctx.profile.role}` : undefined,
    `Cadence: ${describeDuration(cadence)}`,
    ctx.lastHeld ? `Last 1:1: ${ctx.lastHeld.ref.date}` : 'No 1:1 held yet',
    ctx.nextDue ? `Next due: ${ctx.nextDue} (${relativeDay(ctx.nextDue, ctx.today)})` : ctx.pausedToday ? 'On leave' : undefined,
    ctx.profile && ctx.profile.aspirations.length > 0 ? `Aspirations: ${ctx.profile.aspirations.join('; ')}` : undefined,
  ].filter((l): l is string => l !== undefined);
  return {
    id: ctx.report.id,
    label: ctx.name,
    // The urgent part first, so a narrow sidebar still shows it. A former report's row says when they left.
    description: health === 'left' ? `left ${facts.left}` : `${status} · ${cadence}`,
    tooltip: lines.join('\n'),
    health,
    overdueBy: facts.overdueBy,
    reportFile: ctx.profileFile?.path ?? `${ctx.report.path}/report.yaml`,
  };
}

export interface GoalView {
  readonly reportId: string;
  readonly goalId: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly expired: boolean;
  readonly end: IsoDate;
  readonly file: string;
  readonly range: Range | undefined;
}

export function goalView(ctx: ReportContext, goal: Goal): GoalView {
  const left = daysLeft(ctx, goal);
  const end = goalEndOf(ctx, goal);
  const when = left < 0 ? 'expired' : left === 0 ? 'ends today' : `ends in ${left} day${left === 1 ? '' : 's'}`;
  return {
    reportId: ctx.report.id,
    goalId: goal.id,
    label: goal.title,
    description: goal.buddy ? `${when} · buddy: ${goal.buddy}` : when,
    tooltip: [goal.title, goal.aspiration ? `Towards: ${goal.aspiration}` : undefined, `${goal.start} → ${end}`, goal.success ? `Success: ${goal.success.trim()}` : undefined]
      .filter((l): l is string => l !== undefined)
      .join('\n'),
    expired: left < 0,
    end,
    file: ctx.goalsFile?.path ?? `${ctx.report.path}/goals.yaml`,
    range: ctx.goalsFile ? rangeOfPath(ctx.goalsFile, ['goals', goal.index]) : undefined,
  };
}

/** Active goals, soonest end first. */
export function activeGoalViews(ctx: ReportContext): GoalView[] {
  return ctx.activeGoals.map((g) => goalView(ctx, g)).sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : a.label.localeCompare(b.label)));
}

/** A goal of another report on which this report is the buddy: a row under this report's goals. */
export interface BuddyView {
  readonly buddyId: string;
  readonly ownerId: string;
  readonly goalId: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly file: string;
  readonly range: Range | undefined;
}

export function buddyView(buddyId: string, b: BuddyGoal): BuddyView {
  return {
    buddyId,
    ownerId: b.ownerId,
    goalId: b.goalId,
    label: `buddy for ${b.ownerName}: ${b.title}`,
    description: 'their goal',
    tooltip: `${b.ownerName}'s two-month goal "${b.title}": this report is their buddy (\`buddy: ${buddyId}\` in ${b.file}).`,
    file: b.file,
    range: b.range,
  };
}

/** What a history row is: its icon is chosen by this, not by its text. `unread`: not parsed, or no usable status. */
export type MeetingRowState = 'held' | 'planned' | 'skipped' | 'unread';

export interface MeetingView {
  readonly file: string;
  readonly label: string;
  readonly description: string;
  readonly career: boolean;
  readonly state: MeetingRowState;
}

/** A history row: the date, and what is known of the meeting (status and kind need the file to be parsed). */
export function meetingView(ref: MeetingRef, loaded: LoadedMeeting | undefined, today: IsoDate): MeetingView {
  const v = loaded?.value;
  const parts: string[] = [];
  // A 1:1 marked held on a day still to come is planned, as far as anyone can know.
  const state: MeetingRowState = v?.status === undefined ? 'unread' : v.status === 'held' && ref.date > today ? 'planned' : v.status;
  if (v) {
    if (v.kind === 'career') parts.push('career');
    parts.push(state === 'unread' ? 'status unreadable' : state);
    if (v.status === 'skipped' && v.skipReason) parts.push(v.skipReason);
  }
  if (ref.date >= today) parts.push(relativeDay(ref.date, today));
  return {
    file: ref.path,
    label: ref.seq > 1 ? `${ref.date} (${ref.seq})` : ref.date,
    description: parts.join(' · '),
    career: v?.kind === 'career',
    state,
  };
}

export interface ActionView {
  readonly label: string;
  readonly description: string;
  readonly file: string;
  readonly range: Range;
  readonly overdue: boolean;
}

export function actionView(open: OpenAction, ctx: ReportContext): ActionView {
  const a = open.action;
  const due = a.due ? `due ${a.due}${a.due < ctx.today ? ' (overdue)' : ''}` : 'no due date';
  return {
    label: a.text.trim().split('\n')[0],
    description: `${a.owner === 'manager' ? 'you' : 'them'} · ${due}`,
    file: open.meeting.file.path,
    range: rangeOfPath(open.meeting.file, ['actions', a.index]),
    overdue: a.due !== undefined && a.due < ctx.today,
  };
}

export function openActionViews(ctx: ReportContext): ActionView[] {
  return ctx.openActions.map((o) => actionView(o, ctx));
}

/** Reports for a quick pick or the status bar: the most overdue first, then by name. */
export function sortByUrgency(views: readonly ReportView[]): ReportView[] {
  return [...views].sort((a, b) => HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || b.overdueBy - a.overdueBy || a.label.localeCompare(b.label));
}
