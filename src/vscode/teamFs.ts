/** The core's file system over `workspace.fs`, rooted at the team folder. Symbolic links are never followed. */
import * as vscode from 'vscode';
import { FileSystemFailure, mapLimit } from '../core/fs';
import type { EntryKind, FileContent, TeamFileSystem } from '../core/fs';
import { NodeTeamFileSystem } from '../node/nodeFs';
import { mapNodeError } from '../node/safeRead';

const decoder = new TextDecoder('utf-8');

export function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.SymbolicLink) return 'other';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/** The parts of a team-relative path; refuses `..`, `.` and backslashes so nothing resolves outside the team folder. */
function teamParts(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.' || p.includes('\\'))) throw new Error(`Refusing a path outside the team folder: ${path}`);
  return parts;
}

/** The Uri of a team-relative path; refuses `..` and absolute paths so nothing resolves outside the team folder. */
export function teamUri(root: vscode.Uri, path: string): vscode.Uri {
  const parts = teamParts(path);
  return parts.length === 0 ? root : vscode.Uri.joinPath(root, ...parts);
}

/** The team-relative path of a Uri inside the team folder, or undefined when it is outside. */
export function teamPath(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return undefined;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  if (uri.path === root.path) return '';
  if (!uri.path.startsWith(base)) return undefined;
  const rel = uri.path.slice(base.length);
  return rel.split('/').some((p) => p === '..') ? undefined : rel;
}

export class WorkspaceTeamFileSystem implements TeamFileSystem {
  /**
   * On disk, folders are listed and files stat'ed with Node's fs, as files are read: `workspace.fs` goes through the
   * workbench (in a remote or web VS Code, a round trip through the browser for each call), which made the first
   * load's 400 listings and a rescan's 2,000 stats of the large team seconds slower (issue #17, `npm run bench:e2e`).
   */
  private readonly disk: NodeTeamFileSystem | undefined;

  constructor(readonly root: vscode.Uri) {
    this.disk = root.scheme === 'file' ? new NodeTeamFileSystem(root.fsPath) : undefined;
  }

  async readDirectory(path: string): Promise<Array<[string, EntryKind]>> {
    if (this.disk) {
      teamParts(path); // the same refusal of `..` as for every other path (no Uri built: the load asks thousands)
      return this.disk.readDirectory(path);
    }
    let entries: Array<[string, vscode.FileType]>;
    try {
      entries = await vscode.workspace.fs.readDirectory(teamUri(this.root, path));
    } catch (e) {
      throw mapError(e);
    }
    return entries.map(([name, type]) => [name, kindOf(type)]);
  }

  async readFile(path: string): Promise<FileContent> {
    if (this.disk) {
      // The same guarded read as the CLI (no link followed, no hard link read, a pipe never waited on), which
      // workspace.fs cannot tell apart; the file's version comes from its own fstat.
      teamParts(path);
      try {
        return await this.disk.readFile(path);
      } catch (e) {
        throw mapError(e);
      }
    }
    // Other schemes (remote, virtual) go through workspace.fs.
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(teamUri(this.root, path));
    } catch (e) {
      throw mapError(e);
    }
    const text = decoder.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }

  /** On disk, Node's stats in short synchronous runs (see NodeTeamFileSystem.statMany); elsewhere one `stat` each. */
  async statMany(paths: readonly string[]): Promise<ReadonlyArray<{ kind: EntryKind; version: string } | undefined>> {
    if (this.disk) {
      for (const path of paths) teamParts(path);
      return this.disk.statMany(paths);
    }
    return mapLimit(paths, 16, (path) => this.stat(path));
  }

  async stat(path: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    if (this.disk) {
      teamParts(path);
      return this.disk.stat(path);
    }
    try {
      const st = await vscode.workspace.fs.stat(teamUri(this.root, path));
      return { kind: kindOf(st.type), version: `${st.mtime}:${st.size}` };
    } catch {
      return undefined;
    }
  }
}

/** workspace.fs errors (and Node's, for the guarded read) as the core's FileSystemFailure kinds. */
function mapError(e: unknown): unknown {
  if (e instanceof FileSystemFailure) return e;
  if (e instanceof vscode.FileSystemError) {
    if (e.code === 'FileNotFound' || e.code === 'FileNotADirectory') return new FileSystemFailure('missing');
    if (e.code === 'NoPermissions') return new FileSystemFailure('unreadable');
    if (e.code === 'FileIsADirectory') return new FileSystemFailure('not-regular');
    return e;
  }
  return mapNodeError(e);
}
