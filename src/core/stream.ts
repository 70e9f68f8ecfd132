/**
 * The CLI's check, report by report (issue #17): the same findings as `TeamChecker` (its full check, or with
 * `everything: false` its window only), but each report's 1:1s are parsed, checked and dropped before the next
 * reports are read, so memory is that of the index's listing and profiles plus a few reports' 1:1s, whatever the
 * size of the history. Built on the index's public API; a unit test (test/unit/stream.test.ts) holds its problems
 * equal to the checker's. With `onReportCounts` it also gives each report's share of the team dashboard's totals
 * (`check --format json`'s summary), computed by the dashboard's own functions while the report is loaded; the same
 * unit test holds their sum equal to the dashboard's totals.
 */
import { reportCountsOf } from './dashboard/input';
import { rangeStart, refsInRange } from './dashboard/query';
import type { TeamCounts } from './dashboard/summary';
import type { IsoDate } from './dates';
import { parseDuration } from './dates';
import type { Finding } from './findings';
import type { TeamFileSystem } from './fs';
import { mapLimit } from './fs';
import { reportFenceFindings, TeamIndex } from './index/teamIndex';
import type { LoadedMeeting, ReportEntry } from './index/teamIndex';
import { buildReportContext } from './rules/context';
import type { ReportContext } from './rules/context';
import { RULE_FAMILIES, severityOf } from './rules/registry';
import type { RuleFamilyCheck, RuleSettings } from './rules/registry';
import { windowSatisfied } from './rules/window';
import type { Problem } from './types';

export interface StreamCheckOptions {
  readonly today: IsoDate;
  readonly settings?: RuleSettings;
  /** The rule families to run (tests inject a failing one to prove the fence); default RULE_FAMILIES. */
  readonly rules?: readonly RuleFamilyCheck[];
  /** Every meeting file's own problems (the CLI's default); false: the rules' window only (`--recent`). */
  readonly everything: boolean;
  /**
   * Reports checked side by side: their reads overlap, and each holds its 1:1s parsed until it is checked, so this
   * bounds memory too. Default 4.
   */
  readonly concurrency?: number;
  /**
   * Only every `count`-th report from the `index`-th on (in id order), for one of several workers; the team's own
   * findings (team.yaml, top-level names) come with shard 0. Default: every report.
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /** 1:1s outside the window parsed and checked at once (the full check); default 64. */
  readonly chunk?: number;
  /**
   * Called with each current report's share of the team's totals (not for one who left, as the dashboard shows current
   * reports only), computed with the dashboard's own functions while the report's 1:1s are loaded; the caller adds
   * them up (`check --format json`'s summary). With it, the report's 1:1s in the dashboard's range (26 weeks) are
   * read too: in the full check they are the first chunk checked after the window, so none is parsed twice.
   */
  readonly onReportCounts?: (counts: TeamCounts) => void;
  /**
   * Called once the team folder is listed: every report's id (all shards'), in order, and team.yaml's values as the
   * rules read them (JSON), so that a caller with several shards can tell they all saw the same team.
   */
  readonly onListed?: (ids: readonly string[], team: string) => void;
  /** Called once a report is checked and its 1:1s dropped (a test looks at the index there). */
  readonly onReportDone?: (index: TeamIndex, reportId: string) => void;
}

/** The problems of the team folder, as `TeamChecker.problems()` gives them after the same check; unsorted. */
export async function checkTeamStreaming(fs: TeamFileSystem, options: StreamCheckOptions): Promise<Problem[]> {
  const { team, reports } = await checkTeamStreamingByReport(fs, options);
  return [...team, ...reports.flat()];
}

/** A shard's problems: the team's own (shard 0 only) and each of its reports' in id order. */
export interface ShardProblems {
  readonly team: Problem[];
  readonly reports: Problem[][];
}

/**
 * The same check, the problems kept apart per report: a caller that splits the reports over workers (`shard`) puts
 * them back in the order of `TeamChecker.problems()` (team, then reports by id), so that problems that tie in the
 * CLI's sort come out in the same order however many workers there were.
 */
export async function checkTeamStreamingByReport(fs: TeamFileSystem, options: StreamCheckOptions): Promise<ShardProblems> {
  const shard = options.shard ?? { index: 0, count: 1 };
  // Every report's row (the rules may name any report), then this shard's goals and listings only; one thread loads
  // the same way (its shard is every report).
  const index = await TeamIndex.open(fs, { rowsFirst: true });
  const mine = new Set(index.reports().filter((_, i) => i % shard.count === shard.index).map((r) => r.id));
  await index.finishLoad((id) => mine.has(id));
  const settings = options.settings ?? {};
  const rules = options.rules ?? RULE_FAMILIES;
  const withSeverity = (findings: readonly Finding[]): Problem[] => {
    const out: Problem[] = [];
    for (const f of findings) {
      const severity = severityOf(f.rule, settings);
      if (severity) out.push({ ...f, severity });
    }
    return out;
  };
  const team = shard.index === 0 ? withSeverity([...(index.teamParsed?.file.findings ?? []), ...index.topLevelFindings]) : [];
  options.onListed?.(index.reports().map((r) => r.id), JSON.stringify(index.team));
  const reports = index.reports().filter((r) => mine.has(r.id));
  // Each report's findings in its slot (mapLimit keeps the order).
  const found = await mapLimit(reports, options.concurrency ?? 4, async (r) => {
    try {
      return await checkReport(index, r, options.today, rules, options.everything, options.chunk ?? 64, options.onReportCounts);
    } finally {
      index.dropMeetings(r.id);
      options.onReportDone?.(index, r.id);
    }
  });
  return { team, reports: found.map(withSeverity) };
}

/**
 * One report's findings: `TeamChecker`'s checkReport (with its fence), on the report's window, then (the full check)
 * on the rest of its history `chunk` 1:1s at a time. The rules read across meetings only in the window (docs/rules.md);
 * what they say about other 1:1s they say per file, from `checkedMeetings`. So each chunk runs the rules with the
 * window's context and only that chunk as its checked meetings, keeps what they say about the chunk's own files, and
 * is dropped: the same findings as one run over all, and per file in the same order (ties in the CLI's sort too),
 * with a chunk's parsed 1:1s the most that is alive at once.
 */
async function checkReport(
  index: TeamIndex,
  r: ReportEntry,
  today: IsoDate,
  rules: readonly RuleFamilyCheck[],
  everything: boolean,
  chunk: number,
  onCounts: ((counts: TeamCounts) => void) | undefined,
): Promise<Finding[]> {
  try {
    const count = await windowSize(index, r, today);
    const window = loaded(index, r, r.meetings.slice(0, count));
    const ctx = buildReportContext(index, r, today, window, window);
    // The dashboard's counts first (a rule that throws below must not lose them): the window's context and every
    // 1:1 in the range, as DashboardQuery reads them; the range past the window is the full check's first chunk.
    let rangeRest: LoadedMeeting[] = [];
    if (onCounts && !ctx.hasLeft) {
      const inRange = refsInRange(r.meetings, rangeStart(today)).length;
      if (inRange > count) rangeRest = await index.loadMeetings(r.id, r.meetings.slice(count, inRange));
      onCounts(reportCountsOf(ctx, loaded(index, r, r.meetings.slice(0, inRange))));
    }
    const found: Finding[] = [
      ...r.layoutFindings,
      ...(r.profile?.file.findings ?? []),
      ...(r.goals?.file.findings ?? []),
      ...window.flatMap((m) => m.file.findings),
    ];
    for (const rule of rules) found.push(...rule(ctx));
    if (!everything) return found;
    const checkChunk = (checked: readonly LoadedMeeting[]): void => {
      const files = new Set(checked.map((m) => m.file.path));
      for (const m of checked) found.push(...m.file.findings);
      const chunkCtx: ReportContext = { ...ctx, checkedMeetings: checked };
      for (const rule of rules) for (const f of rule(chunkCtx)) if (files.has(f.file)) found.push(f);
    };
    const start = count + rangeRest.length;
    if (rangeRest.length > 0) checkChunk(rangeRest);
    rangeRest = []; // not held while the older chunks are read
    for (let at = start; at < r.meetings.length; at += chunk) {
      // The window's meetings stay alive through `ctx`; the index forgets each chunk once it is checked.
      index.dropMeetings(r.id);
      checkChunk(await index.loadMeetings(r.id, r.meetings.slice(at, at + chunk)));
    }
    return found;
  } catch (e) {
    return reportFenceFindings(r, e);
  }
}

/** The parsed meetings of `refs` the index holds, in order (as the checker's window). */
function loaded(index: TeamIndex, r: ReportEntry, refs: readonly { readonly fileName: string }[]): LoadedMeeting[] {
  const out: LoadedMeeting[] = [];
  for (const ref of refs) {
    const m = index.loadedMeeting(r.id, ref.fileName);
    if (m) out.push(m);
  }
  return out;
}

/** Meetings parsed per step while filling a window, as the checker does. */
const FIRST_BATCH = 6;
const NEXT_BATCH = 2;

/** How many of the newest meetings the rules' window holds: the checker's fillWindow, parsing newest first. */
async function windowSize(index: TeamIndex, r: ReportEntry, today: IsoDate): Promise<number> {
  const careerDays = parseDuration(index.team.careerEvery) ?? 56;
  const paused = r.profile?.value?.paused ?? [];
  const window: LoadedMeeting[] = [];
  while (window.length < r.meetings.length) {
    const ref = r.meetings[window.length];
    const m = index.loadedMeeting(r.id, ref.fileName);
    if (!m) {
      const step = window.length === 0 ? FIRST_BATCH : NEXT_BATCH;
      await index.loadMeetings(r.id, r.meetings.slice(window.length, window.length + step));
      continue;
    }
    window.push(m);
    if (windowSatisfied(window, today, careerDays, paused)) break;
  }
  return window.length;
}
