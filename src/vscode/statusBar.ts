/**
 * The status bar item: how many 1:1s are overdue (a click starts a note for the most overdue report); when none is,
 * the next 1:1 of the coming week (a click opens or plans it).
 */
import * as vscode from 'vscode';
import { nextMeetingText } from '../core/planning';
import type { WeekItem } from '../core/planning';
import { FORM_VIEW_TYPE } from './form/formEditor';
import { queriesOf } from './queries';
import { teamUri } from './teamFs';
import type { TeamService } from './teamService';

/** The This Week rows and their change signal (the WeekTreeProvider). */
export interface WeekSource {
  items(): readonly WeekItem[];
  readonly onDidChangeTreeData: vscode.Event<unknown>;
}

export class StatusBarAdapter implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('oneOnOnes.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: TeamService, private readonly week: WeekSource) {
    this.item.name = 'First-Class 1:1s';
    // The This Week rows change with every change of the team (they follow the service): one signal, after they are current.
    this.subscription = week.onDidChangeTreeData(() => this.update());
    this.update();
  }

  private update(): void {
    const queries = queriesOf(this.service);
    if (!queries) {
      this.item.hide();
      return;
    }
    // Overdue as the tree says it: the reports' health, whatever the settings do with the cadence rules' problems.
    const ranked = queries.overdue().map((v) => [v.id, v.label, v.overdueBy] as const);
    const items = ranked.length === 0 ? this.week.items() : [];
    const next = nextMeetingText(items, this.service.today);
    if (ranked.length === 0 && next !== undefined && this.service.root) {
      const first = items[0];
      this.item.text = `$(calendar) Next 1:1: ${next}`;
      this.item.tooltip = `Every report is within their 1:1 cadence. Next: ${first.reportName}, ${first.date} (${first.description}). Click to ${first.file ? 'open' : 'plan'} it.`;
      this.item.command = first.file
        ? { command: 'vscode.openWith', title: 'Open the 1:1', arguments: [teamUri(this.service.root, first.file), FORM_VIEW_TYPE, { preview: false }] }
        : { command: 'oneOnOnes.startNote', title: 'Start 1:1 Note', arguments: [first.reportId, { date: first.date }] };
      this.item.backgroundColor = undefined;
    } else if (ranked.length === 0) {
      this.item.text = '$(check) 1:1s on track';
      this.item.tooltip = 'Every report is within their 1:1 cadence, and no 1:1 is planned or due this week. Click to start a 1:1 note.';
      this.item.command = { command: 'oneOnOnes.startNote', title: 'Start 1:1 Note' };
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = `$(warning) ${ranked.length} overdue 1:1${ranked.length === 1 ? '' : 's'}`;
      this.item.tooltip = `Overdue: ${ranked.map(([, name, days]) => `${name} (${days} day${days === 1 ? '' : 's'})`).join(', ')}. Click to start a note with ${ranked[0][1]}.`;
      this.item.command = { command: 'oneOnOnes.startNote', title: 'Start 1:1 Note', arguments: [ranked[0][0]] };
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.item.tooltip = withDashboardLink(String(this.item.tooltip));
    this.item.show();
  }

  /** For tests: what the item shows. */
  get text(): string {
    return this.item.text;
  }

  /** For tests: what hovering shows (its text and the one command link it may run). */
  get tooltip(): vscode.MarkdownString | string | undefined {
    return this.item.tooltip;
  }

  /** For tests: what a click runs. */
  get command(): vscode.Command | undefined {
    return typeof this.item.command === 'object' ? this.item.command : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/**
 * The tooltip's text (names in it shown as text, never as Markdown) and a link to the team dashboard: the only
 * command the tooltip may run.
 */
function withDashboardLink(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendText(text);
  md.appendMarkdown('\n\n[$(pulse) Open Team Dashboard](command:oneOnOnes.openDashboard)');
  md.isTrusted = { enabledCommands: ['oneOnOnes.openDashboard'] };
  return md;
}
