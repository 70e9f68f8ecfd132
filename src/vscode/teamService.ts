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
import { findTeamFolder } from './team/folder';
import { readRuleSettings, watchSettings } from './team/settings';
import { UnsavedText } from './team/unsavedText';
import { TeamWatcher } from './team/watcher';
import { WorkQueue, yieldToEventLoop } from './team/workQueue';
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
}

const EVERYTHING: CheckChange = { files: undefined, reports: 'all' };

export class TeamService implements vscode.Disposable {
  private checkerValue: TeamChecker | undefined;
  private rootValue: vscode.Uri | undefined;
  private watcher: TeamWatcher | undefined;
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

  constructor(private readonly options: TeamServiceOptions = {}) {
    this.day = new DayClock(options.now ?? (() => new Date()), () => this.checkerValue?.currentToday, (today) => {
      void this.queue.run(async () => {
        await this.checkerValue?.setToday(today);
        this.fire(EVERYTHING);
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
          });
        },
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      // Back after a long absence (sleep, another window, a remote that reconnected): events may have been lost.
      vscode.window.onDidChangeWindowState((s) => {
        if (this.absence.focusChanged(s.focused, Date.now())) this.watcher?.requestRescan('absence');
      }),
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

  /** Resolves once the first load (or the current reload) has finished. */
  ready(): Promise<void> {
    return this.loading ?? this.reload();
  }

  /** Finds the team folder and builds the index from nothing. */
  reload(): Promise<void> {
    this.loading = this.queue.run(async () => {
      this.watcher?.dispose();
      this.watcher = undefined;
      this.rootValue = await findTeamFolder();
      this.checkerValue = undefined;
      this.unsaved.reset();
      await contextKeys.set('oneOnOnes.hasTeamFolder', this.rootValue !== undefined);
      // The welcome views wait for this: before the search, "no team folder" would only be a guess.
      await contextKeys.set('oneOnOnes.searched', true);
      if (this.rootValue) {
        const root = this.rootValue;
        // The watcher starts before the load: changes made while the index builds wait in its batch.
        this.watcher = new TeamWatcher(root, () => void this.queue.run(() => this.applyBatch()), { accept: this.options.acceptEvent });
        this.checkerValue = await TeamChecker.open(new WorkspaceTeamFileSystem(root), { today: this.today, settings: readRuleSettings() });
        await this.applyBatch();
        this.unsaved.restore();
      }
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
    if (batch.rescan) this.fire(await checker.rescan(yieldToEventLoop));
  }

  private fire(change: CheckChange): void {
    this.emitter.fire({ files: change.files, reports: change.reports === 'all' ? undefined : change.reports });
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
