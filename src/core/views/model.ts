/**
 * What the sidebar shows, as plain data: the tree providers only map these to TreeItems. Pure functions of the
 * checker's per-report context and today's date, so they are unit-tested without VS Code.
 */
import { daysBetween, describeDuration, relativeDay } from '../dates';
import type { IsoDate } from '../dates';
import { rangeOfPath } from '../format/parse';
import type { LoadedMeeting, MeetingRef } from '../index/teamIndex';
import { daysLeft, goalEndOf } from '../rules/context';
import type { OpenAction, ReportContext } from '../rules/context';
import type { Goal, Problem, Range } from '../types';

export type ReportHealth = 'ok' | 'due-soon' | 'overdue' | 'paused' | 'new';

export interface ReportView {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly health: ReportHealth;
  /** Days overdue (counted, leave excluded) when a cadence rule fires; used to sort "most overdue first". */
  readonly overdueBy: number;
  readonly reportFile: string;
}

type CadenceProblem = Extract<Problem, { rule: 'cadence-overdue' | 'no-first-meeting' }>;

/** The report row: `last 1:1 12d ago · biweekly`, `overdue 9d · weekly`, `no 1:1 yet · weekly`. */
export function reportView(ctx: ReportContext, problems: readonly Problem[]): ReportView {
  const cadence = ctx.cadence;
  const cadenceProblem = problems.find((p): p is CadenceProblem => (p.rule === 'cadence-overdue' || p.rule === 'no-first-meeting') && p.data.report === ctx.report.id);
  const overdueBy = cadenceProblem?.data.overdueBy ?? 0;
  let health: ReportHealth = 'ok';
  let status: string;
  if (cadenceProblem) {
    health = 'overdue';
    status = ctx.lastHeld ? `overdue ${overdueBy}d` : 'no 1:1 yet';
  } else if (ctx.pausedToday) {
    health = 'paused';
    status = 'on leave';
  } else if (!ctx.lastHeld) {
    health = 'new';
    status = 'no 1:1 yet';
  } else {
    const ago = daysBetween(ctx.lastHeld.ref.date, ctx.today);
    status = `last 1:1 ${ago === 0 ? 'today' : ago === 1 ? 'yesterday' : `${ago}d ago`}`;
    if (ctx.nextDue && ctx.nextDue <= ctx.today) {
      health = 'due-soon';
      status = `due today · ${status}`;
    }
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
    // The urgent part first, so a narrow sidebar still shows it.
    description: `${status} · ${cadence}`,
    tooltip: lines.join('\n'),
    health,
    overdueBy,
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

export interface MeetingView {
  readonly file: string;
  readonly label: string;
  readonly description: string;
  readonly career: boolean;
}

/** A history row: the date, and what is known of the meeting (status and kind need the file to be parsed). */
export function meetingView(ref: MeetingRef, loaded: LoadedMeeting | undefined, today: IsoDate): MeetingView {
  const v = loaded?.value;
  const parts: string[] = [];
  if (v) {
    if (v.kind === 'career') parts.push('career');
    parts.push(v.status === undefined ? 'status unreadable' : v.status === 'held' && ref.date > today ? 'planned' : v.status);
    if (v.status === 'skipped' && v.skipReason) parts.push(v.skipReason);
  }
  if (ref.date >= today) parts.push(relativeDay(ref.date, today));
  return {
    file: ref.path,
    label: ref.seq > 1 ? `${ref.date} (${ref.seq})` : ref.date,
    description: parts.join(' · '),
    career: v?.kind === 'career',
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
  const rank = (v: ReportView): number => (v.health === 'overdue' ? 0 : v.health === 'due-soon' ? 1 : v.health === 'new' ? 2 : v.health === 'ok' ? 3 : 4);
  return [...views].sort((a, b) => rank(a) - rank(b) || b.overdueBy - a.overdueBy || a.label.localeCompare(b.label));
}
