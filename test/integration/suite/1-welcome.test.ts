import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, exists, read, workspaceUri } from './helpers';

describe('without a team folder', () => {
  it('Create Team Folder refuses to write through a symbolic link', async () => {
    await api();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'oneonones-outside-'));
    const link = workspaceUri('one-on-ones').fsPath;
    try {
      fs.symlinkSync(outside, link);
      assert.equal(await vscode.commands.executeCommand('oneOnOnes.createTeamFolder'), undefined);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written through the link');
    } finally {
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('shows no reports, and Create Team Folder makes one with an example report', async () => {
    const a = await api();
    const root = (): vscode.Uri | undefined => a.service.root;
    assert.equal(root(), undefined);
    assert.deepEqual(await a.reports.getChildren(), []);
    await vscode.commands.executeCommand('oneOnOnes.createTeamFolder');
    assert.equal(root()?.toString(), workspaceUri('one-on-ones').toString());
    assert.ok(await exists('team.yaml'));
    assert.match(await read('example-report/report.yaml'), /^name: Example Report$/m);
    assert.match(await read('example-report/goals.yaml'), /title: Mentor a new employee/);
    const roots = await a.reports.getChildren();
    assert.deepEqual(roots.map((n) => a.reports.getTreeItem(n).label), ['Example Report']);
  });

  after(async () => {
    await vscode.workspace.fs.delete(workspaceUri('one-on-ones', 'example-report'), { recursive: true });
  });
});
