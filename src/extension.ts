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
import { FORM_VIEW_TYPE, FormEditorProvider } from './vscode/form/formEditor';
import { isTeamMeetingFile } from './vscode/queries';
import { FormProbe, formsApi } from './vscode/form/formProbe';
import type { FormsApi } from './vscode/form/formProbe';
import { StatusBarAdapter } from './vscode/statusBar';
import { TeamService } from './vscode/teamService';
import { GoalsTreeProvider, ReportsTreeProvider, WeekTreeProvider } from './vscode/trees';
import { registerWalkthrough } from './vscode/walkthrough';
import { DashboardPanel } from './vscode/dashboard/dashboardPanel';
import type { DashboardApi } from './vscode/dashboard/dashboardPanel';
import { ExportCommands } from './vscode/exports';
import { buildId, WarmStore } from './vscode/team/warmStart';

/** What the extension exposes to its integration tests (and nothing else relies on it). */
export interface ExtensionApi {
  readonly service: TeamService;
  readonly reports: ReportsTreeProvider;
  readonly goals: GoalsTreeProvider;
  readonly week: WeekTreeProvider;
  readonly statusBar: StatusBarAdapter;
  readonly forms: FormsApi;
  /** The context keys the extension set (VS Code gives no way to read them back). */
  readonly contextKeys: ContextKeys;
  /**
   * Drops the watcher events of the paths `match` accepts (team-relative), or none again with undefined: as VS Code
   * does under load, so the in-host tests can prove that the rescan finds such a change anyway.
   */
  dropWatcherEvents(match: ((path: string) => boolean) | undefined): void;
  /** The team dashboard panel (issue #14). */
  readonly dashboard: DashboardApi;
  /**
   * Answers the dashboard's "Save heatmap as SVG" dialog (given its default place) instead of the user, or the dialog
   * again with undefined: so the in-host tests can pick a place inside and outside the team folder.
   */
  answerDashboardSave(pick: ((defaultUri: vscode.Uri | undefined) => vscode.Uri | undefined) | undefined): void;
  /** Answers the export commands' save dialog (given its default place) instead of the user, or the dialog again. */
  answerExportSave(pick: ((defaultUri: vscode.Uri | undefined) => vscode.Uri | undefined) | undefined): void;
  /**
   * Holds each load's full check until `hold` settles (undefined: no hold), after the report rows are shown: so the
   * in-host tests can see the rows come before the rules have run (issue #17).
   */
  holdFullCheck(hold: Promise<void> | undefined): void;
  /** Where the warm start of the team folder is kept (undefined: no storage on disk), for the in-host tests. */
  warmStartPath(): string | undefined;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const activatedAt = Date.now(); // the end-to-end benchmark's zero (bench/e2e/)
  let dropEvent: ((path: string) => boolean) | undefined;
  let fullCheckHold: Promise<void> | undefined;
  // The warm start lives in this workspace's storage, never in the team folder; a rebuilt extension starts cold.
  const warm = new WarmStore(context.storageUri, buildId(String(context.extension.packageJSON.version), __filename));
  const service = new TeamService({ acceptEvent: (path) => !dropEvent?.(path), beforeFullCheck: () => fullCheckHold ?? Promise.resolve(), warm });
  service.timeline.mark('activate', activatedAt);
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
  const formProbe = new FormProbe();
  const forms = new FormEditorProvider(service, context.extensionUri, formProbe);
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
  let saveTarget: ((defaultUri: vscode.Uri | undefined) => vscode.Uri | undefined) | undefined;
  const dashboard = new DashboardPanel(service, context.extensionUri, (o) => (saveTarget ? Promise.resolve(saveTarget(o.defaultUri)) : vscode.window.showSaveDialog(o)));
  context.subscriptions.push(dashboard, vscode.commands.registerCommand('oneOnOnes.openDashboard', () => dashboard.open()));
  let exportTarget: ((defaultUri: vscode.Uri | undefined) => vscode.Uri | undefined) | undefined;
  context.subscriptions.push(...new ExportCommands(service, (o) => (exportTarget ? Promise.resolve(exportTarget(o.defaultUri)) : vscode.window.showSaveDialog(o))).register());
  context.subscriptions.push(...meetingFilesOnly(service));
  void service.reload();
  const dropWatcherEvents = (match: ((path: string) => boolean) | undefined): void => {
    dropEvent = match;
  };
  return { service, reports, goals, week, statusBar, forms: formsApi(forms, formProbe), contextKeys, dropWatcherEvents, dashboard, answerDashboardSave: (pick) => { saveTarget = pick; }, answerExportSave: (pick) => { exportTarget = pick; }, holdFullCheck: (hold) => { fullCheckHold = hold; }, warmStartPath: () => (service.root ? warm.pathOf(service.root) : undefined) };
}

/**
 * The form is for the team's 1:1 files only. A manifest glob cannot know the team folder (it is a setting), so the
 * custom editor's selector is wide (any `.yaml` in a `meetings` folder) and a form opened on any other file is
 * replaced by the text editor here. The "Open in 1:1 Form" button shows for the team's 1:1 files only, by a context
 * key from the same classifyPath.
 */
function meetingFilesOnly(service: TeamService): vscode.Disposable[] {
  const setKey = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    void contextKeys.set('oneOnOnes.activeMeetingFile', doc !== undefined && isTeamMeetingFile(service, doc.uri));
  };
  const reopening = new Set<string>();
  const toText = async (uri: vscode.Uri, column: vscode.ViewColumn): Promise<void> => {
    const key = uri.toString();
    if (reopening.has(key)) return;
    reopening.add(key);
    try {
      await service.ready(); // the team folder must be known before a file is said to lie outside it
      if (isTeamMeetingFile(service, uri)) return;
      await vscode.commands.executeCommand('vscode.openWith', uri, 'default', column);
      const forms = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === FORM_VIEW_TYPE && t.input.uri.toString() === key);
      await vscode.window.tabGroups.close(forms);
    } finally {
      reopening.delete(key);
    }
  };
  setKey();
  return [
    vscode.window.onDidChangeActiveTextEditor(setKey),
    service.onDidChange(setKey),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of [...e.opened, ...e.changed]) {
        const input = tab.input;
        if (input instanceof vscode.TabInputCustom && input.viewType === FORM_VIEW_TYPE) {
          toText(input.uri, tab.group.viewColumn).catch(() => undefined);
        }
      }
    }),
  ];
}

export function deactivate(): void {
  // Every disposable is owned by the extension context.
}
