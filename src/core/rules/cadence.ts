/** cadence-overdue, no-first-meeting, career-overdue: are the 1:1s happening at all? */
import { countedDaysBetween, describeDuration, pausedDaysBetween } from '../dates';
import type { IsoDate } from '../dates';
import type { FindingsOf } from '../findings';
import { reportAnchor } from './context';
import type { ReportContext } from './context';
import type { QuickFix, RuleModule } from './rule';

/** The data each cadence rule attaches. */
export interface CadenceData {
  'cadence-overdue': { readonly report: string; readonly days: number; readonly overdueBy: number; readonly lastHeld: IsoDate };
  'no-first-meeting': { readonly report: string; readonly days: number; readonly overdueBy: number };
  'career-overdue': { readonly report: string; readonly days: number };
}
type Found = FindingsOf<CadenceData>;

const ON_REPORT = 'report.yaml';
const START_OR_PAUSE = ['Start 1:1 note now', 'Pause cadence (leave)…'] as const;

function startOrPause(data: { readonly report: string }, env: { readonly today: IsoDate }): QuickFix[] {
  return [
    { kind: 'command', title: START_OR_PAUSE[0], command: 'oneOnOnes.startNote', args: [data.report, { date: env.today }], preferred: true },
    { kind: 'command', title: START_OR_PAUSE[1], command: 'oneOnOnes.pauseCadence', args: [data.report] },
  ];
}

export const CADENCE_RULES: RuleModule<CadenceData> = {
  family: 'cadence',
  rules: {
    'cadence-overdue': {
      severity: 'warning',
      summary: 'No held 1:1 for longer than the cadence plus grace days (leave not counted).',
      on: ON_REPORT,
      fixTitles: START_OR_PAUSE,
      fixes: startOrPause,
    },
    'no-first-meeting': {
      severity: 'warning',
      summary: 'A report has never had a 1:1, and has been yours longer than the cadence plus grace days.',
      on: ON_REPORT,
      fixTitles: START_OR_PAUSE,
      fixes: startOrPause,
    },
    'career-overdue': { severity: 'info', summary: 'No held career 1:1 within `career-every`.', on: ON_REPORT },
  },
  check: cadenceRules,
};

export function cadenceRules(ctx: ReportContext): Found[] {
  // A report who left is no longer yours to meet; a history we could not list is not an empty one.
  if (ctx.hasLeft || ctx.historyUnreadable) return [];
  const out: Found[] = [];
  const limit = ctx.cadenceDays + ctx.graceDays;
  const cadence = `cadence ${describeDuration(ctx.cadence)} + ${ctx.graceDays} grace day${ctx.graceDays === 1 ? '' : 's'}`;
  const anchor = reportAnchor(ctx);
  if (ctx.lastHeld && ctx.countedDaysSinceLastHeld !== undefined) {
    const counted = ctx.countedDaysSinceLastHeld;
    if (counted > limit) {
      const last = ctx.lastHeld.ref.date;
      const paused = pausedDaysBetween(last, ctx.today, ctx.paused);
      const leave = paused > 0 ? `, not counting ${paused} day${paused === 1 ? '' : 's'} of leave` : '';
      out.push({
        ...anchor,
        rule: 'cadence-overdue',
        message: `No 1:1 with ${ctx.name} for ${counted} days (last held ${last}${leave}); ${cadence}: overdue by ${counted - ctx.cadenceDays} days.`,
        data: { report: ctx.report.id, days: counted, overdueBy: counted - ctx.cadenceDays, lastHeld: last },
      });
    }
  } else if (ctx.profile?.since && ctx.profile.since <= ctx.today) {
    const counted = countedDaysBetween(ctx.profile.since, ctx.today, ctx.paused);
    if (counted > limit) {
      out.push({
        ...anchor,
        rule: 'no-first-meeting',
        message: `${ctx.name} has had no 1:1 with you yet, ${counted} days after starting on ${ctx.profile.since}; ${cadence}: start the first one.`,
        data: { report: ctx.report.id, days: counted, overdueBy: counted - ctx.cadenceDays },
      });
    }
  }
  out.push(...careerRule(ctx));
  return out;
}

function careerRule(ctx: ReportContext): Found[] {
  // Without any held 1:1 the cadence rules speak; a career 1:1 comes after regular ones.
  if (!ctx.lastHeld) return [];
  const every = describeDuration(ctx.team.careerEvery);
  const lastCareer = ctx.held.find((m) => m.value?.kind === 'career');
  const anchor = reportAnchor(ctx);
  if (lastCareer) {
    const counted = countedDaysBetween(lastCareer.ref.date, ctx.today, ctx.paused);
    if (counted <= ctx.careerEveryDays) return [];
    return [{
      ...anchor,
      rule: 'career-overdue',
      message: `The last career 1:1 with ${ctx.name} was ${counted} days ago (${lastCareer.ref.date}); one is due every ${every}: plan a bigger-picture 1:1 about their goals.`,
      data: { report: ctx.report.id, days: counted },
    }];
  }
  // Never (in the loaded window): count from when they started, or from their first 1:1 on file.
  const oldest = ctx.report.meetings[ctx.report.meetings.length - 1]?.date;
  const since = ctx.profile?.since && ctx.profile.since <= ctx.today ? ctx.profile.since : oldest;
  if (!since) return [];
  const counted = countedDaysBetween(since, ctx.today, ctx.paused);
  if (counted <= ctx.careerEveryDays) return [];
  return [{
    ...anchor,
    rule: 'career-overdue',
    message: `No career 1:1 with ${ctx.name} in the last ${every}: plan a bigger-picture 1:1 about their aspirations and next two-month goals.`,
    data: { report: ctx.report.id, days: counted },
  }];
}
