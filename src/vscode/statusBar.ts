/** The status bar item: how many 1:1s are overdue; a click starts a note for the most overdue report. */
import * as vscode from 'vscode';
import { reportView, sortByUrgency } from '../core/views/model';
import type { TeamService } from './teamService';

export class StatusBarAdapter implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('oneOnOnes.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: TeamService) {
    this.item.name = 'First-Class 1:1s';
    this.subscription = service.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const checker = this.service.checker;
    if (!checker) {
      this.item.hide();
      return;
    }
    const problems = checker.problems();
    const views = sortByUrgency(checker.index.reports().map((r) => reportView(checker.context(r.id)!, problems)));
    const overdue = views.filter((v) => v.health === 'overdue');
    if (overdue.length === 0) {
      this.item.text = '$(check) 1:1s on track';
      this.item.tooltip = 'Every report is within their 1:1 cadence. Click to start a 1:1 note.';
      this.item.command = { command: 'oneOnOnes.startNote', title: 'Start 1:1 Note' };
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = `$(warning) ${overdue.length} overdue 1:1${overdue.length === 1 ? '' : 's'}`;
      this.item.tooltip = `Overdue: ${overdue.map((v) => `${v.label} (${v.description.split(' · ')[1]})`).join(', ')}. Click to start a note with ${overdue[0].label}.`;
      this.item.command = { command: 'oneOnOnes.startNote', title: 'Start 1:1 Note', arguments: [overdue[0].id] };
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.item.show();
  }

  /** For tests: what the item shows. */
  get text(): string {
    return this.item.text;
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
