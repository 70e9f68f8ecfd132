/** Runs index work one piece at a time, in order: a watcher batch never interleaves with a reload or an edit. */
import { timeSlicer } from '../../core/slice';
import type { Slice } from '../../core/slice';
import { errorKind } from '../errors';

export class WorkQueue {
  private tail: Promise<void> = Promise.resolve();

  /** `onError` runs after a failed piece (the queue goes on with the next). */
  constructor(private readonly onError: () => void = () => undefined) {}

  /** Queues `work`; the promise settles when it has run, and never rejects. */
  run(work: () => Promise<void>): Promise<void> {
    // An error is logged by its kind only (never file contents, paths or names of people), so no unhandled
    // rejection can carry a path into a log either.
    this.tail = this.tail.then(work).catch((e: unknown) => {
      console.error(`First-Class 1:1s: index update failed (${errorKind(e)})`);
      this.onError();
    });
    return this.tail;
  }

  /** Settles when everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail;
  }
}

/** Lets the event loop run (timers, other extensions' messages, the UI's requests) between pieces of long work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How long the index's and the rules' work may hold the host's thread before the event loop runs (issue #17: no task
 * longer than 50 ms; a GC pause or one large file can add to a slice, so the slice is well below that).
 */
export const HOST_SLICE_MS = 8;

/** The extension's slicer for the index and the rules (src/core/slice.ts): one for the whole host. */
export const hostSlice: Slice = timeSlicer(HOST_SLICE_MS, () => performance.now(), yieldToEventLoop);
