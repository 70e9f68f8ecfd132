/**
 * The dashboard's query: the team summary built from the query layer (each current report's snapshot: context and
 * health) plus the report's 1:1s in the heatmap's range, parsed in the checker's line. Kept apart from TeamQueries
 * (issue #12's file) and cached per report: after one changed file only that report's input and row are built again,
 * the other reports' are reused, and the totals are summed afresh.
 *
 * A report's cache key is made of object identities the index replaces on every change that could matter: report.yaml
 * and goals.yaml as parsed, the listed refs of the range (and a few older ones, where the feedback balance and the
 * last held 1:1 come from) with their parsed values, how many 1:1 files there are, today and team.yaml.
 */
import { addDays } from '../dates';
import type { IsoDate } from '../dates';
import { mapLimit } from '../fs';
import type { LoadedMeeting, MeetingRef, TeamIndex } from '../index/teamIndex';
import type { TeamQueries } from '../query/queries';
import { reportInput } from './input';
import { dashboardSummary, HEATMAP_WEEKS, reportRow } from './summary';
import type { DashboardSummary, ReportInput, ReportRow } from './summary';
import { mondayOf } from './weeks';

/** What the dashboard reads: the checker implements it (the query layer, the index it reads, its one line). */
export interface DashboardSource {
  readonly queries: TeamQueries;
  readonly index: TeamIndex;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** Reports whose 1:1s in range are read at once. */
const REPORT_CONCURRENCY = 8;
/** Refs older than the range that are part of the key: the window's last held 1:1s (the balance looks at 10). */
const OLDER_IN_KEY = 20;

interface Cached {
  readonly key: readonly unknown[];
  readonly input: ReportInput;
  readonly row: ReportRow;
}

/** The first day the heatmap shows: the Monday 25 weeks before this week's. */
export function rangeStart(today: IsoDate): IsoDate {
  return addDays(mondayOf(today), -7 * (HEATMAP_WEEKS - 1));
}

/** The refs of a report the dashboard reads: every 1:1 dated in range or later (newest first, as listed). */
export function refsInRange(refs: readonly MeetingRef[], from: IsoDate): readonly MeetingRef[] {
  let end = 0;
  while (end < refs.length && refs[end].date >= from) end++;
  return refs.slice(0, end);
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

export class DashboardQuery {
  private readonly cache = new Map<string, Cached>();
  private lastVersion = '';
  private last: DashboardSummary | undefined;
  /** How many report rows were built (the unit tests' and the bench's proof that a change rebuilds one). */
  rowsBuilt = 0;

  constructor(private readonly source: DashboardSource) {}

  /**
   * The team summary for today. Parses the 1:1s in range not parsed yet (in the checker's line, after the changes
   * queued before), then builds what changed. Resolves to the same object while nothing changed.
   */
  summary(): Promise<DashboardSummary> {
    return this.source.exclusive(async () => {
      const { queries, index } = this.source;
      const today = queries.today;
      const from = rangeStart(today);
      // Load first: parsing bumps the index's version, which is not a change.
      const current = queries.reports().filter((r) => !r.hasLeft);
      // Several reports at once (each reads its files concurrently too), so the disk and the parser stay busy.
      await mapLimit(current, REPORT_CONCURRENCY, async (r) => {
        const entry = index.report(r.id);
        if (!entry) return;
        // Only what is not parsed yet: after one change that is one file, not the team's whole range again.
        const missing = refsInRange(entry.meetings, from).filter((ref) => index.loadedMeeting(r.id, ref.fileName) === undefined);
        if (missing.length > 0) await index.loadMeetings(r.id, missing, { revalidate: false });
      });
      if (this.last && this.lastVersion === queries.version) return this.last;
      const inputs: ReportInput[] = [];
      const rows = new Map<ReportInput, ReportRow>();
      const seen = new Set<string>();
      for (const r of queries.reports()) {
        if (r.hasLeft) continue;
        const entry = index.report(r.id);
        if (!entry) continue;
        seen.add(r.id);
        const range = refsInRange(entry.meetings, from);
        const older = entry.meetings.slice(range.length, range.length + OLDER_IN_KEY);
        const key: unknown[] = [today, index.team, entry.profile, entry.goals, entry.meetings.length];
        for (const ref of [...range, ...older]) key.push(ref, index.loadedMeeting(r.id, ref.fileName));
        let hit = this.cache.get(r.id);
        if (!hit || !sameKey(hit.key, key)) {
          const snap = queries.report(r.id);
          if (!snap) continue;
          const loaded = range.map((ref) => index.loadedMeeting(r.id, ref.fileName)).filter((m): m is LoadedMeeting => m !== undefined);
          const input = reportInput(snap.context, snap.health, loaded);
          this.rowsBuilt++;
          hit = { key, input, row: reportRow(input, today) };
          this.cache.set(r.id, hit);
        }
        inputs.push(hit.input);
        rows.set(hit.input, hit.row);
      }
      for (const id of [...this.cache.keys()]) if (!seen.has(id)) this.cache.delete(id);
      this.last = dashboardSummary(inputs, today, (i) => rows.get(i) ?? reportRow(i, today));
      this.lastVersion = queries.version;
      return this.last;
    });
  }
}
