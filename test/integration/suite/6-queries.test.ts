import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, d, diagnostics, eventually, teamFile, workspaceUri, writeTeam } from './helpers';

describe('overdue is a fact about the report, not a problem', () => {
  before(async () => {
    await writeTeam();
    await vscode.commands.executeCommand('oneOnOnes.refresh');
  });

  it('turning cadence-overdue off removes its Problems entry only: the tree row and the status bar still say overdue', async () => {
    const a = await api();
    const anaRow = async (): Promise<vscode.TreeItem> => {
      const node = (await a.reports.getChildren()).find((n) => n.kind === 'report' && n.id === 'ana-ferreira');
      assert.ok(node, 'Ana is listed');
      return a.reports.getTreeItem(node);
    };
    await eventually(() => assert.equal(diagnostics('ana-ferreira/report.yaml', 'cadence-overdue').length, 1));
    const before = { row: (await anaRow()).description, status: a.statusBar.text, click: a.statusBar.command?.arguments };
    assert.equal(before.row, 'overdue 5d · weekly');
    assert.match(before.status, /^\$\(warning\) \d+ overdue 1:1s?$/);
    const config = vscode.workspace.getConfiguration('oneOnOnes');
    try {
      await config.update('rules', { 'cadence-overdue': 'off' }, vscode.ConfigurationTarget.Workspace);
      await eventually(() => assert.deepEqual(diagnostics('ana-ferreira/report.yaml', 'cadence-overdue'), []));
      const row = await anaRow();
      assert.equal(row.description, 'overdue 5d · weekly');
      assert.equal((row.iconPath as vscode.ThemeIcon).id, 'warning');
      assert.equal(a.statusBar.text, before.status, 'the status bar still counts Ana');
      assert.deepEqual(a.statusBar.command?.arguments, before.click);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(() => assert.equal(diagnostics('ana-ferreira/report.yaml', 'cadence-overdue').length, 1));
  });
});

describe('the 1:1 form claims the team folder\'s 1:1 files only', () => {
  const outside = workspaceUri('notes', 'meetings', '2026-01-05.yaml');
  before(async () => {
    await writeTeam();
    await vscode.commands.executeCommand('oneOnOnes.refresh');
    await vscode.workspace.fs.writeFile(outside, new TextEncoder().encode('date: 2026-01-05\nagenda: not a 1:1 of the team\n'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri('notes'), { recursive: true });
  });

  const tabsOf = (uri: vscode.Uri): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
    const input = t.input;
    return (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && input.uri.toString() === uri.toString();
  });

  it('a meetings/*.yaml outside the team folder opens in the text editor, a team 1:1 in the form', async () => {
    await vscode.commands.executeCommand('vscode.open', outside);
    await eventually(() => {
      const tabs = tabsOf(outside);
      assert.equal(tabs.length, 1);
      assert.ok(tabs[0].input instanceof vscode.TabInputText, 'the text editor, not the form');
    });
    const inside = teamFile(`ana-ferreira/meetings/${d(-12)}.yaml`);
    await vscode.commands.executeCommand('vscode.open', inside);
    await eventually(() => assert.ok(tabsOf(inside).some((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'oneOnOnes.meetingForm')));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(tabsOf(inside).some((t) => t.input instanceof vscode.TabInputCustom), 'and stays in the form');
  });

  it('"Open in 1:1 Form" is offered for the team\'s 1:1 files only (a context key from classifyPath)', async () => {
    const a = await api();
    await vscode.window.showTextDocument(teamFile(`ana-ferreira/meetings/${d(-12)}.yaml`), { preview: false });
    await eventually(() => assert.equal(a.contextKeys.get('oneOnOnes.activeMeetingFile'), true));
    await vscode.window.showTextDocument(teamFile('team.yaml'), { preview: false });
    await eventually(() => assert.equal(a.contextKeys.get('oneOnOnes.activeMeetingFile'), false));
    await vscode.window.showTextDocument(outside, { preview: false });
    await eventually(() => assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), outside.toString()));
    assert.equal(a.contextKeys.get('oneOnOnes.activeMeetingFile'), false);
  });
});
