/**
 * The query layer: the one way the adapters (trees, status bar, commands, diagnostics, the form, next the dashboard)
 * read the team. Everything here is derived from the index and the checker and cached per version (the index's
 * version and the checker's revision), so one refresh builds each report's snapshot once, however many rows, picks
 * and badges read it. Reads that parse files (a history page, the form's earlier 1:1s) run in the checker's line,
 * after the changes queued before them.
 */
import { buddyGoalsById } from '../career';
import type { BuddyGoal } from '../career';
import type { IsoDate } from '../dates';
import { byFile } from '../findings';
import type { ReportHistory } from '../export/history';
import { loadFormContext } from '../form/context';
import type { FormContext } from '../form/model';
import type { TeamIndex } from '../index/teamIndex';
import { weekAhead } from '../planning';
import type { WeekItem } from '../planning';
import { hasLeftBy } from '../rules/context';
import type { ReportContext } from '../rules/context';
import type { Problem, TeamConfig } from '../types';
import { activeGoalViews, meetingView, openActionViews, reportView, sortByUrgency } from '../views/model';
import type { ActionView, GoalView, MeetingView, ReportView } from '../views/model';
import { reportHealth } from './health';
import type { ReportHealthFacts } from './health';

/** What the queries need of the checker (it implements this; tests may too). */
export interface QuerySource {
  /** Changes with every re-check, new day or new settings. */
  readonly revision: number;
  readonly currentToday: IsoDate;
  context(reportId: string): ReportContext | undefined;
  /**
   * A stamp that changes whenever the report's context may have changed (its rules ran again, a new day, new
   * settings): a report's snapshot is kept while it stays. Without it, snapshots are kept for one version only.
   */
  reportStamp?(reportId: string): number | undefined;
  /** A report's row kept by the warm start (src/core/warm/) while its own check has not run yet. */
  provisionalView?(reportId: string): ReportView | undefined;
  problems(): Problem[];
  problemsOf(file: string): Problem[];
  /** Runs index work after the changes queued before it (see TeamChecker.exclusive). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** A report as the top of a list knows it: cheap, no context built. */
export interface ReportRow {
  readonly id: string;
  readonly name: string;
  /** They left the team (report.yaml `left` has come): listed apart, nothing falls due. */
  readonly hasLeft: boolean;
}

/** Everything the views show about one report today, built once per version. */
export interface ReportSnapshot {
  readonly id: string;
  readonly context: ReportContext;
  readonly health: ReportHealthFacts;
  readonly view: ReportView;
  /** Active goals, soonest end first. */
  readonly goals: readonly GoalView[];
  readonly actions: readonly ActionView[];
}

/** One page of a report's 1:1 history, newest first. */
export interface HistoryPage {
  readonly rows: readonly MeetingView[];
  /** How many 1:1 files the report has in all (more pages follow while rows.length < total). */
  readonly total: number;
}

export interface GoalGroup {
  readonly id: string;
  readonly name: string;
  readonly goals: readonly GoalView[];
}

/** Built when first asked for after a change, then reused until the next one. */
interface Cache {
  rows?: ReportRow[];
  rowById?: Map<string, ReportRow>;
  snapshots: Map<string, ReportSnapshot | undefined>;
  problems?: Problem[];
  byFile?: Map<string, Problem[]>;
  week?: WeekItem[];
  goalGroups?: GoalGroup[];
  buddies?: Map<string, BuddyGoal[]>;
  forms: Map<string, FormContext | undefined>;
}

export class TeamQueries {
  private cacheVersion = '';
  private cache: Cache = { snapshots: new Map(), forms: new Map() };
  /** Snapshots kept across versions, each with the stamp and the day it was built for (see QuerySource.reportStamp). */
  private readonly stamped = new Map<string, { readonly stamp: number; readonly today: IsoDate; readonly snap: ReportSnapshot | undefined }>();
  /** What was built, for the benchmark and tests (like the index's stats): one version builds each snapshot once. */
  readonly stats = { snapshotsBuilt: 0 };

  constructor(private readonly index: TeamIndex, private readonly source: QuerySource) {}

  /** Changes whenever anything these queries answer may have changed. */
  get version(): string {
    return `${this.index.version}.${this.source.revision}`;
  }

  get today(): IsoDate {
    return this.source.currentToday;
  }

  private current(): Cache {
    const v = this.version;
    if (v !== this.cacheVersion) {
      this.cacheVersion = v;
      this.cache = { snapshots: new Map(), forms: new Map() };
      for (const id of [...this.stamped.keys()]) if (!this.index.report(id)) this.stamped.delete(id);
    }
    return this.cache;
  }

  /** team.yaml's values, defaults filled in. */
  team(): TeamConfig {
    return this.index.team;
  }

  /** Every report, by name; former reports flagged (no context is built for this). */
  reports(): readonly ReportRow[] {
    const c = this.current();
    c.rows ??= this.index.reports()
      .map((r) => ({ id: r.id, name: this.index.displayName(r), hasLeft: hasLeftBy(r.profile?.value, this.today) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return c.rows;
  }

  /** One report's row, or undefined when there is no such report. */
  row(id: string): ReportRow | undefined {
    const c = this.current();
    c.rowById ??= new Map(this.reports().map((r) => [r.id, r]));
    return c.rowById.get(id);
  }

  has(id: string): boolean {
    return this.index.report(id) !== undefined;
  }

  /** A report's snapshot (context, health, row, goals, actions), or undefined when there is no such report. */
  report(id: string): ReportSnapshot | undefined {
    const c = this.current();
    if (c.snapshots.has(id)) return c.snapshots.get(id);
    const stamp = this.index.report(id) ? this.source.reportStamp?.(id) : undefined;
    const today = this.today;
    const kept = this.stamped.get(id);
    let snap: ReportSnapshot | undefined;
    if (kept && stamp !== undefined && kept.stamp === stamp && kept.today === today) {
      snap = kept.snap;
    } else {
      const context = this.source.context(id);
      if (context) {
        this.stats.snapshotsBuilt++;
        const health = reportHealth(context);
        snap = { id, context, health, view: reportView(context, health), goals: activeGoalViews(context), actions: openActionViews(context) };
      }
      if (stamp !== undefined) this.stamped.set(id, { stamp, today, snap });
      else this.stamped.delete(id);
    }
    c.snapshots.set(id, snap);
    return snap;
  }

  /**
   * A report's row: from its snapshot, or, before its rules have run in this window, as the warm start kept it from
   * the last one (undefined when neither is there yet: the row shows the name only).
   */
  reportView(id: string): ReportView | undefined {
    return this.report(id)?.view ?? this.source.provisionalView?.(id);
  }

  /**
   * The rows of reports whose 1:1 is overdue, most overdue first, then by name: what the status bar counts. Reports
   * not checked yet count by their warm-start row, so a reopened window says "3 overdue" at once, not "on track".
   */
  overdue(): ReportView[] {
    return this.reports()
      .filter((r) => !r.hasLeft)
      .map((r) => this.reportView(r.id))
      .filter((v): v is ReportView => v !== undefined && v.health === 'overdue')
      .sort((a, b) => b.overdueBy - a.overdueBy || a.label.localeCompare(b.label));
  }

  /** The snapshots of the reports still on the team, by name: the dashboard's starting point. */
  onTeam(): ReportSnapshot[] {
    return this.reports().filter((r) => !r.hasLeft).map((r) => this.report(r.id)).filter((s) => s !== undefined);
  }

  /** Reports still on the team, most urgent first (the report picker). */
  byUrgency(): ReportView[] {
    return sortByUrgency(this.onTeam().map((s) => s.view));
  }

  /** The This Week rows: planned 1:1s of the next seven days and the 1:1s falling due in them. */
  weekAhead(): readonly WeekItem[] {
    const c = this.current();
    c.week ??= weekAhead(this.onTeam().map((s) => s.context), this.today);
    return c.week;
  }

  /** Active goals by report (reports without any left out); the report whose goal ends soonest first. */
  goalGroups(): readonly GoalGroup[] {
    const c = this.current();
    c.goalGroups ??= this.onTeam()
      .filter((s) => s.goals.length > 0)
      .map((s) => ({ id: s.id, name: s.view.label, goals: s.goals }))
      .sort((a, b) => (a.goals[0].end < b.goals[0].end ? -1 : a.goals[0].end > b.goals[0].end ? 1 : a.name.localeCompare(b.name)));
    return c.goalGroups;
  }

  /** Active goals of other reports on which this report is the `buddy` (shown under them too). */
  buddyGoals(id: string): readonly BuddyGoal[] {
    const c = this.current();
    c.buddies ??= buddyGoalsById(this.index.reports().map((r) => ({
      id: r.id, name: this.index.displayName(r), goals: r.goals?.value ?? [], hasLeft: hasLeftBy(r.profile?.value, this.today), goalsFile: r.goals?.file,
    })));
    return c.buddies.get(id) ?? [];
  }

  // The dashboard (issue #12) reads here: add its view model as one more cached query built from `onTeam()`
  // and `weekAhead()`, so it shows the same facts as the trees and the status bar.

  problems(): readonly Problem[] {
    const c = this.current();
    c.problems ??= this.source.problems();
    return c.problems;
  }

  problemsOf(file: string): Problem[] {
    return this.source.problemsOf(file);
  }

  problemsByFile(): ReadonlyMap<string, Problem[]> {
    const c = this.current();
    c.byFile ??= byFile(this.problems());
    return c.byFile;
  }

  /**
   * The newest `count` 1:1s of a report as history rows, parsing those not parsed yet (cached by the index). Runs in
   * the checker's line: after the changes queued before it, never in the middle of one.
   */
  historyPage(reportId: string, count: number): Promise<HistoryPage | undefined> {
    return this.source.exclusive(async () => {
      const r = this.index.report(reportId);
      if (!r) return undefined;
      const page = r.meetings.slice(0, Math.max(0, count));
      const loaded = await this.index.loadMeetings(reportId, page, { revalidate: false });
      const today = this.today;
      return { rows: page.map((ref, i) => meetingView(ref, loaded[i], today)), total: r.meetings.length };
    });
  }

  /**
   * A report's context and every 1:1 on file, parsed (in the checker's line): what the exports read
   * (src/core/export). Linear in the report's files; undefined when there is no such report.
   */
  history(reportId: string): Promise<ReportHistory | undefined> {
    return this.source.exclusive(async () => {
      const r = this.index.report(reportId);
      if (!r) return undefined;
      const meetings = await this.index.loadMeetings(reportId, r.meetings, { revalidate: false });
      const snap = this.report(reportId);
      return snap ? { id: reportId, name: snap.context.name, context: snap.context, meetings } : undefined;
    });
  }

  /**
   * What the form shows around a meeting file (the report, their goals, the few 1:1s before it), parsed in the
   * checker's line and cached until the next change.
   */
  formContext(path: string): Promise<FormContext | undefined> {
    const cached = this.cache.forms;
    if (this.version === this.cacheVersion && cached.has(path)) return Promise.resolve(cached.get(path));
    return this.source.exclusive(async () => {
      const value = await loadFormContext(this.index, path);
      // Cached at the version after the load: parsing the earlier 1:1s bumps it, and that is not a change.
      this.current().forms.set(path, value);
      return value;
    });
  }
}
