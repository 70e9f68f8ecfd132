/** Problems from the core rules, as diagnostics on their files (open or not), with the rule id as a linked code. */
import * as vscode from 'vscode';
import type { Problem, Severity } from '../core/types';
import { queriesOf } from './queries';
import type { TeamChange, TeamService } from './teamService';
import { teamUri } from './teamFs';

export const DIAGNOSTIC_SOURCE = 'First-Class 1:1s';

/** Loading this module touches no VS Code API: the mapping is made when first needed. */
function severity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

/**
 * Files published per turn of the event loop: `collection.set` of thousands of files in one go held the host's
 * thread far past 50 ms after a bulk change (issue #17); the rest waits for the next turn, in order.
 */
export const PUBLISH_STEP = 250;

type Entry = readonly [vscode.Uri, readonly Problem[]];

export class DiagnosticsAdapter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('oneOnOnes');
  private readonly subscription: vscode.Disposable;
  /** Files waiting to be published, in the order their changes came. */
  private queue: Entry[] = [];
  private head = 0;
  private scheduled: ReturnType<typeof setImmediate> | undefined;
  private disposed = false;

  constructor(private readonly service: TeamService, private readonly docsUri: vscode.Uri) {
    this.subscription = service.onDidChange((c) => this.update(c));
  }

  toDiagnostic(p: Problem): vscode.Diagnostic {
    const d = new vscode.Diagnostic(
      new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character),
      p.message,
      severity(p.severity),
    );
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: p.rule, target: this.docsUri.with({ fragment: p.rule }) };
    if (p.rule === 'unknown-key') d.tags = [vscode.DiagnosticTag.Unnecessary];
    return d;
  }

  /** Whether every change so far is in the Problems panel (none waits for its turn). */
  get published(): boolean {
    return this.head >= this.queue.length;
  }

  private update(change: TeamChange): void {
    const root = this.service.root;
    const queries = queriesOf(this.service);
    if (!root || !queries) {
      this.queue = [];
      this.head = 0;
      this.collection.clear();
      return;
    }
    const entries: Entry[] = [];
    const add = (file: string, problems: readonly Problem[]): void => {
      try {
        entries.push([teamUri(root, file), problems]);
      } catch {
        // a name no URI can hold (e.g. with a backslash): one odd file must not empty the panel
      }
    };
    if (!change.files) {
      // Everything changed: what waits is superseded, and the panel starts again from the full list.
      this.queue = [];
      this.head = 0;
      this.collection.clear();
      for (const [file, problems] of queries.problemsByFile()) add(file, problems);
    } else {
      for (const [file, problems] of change.files) add(file, problems);
    }
    if (this.published) {
      this.queue = entries;
      this.head = 0;
    } else {
      for (const e of entries) this.queue.push(e);
    }
    this.publishStep();
  }

  /** Publishes the next PUBLISH_STEP files now, and schedules the rest for the next turns. */
  private publishStep(): void {
    if (this.disposed) return;
    const end = Math.min(this.queue.length, this.head + PUBLISH_STEP);
    for (; this.head < end; this.head++) {
      const [uri, problems] = this.queue[this.head];
      if (problems.length === 0) this.collection.delete(uri);
      else this.collection.set(uri, problems.map((p) => this.toDiagnostic(p)));
    }
    if (!this.published) {
      this.scheduled ??= setImmediate(() => {
        this.scheduled = undefined;
        this.publishStep();
      });
      return;
    }
    this.queue = [];
    this.head = 0;
    // The load's last milestone: the full check is done and all of it is in the panel (before it, the warm start's).
    if (this.service.timeline.time('checked') !== undefined) this.service.timeline.mark('problems');
    else if (this.service.timeline.time('warm') !== undefined) this.service.timeline.mark('warmProblems');
  }

  dispose(): void {
    this.disposed = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.subscription.dispose();
    this.collection.dispose();
  }
}
