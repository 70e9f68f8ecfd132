/**
 * Extension entry point: builds the one TeamService (index + rules) and the thin adapters that show it, and hands
 * every disposable to the extension context. Nothing else happens at activation; the index loads in the background.
 */
import * as vscode from 'vscode';
import { QuickFixProvider } from './vscode/codeActions';
import { Commands } from './vscode/commands';
import { contextKeys } from './vscode/contextKeys';
import type { ContextKeys } from './vscode/contextKeys';
import { DiagnosticsAdapter } from './vscode/diagnostics';
import { FormEditorProvider } from './vscode/form/formEditor';
import { StatusBarAdapter } from './vscode/statusBar';
import { TeamService } from './vscode/teamService';
import { GoalsTreeProvider, ReportsTreeProvider, WeekTreeProvider } from './vscode/trees';
import { registerWalkthrough } from './vscode/walkthrough';

/** What the extension exposes to its integration tests (and nothing else relies on it). */
export interface ExtensionApi {
  readonly service: TeamService;
  readonly reports: ReportsTreeProvider;
  readonly goals: GoalsTreeProvider;
  readonly week: WeekTreeProvider;
  readonly statusBar: StatusBarAdapter;
  readonly forms: FormEditorProvider;
  /** The context keys the extension set (VS Code gives no way to read them back). */
  readonly contextKeys: ContextKeys;
  /**
   * Drops the watcher events of the paths `match` accepts (team-relative), or none again with undefined: as VS Code
   * does under load, so the in-host tests can prove that the rescan finds such a change anyway.
   */
  dropWatcherEvents(match: ((path: string) => boolean) | undefined): void;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  let dropEvent: ((path: string) => boolean) | undefined;
  const service = new TeamService({ acceptEvent: (path) => !dropEvent?.(path) });
  const reports = new ReportsTreeProvider(service);
  const goals = new GoalsTreeProvider(service);
  const week = new WeekTreeProvider(service);
  const statusBar = new StatusBarAdapter(service, week);
  const diagnostics = new DiagnosticsAdapter(service, vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'));
  const reportsView = vscode.window.createTreeView('oneOnOnes.reports', { treeDataProvider: reports, showCollapseAll: true });
  const commands = new Commands(service, reports, context.extensionUri, async (id) => {
    // Shows the report a command just added; a hidden view is not forced open.
    if (reportsView.visible) await reportsView.reveal(reports.nodeFor(id), { select: true, focus: false });
  });
  const forms = new FormEditorProvider(service, context.extensionUri);
  context.subscriptions.push(
    service,
    reports,
    goals,
    week,
    statusBar,
    diagnostics,
    forms,
    forms.register(),
    reportsView,
    vscode.window.createTreeView('oneOnOnes.week', { treeDataProvider: week }),
    vscode.window.createTreeView('oneOnOnes.goals', { treeDataProvider: goals }),
    vscode.languages.registerCodeActionsProvider({ language: 'yaml', scheme: '*' }, new QuickFixProvider(service), { providedCodeActionKinds: QuickFixProvider.kinds }),
    ...commands.register(),
  );
  // The Get Started walkthrough: once after install, and from the palette.
  context.subscriptions.push(...registerWalkthrough(context));
  void service.reload();
  const dropWatcherEvents = (match: ((path: string) => boolean) | undefined): void => {
    dropEvent = match;
  };
  return { service, reports, goals, week, statusBar, forms, contextKeys, dropWatcherEvents };
}

export function deactivate(): void {
  // Every disposable is owned by the extension context.
}
