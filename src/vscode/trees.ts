/**
 * The sidebar trees. The providers only map the core's view models (src/core/views/model.ts) to TreeItems; the
 * index behind them is the one TeamService owns. History pages are parsed lazily, 50 meetings at a time.
 */
import * as vscode from 'vscode';
import { weekAhead } from '../core/planning';
import type { WeekItem } from '../core/planning';
import { activeGoalViews, meetingView, openActionViews, reportView } from '../core/views/model';
import type { ActionView, GoalView, MeetingView, ReportView } from '../core/views/model';
import { hasLeftBy } from '../core/rules/context';
import type { ReportContext } from '../core/rules/context';
import type { Problem, Range } from '../core/types';
import { contextKeys } from './contextKeys';
import { FORM_VIEW_TYPE } from './form/formEditor';
import type { TeamService } from './teamService';
import { teamUri } from './teamFs';

const HISTORY_PAGE = 50;

export type ReportNode = { readonly kind: 'report'; readonly id: string };
/** Reports who left the team (`left:` in report.yaml): collapsed, their notes kept. */
export type FormerNode = { readonly kind: 'former' };
export type GroupNode = { readonly kind: 'group'; readonly reportId: string; readonly group: 'goals' | 'meetings' | 'actions' };
export type LeafNode =
  | { readonly kind: 'goal'; readonly view: GoalView }
  | { readonly kind: 'meeting'; readonly view: MeetingView; readonly reportId: string }
  | { readonly kind: 'more'; readonly reportId: string; readonly shown: number }
  | { readonly kind: 'action'; readonly view: ActionView; readonly reportId: string };
export type ReportsNode = ReportNode | FormerNode | GroupNode | LeafNode;

const FORMER: FormerNode = { kind: 'former' };

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
  private problems: Problem[] | undefined;

  constructor(private readonly service: TeamService) {
    this.subscription = service.onDidChange((c) => {
      this.problems = undefined;
      // The empty team's welcome ("add your first report") shows once the folder is read and has no report.
      const count = service.checker?.index.reports().length;
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
    const ctx = this.service.checker?.context(id);
    return ctx ? this.viewOf(ctx) : undefined;
  }

  private viewOf(ctx: ReportContext): ReportView {
    this.problems ??= this.service.checker!.problems();
    return reportView(ctx, this.problems);
  }

  /** Whether a report left the team, from its profile (no report context built for the top level). */
  private hasLeft(id: string): boolean {
    return hasLeftBy(this.service.checker?.index.report(id)?.profile?.value, this.service.today);
  }

  async getChildren(element?: ReportsNode): Promise<ReportsNode[]> {
    const checker = this.service.checker;
    if (!checker) return [];
    if (!element || element.kind === 'former') {
      const reports = checker.index.reports().map((r) => ({ id: r.id, name: checker.index.displayName(r), left: this.hasLeft(r.id) }));
      reports.sort((a, b) => a.name.localeCompare(b.name));
      if (!element) {
        const ids = new Set(reports.map((r) => r.id));
        for (const id of [...this.nodes.keys()]) if (!ids.has(id)) this.nodes.delete(id);
      }
      const current = reports.filter((r) => r.left === (element?.kind === 'former')).map((r) => this.reportNode(r.id));
      return !element && reports.some((r) => r.left) ? [...current, FORMER] : current;
    }
    const ctx = checker.context(element.kind === 'report' ? element.id : element.kind === 'group' ? element.reportId : '');
    if (!ctx) return [];
    if (element.kind === 'report') {
      return (['goals', 'meetings', 'actions'] as const).map((group) => ({ kind: 'group', reportId: element.id, group }));
    }
    if (element.kind !== 'group') return [];
    switch (element.group) {
      case 'goals':
        return activeGoalViews(ctx).map((view) => ({ kind: 'goal', view }));
      case 'actions':
        return openActionViews(ctx).map((view) => ({ kind: 'action', view, reportId: element.reportId }));
      case 'meetings': {
        const refs = ctx.report.meetings;
        const count = Math.min(refs.length, this.shown.get(element.reportId) ?? HISTORY_PAGE);
        const page = refs.slice(0, count);
        // Parse what this page shows (cached by file version); the rules' window is parsed already.
        const loaded = await checker.index.loadMeetings(element.reportId, page, { revalidate: false });
        const nodes: ReportsNode[] = page.map((ref, i) => ({ kind: 'meeting', reportId: element.reportId, view: meetingView(ref, loaded[i], ctx.today) }));
        if (count < refs.length) nodes.push({ kind: 'more', reportId: element.reportId, shown: count });
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
    const root = this.service.root!;
    const checker = this.service.checker;
    switch (element.kind) {
      case 'report': {
        const ctx = checker?.context(element.id);
        const v = ctx && this.viewOf(ctx);
        const item = new vscode.TreeItem(v?.label ?? element.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `report:${element.id}`;
        if (!ctx || !v) return item;
        item.description = ctx.hasLeft ? `left ${ctx.left}` : v.description;
        // A plain-text tooltip: report data never becomes markdown or command links.
        item.tooltip = v.tooltip;
        item.iconPath = v.health === 'overdue'
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon(v.health === 'paused' ? 'debug-pause' : 'person');
        item.contextValue = ctx.hasLeft ? 'formerReport' : 'report';
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
        const ctx = checker?.context(element.reportId);
        const count = !ctx ? 0 : element.group === 'goals' ? ctx.activeGoals.length : element.group === 'actions' ? ctx.openActions.length : ctx.report.meetings.length;
        const label = element.group === 'goals' ? 'Goals' : element.group === 'actions' ? 'Open actions' : '1:1s';
        const item = new vscode.TreeItem(label, count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${element.group}:${element.reportId}`;
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(element.group === 'goals' ? 'target' : element.group === 'actions' ? 'checklist' : 'history');
        return item;
      }
      case 'goal':
        return goalItem(root, element.view);
      case 'meeting': {
        const v = element.view;
        const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
        item.id = `meeting:${v.file}`;
        item.description = v.description;
        item.iconPath = new vscode.ThemeIcon(v.career ? 'star-full' : v.description.includes('skipped') ? 'circle-slash' : v.description.includes('planned') ? 'calendar' : 'comment-discussion');
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
    const checker = this.service.checker;
    if (!checker) return [];
    if (!element) {
      const groups = checker.index.reports()
        .filter((r) => !hasLeftBy(r.profile?.value, this.service.today))
        .map((r) => ({ id: r.id, name: checker.index.displayName(r), goals: activeGoalViews(checker.context(r.id)!) }))
        .filter((g) => g.goals.length > 0);
      groups.sort((a, b) => (a.goals[0].end < b.goals[0].end ? -1 : a.goals[0].end > b.goals[0].end ? 1 : a.name.localeCompare(b.name)));
      return groups.map((g) => ({ kind: 'report', id: g.id, name: g.name }));
    }
    if (element.kind === 'goal') return [];
    return activeGoalViews(checker.context(element.id)!).map((view) => ({ kind: 'goal', view }));
  }

  getTreeItem(element: GoalsNode): vscode.TreeItem {
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
  /** The rows as of the last change of the team: built once per change, read by the view and the status bar. */
  private cached: WeekItem[] | undefined;

  constructor(private readonly service: TeamService) {
    this.subscription = service.onDidChange(() => {
      this.cached = undefined;
      this.emitter.fire(undefined);
    });
  }

  /** The rows, soonest first (also read by the status bar and the tests). */
  items(): WeekItem[] {
    const checker = this.service.checker;
    if (!checker) return [];
    this.cached ??= weekAhead(checker.index.reports().map((r) => checker.context(r.id)).filter((c) => c !== undefined), this.service.today);
    return this.cached;
  }

  getChildren(element?: WeekItem): WeekItem[] {
    return element ? [] : this.items();
  }

  getTreeItem(element: WeekItem): vscode.TreeItem {
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
