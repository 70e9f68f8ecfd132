/** An in-memory team folder for unit tests: files by team-relative path; folders are implied by the paths. */
import { FileSystemFailure } from '../../../src/core/fs';
import type { EntryKind, FileContent, TeamFileSystem } from '../../../src/core/fs';

export class MemoryFileSystem implements TeamFileSystem {
  private readonly files = new Map<string, { text: string; version: number }>();
  private counter = 0;
  readonly reads: string[] = [];
  /** Paths (files or folders) that fail as a real disk would: e.g. `unreadable` for EACCES, or any Error to throw. */
  readonly failures = new Map<string, FileSystemFailure | Error>();

  constructor(files: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.write(p, t);
  }

  write(path: string, text: string): void {
    this.files.set(path, { text, version: ++this.counter });
  }

  delete(path: string): void {
    for (const p of [...this.files.keys()]) if (p === path || p.startsWith(`${path}/`)) this.files.delete(p);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Makes `path` fail from now on: a FileSystemFailure kind (`unreadable` = EACCES), or any error to throw. */
  fail(path: string, failure: 'unreadable' | 'not-regular' | 'hard-linked' | Error): void {
    this.failures.set(path, failure instanceof Error ? failure : new FileSystemFailure(failure));
  }

  async readDirectory(path: string): Promise<Array<[string, EntryKind]>> {
    const failure = this.failures.get(path);
    if (failure) throw failure;
    const prefix = path === '' ? '' : `${path}/`;
    const out = new Map<string, EntryKind>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length).split('/');
      out.set(rest[0], rest.length > 1 ? 'directory' : 'file');
    }
    if (out.size === 0 && path !== '') throw new FileSystemFailure('missing');
    return [...out];
  }

  async readFile(path: string): Promise<FileContent> {
    const failure = this.failures.get(path);
    if (failure) throw failure;
    const f = this.files.get(path);
    if (!f) throw new FileSystemFailure('missing');
    this.reads.push(path);
    return { text: f.text, version: String(f.version) };
  }

  async stat(path: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    const f = this.files.get(path);
    if (f) return { kind: 'file', version: String(f.version) };
    // A folder's version changes when a name in it is added or removed, as a disk folder's modification time does.
    const prefix = `${path}/`;
    const names = new Set<string>();
    for (const p of this.files.keys()) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return names.size === 0 ? undefined : { kind: 'directory', version: `dir:${[...names].sort().join('/')}` };
  }
}
