/** Quick fixes for the rules' diagnostics. Edits are computed from the document's current text by the core. */
import * as vscode from 'vscode';
import { parseDocument } from 'yaml';
import { addDays } from '../core/dates';
import { renameKey, setValue, YamlEditError } from '../core/edit/yamlEdit';
import type { TextEdit } from '../core/edit/yamlEdit';
import type { Problem } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { teamPath } from './teamFs';
import type { TeamService } from './teamService';
import { workspaceEditFor } from './writes';

/** The index of the goal with this id in a goals.yaml text, as it is now. */
export function goalIndex(text: string, id: string): number | undefined {
  const goals = (parseDocument(text).toJS() as { goals?: unknown } | null)?.goals;
  if (!Array.isArray(goals)) return undefined;
  const i = goals.findIndex((g) => typeof g === 'object' && g !== null && String((g as { id?: unknown }).id) === id);
  return i >= 0 ? i : undefined;
}

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
    const problems = checker.problemsOf(file);
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
        return [command('Start 1:1 note now', 'oneOnOnes.startNote', [report, { date: this.service.today }], true), command('Pause cadence (leave)…', 'oneOnOnes.pauseCadence', [report])];
      case 'goal-expired': {
        // The goal is found by its id in the text as it is now (the list may have changed since the check).
        const id = String(p.data?.goal ?? '');
        const index = goalIndex(doc.getText(), id);
        if (index === undefined) return [];
        const end = String(p.data?.end ?? '');
        const today = this.service.today;
        // Two weeks from the later of its end and today: an extended goal is not expired again at once.
        const from = end && end > today ? end : today;
        return [
          edit('Mark goal done', (t) => setValue(t, ['goals', index, 'status'], 'done'), true),
          edit('Extend by 2 weeks', (t) => setValue(t, ['goals', index, 'end'], addDays(from, 14))),
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
        return [command('Open the 1:1 form to prepare', 'oneOnOnes.openForm', [doc.uri])];
      default:
        return [];
    }
  }
}
