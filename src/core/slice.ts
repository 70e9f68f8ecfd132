/**
 * Time slicing for long work on a thread that also serves a UI (the extension host): the load reads and parses about
 * 2,000 files of the large team, and file reads complete in bursts, so without a break their parses run back to back
 * as one long task (up to 400 ms measured by `npm run bench:e2e`), while VS Code's requests (the tree's rows) wait.
 *
 * A `Slice` is awaited before each unit of work (one file's parse, one report's rules). It resolves at once while the
 * current slice of time has room, and otherwise after the event loop has run (the adapter's `nextTask`), so no stretch
 * of work holds the thread much longer than the budget. The core never schedules anything itself: the clock and the
 * way to let the loop run come from the caller; the CLI passes none (`noSlice`) and runs flat out.
 */

/** Awaited before each unit of long work: resolves when the work may go on. */
export type Slice = () => Promise<void>;

const RESOLVED: Promise<void> = Promise.resolve();

/** No slicing: the work runs without a break (the CLI, tests). */
export const noSlice: Slice = () => RESOLVED;

/**
 * A slice of `budgetMs`. Every caller queues, and callers go on one at a time: the next one only after the previous
 * one's work (the part that runs before its next await) is done, and only while the slice has room; then the rest wait
 * for one `nextTask`, after which a new slice starts. (Admitting whoever asks while the slice has room would let a
 * burst of callers, say 96 file reads completing together, all go on at once.) Work must therefore await the returned
 * promise directly before it starts: `await slice(); parse(…)`.
 */
export function timeSlicer(budgetMs: number, now: () => number, nextTask: () => Promise<void>): Slice {
  let sliceStart = now();
  const waiting: Array<() => void> = [];
  /** A turn is being given (the previous caller's work runs, then `next`), or a task is awaited. */
  let busy = false;
  const next = (): void => {
    if (waiting.length === 0) {
      busy = false;
      return;
    }
    if (now() - sliceStart >= budgetMs) {
      void nextTask().then(() => {
        sliceStart = now();
        next();
      });
      return;
    }
    waiting.shift()?.();
    // Queued after the continuation of the caller just let go, so it runs once that caller's work is done.
    void RESOLVED.then(next);
  };
  return () => {
    const turn = new Promise<void>((resolve) => waiting.push(resolve));
    if (!busy) {
      busy = true;
      void RESOLVED.then(next);
    }
    return turn;
  };
}
