/** The team file system on Node's fs: for the CLI, the tests and the benchmark. */
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import type { EntryKind, FileContent, TeamFileSystem } from '../core/fs';

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
    const entries = await fsp.readdir(this.resolve(path), { withFileTypes: true });
    return entries.map((e) => [e.name, e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other']);
  }

  async readFile(path: string): Promise<FileContent> {
    // One open, one fstat, one read: the version comes with no extra system call to speak of.
    const handle = await fsp.open(this.resolve(path), 'r');
    try {
      const st = await handle.stat();
      const text = await handle.readFile('utf8');
      return { text: stripBom(text), version: `${st.mtimeMs}:${st.size}` };
    } finally {
      await handle.close();
    }
  }

  async stat(path: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    try {
      const st = await fsp.lstat(this.resolve(path));
      return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', version: `${st.mtimeMs}:${st.size}` };
    } catch {
      return undefined;
    }
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
