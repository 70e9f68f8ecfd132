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

export interface TeamFileSystem {
  /** Entries of a folder; symbolic links are reported as `other` and never followed. Throws when it is missing. */
  readDirectory(path: string): Promise<ReadonlyArray<readonly [string, EntryKind]>>;
  /** Throws when the file is missing. */
  readFile(path: string): Promise<FileContent>;
  /** Undefined when nothing is there. */
  stat(path: string): Promise<{ readonly kind: EntryKind; readonly version: string } | undefined>;
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
