/**
 * The only way the core touches files. Paths are relative to the team folder, with `/` separators; `''` is the team
 * folder itself. Adapters: Node's fs (CLI, tests, benchmark) and `workspace.fs` (the extension).
 */
export type EntryKind = 'file' | 'directory' | 'other';

export interface FileContent {
  readonly text: string;
  /** Identifies this content on disk (e.g. `mtime:size`), when the adapter knows it cheaply. */
  readonly version?: string;
}

/**
 * Why a file or folder could not be read, as the adapters report it (a `FileSystemFailure`), so that a diagnostic can
 * say what happened: `missing` (gone), `unreadable` (permission denied), `not-regular` (a symbolic link, a pipe, a
 * socket, a device or a folder where a file was expected: never opened for reading), `hard-linked` (a file with more
 * than one link, which may be a file outside the team folder: never read, see docs/security.md).
 */
export type FailureKind = 'missing' | 'unreadable' | 'not-regular' | 'hard-linked';

/** A file-system error an adapter understood. The message names no path: it may end up in a log. */
export class FileSystemFailure extends Error {
  constructor(readonly kind: FailureKind) {
    super(`file system: ${kind}`);
    this.name = 'FileSystemFailure';
  }
}

/** The failure kind of an error thrown by a TeamFileSystem, or undefined for anything else (a bug). */
export function failureKind(e: unknown): FailureKind | undefined {
  return e instanceof FileSystemFailure ? e.kind : undefined;
}

/** How a failure reads in a diagnostic: what happened, in the user's words. */
export function describeFailure(kind: FailureKind): string {
  switch (kind) {
    case 'missing':
      return 'it is missing';
    case 'unreadable':
      return 'permission denied';
    case 'not-regular':
      return 'it is not a plain file or folder of the expected kind (e.g. a symbolic link, a pipe, a socket or a device), and is never opened';
    case 'hard-linked':
      return 'it is a hard link (a file with more than one name, possibly outside the team folder)';
  }
}

export interface TeamFileSystem {
  /**
   * Entries of a folder; symbolic links are reported as `other` and never followed. Throws a FileSystemFailure
   * (`missing`, `unreadable`, `not-regular`) when it cannot be listed.
   */
  readDirectory(path: string): Promise<ReadonlyArray<readonly [string, EntryKind]>>;
  /**
   * Reads a regular file with one link. Throws a FileSystemFailure (`missing`, `unreadable`, `not-regular`,
   * `hard-linked`) otherwise; a pipe is never opened for reading, so it cannot hang.
   */
  readFile(path: string): Promise<FileContent>;
  /** Undefined when nothing is there. */
  stat(path: string): Promise<{ readonly kind: EntryKind; readonly version: string } | undefined>;
  /**
   * `stat` of each path, in order: an adapter that can stat many files more cheaply than one call each (the warm
   * start stats every file it vouches for) provides it.
   */
  statMany?(paths: readonly string[]): Promise<ReadonlyArray<{ readonly kind: EntryKind; readonly version: string } | undefined>>;
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}
