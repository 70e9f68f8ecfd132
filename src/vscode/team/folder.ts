/** Where the team folder is: the `oneOnOnes.teamFolder` setting inside a workspace folder, or a workspace folder itself. */
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { CONFIG } from './settings';

/** The team folder a workspace folder's setting names (trimmed; default `one-on-ones`); undefined if it leaves it. */
export function teamFolderUri(folder: vscode.Uri): vscode.Uri | undefined {
  const setting = vscode.workspace.getConfiguration(CONFIG, folder).get<string>('teamFolder', 'one-on-ones').trim() || 'one-on-ones';
  const parts = setting.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return undefined; // the team folder must be inside the workspace folder
  return parts.length === 0 ? folder : vscode.Uri.joinPath(folder, ...parts);
}

/**
 * The team folder: `oneOnOnes.teamFolder` (default `one-on-ones`) inside the first workspace folder that has it;
 * else a workspace folder that is itself a team folder (it has team.yaml, or a sub-folder with report.yaml).
 */
export async function findTeamFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const f of folders) {
    const candidate = teamFolderUri(f.uri);
    if (candidate && (await isDirectory(candidate))) return candidate;
  }
  for (const f of folders) if (await looksLikeTeamFolder(f.uri)) return f.uri;
  return undefined;
}

async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme === 'file') {
    // On disk, asked of Node (as the folder is listed, src/vscode/teamFs.ts): the workspace API goes through the
    // workbench, which is busiest just when the extension starts (issue #17: time to the first report row).
    try {
      return (await fsp.lstat(uri.fsPath)).isDirectory();
    } catch {
      return false;
    }
  }
  try {
    const st = await vscode.workspace.fs.stat(uri);
    return (st.type & vscode.FileType.Directory) !== 0 && (st.type & vscode.FileType.SymbolicLink) === 0;
  } catch {
    return false;
  }
}

async function looksLikeTeamFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(uri);
    if (entries.some(([n, t]) => n === 'team.yaml' && t === vscode.FileType.File)) return true;
    for (const [name, type] of entries.slice(0, 50)) {
      if (type !== vscode.FileType.Directory || name.startsWith('.')) continue;
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(uri, name, 'report.yaml'));
        return true;
      } catch {
        // not a report folder
      }
    }
  } catch {
    // unreadable folder
  }
  return false;
}

/**
 * While the workspace has no team folder, calls `appeared` (at most once per quiet spell) when one may have been made:
 * the configured folder (or something in it), a `team.yaml`, or a `<folder>/report.yaml` at a workspace folder's top.
 * A `git clone` of the team repository, a folder made in the Explorer or a terminal: no window reload needed.
 */
export function watchForTeamFolder(appeared: () => void): vscode.Disposable {
  const watchers: vscode.FileSystemWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A clone writes many files: one look once they pause.
  const soon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      appeared();
    }, 300);
  };
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const team = teamFolderUri(f.uri);
    const rel = team && team.path.startsWith(`${f.uri.path}/`) ? team.path.slice(f.uri.path.length + 1) : undefined;
    const globs = ['team.yaml', '*/report.yaml', ...(rel ? [rel, `${rel}/*`] : [])];
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, `{${globs.join(',')}}`), false, true, true);
    w.onDidCreate(soon);
    watchers.push(w);
  }
  return {
    dispose: (): void => {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.dispose();
    },
  };
}
