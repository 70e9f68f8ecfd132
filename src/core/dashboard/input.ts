/**
 * From a report's snapshot (ReportContext) and its 1:1s in the heatmap's range to the dashboard's input: days,
 * statuses, kinds and counts only. This is the one place the dashboard reads parsed 1:1s, and it copies no text out
 * of them (names and goal titles come from report.yaml and goals.yaml).
 */
import type { LoadedMeeting } from '../index/teamIndex';
import { reportHealth } from '../query/health';
import type { ReportHealthFacts } from '../query/health';
import { goalEndOf, isHeldBy } from '../rules/context';
import type { ReportContext } from '../rules/context';
import { reportCounts, reportRow } from './summary';
import type { HeldFact, ReportInput, TeamCounts } from './summary';
import type { MeetingFact } from './weeks';

/**
 * `health`: the query layer's facts for the report (overdue, next due, leave: the numbers the trees and the status
 * bar show, one source). `meetings`: the report's 1:1s the query layer loaded for the range (any order; the rules' window is added, so the
 * last held 1:1s are there even when older than the range).
 */
export function reportInput(ctx: ReportContext, health: ReportHealthFacts, meetings: readonly LoadedMeeting[]): ReportInput {
  const byPath = new Map<string, LoadedMeeting>();
  for (const m of [...ctx.meetings, ...meetings]) byPath.set(m.ref.path, m);
  const all = [...byPath.values()].sort((a, b) => (a.ref.date < b.ref.date ? 1 : a.ref.date > b.ref.date ? -1 : b.ref.seq - a.ref.seq));
  const facts: MeetingFact[] = all.map((m) => ({ date: m.ref.date, seq: m.ref.seq, status: m.value?.status, kind: m.value?.kind ?? 'regular' }));
  const held: HeldFact[] = all.filter((m) => isHeldBy(m, ctx.today)).map((m) => {
    const v = m.value;
    return {
      date: m.ref.date,
      kind: v?.kind ?? 'regular',
      managerPrepared: (v?.feedback.length ?? 0) > 0 || (v?.managerTopics.length ?? 0) > 0,
      reportTopics: (v?.reportTopics.length ?? 0) > 0,
      positive: v?.feedback.filter((f) => f.type === 'positive').length ?? 0,
      negative: v?.feedback.filter((f) => f.type === 'negative').length ?? 0,
    };
  });
  return {
    id: ctx.report.id,
    name: ctx.name,
    cadence: ctx.cadence,
    graceDays: ctx.graceDays,
    careerEveryDays: ctx.careerEveryDays,
    facts: { since: ctx.profile?.since, left: ctx.left, cadenceDays: ctx.cadenceDays, paused: ctx.paused },
    meetings: facts,
    held,
    // The health's due date may lie in the past (overdue); the dashboard shows when the next one is due: today then.
    nextDue: health.nextDue === undefined || health.nextDue >= ctx.today ? health.nextDue : ctx.today,
    overdueBy: health.overdueBy,
    onLeave: health.onLeave,
    openActions: ctx.openActions.length,
    goals: [...ctx.activeGoals, ...ctx.unsupportedGoals].map((g) => ({ id: g.id, title: g.title, start: g.start, end: goalEndOf(ctx, g) })),
    reportFile: ctx.profileFile?.path ?? `${ctx.report.path}/report.yaml`,
  };
}

/**
 * A current report's share of the team's totals, from its context and its 1:1s in the heatmap's range: the
 * dashboard's input and row for it (the same functions DashboardQuery calls), counted. For the CLI's streamed check
 * (src/core/stream.ts), which adds these up report by report instead of keeping the team's rows.
 */
export function reportCountsOf(ctx: ReportContext, meetings: readonly LoadedMeeting[]): TeamCounts {
  const input = reportInput(ctx, reportHealth(ctx), meetings);
  return reportCounts(input, reportRow(input, ctx.today), ctx.today);
}
