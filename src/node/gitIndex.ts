/**
 * The team folder as git's index holds it: what `git commit` is about to record, for `one-on-ones check --staged`.
 * The listing comes from one `git ls-files --stage`, file contents from one long-lived `git cat-file --batch` (one
 * process for every blob, not one per file: a pre-commit hook on a large team must stay under a second). Git runs
 * in the repository's top folder with the caller's environment, so the temporary index of `git commit -a` or of a
 * partial commit (`GIT_INDEX_FILE`, set for hooks) is the one read.
 */
import { spawn, spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { FileSystemFailure } from '../core/fs';
import type { EntryKind, FileContent, TeamFileSystem } from '../core/fs';

/** Why git could not give us the index: said to the user as it is (no path or content in it). */
export class GitUnavailable extends Error {}

function git(cwd: string, args: readonly string[]): Buffer {
  // Literal pathspecs: a team folder named `*` or `:(glob)x` is a name, not a pattern.
  const r = spawnSync('git', ['--literal-pathspecs', ...args], { cwd, maxBuffer: 1 << 30 });
  if (r.error) throw new GitUnavailable('git could not be run (is it installed and on the PATH?)');
  if (r.status !== 0) throw new GitUnavailable(`git ${args[0]} failed (is the team folder inside a git repository?)`);
  return r.stdout;
}

/** The repository's top folder as seen from `cwd`, or undefined when `cwd` is not in a git work tree (or no git). */
export function repositoryRoot(cwd: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const top = r.stdout.replace(/\r?\n$/, '');
  return top === '' ? undefined : top;
}

/**
 * The team folder relative to `root` with `/` separators and a trailing `/` (`''` when it is the root itself), or
 * undefined when it is not inside `root`. Links resolved on both sides, as git resolves them.
 */
export function prefixWithin(root: string, folder: string): string | undefined {
  let rel: string;
  try {
    rel = nodePath.relative(realpathSync(root), realpathSync(folder));
  } catch {
    return undefined;
  }
  if (rel === '') return '';
  if (rel.startsWith('..') || nodePath.isAbsolute(rel)) return undefined;
  return `${rel.split(nodePath.sep).join('/')}/`;
}

interface IndexEntry {
  readonly kind: EntryKind;
  readonly blob: string;
}

/** Reads blobs through one `git cat-file --batch`: requests written in order, answers parsed in the same order. */
class BlobReader {
  private readonly child;
  private readonly waiting: Array<{ resolve: (b: Buffer) => void; reject: (e: unknown) => void }> = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failed: unknown;

  constructor(cwd: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.on('error', () => this.fail(new GitUnavailable('git cat-file could not be run')));
    this.child.on('exit', () => this.fail(new GitUnavailable('git cat-file stopped')));
    this.child.stdin.on('error', () => this.fail(new GitUnavailable('git cat-file stopped')));
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  read(blob: string): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${blob}\n`);
    });
  }

  /** Answers every complete response at the front of the buffer: `<sha> blob <size>\n<bytes>\n` or `<sha> missing\n`. */
  private drain(): void {
    for (;;) {
      const eol = this.buffer.indexOf(10);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString('latin1').split(' ');
      if (header[1] === 'missing') {
        this.buffer = this.buffer.subarray(eol + 1);
        this.waiting.shift()?.reject(new FileSystemFailure('missing'));
        continue;
      }
      const size = Number(header[2]);
      if (this.buffer.length < eol + 1 + size + 1) return;
      const bytes = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      this.waiting.shift()?.resolve(bytes);
    }
  }

  private fail(e: unknown): void {
    this.failed ??= e;
    for (const w of this.waiting.splice(0)) w.reject(this.failed);
  }

  close(): void {
    this.child.stdin.end();
  }
}

function kindOfMode(mode: string, stage: string): EntryKind {
  // 100644/100755: a file. 120000 (a symbolic link) and 160000 (a submodule) are never followed, like on disk; an
  // unmerged path (stage 1-3) has no single content to check.
  return stage === '0' && (mode === '100644' || mode === '100755') ? 'file' : 'other';
}

export class GitIndexFileSystem implements TeamFileSystem {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly folders = new Map<string, Map<string, EntryKind>>([['', new Map()]]);
  private readonly blobs: BlobReader;

  /** `root` is the repository's top folder; `prefix` the team folder within it (see prefixWithin). */
  private constructor(readonly root: string, readonly prefix: string) {
    this.blobs = new BlobReader(root);
  }

  /**
   * Lists the index under the team folder, or only these entries at its top (`only`: the reports a commit touches
   * and team.yaml; a report's rules read nothing outside its folder but team.yaml, so the other reports of a large
   * team are not even listed). Throws GitUnavailable when git cannot.
   */
  static open(root: string, prefix: string, only?: readonly string[]): GitIndexFileSystem {
    const specs = only === undefined ? [prefix === '' ? '.' : prefix] : only.map((name) => prefix + name);
    const listing = specs.length === 0 ? Buffer.alloc(0) : git(root, ['ls-files', '--stage', '-z', '--', ...specs]);
    const fs = new GitIndexFileSystem(root, prefix);
    for (const record of listing.toString('utf8').split('\0')) {
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, blob, stage] = record.slice(0, tab).split(' ');
      const path = record.slice(tab + 1).slice(prefix.length);
      fs.add(path, { kind: kindOfMode(mode, stage), blob });
    }
    return fs;
  }

  /** Records a file and, from its folder upwards, each folder in its parent's listing until one already known. */
  private add(path: string, entry: IndexEntry): void {
    if (this.entries.has(path) && entry.kind === 'other') return;
    this.entries.set(path, entry);
    let slash = path.lastIndexOf('/');
    let dir = slash < 0 ? '' : path.slice(0, slash);
    let name = slash < 0 ? path : path.slice(slash + 1);
    let kind: EntryKind = entry.kind;
    for (;;) {
      let listing = this.folders.get(dir);
      const known = listing !== undefined;
      if (!listing) this.folders.set(dir, (listing = new Map()));
      listing.set(name, kind);
      if (known) return;
      slash = dir.lastIndexOf('/');
      name = slash < 0 ? dir : dir.slice(slash + 1);
      dir = slash < 0 ? '' : dir.slice(0, slash);
      kind = 'directory';
    }
  }

  /** Team-relative paths that the next commit adds or changes (renames count as added), under the team folder. */
  static stagedPaths(root: string, prefix: string): string[] {
    const out = git(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACM', '--', prefix === '' ? '.' : prefix]);
    return out.toString('utf8').split('\0').filter((p) => p !== '' && p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  }

  async readDirectory(path: string): Promise<Array<[string, EntryKind]>> {
    const listing = this.folders.get(path);
    if (!listing) throw new FileSystemFailure(this.entries.has(path) ? 'not-regular' : 'missing');
    return [...listing];
  }

  async readFile(path: string): Promise<FileContent> {
    const entry = this.entries.get(path);
    if (!entry) throw new FileSystemFailure(this.folders.has(path) ? 'not-regular' : 'missing');
    if (entry.kind !== 'file') throw new FileSystemFailure('not-regular');
    const text = (await this.blobs.read(entry.blob)).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, version: entry.blob };
  }

  async stat(path: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    const entry = this.entries.get(path);
    if (entry) return { kind: entry.kind, version: entry.blob };
    return this.folders.has(path) ? { kind: 'directory', version: '' } : undefined;
  }

  /** Ends the `git cat-file` process (the CLI exits when it is done). */
  close(): void {
    this.blobs.close();
  }
}
