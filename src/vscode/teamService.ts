/**
 * Owns the one TeamChecker that the trees, the diagnostics, the commands and the status bar all read, and composes
 * the parts that keep it current, one job per file (src/vscode/team/): finding the folder (folder.ts), the settings
 * (settings.ts), the watcher and its batches (watcher.ts, batch.ts), the editors' unsaved text (unsavedText.ts) and
 * the day rolling over (day.ts). All index work runs in one queue (workQueue.ts), in order.
 */
import * as vscode from 'vscode';
import { TeamChecker } from '../core/checker';
import type { CheckChange } from '../core/checker';
import type { TeamQueries } from '../core/query/queries';
import type { ChangeKind } from '../core/index/teamIndex';
import type { Problem } from '../core/types';
import { contextKeys } from './contextKeys';
import { AbsenceClock } from './team/batch';
import { DayClock } from './team/day';
import { findTeamFolder, watchForTeamFolder } from './team/folder';
import { readRuleSettings, watchSettings } from './team/settings';
import { UnsavedText } from './team/unsavedText';
import { Timeline } from './team/timeline';
import { TeamWatcher } from './team/watcher';
import { hostSlice, WorkQueue, yieldToEventLoop } from './team/workQueue';
import type { WarmStore } from './team/warmStart';
import { readWarmFile } from '../core/warm/cache';
import { WorkspaceTeamFileSystem } from './teamFs';

export { findTeamFolder, teamFolderUri } from './team/folder';
export { CONFIG, readRuleSettings } from './team/settings';

export interface TeamChange {
  /** Problems of each file whose problems may have changed; undefined means everything changed. */
  readonly files: ReadonlyMap<string, Problem[]> | undefined;
  /** Reports whose tree rows may have changed (as the core's change result says); undefined means all. */
  readonly reports: ReadonlySet<string> | undefined;
}

export interface TeamServiceOptions {
  /** The clock (tests of the day's rollover pass theirs). */
  readonly now?: () => Date;
  /** Whether a watcher event is taken (see WatcherOptions.accept); default all. */
  readonly acceptEvent?: (path: string) => boolean;
  /**
   * Awaited between the first paint of the rows and the full check (the in-host test holds the check here to see
   * the rows come first); default none.
   */
  readonly beforeFullCheck?: () => Promise<void>;
  /** Where the warm start is kept (src/vscode/team/warmStart.ts); none: every load is cold. */
  readonly warm?: WarmStore;
}

/** After changes, the warm start is written again once they have settled for this long (ms). */
const WARM_SAVE_DELAY_MS = 5000;

const EVERYTHING: CheckChange = { files: undefined, reports: 'all' };

export class TeamService implements vscode.Disposable {
  private checkerValue: TeamChecker | undefined;
  private rootValue: vscode.Uri | undefined;
  private watcher: TeamWatcher | undefined;
  /** Set while the workspace has no team folder: a folder that appears later (a clone) is picked up. */
  private appearWatch: vscode.Disposable | undefined;
  private loading: Promise<void> | undefined;
  private readonly emitter = new vscode.EventEmitter<TeamChange>();
  readonly onDidChange = this.emitter.event;
  // A load that failed (e.g. the folder went away) is tried again by the next command, not kept failing.
  private readonly queue = new WorkQueue(() => {
    if (!this.checkerValue) this.loading = undefined;
  });
  private readonly absence = new AbsenceClock();
  private readonly day: DayClock;
  private readonly unsaved: UnsavedText;
  private readonly disposables: vscode.Disposable[] = [];
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the last warm-start record was written from (its checker; the build, revision and day) when it kept every report. */
  private warmWritten: { readonly checker: TeamChecker; readonly revision: string } | undefined;
  /** The load's milestones and the watcher's event count, for the end-to-end benchmark (bench/e2e/). */
  readonly timeline = new Timeline();

  constructor(private readonly options: TeamServiceOptions = {}) {
    this.day = new DayClock(options.now ?? (() => new Date()), () => this.checkerValue?.currentToday, (today) => {
      void this.queue.run(async () => {
        await this.checkerValue?.setToday(today);
        this.fire(EVERYTHING);
        this.scheduleWarmSave();
      });
    });
    this.unsaved = new UnsavedText({
      root: () => this.rootValue,
      checker: () => this.checkerValue,
      run: (work) => void this.queue.run(work),
      changed: (change) => this.fire(change),
    });
    this.disposables.push(
      this.emitter,
      this.day,
      this.unsaved,
      watchSettings({
        folderChanged: () => void this.reload(),
        rulesChanged: (settings) => {
          void this.queue.run(async () => {
            await this.checkerValue?.setSettings(settings);
            this.fire(EVERYTHING);
            this.scheduleWarmSave();
          });
        },
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      // Back after a long absence (sleep, another window, a remote that reconnected): events may have been lost.
      vscode.window.onDidChangeWindowState((s) => this.windowFocusChanged(s.focused, Date.now())),
    );
  }

  get checker(): TeamChecker | undefined {
    return this.checkerValue;
  }

  /** The query layer over the team: the only way the adapters read it (see src/vscode/queries.ts). */
  get queries(): TeamQueries | undefined {
    return this.checkerValue?.queries;
  }

  get root(): vscode.Uri | undefined {
    return this.rootValue;
  }

  get today(): string {
    return this.day.today;
  }

  /**
   * The window gained or lost focus at `at` (ms): back after a long absence, the folder is rescanned. Public for the
   * in-host test, which cannot leave the window for five minutes.
   */
  windowFocusChanged(focused: boolean, at: number): void {
    if (this.absence.focusChanged(focused, at)) this.watcher?.requestRescan('absence');
  }

  /** Settles when the index work queued so far has run. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Resolves once the first load (or the current reload) has finished. */
  ready(): Promise<void> {
    return this.loading ?? this.reload();
  }

  /** Finds the team folder and builds the index from nothing. */
  reload(): Promise<void> {
    this.loading = this.queue.run(async () => {
      this.timeline.restartLoad();
      this.watcher?.dispose();
      this.watcher = undefined;
      this.appearWatch?.dispose();
      this.appearWatch = undefined;
      this.rootValue = await findTeamFolder();
      this.checkerValue = undefined;
      this.unsaved.reset();
      this.timeline.mark('folder');
      // The welcome views wait for `searched`: before the search, "no team folder" would only be a guess. Set while
      // the load goes on (each is a round trip to the workbench), and settled before the load ends.
      const keysSet = Promise.all([
        contextKeys.set('oneOnOnes.hasTeamFolder', this.rootValue !== undefined),
        contextKeys.set('oneOnOnes.searched', true),
      ]);
      if (this.rootValue) {
        const root = this.rootValue;
        // The watcher starts before the load: changes made while the index builds wait in its batch.
        const accept = this.options.acceptEvent;
        this.watcher = new TeamWatcher(root, () => void this.queue.run(() => this.applyBatch()), {
          accept: (path) => {
            this.timeline.watcherEvents++;
            return accept ? accept(path) : true;
          },
        });
        // The report rows first: the listing and the profiles are all the tree's top level needs (issue #17).
        const fs = new WorkspaceTeamFileSystem(root);
        const settings = readRuleSettings();
        const checker = await TeamChecker.openUnchecked(fs, { today: this.today, settings, slice: hostSlice });
        this.checkerValue = checker;
        this.timeline.mark('rows');
        this.fire(EVERYTHING);
        // Then what the last window found, for every report whose files are as they were then (the warm start).
        await this.adoptWarm(root, checker, fs, settings);
        await keysSet;
        await this.options.beforeFullCheck?.();
        // Then the rules, report by report, each step's problems to the panel as it is done, the host free between.
        await checker.checkAll({ pause: yieldToEventLoop, progress: (change) => this.fire(change) });
        this.timeline.mark('checked');
        await this.applyBatch();
        this.unsaved.restore();
        // The team's own problems (team.yaml, top-level names); the rows were refreshed step by step already.
        const teamFiles = new Map<string, Problem[]>();
        for (const p of checker.queries.problems()) if (!p.file.includes('/')) teamFiles.set(p.file, [...(teamFiles.get(p.file) ?? []), p]);
        this.fire({ files: teamFiles, reports: 'all' });
        await this.saveWarm();
        return;
      }
      await keysSet;
      this.appearWatch = watchForTeamFolder(() => void this.reload());
      this.fire(EVERYTHING);
    });
    return this.loading;
  }

  /** Applies waiting watcher events now (tests and commands call this to see their own writes at once). */
  async flush(): Promise<void> {
    await this.queue.run(() => this.applyBatch(true));
    await this.queue.idle();
  }

  /** Re-checks a file the extension itself just wrote, now rather than when the watcher reports it. */
  async touch(path: string, kind: ChangeKind): Promise<void> {
    this.watcher?.add(path, kind);
    await this.flush();
  }

  /**
   * Compares the team folder with the index and takes in every difference (what a watcher event dropped or never
   * sent would otherwise leave stale), then re-checks the reports that differ.
   */
  async rescan(): Promise<void> {
    this.watcher?.requestRescan('requested');
    await this.flush();
  }

  /**
   * One batch of the watcher: each report it touched is re-checked once; past the threshold, or on signs that
   * events were lost, the folder is rescanned. The event loop runs between reports.
   */
  private async applyBatch(now = false): Promise<void> {
    const checker = this.checkerValue;
    const watcher = this.watcher;
    if (!checker || !watcher) return; // the batch waits for the load
    const batch = now ? watcher.takeNow() : watcher.take();
    if (!batch) return;
    if (batch.events.length > 0) this.fire(await checker.applyChanges(batch.events, yieldToEventLoop));
    if (batch.rescan) {
      const started = Date.now();
      this.fire(await checker.rescan(yieldToEventLoop));
      watcher.rescanTook(Date.now() - started);
    }
    this.scheduleWarmSave();
  }

  // ---- The warm start (issue #17): src/core/warm/cache.ts says what is kept and when it is trusted ------------------

  private async adoptWarm(root: vscode.Uri, checker: TeamChecker, fs: WorkspaceTeamFileSystem, settings: ReturnType<typeof readRuleSettings>): Promise<void> {
    const warm = this.options.warm;
    if (!warm) return;
    const text = await warm.read(root);
    const file = text === undefined ? undefined : readWarmFile(text, { build: warm.build, today: this.today, settings });
    if (!file || this.checkerValue !== checker) return;
    let change: Awaited<ReturnType<TeamChecker['adoptWarm']>>;
    try {
      change = await checker.adoptWarm(file, fs);
    } catch {
      return; // whatever went wrong with the warm start, the load goes on cold
    }
    if (!change) return;
    this.timeline.mark('warm');
    this.fire(change);
  }

  /** Writes the warm start from the current results (in the queue: never in the middle of a change). */
  private async saveWarm(): Promise<void> {
    const warm = this.options.warm;
    const checker = this.checkerValue;
    const root = this.rootValue;
    if (!warm || !checker || !root) return;
    // Nothing re-checked since the last record, which kept every report (one left out, say a file written within the
    // last 2 s, may be kept now): that record stands.
    const revision = `${warm.build}|${checker.revision}|${this.today}`;
    if (this.warmWritten?.checker === checker && this.warmWritten.revision === revision) return;
    const record = await checker.warmRecord(warm.build, Date.now());
    if (record && (await warm.write(root, record))) {
      const complete = Object.keys(record.reports).length === checker.queries.reports().length;
      this.warmWritten = complete ? { checker, revision } : undefined;
    }
  }

  private scheduleWarmSave(): void {
    if (!this.options.warm) return;
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = undefined;
      // Not while the folder is still being changed (a checkout or a formatter's burst: events waiting, or the
      // burst's last rescan to come): its record would be out of date at once, and at the huge size each costs a
      // second of the host's thread. It is written once the changes have settled.
      if (this.watcher?.busy) this.scheduleWarmSave();
      else void this.queue.run(() => this.saveWarm());
    }, WARM_SAVE_DELAY_MS);
  }

  /** Writes the warm start now (the in-host tests; a window also writes it after its load and after changes). */
  async writeWarmStart(): Promise<void> {
    await this.queue.run(() => this.saveWarm());
  }

  private fire(change: CheckChange): void {
    this.emitter.fire({ files: change.files, reports: change.reports === 'all' ? undefined : change.reports });
  }

  dispose(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.watcher?.dispose();
    this.appearWatch?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
