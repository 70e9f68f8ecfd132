import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, eventually } from './helpers';

interface Step { id: string; description: string; completionEvents: string[] }

describe('the Get Started walkthrough', () => {
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
});
