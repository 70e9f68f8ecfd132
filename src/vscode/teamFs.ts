/** The core's file system over `workspace.fs`, rooted at the team folder. Symbolic links are never followed. */
import * as vscode from 'vscode';
import type { EntryKind, FileContent, TeamFileSystem } from '../core/fs';

const decoder = new TextDecoder('utf-8');

export function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.SymbolicLink) return 'other';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/** The Uri of a team-relative path; refuses `..` and absolute paths so nothing resolves outside the team folder. */
export function teamUri(root: vscode.Uri, path: string): vscode.Uri {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.' || p.includes('\\'))) throw new Error(`Refusing a path outside the team folder: ${path}`);
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
  constructor(readonly root: vscode.Uri) {}

  async readDirectory(path: string): Promise<Array<[string, EntryKind]>> {
    const entries = await vscode.workspace.fs.readDirectory(teamUri(this.root, path));
    return entries.map(([name, type]) => [name, kindOf(type)]);
  }

  async readFile(path: string): Promise<FileContent> {
    const bytes = await vscode.workspace.fs.readFile(teamUri(this.root, path));
    const text = decoder.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }

  async stat(path: string): Promise<{ kind: EntryKind; version: string } | undefined> {
    try {
      const st = await vscode.workspace.fs.stat(teamUri(this.root, path));
      return { kind: kindOf(st.type), version: `${st.mtime}:${st.size}` };
    } catch {
      return undefined;
    }
  }
}
