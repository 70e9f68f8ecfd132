/**
 * Extension entry point: builds the one TeamService (index + rules) and the thin adapters that show it, and hands
 * every disposable to the extension context. Nothing else happens at activation; the index loads in the background.
 */
import * as vscode from 'vscode';
import { QuickFixProvider } from './vscode/codeActions';
import { Commands } from './vscode/commands';
import { DiagnosticsAdapter } from './vscode/diagnostics';
import { FormEditorProvider } from './vscode/form/formEditor';
import { StatusBarAdapter } from './vscode/statusBar';
import { TeamService } from './vscode/teamService';
import { GoalsTreeProvider, ReportsTreeProvider } from './vscode/trees';

/** What the extension exposes to its integration tests (and nothing else relies on it). */
export interface ExtensionApi {
  readonly service: TeamService;
  readonly reports: ReportsTreeProvider;
  readonly goals: GoalsTreeProvider;
  readonly statusBar: StatusBarAdapter;
  readonly forms: FormEditorProvider;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const service = new TeamService();
  const reports = new ReportsTreeProvider(service);
  const goals = new GoalsTreeProvider(service);
  const statusBar = new StatusBarAdapter(service);
  const diagnostics = new DiagnosticsAdapter(service, vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'));
  const commands = new Commands(service, reports, context.extensionUri);
  const forms = new FormEditorProvider(service, context.extensionUri);
  context.subscriptions.push(
    service,
    reports,
    goals,
    statusBar,
    diagnostics,
    forms,
    forms.register(),
    vscode.window.createTreeView('oneOnOnes.reports', { treeDataProvider: reports, showCollapseAll: true }),
    vscode.window.createTreeView('oneOnOnes.goals', { treeDataProvider: goals }),
    vscode.languages.registerCodeActionsProvider({ language: 'yaml', scheme: '*' }, new QuickFixProvider(service), { providedCodeActionKinds: QuickFixProvider.kinds }),
    ...commands.register(),
  );
  void service.reload();
  return { service, reports, goals, statusBar, forms };
}

export function deactivate(): void {
  // Every disposable is owned by the extension context.
}
