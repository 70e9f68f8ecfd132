import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, d, eventually, exists, EXTENSION_ID, resetTeam, teamFile } from './helpers';

interface Step { id: string; description: string; completionEvents: string[] }

describe('the Get Started walkthrough', () => {
  // Every file starts from the suite's team, whatever the files before it did.
  before(resetTeam);

  const steps = (): Step[] => (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { walkthroughs: Array<{ steps: Step[] }> } }).contributes.walkthroughs[0].steps;

  it('every command a step runs or waits for is registered in VS Code', async () => {
    await api();
    const all = new Set(await vscode.commands.getCommands(false));
    const named = steps().flatMap((s) => [
      ...[...s.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]),
      ...s.completionEvents.filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
    ]);
    assert.ok(named.length >= 5);
    assert.deepEqual(named.filter((id) => !all.has(id)), []);
  });

  it('1:1s: Open Walkthrough opens it in the editor area', async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('oneOnOnes.openWalkthrough');
    await eventually(() => {
      const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      assert.ok(labels.some((l) => /Welcome|Walkthrough|First-Class 1:1s/.test(l)), `tabs: ${JSON.stringify(labels)}`);
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a step is completed by doing it: the command\'s success sets the context key the step waits for', async () => {
    const a = await api();
    const waits = steps().flatMap((s) => s.completionEvents).filter((e) => e.startsWith('onContext:oneOnOnes.done.')).map((e) => e.slice('onContext:'.length));
    assert.deepEqual(waits.sort(), ['oneOnOnes.done.addGoal', 'oneOnOnes.done.addReport', 'oneOnOnes.done.createTeamFolder', 'oneOnOnes.done.startNote']);
    await a.contextKeys.set('oneOnOnes.done.startNote', false); // as on a first run
    // A cancelled or refused command completes nothing: an unknown report is refused.
    await vscode.commands.executeCommand('oneOnOnes.startNote', 'nobody-here', { date: d(5) });
    assert.equal(a.contextKeys.get('oneOnOnes.done.startNote'), false);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.startNote', 'bo-chen', { date: d(5) });
    try {
      assert.ok(await exists(`bo-chen/meetings/${d(5)}.yaml`));
      assert.equal(a.contextKeys.get('oneOnOnes.done.startNote'), true);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
    // The other steps' commands, each from "not done".
    await a.contextKeys.set('oneOnOnes.done.addReport', false);
    await vscode.commands.executeCommand('oneOnOnes.addReport', { name: 'Walk Through', role: '', cadence: 'weekly', since: d(0), aspirations: [] });
    try {
      assert.equal(a.contextKeys.get('oneOnOnes.done.addReport'), true);
      await a.contextKeys.set('oneOnOnes.done.addGoal', false);
      await vscode.commands.executeCommand('oneOnOnes.addGoal', 'walk-through', { title: 'Lead a retro', aspiration: null, show: false });
      assert.equal(a.contextKeys.get('oneOnOnes.done.addGoal'), true);
    } finally {
      await vscode.workspace.fs.delete(teamFile('walk-through'), { recursive: true });
    }
    // The team folder and its reports exist: the first two steps' keys say so whatever ran before.
    assert.equal(a.contextKeys.get('oneOnOnes.hasTeamFolder'), true);
    assert.equal(a.contextKeys.get('oneOnOnes.hasReports'), true);
    assert.ok(await exists('team.yaml'), teamFile('team.yaml').path);
  });
});
