/**
 * The rule engine over the index: one instance serves the Problems panel, the trees, the commands and the CLI.
 * It loads each report's window, runs the rule families as pure functions of (index, today, settings), and on a
 * file change re-runs only the report that file belongs to. Adapters read through `queries` (src/core/query/), never
 * through the index; every change and every lazy load of the index runs in this checker's one line (`exclusive`).
 */
import type { IsoDate, Period } from './dates';
import { addDays, parseDuration } from './dates';
import { byFile } from './findings';
import type { Finding } from './findings';
import type { TeamFileSystem } from './fs';
import { mapLimit } from './fs';
import { classifyPath, reportIdOf } from './paths';
import { TeamQueries } from './query/queries';
import { reportFenceFindings, TeamIndex } from './index/teamIndex';
import type { ChangeEffect, ChangeKind, LoadedMeeting, ReportEntry } from './index/teamIndex';
import { buildReportContext } from './rules/context';
import type { ReportContext } from './rules/context';
import { RULE_FAMILIES, severityOf } from './rules/registry';
import type { RuleFamilyCheck, RuleSettings } from './rules/registry';
import { windowSatisfied } from './rules/window';
import { reportHealth } from './query/health';
import { noSlice } from './slice';
import type { Slice } from './slice';
import type { Problem } from './types';
import { reportView } from './views/model';
import type { ReportView } from './views/model';
import { settingsKey, teamKey, vouchable, WARM_DAYS, WARM_FORMAT, WARM_KIND, warmDayOf, warmOffset } from './warm/cache';
import type { WarmDay, WarmFile, WarmReport } from './warm/cache';

/** The rule families come from the registry's one list of rule modules (rules/registry.ts). */
export { RULE_FAMILIES };
export type { RuleFamilyCheck };

export interface CheckerOptions {
  readonly today: IsoDate;
  readonly settings?: RuleSettings;
  /** The rule families to run (tests inject a failing one to prove the fence); default RULE_FAMILIES. */
  readonly rules?: readonly RuleFamilyCheck[];
  /**
   * Awaited before each file's parse and each report's rules (src/core/slice.ts): the extension passes a time slicer
   * so its host thread is never held long; by default none.
   */
  readonly slice?: Slice;
}

/** The longest time one report's rules held the thread in one go (parse times are in the index's stats). */
export interface CheckTimings {
  slowestRulesMs: number;
  reportsChecked: number;
}

/** Meetings parsed per step while filling a window: the first step covers the usual case in one go. */
const FIRST_BATCH = 6;
const NEXT_BATCH = 2;
const REPORT_CONCURRENCY = 16;
/** Reports checked between two pauses of a full check (each report's rules run in one go; a step stays short). */
const CHECK_STEP = 16;

export interface CheckAllOptions {
  /** Runs between steps of a full check (the extension yields to the event loop). */
  readonly pause?: () => Promise<void>;
  /** Each step's problems, by file, and its reports, once the step is checked. */
  readonly progress?: (change: CheckChange) => void;
}

export class TeamChecker {
  private readonly findings = new Map<string, Finding[]>();
  /** Per report: how many of its newest meetings the rules' window holds. */
  private readonly windows = new Map<string, number>();
  /** Meeting files the user opened: their own problems are checked although they lie outside the window. */
  private readonly opened = new Set<string>();
  /** The CLI's full check: every meeting file's own problems. */
  private everything = false;
  private teamFindings: Finding[] = [];
  private today: IsoDate;
  private settings: RuleSettings;
  private readonly rules: readonly RuleFamilyCheck[];
  private readonly slice: Slice;
  /** How long the rules took (for the in-host test that the host's thread is never held long by one report). */
  readonly timings: CheckTimings = { slowestRulesMs: 0, reportsChecked: 0 };
  /** Bumped when findings, windows, today or settings change; with the index's version, what the queries cache by. */
  private revisionValue = 0;
  /**
   * Per report: a stamp renewed each time its rules run (and so its window and facts may differ); the queries keep a
   * report's snapshot while its stamp stays, so a step of the first load or a one-file change rebuilds the snapshots
   * of the reports it checked, not the team's (issue #17: the status bar re-read 200 snapshots per step).
   */
  private readonly stamps = new Map<string, number>();
  private stampCounter = 0;
  /** The one line every change and lazy load of the index waits in (see `exclusive`). */
  private line: Promise<unknown> = Promise.resolve();
  /** The only way adapters read the team: reports, snapshots, history pages, the form's context, problems. */
  readonly queries: TeamQueries;

  /**
   * `index` is the core's own: the queries, the CLI's checks and the core's unit tests read it; adapters (src/vscode)
   * read through `queries` only (a unit test keeps it so).
   */
  private constructor(readonly index: TeamIndex, options: CheckerOptions) {
    this.today = options.today;
    this.settings = options.settings ?? {};
    this.rules = options.rules ?? RULE_FAMILIES;
    this.slice = options.slice ?? noSlice;
    this.queries = new TeamQueries(index, this);
  }

  /** Changes with every re-check, new day or new settings (the index has its own version for its changes). */
  get revision(): number {
    return this.revisionValue;
  }

  /**
   * Runs index work after everything queued before it, one piece at a time: a history page or the form's earlier
   * 1:1s are parsed between two changes, never in the middle of one (where a parse could be cached for a file the
   * change just dropped). Never nest: work running here calls the unqueued methods.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.line.then(work);
    this.line = run.catch(() => undefined);
    return run;
  }

  /** Opens the team folder and checks every report. */
  static async open(fs: TeamFileSystem, options: CheckerOptions): Promise<TeamChecker> {
    const checker = await TeamChecker.openUnchecked(fs, options);
    await checker.checkAll();
    return checker;
  }

  /**
   * Opens the team folder (its listing, team.yaml, each report.yaml and goals.yaml) and checks nothing yet: what the
   * first paint of the report rows needs (issue #17: rows first, problems streamed after). Until `checkAll` has
   * reached a report, `context` answers undefined for it rather than facts from an empty window.
   */
  static async openUnchecked(fs: TeamFileSystem, options: CheckerOptions): Promise<TeamChecker> {
    const checker = new TeamChecker(await TeamIndex.open(fs, { rowsFirst: true, slice: options.slice }), options);
    checker.unchecked = new Set(checker.index.reports().map((r) => r.id));
    return checker;
  }

  /** Reports not checked yet since `openUnchecked` (undefined once every report was checked). */
  private unchecked: Set<string> | undefined;

  /** Whether every report has been checked at least once (always, unless opened with `openUnchecked`). */
  get fullyChecked(): boolean {
    return this.unchecked === undefined;
  }

  get currentToday(): IsoDate {
    return this.today;
  }

  /**
   * Runs every rule again (e.g. a new day, new settings); parses only meetings a window newly needs. `pause` runs
   * between steps of CHECK_STEP reports (the extension yields to the event loop there); `progress` gets each step's
   * problems as it is done (the first load streams them to the Problems panel).
   */
  checkAll(options: CheckAllOptions = {}): Promise<void> {
    return this.exclusive(() => this.checkAllNow(options));
  }

  private async checkAllNow(options: CheckAllOptions = {}): Promise<void> {
    await this.index.finishLoad(); // the goals and the 1:1 listings an unchecked open left for now
    this.revisionValue++;
    this.findings.clear();
    this.teamFindings = this.currentTeamFindings();
    const reports = this.index.reports();
    for (let i = 0; i < reports.length; i += CHECK_STEP) {
      const step = reports.slice(i, i + CHECK_STEP);
      // Files the warm start gave problems to: named in this step's change, so one the check finds clean is cleared.
      const warmFiles = step.flatMap((r) => this.provisional.get(r.id)?.findings.map((f) => f.file) ?? []);
      await mapLimit(step, REPORT_CONCURRENCY, (r) => this.checkReport(r));
      if (options.progress) {
        const files = byFile(this.withSeverity(step.map((r) => this.findings.get(r.id) ?? [])), new Map(warmFiles.map((f) => [f, []])));
        options.progress({ files, reports: new Set(step.map((r) => r.id)) });
      }
      if (options.pause) await options.pause();
    }
    // Reports that came and went meanwhile cannot be waiting: the load is complete.
    this.unchecked = undefined;
    this.provisional.clear();
    for (const id of [...this.stamps.keys()]) if (!this.index.report(id)) this.stamps.delete(id);
  }

  setToday(today: IsoDate): Promise<void> {
    return this.exclusive(async () => {
      if (today === this.today) return;
      this.today = today;
      await this.checkAllNow();
    });
  }

  setSettings(settings: RuleSettings): Promise<void> {
    return this.exclusive(async () => {
      this.settings = settings;
      await this.checkAllNow();
    });
  }

  /** Parses every meeting file, so that file-level rules cover all of history (the CLI's default). */
  checkEverything(): Promise<void> {
    return this.exclusive(async () => {
      this.everything = true;
      await this.index.loadAllMeetings();
      await this.checkAllNow();
    });
  }

  /**
   * Applies a watcher event and re-checks what it touched. Returns the problems of every file whose problems may
   * have changed (an empty list means: clear that file).
   */
  applyChange(path: string, kind: ChangeKind): Promise<Map<string, Problem[]>> {
    return this.exclusive(async () => this.recheck(path, await this.index.applyChange(path, kind)));
  }

  /** An editor's unsaved text for a file (or `undefined`: the file on disk again); re-checks like a change. */
  setOverlay(path: string, text: string | undefined): Promise<Map<string, Problem[]>> {
    return this.exclusive(async () => this.recheck(path, await this.index.setOverlay(path, text)));
  }

  private async recheck(path: string, effect: ChangeEffect): Promise<Map<string, Problem[]>> {
    // Only the reports the change touched are looked at: the cost of a change does not grow with the team.
    const ids = effect.reports === 'all' ? [...new Set([...this.findings.keys(), ...this.index.reports().map((r) => r.id)])] : this.withBuddies(effect.reports);
    const touched = new Set<string>([path]);
    const collect = (): void => {
      for (const f of this.teamFindings) touched.add(f.file);
      for (const id of ids) for (const f of this.findings.get(id) ?? this.provisional.get(id)?.findings ?? []) touched.add(f.file);
    };
    collect(); // files that had problems before
    if (effect.reports === 'all') {
      await this.checkAllNow();
    } else {
      this.teamFindings = this.currentTeamFindings();
      for (const id of ids) {
        const r = this.index.report(id);
        if (r) await this.checkReport(r);
        else {
          this.forget(id);
          this.revisionValue++;
        }
      }
    }
    collect(); // and files that have problems now
    const out = new Map<string, Problem[]>();
    for (const f of touched) out.set(f, []);
    const found = [this.teamFindings, ...ids.map((id) => this.findings.get(id) ?? [])];
    for (const p of this.withSeverity(found, (f) => touched.has(f.file))) out.get(p.file)?.push(p);
    return out;
  }

  /**
   * Checks a meeting file's own problems from now on, even outside the rules' window (the user opened an old 1:1);
   * returns its report's id. Rules that look across meetings still read only the window.
   */
  ensureChecked(path: string): Promise<string | undefined> {
    return this.exclusive(async () => {
      const info = classifyPath(path);
      if (info.kind !== 'meeting') return undefined;
      const r = this.index.report(info.reportId);
      if (!r || !r.meetings.some((m) => m.fileName === info.fileName)) return undefined;
      if (this.opened.has(path)) return r.id;
      this.opened.add(path);
      await this.checkReport(r);
      return r.id;
    });
  }

  /** The stamp of a report's last check (see `stamps`); undefined before its first check or once it is gone. */
  reportStamp(reportId: string): number | undefined {
    return this.stamps.get(reportId);
  }

  /** The facts the rules used for one report (for the views): its window, as the rules saw it. */
  context(reportId: string): ReportContext | undefined {
    if (this.unchecked?.has(reportId)) return undefined; // its window is not read yet: no facts from an empty one
    const r = this.index.report(reportId);
    return r ? buildReportContext(this.index, r, this.today, this.windowOf(r, this.windows.get(reportId) ?? 0)) : undefined;
  }

  private windowOf(r: ReportEntry, count: number): LoadedMeeting[] {
    const out: LoadedMeeting[] = [];
    for (const ref of r.meetings.slice(0, count)) {
      const m = this.index.loadedMeeting(r.id, ref.fileName);
      if (m) out.push(m);
    }
    return out;
  }

  problems(): Problem[] {
    return this.withSeverity([this.teamFindings, ...this.findings.values(), ...[...this.provisional.values()].map((w) => w.findings)]);
  }

  /** Findings with the severity the settings give their rule; rules switched off are left out. */
  private withSeverity(groups: Iterable<readonly Finding[]>, keep: (f: Finding) => boolean = () => true): Problem[] {
    const out: Problem[] = [];
    for (const fs of groups) {
      for (const f of fs) {
        if (!keep(f)) continue;
        const severity = severityOf(f.rule, this.settings);
        if (severity) out.push({ ...f, severity });
      }
    }
    return out;
  }

  /**
   * The problems of one file, without building every file's list (the form and the quick fixes ask on each change).
   * A report's findings are all in its own folder; the rest (team.yaml, top-level names) are the team's.
   */
  problemsOf(file: string): Problem[] {
    const id = reportIdOf(file);
    const own = id === undefined ? [] : this.findings.get(id) ?? this.provisional.get(id)?.findings ?? [];
    return this.withSeverity([this.teamFindings, own], (f) => f.file === file);
  }

  problemsByFile(): Map<string, Problem[]> {
    return byFile(this.problems());
  }

  /** team.yaml's own findings and the top level's: the team's part of the problems, as the index holds them now. */
  private currentTeamFindings(): Finding[] {
    return [...(this.index.teamParsed?.file.findings ?? []), ...this.index.topLevelFindings];
  }

  /**
   * The fence: whatever one report's files or values do to the rules, the other reports are still checked. An
   * unexpected error becomes one finding on this report's report.yaml (naming the kind of error only), together
   * with what its files said about themselves.
   */
  private async checkReport(r: ReportEntry): Promise<void> {
    this.provisional.delete(r.id); // its own results replace the warm start's (none are mixed)
    try {
      await this.checkReportUnfenced(r);
      this.unchecked?.delete(r.id);
    } catch (e) {
      this.unchecked?.delete(r.id);
      this.findings.set(r.id, reportFenceFindings(r, e));
      this.revisionValue++;
    }
    this.stamps.set(r.id, ++this.stampCounter);
  }

  /** A report that is no longer in the index: its problems and its stamp go. */
  private forget(id: string): void {
    this.provisional.delete(id);
    this.findings.delete(id);
    this.stamps.delete(id);
  }

  private async checkReportUnfenced(r: ReportEntry): Promise<void> {
    const count = await this.fillWindow(r);
    this.windows.set(r.id, count);
    const window = this.windowOf(r, count);
    // Files outside the window are checked on their own only when opened (or in the CLI's full check); parses the
    // tree made for its history pages do not count. A change may have dropped their parse: it is made again.
    // (Paths are made only when some file was opened: a ref makes its path when asked, and a history is long.)
    const extraRefs = this.everything ? r.meetings.slice(count) : this.opened.size === 0 ? [] : r.meetings.slice(count).filter((m) => this.opened.has(m.path));
    const extra = extraRefs.length > 0 ? await this.index.loadMeetings(r.id, extraRefs) : [];
    const checked = [...window, ...extra];
    await this.slice();
    // Timed synchronously: the rules run in one go on the host's thread, and that is what must stay short per file.
    const started = performance.now();
    const ctx = buildReportContext(this.index, r, this.today, window, checked);
    this.findings.set(r.id, this.findingsOf(r, ctx));
    this.revisionValue++;
    this.checkedAs.set(r.id, checkedState(r));
    this.timings.slowestRulesMs = Math.max(this.timings.slowestRulesMs, performance.now() - started);
    this.timings.reportsChecked++;
  }

  /** A report's findings in a context: what its files say about themselves (those of `checkedMeetings`), then the rules. */
  private findingsOf(r: ReportEntry, ctx: ReportContext): Finding[] {
    const found: Finding[] = [
      ...r.layoutFindings,
      ...(r.profile?.file.findings ?? []),
      ...(r.goals?.file.findings ?? []),
      ...ctx.checkedMeetings.flatMap((m) => m.file.findings),
    ];
    for (const rule of this.rules) found.push(...rule(ctx));
    return found;
  }

  /**
   * Parses a report's newest meetings until the rules' window is covered (usually one batch) and returns the
   * window's size: the shortest run of newest meetings that satisfies it, however many more are parsed already.
   */
  private async fillWindow(r: ReportEntry): Promise<number> {
    const careerDays = parseDuration(this.index.team.careerEvery) ?? 56;
    const paused = r.profile?.value?.paused ?? [];
    const window: LoadedMeeting[] = [];
    while (window.length < r.meetings.length) {
      const ref = r.meetings[window.length];
      const m = this.index.loadedMeeting(r.id, ref.fileName);
      if (!m) {
        const step = window.length === 0 ? FIRST_BATCH : NEXT_BATCH;
        await this.index.loadMeetings(r.id, r.meetings.slice(window.length, window.length + step));
        continue;
      }
      window.push(m);
      if (windowSatisfied(window, this.today, careerDays, paused)) break;
    }
    return window.length;
  }

  // ---- The warm start (issue #17, src/core/warm/): results kept from the last window, until the real check's ---------

  /** Per report not checked yet: what the warm start vouched for (its problems and its row), replaced by its check. */
  private readonly provisional = new Map<string, { readonly findings: readonly Finding[]; readonly view: ReportView }>();

  /** A report's row as the warm start kept it, while its own check has not run yet. */
  provisionalView(reportId: string): ReportView | undefined {
    return this.provisional.get(reportId)?.view;
  }

  /**
   * What the rules found for every report whose results can be vouched for by its files' versions (checked, every
   * file of its window read with a version not modified within RACY_MS of `nowMs`, no file opened outside the
   * window, nothing unreadable, no unsaved editor text), for the next window's warm start: its rows and problems on
   * each of the WARM_DAYS days from today, as a cold check would give them on that day. `build` names this build.
   */
  warmRecord(build: string, nowMs: number): Promise<WarmFile | undefined> {
    return this.exclusive(async () => {
      const team = teamKey(this.index);
      if (team === undefined || !this.fullyChecked || this.everything) return undefined;
      // A listing changed one event at a time is listed again, so the report it belongs to can be kept.
      for (const r of this.index.reports()) await this.index.revouchListing(r.id);
      const reports: Record<string, WarmReport> = {};
      for (const r of this.index.reports()) {
        // Each report's rules run once per kept day: a break between reports keeps the host's thread free.
        await this.slice();
        const w = this.warmReport(r, nowMs);
        if (w) reports[r.id] = w;
      }
      return { kind: WARM_KIND, format: WARM_FORMAT, build, today: this.today, settings: settingsKey(this.settings), team, reports };
    });
  }

  private warmReport(r: ReportEntry, nowMs: number): WarmReport | undefined {
    const count = this.windows.get(r.id);
    if (!this.findings.has(r.id) || count === undefined || this.stamps.get(r.id) === undefined || this.index.hasReadFailures(r.id)) return undefined;
    // A 1:1 opened outside the window adds its own problems: the next window would not (until it is opened there).
    const prefix = `${r.path}/meetings/`;
    for (const path of this.opened) {
      if (path.startsWith(prefix) && !r.meetings.slice(0, count).some((m) => m.fileName === path.slice(prefix.length))) return undefined;
    }
    // Each version as read (null: no such file or folder); a version that cannot be vouched for drops the report.
    const versionOf = (path: string, present: boolean): string | null | undefined => {
      if (!present) return null;
      const v = this.index.versionRead(path);
      return vouchable(v, nowMs) ? v : undefined;
    };
    const meetingsDir = `${r.path}/meetings`;
    const profile = versionOf(`${r.path}/report.yaml`, r.profile !== undefined);
    const goals = versionOf(`${r.path}/goals.yaml`, r.goals !== undefined);
    // No meetings folder: nothing listed and no version (a folder that could not be listed is a read failure).
    const meetings = versionOf(meetingsDir, r.meetings.length > 0 || this.index.versionRead(meetingsDir) !== undefined);
    if (profile === undefined || goals === undefined || meetings === undefined) return undefined;
    const window: Array<readonly [string, string]> = [];
    const loaded: LoadedMeeting[] = [];
    for (const ref of r.meetings.slice(0, count)) {
      const m = this.index.loadedMeeting(r.id, ref.fileName);
      if (!m || !vouchable(m.version, nowMs)) return undefined;
      window.push([ref.fileName, m.version]);
      loaded.push(m);
    }
    const days = this.warmDays(r, loaded);
    return days.length === 0 ? undefined : { profile, goals, meetings, window, days };
  }

  /**
   * A report's results on each of the WARM_DAYS days from today, as a cold window would check it on that day from the
   * same files (that day's window of the parsed 1:1s `loaded`, nothing opened), until a day it cannot give; a day
   * whose results equal the day before's is kept as null.
   */
  private warmDays(r: ReportEntry, loaded: readonly LoadedMeeting[]): Array<WarmDay | null> {
    const careerDays = parseDuration(this.index.team.careerEvery) ?? 56;
    const paused = r.profile?.value?.paused ?? [];
    const days: Array<WarmDay | null> = [];
    let last = '';
    for (let k = 0; k < WARM_DAYS; k++) {
      let result: WarmDay;
      try {
        const day = addDays(this.today, k);
        const count = windowOn(loaded, r.meetings.length, day, careerDays, paused);
        if (count === undefined) break;
        const window = loaded.slice(0, count);
        const ctx = buildReportContext(this.index, r, day, window, window);
        result = { findings: this.findingsOf(r, ctx), view: reportView(ctx, reportHealth(ctx)) };
      } catch {
        break; // a rule that throws on that day: its fence finding is the real check's to give
      }
      const text = JSON.stringify(result);
      days.push(text === last ? null : result);
      last = text;
    }
    return days;
  }

  /**
   * Takes in a warm-start file (read by `readWarmFile`, which checked the build, the day and the settings) for the
   * reports not checked yet: each whose report.yaml, goals.yaml, meetings folder and window files are as they were
   * when it was written shows its kept problems and row until its own check runs. Runs right after the rows: one stat
   * per file and folder; nothing is listed or parsed (the goals and the listings wait for the real check). Returns
   * the change to show, or undefined when nothing could be vouched for.
   */
  adoptWarm(file: WarmFile, fs: Pick<TeamFileSystem, 'stat' | 'statMany'>): Promise<CheckChange | undefined> {
    return this.exclusive(async () => {
      // Today's results, when the file was written today or within the days before that it holds results for.
      const offset = warmOffset(file.today, this.today);
      if (!this.unchecked || offset === undefined || file.settings !== settingsKey(this.settings)) return undefined;
      if (file.team !== teamKey(this.index)) return undefined;
      const candidates: Array<readonly [ReportEntry, WarmReport, WarmDay]> = [];
      for (const r of this.index.reports()) {
        const w = Object.prototype.hasOwnProperty.call(file.reports, r.id) ? file.reports[r.id] : undefined;
        const day = w && warmDayOf(w.days, offset);
        if (!w || !day || !this.unchecked.has(r.id) || this.index.hasReadFailures(r.id)) continue;
        const profile = r.profile ? this.index.versionRead(r.profile.file.path) ?? '' : null;
        if (profile === w.profile) candidates.push([r, w, day]);
      }
      // Every file and folder each candidate was built on, with the version and kind it had: all stat'ed at once
      // (an adapter's statMany does it in a few short runs rather than a promise per file).
      const wanted: Array<readonly [string, string | null, string]> = [];
      const firstOf: number[] = [];
      for (const [r, w] of candidates) {
        firstOf.push(wanted.length);
        wanted.push([`${r.path}/goals.yaml`, w.goals, 'file'], [`${r.path}/meetings`, w.meetings, 'directory']);
        for (const [fileName, version] of w.window) wanted.push([`${r.path}/meetings/${fileName}`, version, 'file']);
      }
      firstOf.push(wanted.length);
      const paths = wanted.map(([path]) => path);
      const stats = fs.statMany ? await fs.statMany(paths) : await mapLimit(paths, REPORT_CONCURRENCY, (path) => fs.stat(path));
      /** Whether the i-th path is on disk now as recorded: null, nothing there; '' never matches (another kind). */
      const same = (i: number): boolean => {
        const st = stats[i];
        const [, version, kind] = wanted[i];
        return (st === undefined ? null : st.kind === kind ? st.version : '') === version;
      };
      const current = candidates.map((_, c) => {
        for (let i = firstOf[c]; i < firstOf[c + 1]; i++) if (!same(i)) return false;
        return true;
      });
      const reports = new Set<string>();
      this.teamFindings = this.currentTeamFindings();
      candidates.forEach(([r, , day], i) => {
        // Checked meanwhile (a change), or a file no longer as it was: that report waits for its own check.
        if (!current[i] || !this.unchecked?.has(r.id)) return;
        this.provisional.set(r.id, { findings: day.findings, view: day.view });
        reports.add(r.id);
      });
      if (reports.size === 0) return undefined;
      this.revisionValue++;
      return { files: byFile(this.withSeverity([this.teamFindings, ...[...reports].map((id) => this.provisional.get(id)?.findings ?? [])])), reports };
    });
  }

  // ---- Batches and rescans (issue #17): many changes, each report re-checked once ----------------------------------

  /**
   * Applies a batch of watcher events: each file's change goes into the index, then each report they touched is
   * re-checked once, however many of its files changed. `pause` runs between reports (the extension yields to the
   * event loop there, so no task holds the host's thread for long).
   */
  applyChanges(changes: Iterable<readonly [string, ChangeKind]>, pause?: () => Promise<void>): Promise<CheckChange> {
    const list = [...changes];
    // In the checker's one line, like every change: a history page or the form's context never interleaves with it.
    return this.exclusive(() => this.applyChangesNow(list, pause));
  }

  private async applyChangesNow(changes: ReadonlyArray<readonly [string, ChangeKind]>, pause?: () => Promise<void>): Promise<CheckChange> {
    const effects: ChangeEffect[] = [];
    const paths = new Set<string>();
    const top: Array<readonly [string, ChangeKind]> = [];
    const byReport = new Map<string, Array<readonly [string, ChangeKind]>>();
    for (const change of changes) {
      const [path] = change;
      paths.add(path);
      const slash = path.indexOf('/');
      if (slash < 0) top.push(change);
      else {
        const id = path.slice(0, slash);
        const list = byReport.get(id);
        if (list) list.push(change);
        else byReport.set(id, [change]);
      }
    }
    // team.yaml and folders first (they may add a report), then the reports side by side: each event may wait on
    // a stat, and one report's events never touch another's entry.
    const entriesBefore = new Map(this.index.reports().map((r) => [r.id, r]));
    for (const [path, kind] of top) effects.push(await this.index.applyChange(path, kind));
    await mapLimit([...byReport.values()], REPORT_CONCURRENCY, async (list) => {
      for (const [path, kind] of list) effects.push(await this.index.applyChange(path, kind));
    });
    // A folder the index loaded along with another report's event (it lists the whole top level) is named too.
    const entriesAfter = this.index.reports();
    const changed = new Set([...entriesBefore.keys()].filter((id) => !this.index.report(id)));
    for (const r of entriesAfter) if (entriesBefore.get(r.id) !== r) changed.add(r.id);
    return this.recheckReports(paths, mergeEffects([...effects, { reports: changed }]), pause);
  }

  /**
   * Compares the folder with the index (see TeamIndex.rescan) and re-checks each report that differs: for changes
   * whose watcher events were dropped, or too many to take one by one.
   */
  rescan(pause?: () => Promise<void>): Promise<CheckChange> {
    return this.exclusive(() => this.rescanNow(pause));
  }

  private async rescanNow(pause?: () => Promise<void>): Promise<CheckChange> {
    const effect = await this.index.rescan();
    if (effect.reports === 'all') return this.recheckReports(new Set(), effect, pause);
    // Also each report whose entry in the index is not the one its rules last ran on: a change the index took in
    // without naming that report (a folder loaded along with another's) is caught here rather than kept stale.
    const reports = new Set(effect.reports);
    for (const r of this.index.reports()) if (!sameState(this.checkedAs.get(r.id), r)) reports.add(r.id);
    for (const id of this.findings.keys()) if (!this.index.report(id)) reports.add(id);
    return this.recheckReports(new Set(), { reports }, pause);
  }

  /**
   * The reports to re-check for a change: those it touched and, when a report appeared or went, the reports whose
   * goals name it as `buddy` (their unknown-buddy finding depends on it). Only then is the team's goals read.
   */
  private withBuddies(reports: ReadonlySet<string>): string[] {
    const ids = new Set(reports);
    const cameOrWent = [...reports].filter((id) => this.findings.has(id) !== (this.index.report(id) !== undefined));
    if (cameOrWent.length > 0) {
      for (const r of this.index.reports()) if (r.goals?.value?.some((g) => g.buddy !== undefined && cameOrWent.includes(g.buddy))) ids.add(r.id);
    }
    return [...ids];
  }

  /** Per report: the index's entry as its rules last ran on it (see `rescan`). */
  private readonly checkedAs = new Map<string, CheckedState>();

  /** An editor's unsaved text (or the disk again), re-checked like a change; says which report it touched. */
  setOverlayChange(path: string, text: string | undefined): Promise<CheckChange> {
    return this.exclusive(async () => this.recheckReports(new Set([path]), await this.index.setOverlay(path, text)));
  }

  /**
   * Like `ensureChecked`, returning what changed: the problems of the report's files, or undefined when the file is
   * no 1:1 of a report, or was checked already.
   */
  ensureCheckedChange(path: string): Promise<CheckChange | undefined> {
    return this.exclusive(() => this.ensureCheckedChangeNow(path));
  }

  private async ensureCheckedChangeNow(path: string): Promise<CheckChange | undefined> {
    const [id, dir, fileName] = path.split('/');
    const r = this.index.report(id);
    if (!r || dir !== 'meetings' || !fileName || this.opened.has(path) || !r.meetings.some((m) => m.fileName === fileName)) return undefined;
    this.opened.add(path);
    return this.recheckReports(new Set([path]), { reports: new Set([id]) });
  }

  /**
   * Re-checks the given reports (each once) and returns the problems of every file whose problems may have changed
   * (before or after, or named in `paths`), with the reports; `files` is undefined when every report ran again.
   */
  private async recheckReports(paths: ReadonlySet<string>, effect: ChangeEffect, pause?: () => Promise<void>): Promise<CheckChange> {
    if (effect.reports === 'all') {
      await this.checkAllNow({ pause }); // already in the line (`exclusive` does not nest)
      return { files: undefined, reports: 'all' };
    }
    const ids = this.withBuddies(effect.reports);
    const touched = new Set<string>(paths);
    const collect = (): void => {
      for (const f of this.teamFindings) touched.add(f.file);
      for (const id of ids) for (const f of this.findings.get(id) ?? this.provisional.get(id)?.findings ?? []) touched.add(f.file);
    };
    collect(); // files that had problems before
    this.teamFindings = this.currentTeamFindings();
    for (const id of ids) {
      const r = this.index.report(id);
      if (r) await this.checkReport(r);
      else this.forget(id);
      if (pause) await pause();
    }
    collect(); // and files that have problems now
    const files = new Map<string, Problem[]>();
    for (const f of touched) files.set(f, []);
    const found = [this.teamFindings, ...ids.map((id) => this.findings.get(id) ?? [])];
    for (const p of this.withSeverity(found, (f) => touched.has(f.file))) files.get(p.file)?.push(p);
    return { files, reports: new Set(ids) };
  }
}

/** What a batch, a rescan or an edit changed: problems per file (undefined: every file's), and the reports touched. */
export interface CheckChange {
  readonly files: ReadonlyMap<string, Problem[]> | undefined;
  readonly reports: ReadonlySet<string> | 'all';
}

/** What of a report's index entry its rules' results depend on, cheaply compared: objects by identity. */
interface CheckedState {
  readonly entry: ReportEntry;
  readonly profile: unknown;
  readonly goals: unknown;
  readonly meetings: number;
  readonly newest: string | undefined;
}

function checkedState(r: ReportEntry): CheckedState {
  return { entry: r, profile: r.profile, goals: r.goals, meetings: r.meetings.length, newest: r.meetings[0]?.fileName };
}

function sameState(a: CheckedState | undefined, r: ReportEntry): boolean {
  return a !== undefined && a.entry === r && a.profile === r.profile && a.goals === r.goals && a.meetings === r.meetings.length && a.newest === r.meetings[0]?.fileName;
}

/** Problems grouped by file, added to `into` (files named there with no problem keep their empty list). */
function mergeEffects(effects: readonly ChangeEffect[]): ChangeEffect {
  const reports = new Set<string>();
  for (const e of effects) {
    if (e.reports === 'all') return { reports: 'all' };
    for (const id of e.reports) reports.add(id);
  }
  return { reports };
}

/**
 * The window a cold check on `day` takes (see TeamChecker.fillWindow) from a report's newest parsed 1:1s `loaded`:
 * the shortest run of them that satisfies the rules on that day, or all of them when they are its whole history
 * (`total` 1:1s); undefined when it would need older ones. A run that satisfies the rules on one day does on every
 * later day (a held 1:1 stays held, counted days only grow), so the window parsed for today holds every later day's,
 * and being monotone, it is found by bisection (a hostile history of thousands of planned 1:1s costs n log n).
 */
function windowOn(loaded: readonly LoadedMeeting[], total: number, day: IsoDate, careerDays: number, paused: readonly Period[]): number | undefined {
  if (loaded.length === 0 || !windowSatisfied(loaded, day, careerDays, paused)) return loaded.length === total ? total : undefined;
  let lo = 1;
  let hi = loaded.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (windowSatisfied(loaded.slice(0, mid), day, careerDays, paused)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}
