/**
 * The file watcher on the team folder: its events are filtered (dot-folders such as .git are not the team's),
 * merged into a batch, and handed on once they pause (see batch.ts for when a batch becomes a rescan).
 */
import * as vscode from 'vscode';
import type { ChangeKind } from '../../core/index/teamIndex';
import { teamPath } from '../teamFs';
import { BATCH_MAX_WAIT_MS, BATCH_QUIET_MS, BULK_RESCAN_INTERVAL_MS, needsSettleRescan, PendingChanges, RESCAN_SPACING, SETTLE_QUIET_MS } from './batch';
import type { Batch, RescanReason } from './batch';

export interface WatcherOptions {
  /**
   * Whether an event is taken (default: all). The extension's API object sets it to let the in-host tests drop an
   * event, as VS Code does under load, and prove the rescan finds the change anyway.
   */
  readonly accept?: (path: string) => boolean;
  /** The clock (ms). */
  readonly now?: () => number;
}

export class TeamWatcher implements vscode.Disposable {
  private readonly pending: PendingChanges;
  private readonly watcher: vscode.FileSystemWatcher;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Armed after a burst: one more rescan once the events have stopped (see SETTLE_QUIET_MS). */
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  /** How long the last rescan took (ms): a burst's rescans are spaced by a multiple of it. */
  private lastRescanMs = 0;

  /** `ready` is called when a batch is due (from a timer): the owner then takes it with `take()` in its queue. */
  constructor(private readonly root: vscode.Uri, private readonly ready: () => void, private readonly options: WatcherOptions = {}) {
    this.now = options.now ?? Date.now;
    this.pending = new PendingChanges();
    // Starts before the index is built: changes made while it builds wait here.
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**'));
    const on = (kind: ChangeKind) => (uri: vscode.Uri): void => this.event(uri, kind);
    this.watcher.onDidCreate(on('created'));
    this.watcher.onDidChange(on('changed'));
    this.watcher.onDidDelete(on('deleted'));
  }

  /** A change the extension made itself, taken at once rather than when the watcher reports it. */
  add(path: string, kind: ChangeKind): void {
    this.pending.add(path, kind, this.now());
  }

  /**
   * Events are waiting for a batch, or a burst has not settled yet (its last rescan is still to come): the team folder
   * is being changed, and work that can wait (the warm start's record) waits.
   */
  get busy(): boolean {
    return this.timer !== undefined || this.settleTimer !== undefined || this.pending.waiting;
  }

  /** The owner's rescan took this long (ms). */
  rescanTook(ms: number): void {
    this.lastRescanMs = ms;
  }

  /** Asks for a rescan with the next batch (and schedules it). */
  requestRescan(reason: RescanReason): void {
    this.pending.requestRescan(reason, this.now());
    this.schedule();
  }

  /** Takes the waiting batch now (a flush, or the timer's turn in the owner's queue). */
  take(): Batch | undefined {
    this.cancelTimer();
    const batch = this.pending.take();
    if (batch && needsSettleRescan(batch)) this.armSettle();
    return batch;
  }

  /**
   * Takes the waiting batch, with the rescan of a burst that has not settled yet if one is armed: the caller (a
   * command, a test) wants the index current now, not after the quiet period.
   */
  takeNow(): Batch | undefined {
    if (this.settleTimer) {
      clearTimeout(this.settleTimer);
      this.settleTimer = undefined;
      this.pending.requestRescan('settle', this.now());
    }
    return this.take();
  }

  /** (Re)starts the wait for quiet after a burst; when it ends, the folder is rescanned once more. */
  private armSettle(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.requestRescan('settle');
    }, SETTLE_QUIET_MS);
  }

  private event(uri: vscode.Uri, kind: ChangeKind): void {
    const rel = teamPath(this.root, uri);
    if (rel === undefined || rel === '' || rel.split('/').some((p) => p.startsWith('.'))) return;
    if (this.options.accept && !this.options.accept(rel)) return;
    this.pending.add(rel, kind, this.now());
    if (this.settleTimer) this.armSettle(); // the burst goes on: wait for it to end
    this.schedule();
  }

  /** Waits for a pause in the events, but not past the batch's longest wait from its first event. */
  private schedule(): void {
    // In a burst past the threshold the events do not push the rescan back: it runs every interval meanwhile.
    if (this.pending.bulk && this.timer) return;
    this.cancelTimer();
    if (this.pending.bulk) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.ready();
      }, Math.max(BULK_RESCAN_INTERVAL_MS, RESCAN_SPACING * this.lastRescanMs));
      return;
    }
    const oldest = this.pending.oldest ?? this.now();
    const delay = Math.max(0, Math.min(BATCH_QUIET_MS, oldest + BATCH_MAX_WAIT_MS - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ready();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancelTimer();
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.pending.clear();
    this.watcher.dispose();
  }
}
