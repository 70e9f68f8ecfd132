/**
 * The sidebar trees. The providers only map the core's view models (src/core/views/model.ts) to TreeItems, read
 * through the query layer (src/core/query/queries.ts), which caches them per change. History pages are parsed
 * lazily, 50 meetings at a time, in the core's line with the changes.
 */
import * as vscode from 'vscode';
import type { WeekItem } from '../core/planning';
import { buddyView } from '../core/views/model';
import type { ActionView, BuddyView, GoalView, MeetingRowState, MeetingView, ReportView } from '../core/views/model';
import type { Range } from '../core/types';
import { contextKeys } from './contextKeys';
import { FORM_VIEW_TYPE } from './form/formEditor';
import { queriesOf } from './queries';
import type { TeamService } from './teamService';
import { teamUri } from './teamFs';

const HISTORY_PAGE = 50;

export type ReportNode = { readonly kind: 'report'; readonly id: string };
/** Reports who left the team (`left:` in report.yaml): collapsed, their notes kept. */
export type FormerNode = { readonly kind: 'former' };
export type GroupNode = { readonly kind: 'group'; readonly reportId: string; readonly group: 'goals' | 'meetings' | 'actions' };
export type LeafNode =
  | { readonly kind: 'goal'; readonly view: GoalView }
  /** A goal of another report with this report as its `buddy`. */
  | { readonly kind: 'buddy'; readonly view: BuddyView }
  | { readonly kind: 'meeting'; readonly view: MeetingView; readonly reportId: string }
  | { readonly kind: 'more'; readonly reportId: string; readonly shown: number }
  | { readonly kind: 'action'; readonly view: ActionView; readonly reportId: string };
export type ReportsNode = ReportNode | FormerNode | GroupNode | LeafNode;

const FORMER: FormerNode = { kind: 'former' };

const MEETING_ICONS: Readonly<Record<MeetingRowState, string>> = { held: 'comment-discussion', planned: 'calendar', skipped: 'circle-slash', unread: 'comment-discussion' };

function openAt(root: vscode.Uri, file: string, range: Range | undefined): vscode.Command {
  const options: vscode.TextDocumentShowOptions = range
    ? { selection: new vscode.Range(range.start.line, range.start.character, range.start.line, range.start.character), preview: true }
    : { preview: true };
  return { command: 'vscode.open', title: 'Open', arguments: [teamUri(root, file), options] };
}

function goalItem(root: vscode.Uri, v: GoalView): vscode.TreeItem {
  const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
  item.id = `goal:${v.reportId}:${v.goalId}`;
  item.description = v.description;
  item.tooltip = v.tooltip;
  item.iconPath = new vscode.ThemeIcon(v.expired ? 'warning' : 'target', v.expired ? new vscode.ThemeColor('list.warningForeground') : undefined);
  item.contextValue = 'goal';
  item.command = openAt(root, v.file, v.range);
  return item;
}

export class ReportsTreeProvider implements vscode.TreeDataProvider<ReportsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ReportsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly nodes = new Map<string, ReportNode>();
  private readonly shown = new Map<string, number>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: TeamService) {
    this.subscription = service.onDidChange((c) => {
      // The empty team's welcome ("add your first report") shows once the folder is read and has no report.
      const count = queriesOf(service)?.reports().length;
      void contextKeys.set('oneOnOnes.hasReports', (count ?? 0) > 0);
      void contextKeys.set('oneOnOnes.emptyTeam', count === 0);
      if (!c.reports || c.reports.size > 20) this.emitter.fire(undefined);
      else for (const id of c.reports) this.emitter.fire(this.nodes.has(id) ? this.nodes.get(id) : undefined);
    });
  }

  /** The row of a report, for `TreeView.reveal` (a command shows the report it just added). */
  nodeFor(id: string): ReportNode {
    return this.reportNode(id);
  }

  private reportNode(id: string): ReportNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { kind: 'report', id };
      this.nodes.set(id, n);
    }
    return n;
  }

  /** The view model of a report row (also used by commands and tests). */
  reportView(id: string): ReportView | undefined {
    return queriesOf(this.service)?.reportView(id);
  }

  /** Whether a report left the team, from its row (no report context built for the top level). */
  private hasLeft(id: string): boolean {
    return queriesOf(this.service)?.row(id)?.hasLeft ?? false;
  }

  async getChildren(element?: ReportsNode): Promise<ReportsNode[]> {
    const queries = queriesOf(this.service);
    if (!queries) return [];
    if (!element || element.kind === 'former') {
      const reports = queries.reports();
      if (!element) {
        const ids = new Set(reports.map((r) => r.id));
        for (const id of [...this.nodes.keys()]) if (!ids.has(id)) this.nodes.delete(id);
      }
      const current = reports.filter((r) => r.hasLeft === (element?.kind === 'former')).map((r) => this.reportNode(r.id));
      if (current.length > 0) this.service.timeline.mark('treeRows');
      return !element && reports.some((r) => r.hasLeft) ? [...current, FORMER] : current;
    }
    if (element.kind === 'report') {
      if (!queries.has(element.id)) return [];
      return (['goals', 'meetings', 'actions'] as const).map((group) => ({ kind: 'group', reportId: element.id, group }));
    }
    if (element.kind !== 'group') return [];
    const snap = queries.report(element.reportId);
    if (!snap) return [];
    switch (element.group) {
      case 'goals':
        return [
          ...snap.goals.map((view): ReportsNode => ({ kind: 'goal', view })),
          ...queries.buddyGoals(element.reportId).map((b): ReportsNode => ({ kind: 'buddy', view: buddyView(element.reportId, b) })),
        ];
      case 'actions':
        return snap.actions.map((view) => ({ kind: 'action', view, reportId: element.reportId }));
      case 'meetings': {
        // Parses what this page shows (cached by the index); the rules' window is parsed already.
        const page = await queries.historyPage(element.reportId, this.shown.get(element.reportId) ?? HISTORY_PAGE);
        if (!page) return [];
        const nodes: ReportsNode[] = page.rows.map((view) => ({ kind: 'meeting', reportId: element.reportId, view }));
        if (page.rows.length < page.total) nodes.push({ kind: 'more', reportId: element.reportId, shown: page.rows.length });
        return nodes;
      }
    }
  }

  /** Shows the next page of a report's history. */
  showMore(reportId: string): void {
    this.shown.set(reportId, (this.shown.get(reportId) ?? HISTORY_PAGE) + HISTORY_PAGE);
    this.emitter.fire(this.nodes.get(reportId));
  }

  getTreeItem(element: ReportsNode): vscode.TreeItem {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- rows exist only once the team folder is known
    const root = this.service.root!;
    const queries = queriesOf(this.service);
    switch (element.kind) {
      case 'report': {
        // Before the rules have reached this report (the first load streams them): the row the warm start kept from
        // the last window, or its name from the listing.
        const v = queries?.reportView(element.id);
        const item = new vscode.TreeItem(v?.label ?? queries?.row(element.id)?.name ?? element.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `report:${element.id}`;
        if (!v) return item;
        item.description = v.description;
        // A plain-text tooltip: report data never becomes markdown or command links.
        item.tooltip = v.tooltip;
        item.iconPath = v.health === 'overdue'
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon(v.health === 'paused' ? 'debug-pause' : 'person');
        item.contextValue = v.health === 'left' ? 'formerReport' : 'report';
        item.resourceUri = teamUri(root, v.reportFile);
        return item;
      }
      case 'former': {
        const item = new vscode.TreeItem('Former reports', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'former';
        item.tooltip = 'Reports who left your team (left: in report.yaml). Their notes stay; no 1:1 falls due for them.';
        item.iconPath = new vscode.ThemeIcon('archive');
        return item;
      }
      case 'group': {
        const snap = queries?.report(element.reportId);
        const count = !snap ? 0 : element.group === 'goals' ? snap.goals.length + (queries?.buddyGoals(element.reportId).length ?? 0) : element.group === 'actions' ? snap.actions.length : snap.context.report.meetings.length;
        const label = element.group === 'goals' ? 'Goals' : element.group === 'actions' ? 'Open actions' : '1:1s';
        const item = new vscode.TreeItem(label, count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${element.group}:${element.reportId}`;
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(element.group === 'goals' ? 'target' : element.group === 'actions' ? 'checklist' : 'history');
        return item;
      }
      case 'goal':
        return goalItem(root, element.view);
      case 'buddy': {
        const v = element.view;
        const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
        item.id = `buddy:${v.buddyId}:${v.ownerId}:${v.goalId}`;
        item.description = v.description;
        item.tooltip = v.tooltip;
        item.iconPath = new vscode.ThemeIcon('person-add');
        item.contextValue = 'buddyGoal';
        item.command = openAt(root, v.file, v.range);
        return item;
      }
      case 'meeting': {
        const v = element.view;
        const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
        item.id = `meeting:${v.file}`;
        item.description = v.description;
        item.iconPath = new vscode.ThemeIcon(v.career ? 'star-full' : MEETING_ICONS[v.state]);
        item.command = openAt(root, v.file, undefined);
        item.contextValue = 'meeting';
        item.resourceUri = teamUri(root, v.file);
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem('Show older 1:1s…', vscode.TreeItemCollapsibleState.None);
        item.id = `more:${element.reportId}:${element.shown}`;
        item.command = { command: 'oneOnOnes.showMoreHistory', title: 'Show older 1:1s', arguments: [element.reportId] };
        return item;
      }
      case 'action': {
        const v = element.view;
        const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
        item.description = v.description;
        item.iconPath = new vscode.ThemeIcon(v.overdue ? 'warning' : 'circle-large-outline', v.overdue ? new vscode.ThemeColor('list.warningForeground') : undefined);
        item.command = openAt(root, v.file, v.range);
        return item;
      }
    }
  }

  getParent(element: ReportsNode): ReportsNode | undefined {
    if (element.kind === 'former') return undefined;
    if (element.kind === 'report') return this.hasLeft(element.id) ? FORMER : undefined;
    if (element.kind === 'group') return this.reportNode(element.reportId);
    if (element.kind === 'goal') return { kind: 'group', reportId: element.view.reportId, group: 'goals' };
    if (element.kind === 'buddy') return { kind: 'group', reportId: element.view.buddyId, group: 'goals' };
    return { kind: 'group', reportId: element.reportId, group: element.kind === 'action' ? 'actions' : 'meetings' };
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export type GoalsNode = { readonly kind: 'report'; readonly id: string; readonly name: string } | { readonly kind: 'goal'; readonly view: GoalView };

/** Every active goal across the team, grouped by report; the report whose goal ends soonest comes first. */
export class GoalsTreeProvider implements vscode.TreeDataProvider<GoalsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<GoalsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: TeamService) {
    this.subscription = service.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(element?: GoalsNode): GoalsNode[] {
    const queries = queriesOf(this.service);
    if (!queries) return [];
    if (!element) return queries.goalGroups().map((g) => ({ kind: 'report', id: g.id, name: g.name }));
    if (element.kind === 'goal') return [];
    return (queries.report(element.id)?.goals ?? []).map((view) => ({ kind: 'goal', view }));
  }

  getTreeItem(element: GoalsNode): vscode.TreeItem {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- rows exist only once the team folder is known
    if (element.kind === 'goal') return goalItem(this.service.root!, element.view);
    const item = new vscode.TreeItem(element.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `goals-report:${element.id}`;
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = 'report';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/**
 * This Week: the planned 1:1s of the next seven days and the reports whose 1:1 falls due in them, each with its prep
 * state. A click opens the planned note in the form, or plans the 1:1 for its due day.
 */
export class WeekTreeProvider implements vscode.TreeDataProvider<WeekItem>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<WeekItem | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: TeamService) {
    this.subscription = service.onDidChange(() => this.emitter.fire(undefined));
  }

  /** The rows, soonest first (also read by the status bar and the tests); the query layer builds them once a change. */
  items(): readonly WeekItem[] {
    return queriesOf(this.service)?.weekAhead() ?? [];
  }

  getChildren(element?: WeekItem): WeekItem[] {
    return element ? [] : [...this.items()];
  }

  getTreeItem(element: WeekItem): vscode.TreeItem {
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- rows exist only once the team folder is known
    const root = this.service.root!;
    const item = new vscode.TreeItem(element.reportName, vscode.TreeItemCollapsibleState.None);
    item.id = `week:${element.reportId}:${element.file ?? element.date}`;
    item.description = element.description;
    item.tooltip = `${element.reportName}: ${element.date} · ${element.description}`;
    if (element.file) {
      item.iconPath = new vscode.ThemeIcon(element.prepared ? 'pass' : 'edit');
      item.command = { command: 'vscode.openWith', title: 'Open the 1:1', arguments: [teamUri(root, element.file), FORM_VIEW_TYPE, { preview: false }] };
      item.contextValue = 'plannedMeeting';
      item.resourceUri = teamUri(root, element.file);
    } else {
      item.iconPath = new vscode.ThemeIcon('calendar', new vscode.ThemeColor('list.warningForeground'));
      item.command = { command: 'oneOnOnes.startNote', title: 'Plan the 1:1', arguments: [element.reportId, { date: element.date }] };
      item.contextValue = 'dueMeeting';
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
