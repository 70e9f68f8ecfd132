import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, read, workspaceUri } from './helpers';

describe('without a team folder', () => {
  it('Create Team Folder refuses to write through a symbolic link', async () => {
    await api();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'oneonones-outside-'));
    const link = workspaceUri('one-on-ones').fsPath;
    try {
      fs.symlinkSync(outside, link);
      assert.equal(await vscode.commands.executeCommand('oneOnOnes.createTeamFolder'), undefined);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written through the link');
      assert.notEqual((await api()).contextKeys.get('oneOnOnes.done.createTeamFolder'), true, 'a refused command completes no walkthrough step');
    } finally {
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('shows no reports, and Create Team Folder writes team.yaml with the manager only: no invented report', async () => {
    const a = await api();
    const root = (): vscode.Uri | undefined => a.service.root;
    assert.equal(root(), undefined);
    assert.deepEqual(await a.reports.getChildren(), []);
    // The Reports view shows the "no team folder yet" welcome (its `when` clause), not the "add a report" one.
    assert.equal(a.contextKeys.get('oneOnOnes.searched'), true);
    assert.notEqual(a.contextKeys.get('oneOnOnes.hasTeamFolder'), true);
    const made = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.createTeamFolder', { manager: 'Kim Park' });
    assert.equal(made?.toString(), workspaceUri('one-on-ones').toString());
    assert.equal(root()?.toString(), workspaceUri('one-on-ones').toString());
    assert.match(await read('team.yaml'), /^manager: Kim Park$/m);
    assert.deepEqual(fs.readdirSync(workspaceUri('one-on-ones').fsPath), ['team.yaml'], 'nothing but team.yaml');
    assert.deepEqual(await a.reports.getChildren(), [], 'the Reports view shows its "add your first report" welcome');
    assert.equal(a.contextKeys.get('oneOnOnes.hasTeamFolder'), true);
    assert.equal(a.contextKeys.get('oneOnOnes.emptyTeam'), true, 'the welcome that offers Add Report');
    assert.notEqual(a.contextKeys.get('oneOnOnes.hasReports'), true);
    assert.equal(a.contextKeys.get('oneOnOnes.done.createTeamFolder'), true, 'the walkthrough\'s first step is done');
    assert.deepEqual(a.week.items(), []);
  });
});
