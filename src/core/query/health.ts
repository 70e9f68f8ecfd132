/**
 * A report's health: the facts every view shows about whether 1:1s are happening (days since the last one, when the
 * next falls due, how overdue, on leave, career 1:1 due), computed once from the report's context. Views and the
 * status bar read these, never the rules' findings: switching a rule off hides its problem, not the fact.
 */
import { daysBetween } from '../dates';
import type { IsoDate } from '../dates';
import { dueDate } from '../planning';
import type { CadenceOverdue, ReportContext } from '../rules/context';

/** One word for a report row's state, most urgent first: what icons, sorting and colours are chosen by. */
export type ReportHealth = 'overdue' | 'due-soon' | 'new' | 'ok' | 'paused' | 'left';

/** How urgent each state is (0 first), for "most overdue first" lists. */
export const HEALTH_RANK: Readonly<Record<ReportHealth, number>> = { overdue: 0, 'due-soon': 1, new: 2, ok: 3, paused: 4, left: 5 };

export interface ReportHealthFacts {
  readonly state: ReportHealth;
  /** The last held 1:1 (dated today or earlier), if any. */
  readonly lastHeld: IsoDate | undefined;
  /** Calendar days since the last held 1:1. */
  readonly daysSinceLastHeld: number | undefined;
  /** Days since the last held 1:1 that count against the cadence (leave excluded). */
  readonly countedDaysSinceLastHeld: number | undefined;
  /**
   * When the next 1:1 falls (or fell) due: the last held one, else the day they started, plus the cadence, leave
   * not counted. Undefined while an open-ended leave goes on, or once they left.
   */
  readonly nextDue: IsoDate | undefined;
  /** How late the 1:1 is (see ReportContext.overdue); undefined when it is not. */
  readonly overdue: CadenceOverdue | undefined;
  /** Counted days past the cadence when overdue, else 0 (for sorting). */
  readonly overdueBy: number;
  readonly onLeave: boolean;
  readonly careerDue: boolean;
  /** The day they left the team, once it has come. */
  readonly left: IsoDate | undefined;
}

export function reportHealth(ctx: ReportContext): ReportHealthFacts {
  const lastHeld = ctx.lastHeld?.ref.date;
  let state: ReportHealth;
  if (ctx.hasLeft) state = 'left';
  else if (ctx.overdue) state = 'overdue';
  else if (ctx.pausedToday) state = 'paused';
  else if (!lastHeld) state = 'new';
  else if (ctx.nextDue && ctx.nextDue <= ctx.today) state = 'due-soon';
  else state = 'ok';
  return {
    state,
    lastHeld,
    daysSinceLastHeld: lastHeld ? daysBetween(lastHeld, ctx.today) : undefined,
    countedDaysSinceLastHeld: ctx.countedDaysSinceLastHeld,
    nextDue: dueDate(ctx),
    overdue: ctx.overdue,
    overdueBy: ctx.overdue?.by ?? 0,
    onLeave: ctx.pausedToday,
    careerDue: ctx.careerDue !== undefined,
    left: ctx.hasLeft ? ctx.left : undefined,
  };
}
