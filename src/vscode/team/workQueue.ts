/** Runs index work one piece at a time, in order: a watcher batch never interleaves with a reload or an edit. */
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
