/**
 * Quick fixes for the rules' diagnostics. The rule modules compute them (core/rules, from the finding's typed data,
 * today and the document's current text); this adapter only finds the finding a diagnostic stands for and turns the
 * fixes into code actions.
 *
 * The round trip: a diagnostic carries only its rule id (`code`) and its range. What VS Code hands back is untrusted
 * (another extension's diagnostic, an edited file): the id must be one of the registry's, and the typed data is read
 * from the checker's own problem of that rule at that range, never from the diagnostic.
 */
import * as vscode from 'vscode';
import { YamlEditError } from '../core/edit/yamlEdit';
import { quickFixesFor, ruleIdOf } from '../core/rules/registry';
import { THIS_DOCUMENT } from '../core/rules/rule';
import type { QuickFix } from '../core/rules/rule';
import type { Problem } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { teamPath } from './teamFs';
import { queriesOf } from './queries';
import type { TeamService } from './teamService';
import { workspaceEditFor } from './writes';

/** Kept here for the commands that import it; the rules' fixes share the core's copy. */
export { goalIndex } from '../core/rules/fixes';

export class QuickFixProvider implements vscode.CodeActionProvider {
  static get kinds(): vscode.CodeActionKind[] {
    return [vscode.CodeActionKind.QuickFix];
  }

  constructor(private readonly service: TeamService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const root = this.service.root;
    const queries = queriesOf(this.service);
    if (!root || !queries) return [];
    const file = teamPath(root, doc.uri);
    if (!file) return [];
    const problems = queries.problemsOf(file);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const rule = ruleIdOf(diagnostic.code);
      if (!rule) continue;
      const at = diagnostic.range.start;
      const problem = problems.find((p) => p.rule === rule && p.range.start.line === at.line && p.range.start.character === at.character);
      if (!problem) continue;
      actions.push(...this.fixesFor(doc, diagnostic, problem));
    }
    return actions;
  }

  private fixesFor(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, p: Problem): vscode.CodeAction[] {
    const text = doc.getText();
    const out: vscode.CodeAction[] = [];
    for (const fix of quickFixesFor(p, { today: this.service.today, text })) {
      const action = this.toAction(doc, text, fix);
      if (!action) continue;
      action.diagnostics = [diagnostic];
      action.isPreferred = fix.preferred ?? false;
      out.push(action);
    }
    return out;
  }

  private toAction(doc: vscode.TextDocument, text: string, fix: QuickFix): vscode.CodeAction | undefined {
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    if (fix.kind === 'command') {
      const args = fix.args.map((arg) => (arg === THIS_DOCUMENT ? doc.uri : arg));
      a.command = { command: fix.command, title: fix.title, arguments: args };
      return a;
    }
    try {
      a.edit = workspaceEditFor(doc, fix.edit(text));
      return a;
    } catch (e) {
      if (e instanceof YamlEditError) return undefined; // the file does not parse right now: no edit to offer
      throw e;
    }
  }
}
