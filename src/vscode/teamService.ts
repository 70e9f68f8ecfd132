/**
 * Owns the one TeamChecker that the trees, the diagnostics, the commands and the status bar all read. Finds the team
 * folder, builds the index once, and keeps it current from a file watcher: events are batched for a moment and
 * each changed file re-checks only its report.
 */
import * as vscode from 'vscode';
import { TeamChecker } from '../core/checker';
import { isoDateOf } from '../core/dates';
import type { ChangeKind } from '../core/index/teamIndex';
import type { RuleSettings } from '../core/rules/registry';
import type { Problem, SeveritySetting } from '../core/types';
import { contextKeys } from './contextKeys';
import { errorKind } from './errors';
import { teamPath, WorkspaceTeamFileSystem } from './teamFs';

export const CONFIG = 'oneOnOnes';
const DEBOUNCE_MS = 150;
/** Typing pauses this long before the problems of the unsaved text are computed. */
const EDIT_DEBOUNCE_MS = 250;
const DAY_CHECK_MS = 5 * 60 * 1000;

export interface TeamChange {
  /** Problems of each file whose problems may have changed; undefined means everything changed. */
  readonly files: ReadonlyMap<string, Problem[]> | undefined;
  /** Reports whose tree rows may have changed; undefined means all. */
  readonly reports: ReadonlySet<string> | undefined;
}

export function readRuleSettings(): RuleSettings {
  const c = vscode.workspace.getConfiguration(CONFIG);
  return {
    severities: c.get<Record<string, SeveritySetting>>('rules', {}),
    statusUpdateHeuristic: c.get<boolean>('statusUpdateHeuristic', true),
  };
}

export class TeamService implements vscode.Disposable {
  private checkerValue: TeamChecker | undefined;
  private rootValue: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private watcher: vscode.FileSystemWatcher | undefined;
  private pending = new Map<string, ChangeKind>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly emitter = new vscode.EventEmitter<TeamChange>();
  readonly onDidChange = this.emitter.event;
  private loading: Promise<void> | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG}.teamFolder`)) void this.reload();
        else if (e.affectsConfiguration(`${CONFIG}.rules`) || e.affectsConfiguration(`${CONFIG}.statusUpdateHeuristic`)) {
          this.enqueue(async () => {
            await this.checkerValue?.setSettings(readRuleSettings());
            this.emitter.fire({ files: undefined, reports: undefined });
          });
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      vscode.workspace.onDidOpenTextDocument((doc) => this.documentOpened(doc)),
      // Problems follow the text as it is typed: unsaved text stands in for the file until it is saved or closed.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.documentEdited(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.dropOverlay(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.dropOverlay(doc)),
    );
    const dayTimer = setInterval(() => this.checkDay(), DAY_CHECK_MS);
    this.disposables.push({ dispose: () => clearInterval(dayTimer) });
  }

  get checker(): TeamChecker | undefined {
    return this.checkerValue;
  }

  get root(): vscode.Uri | undefined {
    return this.rootValue;
  }

  get today(): string {
    return isoDateOf(this.now());
  }

  /** Resolves once the first load (or the current reload) has finished. */
  ready(): Promise<void> {
    return this.loading ?? this.reload();
  }

  /** A load that failed (e.g. the folder went away) is tried again by the next command, not kept failing. */
  private loadFailed(): void {
    this.loading = undefined;
  }

  /** Finds the team folder and builds the index from nothing. */
  reload(): Promise<void> {
    this.loading = this.enqueue(async () => {
      this.watcher?.dispose();
      this.watcher = undefined;
      this.pending.clear();
      this.rootValue = await findTeamFolder();
      this.checkerValue = undefined;
      this.overlaid.clear();
      await contextKeys.set('oneOnOnes.hasTeamFolder', this.rootValue !== undefined);
      // The welcome views wait for this: before the search, "no team folder" would only be a guess.
      await contextKeys.set('oneOnOnes.searched', true);
      if (this.rootValue) {
        const root = this.rootValue;
        // The watcher starts before the load: changes made while the index builds wait in `pending`.
        this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**'));
        const on = (kind: ChangeKind) => (uri: vscode.Uri): void => this.fileEvent(uri, kind);
        this.watcher.onDidCreate(on('created'));
        this.watcher.onDidChange(on('changed'));
        this.watcher.onDidDelete(on('deleted'));
        this.checkerValue = await TeamChecker.open(new WorkspaceTeamFileSystem(root), { today: this.today, settings: readRuleSettings() });
        await this.applyPending();
        for (const doc of vscode.workspace.textDocuments) {
          this.documentOpened(doc);
          if (doc.isDirty) this.documentEdited(doc); // unsaved edits survive a reload
        }
      }
      this.emitter.fire({ files: undefined, reports: undefined });
    });
    return this.loading;
  }

  /** Applies pending watcher events now (tests and commands call this to see their own writes at once). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.enqueue(() => this.applyPending());
    await this.queue;
  }

  /** Re-checks a file the extension itself just wrote, now rather than when the watcher reports it. */
  async touch(path: string, kind: ChangeKind): Promise<void> {
    const before = this.pending.get(path);
    this.pending.set(path, before === 'created' && kind === 'changed' ? 'created' : kind);
    await this.flush();
  }

  private fileEvent(uri: vscode.Uri, kind: ChangeKind): void {
    if (!this.rootValue) return;
    const rel = teamPath(this.rootValue, uri);
    if (rel === undefined || rel === '' || rel.split('/').some((p) => p.startsWith('.'))) return;
    // created then changed is still created; anything then deleted is deleted.
    const before = this.pending.get(rel);
    this.pending.set(rel, before === 'created' && kind === 'changed' ? 'created' : kind);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue(() => this.applyPending());
    }, DEBOUNCE_MS);
  }

  private async applyPending(): Promise<void> {
    const checker = this.checkerValue;
    if (!checker || this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    const files = new Map<string, Problem[]>();
    const reports = new Set<string>();
    let all = false;
    for (const [path, kind] of batch) {
      for (const [f, ps] of await checker.applyChange(path, kind)) files.set(f, ps);
      const id = path.split('/')[0];
      if (path === 'team.yaml' || !path.includes('/')) all = true;
      reports.add(id);
    }
    this.emitter.fire({ files: all ? undefined : files, reports: all ? undefined : reports });
  }

  /** An opened meeting file outside the rules' window is parsed so its own problems show. */
  private documentOpened(doc: vscode.TextDocument): void {
    const root = this.rootValue;
    const checker = this.checkerValue;
    if (!root || !checker) return;
    const rel = teamPath(root, doc.uri);
    if (!rel || !/\/meetings\/[^/]+\.yaml$/.test(rel)) return;
    this.enqueue(async () => {
      const reportId = await checker.ensureChecked(rel);
      if (reportId) this.emitter.fire({ files: checker.problemsByFile(), reports: new Set([reportId]) });
    });
  }

  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly overlaid = new Set<string>();

  private teamYamlPath(doc: vscode.TextDocument): string | undefined {
    const root = this.rootValue;
    if (!root || !this.checkerValue) return undefined;
    const rel = teamPath(root, doc.uri);
    return rel && rel.endsWith('.yaml') && !rel.split('/').some((p) => p.startsWith('.')) ? rel : undefined;
  }

  private documentEdited(doc: vscode.TextDocument): void {
    const rel = this.teamYamlPath(doc);
    if (!rel) return;
    // Marked now, not when the queued work runs: a save or close in between must still drop the overlay.
    this.overlaid.add(rel);
    clearTimeout(this.editTimers.get(rel));
    this.editTimers.set(rel, setTimeout(() => {
      this.editTimers.delete(rel);
      if (doc.isClosed) return;
      const text = doc.getText();
      this.enqueue(async () => {
        const checker = this.checkerValue;
        if (!checker || !this.overlaid.has(rel)) return; // saved or closed meanwhile
        const files = await checker.setOverlay(rel, text);
        this.emitter.fire({ files, reports: new Set([rel.split('/')[0]]) });
      });
    }, EDIT_DEBOUNCE_MS));
  }

  private dropOverlay(doc: vscode.TextDocument): void {
    const rel = this.teamYamlPath(doc);
    if (!rel) return;
    clearTimeout(this.editTimers.get(rel));
    this.editTimers.delete(rel);
    if (!this.overlaid.delete(rel)) return;
    this.enqueue(async () => {
      const checker = this.checkerValue;
      if (!checker) return;
      const files = await checker.setOverlay(rel, undefined);
      this.emitter.fire({ files, reports: new Set([rel.split('/')[0]]) });
    });
  }

  private checkDay(): void {
    const today = this.today;
    const checker = this.checkerValue;
    if (!checker || checker.currentToday === today) return;
    this.enqueue(async () => {
      await checker.setToday(today);
      this.emitter.fire({ files: undefined, reports: undefined });
    });
  }

  /** Runs index work one piece at a time, in order: a watcher batch never interleaves with a reload. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    // Never rejects: an error is logged by its kind only (never file contents, paths or names of people), so no
    // unhandled rejection can carry a path into a log either.
    this.queue = this.queue.then(work).catch((e: unknown) => {
      console.error(`First-Class 1:1s: index update failed (${errorKind(e)})`);
      if (!this.checkerValue) this.loadFailed();
    });
    return this.queue;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.editTimers.values()) clearTimeout(t);
    this.watcher?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

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
