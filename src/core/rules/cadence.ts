/** cadence-overdue, no-first-meeting, career-overdue: are the 1:1s happening at all? */
import { describeDuration, pausedDaysBetween } from '../dates';
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
  // The facts are the report's (ReportContext.overdue / careerDue, also what the tree and status bar show): the rules
  // only word them. They are undefined for a report who left or whose history could not be listed.
  const out: Found[] = [];
  const cadence = `cadence ${describeDuration(ctx.cadence)} + ${ctx.graceDays} grace day${ctx.graceDays === 1 ? '' : 's'}`;
  const anchor = reportAnchor(ctx);
  const overdue = ctx.overdue;
  if (overdue?.kind === 'last-held' && ctx.lastHeld) {
    const last = ctx.lastHeld.ref.date;
    const paused = pausedDaysBetween(last, ctx.today, ctx.paused);
    const leave = paused > 0 ? `, not counting ${paused} day${paused === 1 ? '' : 's'} of leave` : '';
    out.push({
      ...anchor,
      rule: 'cadence-overdue',
      message: `No 1:1 with ${ctx.name} for ${overdue.days} days (last held ${last}${leave}); ${cadence}: overdue by ${overdue.by} days.`,
      data: { report: ctx.report.id, days: overdue.days, overdueBy: overdue.by, lastHeld: last },
    });
  } else if (overdue?.kind === 'no-first' && ctx.profile?.since) {
    out.push({
      ...anchor,
      rule: 'no-first-meeting',
      message: `${ctx.name} has had no 1:1 with you yet, ${overdue.days} days after starting on ${ctx.profile.since}; ${cadence}: start the first one.`,
      data: { report: ctx.report.id, days: overdue.days, overdueBy: overdue.by },
    });
  }
  const career = ctx.careerDue;
  if (career) {
    const every = describeDuration(ctx.team.careerEvery);
    out.push({
      ...anchor,
      rule: 'career-overdue',
      message: career.lastCareer
        ? `The last career 1:1 with ${ctx.name} was ${career.days} days ago (${career.lastCareer}); one is due every ${every}: plan a bigger-picture 1:1 about their goals.`
        : `No career 1:1 with ${ctx.name} in the last ${every}: plan a bigger-picture 1:1 about their aspirations and next two-month goals.`,
      data: { report: ctx.report.id, days: career.days },
    });
  }
  return out;
}
