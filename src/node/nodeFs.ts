/** The team file system on Node's fs: for the CLI, the tests and the benchmark. */
import { lstatSync, promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import * as nodePath from 'node:path';
import type { EntryKind, FileContent, TeamFileSystem } from '../core/fs';
import { fileVersion, mapNodeError, readRegularFileVersioned } from './safeRead';

export class NodeTeamFileSystem implements TeamFileSystem {
  readonly root: string;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  /** Absolute path of a team-relative path; refuses anything that would leave the team folder. */
  resolve(path: string): string {
    const abs = nodePath.resolve(this.root, ...path.split('/').filter((p) => p !== ''));
    if (abs !== this.root && !abs.startsWith(this.root + nodePath.sep)) throw new Error(`Path leaves the team folder: ${path}`);
    return abs;
  }

  async readDirectory(path: string): Promise<Array<[string, EntryKind]>> {
    let entries;
    try {
      entries = await fsp.readdir(this.resolve(path), { withFileTypes: true });
    } catch (e) {
      throw mapNodeError(e);
    }
    return entries.map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']);
  }

  async readFile(path: string): Promise<FileContent> {
    // The callback API (see safeRead): on Node 20 the promise FileHandle path costs several times more per small
    // file. The version comes from the guard's own fstat: no extra call.
    const { bytes, version } = await readRegularFileVersioned(this.resolve(path));
    return { text: stripBom(bytes.toString('utf8')), version };
  }

  async stat(path: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    try {
      return entryOf(await fsp.lstat(this.resolve(path)));
    } catch {
      return undefined;
    }
  }

  /**
   * Many stats, in order: synchronous, in runs of at most STAT_RUN_MS with the event loop let run between them. An
   * lstat is a few microseconds; through the thread pool, a promise per call costs ten times more on a busy extension
   * host (the warm start stats each file it vouches for: about 2,000 at the large size, 10,000 at the huge one).
   */
  async statMany(paths: readonly string[]): Promise<Array<{ kind: EntryKind; version: string } | undefined>> {
    const out: Array<{ kind: EntryKind; version: string } | undefined> = [];
    let started = performance.now();
    for (const path of paths) {
      if (performance.now() - started > STAT_RUN_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        started = performance.now();
      }
      try {
        const st = lstatSync(this.resolve(path), { throwIfNoEntry: false });
        out.push(st ? entryOf(st) : undefined);
      } catch {
        out.push(undefined);
      }
    }
    return out;
  }
}

/** How long (ms) `statMany` stats without letting the event loop run. */
const STAT_RUN_MS = 8;

function entryOf(st: Stats): { kind: EntryKind; version: string } {
  return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', version: fileVersion(st) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
