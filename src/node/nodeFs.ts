/** The team file system on Node's fs: for the CLI, the tests and the benchmark. */
import { promises as fsp } from 'node:fs';
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
      const st = await fsp.lstat(this.resolve(path));
      return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', version: fileVersion(st) };
    } catch {
      return undefined;
    }
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
