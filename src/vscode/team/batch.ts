/**
 * How watcher events become work (no VS Code API here, so the policy has unit tests): events are merged per file
 * while they come; a batch past a threshold, or one with signs that events were dropped, becomes a rescan of the
 * folder instead (issue #17: VS Code delivered 45k–49k of 52.6k events of a `git pull`, and nothing may be missed).
 */
import type { ChangeKind } from '../../core/index/teamIndex';

/**
 * Events in one burst (events with less than BURST_GAP_MS between them) past which the folder is rescanned instead
 * of taking events one by one. Counted over the burst, not per batch: VS Code hands a big change over in chunks of
 * a few hundred events, and drops events past its buffer with no sign but their number.
 */
export const BULK_EVENT_THRESHOLD = 500;
/** A pause this long ends a burst. */
export const BURST_GAP_MS = 1000;
/** During a burst past the threshold, the folder is rescanned this often (the disk may be final before the events). */
export const BULK_RESCAN_INTERVAL_MS = 1000;
/**
 * …but a rescan waits at least this many times as long as the last one took: in a long burst (a 30-second rewrite of
 * 52,600 files on a busy machine) rescans back to back cost the host several times a do-nothing watcher's CPU
 * (measured with `npm run bench:e2e`), while the last rescan after the burst is what makes the panel final.
 */
export const RESCAN_SPACING = 4;
/** Events wait this long for more before they are applied (one save often comes as several events). */
export const BATCH_QUIET_MS = 150;
/** …but never longer than this after the first: a change that never stops (a long checkout) still shows. */
export const BATCH_MAX_WAIT_MS = 1000;
/**
 * After a batch that was a rescan because of a burst (past the threshold, or a folder replaced), the folder is
 * rescanned once more when no event has come for this long: events dropped late in the burst, or files still being
 * written when the first rescan read them, are then found too.
 */
export const SETTLE_QUIET_MS = 1000;
/** A window that comes back after this long away rescans: events may have been lost meanwhile (sleep, a remote). */
export const ABSENCE_RESCAN_MS = 5 * 60 * 1000;

/** Why a batch is (also) a rescan. */
export type RescanReason = 'bulk' | 'folder' | 'settle' | 'absence' | 'requested';

/** Whether a batch's rescan came from a burst of events, after which the folder is rescanned once more when quiet. */
export function needsSettleRescan(batch: Batch): boolean {
  return batch.rescan === 'bulk' || batch.rescan === 'folder';
}

export interface Batch {
  /** Changes per file, in arrival order; empty when the batch is a rescan only. */
  readonly events: ReadonlyArray<readonly [string, ChangeKind]>;
  /** Set when the folder must also be compared with the index (events above, if any, are applied first). */
  readonly rescan: RescanReason | undefined;
}

export class PendingChanges {
  private events = new Map<string, ChangeKind>();
  private overflow = false;
  private folderEvent = false;
  private requested: RescanReason | undefined;
  private firstAt: number | undefined;
  private burst = 0;
  private lastAt: number | undefined;

  constructor(private readonly threshold: number = BULK_EVENT_THRESHOLD) {}

  /** Whether anything waits. */
  get waiting(): boolean {
    return this.events.size > 0 || this.overflow || this.folderEvent || this.requested !== undefined;
  }

  /** When the oldest waiting event came (for the batch's longest wait), if any waits. */
  get oldest(): number | undefined {
    return this.firstAt;
  }

  /** One watcher event, path relative to the team folder. `at` is the clock's time (ms). */
  add(path: string, kind: ChangeKind, at: number): void {
    if (this.lastAt === undefined || at - this.lastAt >= BURST_GAP_MS) this.burst = 0;
    this.lastAt = at;
    this.burst++;
    this.firstAt ??= at;
    // A folder created or replaced: VS Code may report the folder only, not every file in it.
    if (kind !== 'deleted' && isFolderPath(path)) this.folderEvent = true;
    if (this.overflow) return; // past the threshold the paths are not kept: the rescan finds them all
    if (this.burst > this.threshold) {
      this.overflow = true;
      this.events = new Map();
      return;
    }
    // created then changed is still created; anything then deleted is deleted.
    const before = this.events.get(path);
    this.events.set(path, before === 'created' && kind === 'changed' ? 'created' : kind);
  }

  /** Whether the waiting batch is a burst past the threshold (its events are not kept; it will be a rescan). */
  get bulk(): boolean {
    return this.overflow;
  }

  /** A rescan asked for (e.g. the window came back after a long absence). */
  requestRescan(reason: RescanReason, at: number): void {
    this.firstAt ??= at;
    this.requested ??= reason;
  }

  /** Takes what waits as one batch, and starts a new one. */
  take(): Batch | undefined {
    if (!this.waiting) return undefined;
    const rescan: RescanReason | undefined = this.overflow ? 'bulk' : this.folderEvent ? 'folder' : this.requested;
    const batch: Batch = { events: this.overflow ? [] : [...this.events], rescan };
    this.clear();
    return batch;
  }

  clear(): void {
    this.events = new Map();
    this.overflow = false;
    this.folderEvent = false;
    this.requested = undefined;
    this.firstAt = undefined;
  }
}

/**
 * A path the index reads as a folder: a top-level entry other than team.yaml (a report folder), or a report's
 * meetings folder.
 */
function isFolderPath(path: string): boolean {
  const parts = path.split('/');
  return (parts.length === 1 && parts[0] !== 'team.yaml') || (parts.length === 2 && parts[1] === 'meetings');
}

/** Tells when the window comes back after a long absence. Times are passed in (ms). */
export class AbsenceClock {
  private awaySince: number | undefined;

  constructor(private readonly limitMs: number = ABSENCE_RESCAN_MS) {}

  /** The window's focus changed; true when it came back after at least the limit away. */
  focusChanged(focused: boolean, at: number): boolean {
    if (!focused) {
      this.awaySince ??= at;
      return false;
    }
    const away = this.awaySince === undefined ? 0 : at - this.awaySince;
    this.awaySince = undefined;
    return away >= this.limitMs;
  }
}
