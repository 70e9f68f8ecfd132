import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReportsNode } from '../../../src/vscode/trees';
import { weekdayName } from '../../../src/core/planning';
import { api, d, eventually, teamFile, today, write, resetTeam } from './helpers';

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

describe('the reports tree', () => {
  // Every file starts from the suite's team, whatever the files before it did.
  before(resetTeam);

  it('lists each report with its cadence and 1:1 status, overdue ones with a warning icon', async () => {
    const a = await api();
    const rows = (await a.reports.getChildren()).map((n) => a.reports.getTreeItem(n));
    assert.deepEqual(rows.map((r) => [label(r), r.description]), [
      ['Ana Lúcia Ferreira', 'overdue 5d · weekly'],
      ['Bo Chen', 'last 1:1 3d ago · biweekly'],
      ['Cy', 'no 1:1 yet · weekly'],
    ]);
    assert.equal((rows[0].iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal((rows[1].iconPath as vscode.ThemeIcon).id, 'person');
    const tooltip = String(rows[0].tooltip);
    assert.match(tooltip, /Role: Staff Engineer/);
    assert.match(tooltip, /Cadence: weekly \(7 days\)/);
    assert.match(tooltip, new RegExp(`Next due: ${d(-5)}`));
    assert.match(tooltip, /Aspirations: Move into management/);
  });

  it('shows goals, the 1:1 history newest first and open actions under a report', async () => {
    const a = await api();
    const [ana] = await a.reports.getChildren();
    const groups = await a.reports.getChildren(ana);
    assert.deepEqual(groups.map((g) => [label(a.reports.getTreeItem(g)), a.reports.getTreeItem(g).description]), [['Goals', '2'], ['1:1s', '2'], ['Open actions', '1']]);
    const goals = (await a.reports.getChildren(groups[0])).map((n) => a.reports.getTreeItem(n));
    assert.deepEqual(goals.map((g) => [label(g), g.description]), [['Give the demo to sales', 'expired'], ['Mentor Sam through onboarding', 'ends in 26 days · buddy: Priya']]);
    const history = (await a.reports.getChildren(groups[1])).map((n) => a.reports.getTreeItem(n));
    assert.deepEqual(history.map((h) => [label(h), h.description]), [[d(-12), 'held'], [d(-19), 'career · held']]);
    assert.equal((history[1].iconPath as vscode.ThemeIcon).id, 'star-full');
    const actions = (await a.reports.getChildren(groups[2])).map((n) => a.reports.getTreeItem(n));
    assert.deepEqual(actions.map((x) => [label(x), x.description]), [['Share the planning template', `you · due ${d(-5)} (overdue)`]]);
  });

  it('opens a meeting on click (in the 1:1 form), and reveals a goal in goals.yaml', async () => {
    const a = await api();
    const [ana] = await a.reports.getChildren();
    const [goalsGroup, meetingsGroup] = await a.reports.getChildren(ana);
    const meeting = a.reports.getTreeItem((await a.reports.getChildren(meetingsGroup))[0]);
    await vscode.commands.executeCommand(meeting.command!.command, ...(meeting.command!.arguments ?? []));
    await eventually(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputCustom && input.viewType === 'oneOnOnes.meetingForm' && input.uri.path.endsWith(`ana-ferreira/meetings/${d(-12)}.yaml`));
    });
    const goal = a.reports.getTreeItem((await a.reports.getChildren(goalsGroup))[0] as ReportsNode);
    await vscode.commands.executeCommand(goal.command!.command, ...(goal.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('ana-ferreira/goals.yaml'));
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /- id: demo/);
  });

  it('the Goals view lists active goals by report, the soonest end first', async () => {
    const a = await api();
    const groups = a.goals.getChildren();
    assert.deepEqual(groups.map((g) => label(a.goals.getTreeItem(g))), ['Ana Lúcia Ferreira', 'Bo Chen']);
    assert.deepEqual(a.goals.getChildren(groups[1]).map((g) => [label(a.goals.getTreeItem(g)), a.goals.getTreeItem(g).description]), [['Give a tech talk', 'ends in 10 days']]);
  });

  it('updates by itself when a file changes on disk', async () => {
    const a = await api();
    await write(`cy/meetings/${d(0)}.yaml`, `date: ${d(0)}\nprep:\n  manager:\n    feedback: [{type: positive, text: Good start}]\n  report:\n    topics: [Onboarding]\n`);
    await eventually(async () => {
      const rows = (await a.reports.getChildren()).map((n) => a.reports.getTreeItem(n));
      assert.equal(rows[2].description, 'last 1:1 today · weekly');
    });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(a.service.root!, 'cy', 'meetings'), { recursive: true });
    await eventually(async () => {
      const rows = (await a.reports.getChildren()).map((n) => a.reports.getTreeItem(n));
      assert.equal(rows[2].description, 'no 1:1 yet · weekly');
    });
  });

  it('the status bar counts overdue 1:1s', async () => {
    const a = await api();
    assert.equal(a.statusBar.text, '$(warning) 2 overdue 1:1s');
    // A click starts a note for the most overdue report: Cy (13 days past the cadence) before Ana (5).
    assert.deepEqual([a.statusBar.command?.command, a.statusBar.command?.arguments], ['oneOnOnes.startNote', ['cy']]);
  });

  it('This Week lists the 1:1s due and planned in the next seven days; with none overdue the status bar names the next', async () => {
    const a = await api();
    assert.deepEqual(a.week.items().map((i) => [i.reportName, i.date, i.description]), [
      ['Ana Lúcia Ferreira', today, 'overdue · not planned yet'],
      ['Cy', today, 'overdue · not planned yet'],
    ]);
    const due = a.week.getTreeItem(a.week.getChildren()[0]);
    assert.deepEqual([due.command?.command, due.command?.arguments], ['oneOnOnes.startNote', ['ana-ferreira', { date: today }]], 'a click plans it for that day');
    const held = (date: string): string => `date: ${date}\nprep:\n  manager:\n    feedback: [{type: positive, text: Good}]\n  report:\n    topics: [Growth]\n`;
    const planned = `bo-chen/meetings/${d(2)}.yaml`;
    await write(`ana-ferreira/meetings/${today}.yaml`, held(today));
    await write(`cy/meetings/${today}.yaml`, held(today));
    await write(planned, `date: ${d(2)}\nstatus: planned\nprep:\n  manager:\n    feedback: [{type: negative, text: Reviews wait too long}]\n  report:\n    topics: [Conference, Pairing]\n`);
    try {
      await eventually(() => assert.equal(a.statusBar.text, `$(calendar) Next 1:1: Bo, ${weekdayName(d(2), true)}`));
      assert.deepEqual(a.week.items().map((i) => [i.reportName, i.date, i.file, i.description]), [
        ['Bo Chen', d(2), planned, `${weekdayName(d(2), true)} in 2 days · prepared · their topics: 2`],
      ]);
      assert.equal(a.statusBar.command?.command, 'vscode.openWith', 'a click opens the planned 1:1');
      assert.ok(String((a.statusBar.command?.arguments?.[0] as vscode.Uri).path).endsWith(planned));
    } finally {
      for (const f of [`ana-ferreira/meetings/${today}.yaml`, `cy/meetings/${today}.yaml`, planned]) await vscode.workspace.fs.delete(teamFile(f));
    }
    await eventually(() => assert.equal(a.statusBar.text, '$(warning) 2 overdue 1:1s'));
  });
});
