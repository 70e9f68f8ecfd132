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

export class DiagnosticsAdapter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('oneOnOnes');
  private readonly subscription: vscode.Disposable;

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

  private update(change: TeamChange): void {
    const root = this.service.root;
    const queries = queriesOf(this.service);
    if (!root || !queries) {
      this.collection.clear();
      return;
    }
    const set = (file: string, problems: readonly Problem[]): void => {
      let uri: vscode.Uri;
      try {
        uri = teamUri(root, file);
      } catch {
        return; // a name no URI can hold (e.g. with a backslash): one odd file must not empty the panel
      }
      if (problems.length === 0) this.collection.delete(uri);
      else this.collection.set(uri, problems.map((p) => this.toDiagnostic(p)));
    };
    if (!change.files) {
      this.collection.clear();
      for (const [file, problems] of queries.problemsByFile()) set(file, problems);
      return;
    }
    for (const [file, problems] of change.files) set(file, problems);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
