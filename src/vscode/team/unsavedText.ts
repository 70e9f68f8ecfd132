/**
 * Problems follow the text as it is typed: an editor's unsaved text stands in for the file until it is saved or
 * closed. An opened meeting file outside the rules' window is checked too, so its own problems show.
 */
import * as vscode from 'vscode';
import type { CheckChange, TeamChecker } from '../../core/checker';
import { teamPath } from '../teamFs';
import { isMeetingPath } from '../../core/paths';

/** Typing pauses this long before the problems of the unsaved text are computed. */
const EDIT_DEBOUNCE_MS = 250;

/** What the unsaved-text tracker needs from the service that owns it. */
export interface UnsavedTextHost {
  /** The team folder now (it changes on a reload). */
  root(): vscode.Uri | undefined;
  /** The checker now (a reload makes a new one). */
  checker(): TeamChecker | undefined;
  /** Runs work in the service's queue (in order with watcher batches and reloads). */
  run(work: () => Promise<void>): void;
  /** Tells the views what the work changed. */
  changed(change: CheckChange): void;
}

export class UnsavedText implements vscode.Disposable {
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly overlaid = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly host: UnsavedTextHost) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((doc) => this.opened(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.edited(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.drop(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.drop(doc)),
    ];
  }

  /** A new index: no overlay is in it yet. */
  reset(): void {
    this.overlaid.clear();
  }

  /** After a load: the open editors are taken in again (unsaved edits survive a reload). */
  restore(): void {
    for (const doc of vscode.workspace.textDocuments) {
      this.opened(doc);
      if (doc.isDirty) this.edited(doc);
    }
  }

  /** An opened meeting file outside the rules' window is parsed so its own problems show. */
  private opened(doc: vscode.TextDocument): void {
    const root = this.host.root();
    if (!root || !this.host.checker()) return;
    const rel = teamPath(root, doc.uri);
    if (!rel || !isMeetingPath(rel)) return;
    this.host.run(async () => {
      const change = await this.host.checker()?.ensureCheckedChange(rel);
      if (change) this.host.changed(change);
    });
  }

  private teamYamlPath(doc: vscode.TextDocument): string | undefined {
    const root = this.host.root();
    if (!root || !this.host.checker()) return undefined;
    const rel = teamPath(root, doc.uri);
    return rel && rel.endsWith('.yaml') && !rel.split('/').some((p) => p.startsWith('.')) ? rel : undefined;
  }

  private edited(doc: vscode.TextDocument): void {
    const rel = this.teamYamlPath(doc);
    if (!rel) return;
    // Marked now, not when the queued work runs: a save or close in between must still drop the overlay.
    this.overlaid.add(rel);
    clearTimeout(this.editTimers.get(rel));
    this.editTimers.set(rel, setTimeout(() => {
      this.editTimers.delete(rel);
      if (doc.isClosed) return;
      const text = doc.getText();
      this.host.run(async () => {
        const checker = this.host.checker();
        if (!checker || !this.overlaid.has(rel)) return; // saved or closed meanwhile
        this.host.changed(await checker.setOverlayChange(rel, text));
      });
    }, EDIT_DEBOUNCE_MS));
  }

  private drop(doc: vscode.TextDocument): void {
    const rel = this.teamYamlPath(doc);
    if (!rel) return;
    clearTimeout(this.editTimers.get(rel));
    this.editTimers.delete(rel);
    if (!this.overlaid.delete(rel)) return;
    this.host.run(async () => {
      const checker = this.host.checker();
      if (checker) this.host.changed(await checker.setOverlayChange(rel, undefined));
    });
  }

  dispose(): void {
    for (const t of this.editTimers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
  }
}
