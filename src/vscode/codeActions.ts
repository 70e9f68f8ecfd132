/** Quick fixes for the rules' diagnostics. Edits are computed from the document's current text by the core. */
import * as vscode from 'vscode';
import { addDays } from '../core/dates';
import { renameKey, setValue, YamlEditError } from '../core/edit/yamlEdit';
import type { TextEdit } from '../core/edit/yamlEdit';
import type { Problem } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { teamPath } from './teamFs';
import type { TeamService } from './teamService';
import { workspaceEditFor } from './writes';

export class QuickFixProvider implements vscode.CodeActionProvider {
  static get kinds(): vscode.CodeActionKind[] {
    return [vscode.CodeActionKind.QuickFix];
  }

  constructor(private readonly service: TeamService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const root = this.service.root;
    const checker = this.service.checker;
    if (!root || !checker) return [];
    const file = teamPath(root, doc.uri);
    if (!file) return [];
    const problems = checker.problemsByFile().get(file) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const rule = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const problem = problems.find((p) => p.rule === rule && p.range.start.line === diagnostic.range.start.line && p.range.start.character === diagnostic.range.start.character);
      if (!problem) continue;
      actions.push(...this.fixesFor(doc, diagnostic, problem));
    }
    return actions;
  }

  private fixesFor(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, p: Problem): vscode.CodeAction[] {
    const command = (title: string, id: string, args: unknown[], preferred = false): vscode.CodeAction => {
      const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      a.command = { command: id, title, arguments: args };
      a.diagnostics = [diagnostic];
      a.isPreferred = preferred;
      return a;
    };
    const edit = (title: string, compute: (text: string) => TextEdit, preferred = false): vscode.CodeAction | undefined => {
      try {
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.edit = workspaceEditFor(doc, compute(doc.getText()));
        a.diagnostics = [diagnostic];
        a.isPreferred = preferred;
        return a;
      } catch (e) {
        if (e instanceof YamlEditError) return undefined; // the file does not parse right now: no edit to offer
        throw e;
      }
    };
    const report = String(p.data?.report ?? '');
    switch (p.rule) {
      case 'cadence-overdue':
      case 'no-first-meeting':
        return [command('Start 1:1 note now', 'oneOnOnes.startNote', [report], true), command('Pause cadence (leave)…', 'oneOnOnes.pauseCadence', [report])];
      case 'goal-expired': {
        const index = Number(p.data?.index);
        const end = String(p.data?.end ?? '');
        return [
          edit('Mark goal done', (t) => setValue(t, ['goals', index, 'status'], 'done'), true),
          end ? edit('Extend by 2 weeks', (t) => setValue(t, ['goals', index, 'end'], addDays(end, 14))) : undefined,
          edit('Drop goal', (t) => setValue(t, ['goals', index, 'status'], 'dropped')),
        ].filter((a): a is vscode.CodeAction => a !== undefined);
      }
      case 'unknown-key': {
        const suggestion = p.data?.suggestion;
        const path = p.data?.path;
        if (typeof suggestion !== 'string' || typeof path !== 'string') return [];
        const a = edit(`Rename to \`${suggestion}\``, (t) => renameKey(t, JSON.parse(path) as Array<string | number>, suggestion), true);
        return a ? [a] : [];
      }
      case 'prep-missing':
        return [command('Open prep (text editor)', 'oneOnOnes.openPrep', [doc.uri])];
      default:
        return [];
    }
  }
}
