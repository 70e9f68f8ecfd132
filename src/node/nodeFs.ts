/** The team file system on Node's fs: for the CLI, the tests and the benchmark. */
import { promises as fsp, readFile as readFileCb } from 'node:fs';
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

  readFile(path: string): Promise<FileContent> {
    // The callback API: on Node 20 the promise FileHandle path costs several times more per small file. No version
    // here (it would cost a stat per file); the index asks `stat` for it when it revalidates a cached parse.
    const abs = this.resolve(path);
    return new Promise((resolve, reject) => {
      readFileCb(abs, 'utf8', (err, text) => (err ? reject(err) : resolve({ text: stripBom(text) })));
    });
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
