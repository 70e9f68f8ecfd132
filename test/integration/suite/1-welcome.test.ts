import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, eventually, read, workspaceUri } from './helpers';

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

  it('a team folder that appears later (a git clone, a folder made in a terminal) is picked up without a reload', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('oneOnOnes');
    const cloned = workspaceUri('cloned-team').fsPath;
    try {
      // Point the setting at a folder that is not there yet: no team folder, the welcome view.
      await config.update('teamFolder', 'cloned-team', vscode.ConfigurationTarget.Workspace);
      await eventually(() => assert.equal(a.service.root, undefined));
      await a.service.ready();
      // Written outside VS Code, as git writes a clone.
      fs.mkdirSync(path.join(cloned, 'sam-lee', 'meetings'), { recursive: true });
      fs.writeFileSync(path.join(cloned, 'team.yaml'), 'manager: Kim Park\n');
      fs.writeFileSync(path.join(cloned, 'sam-lee', 'report.yaml'), 'name: Sam Lee\n');
      await eventually(() => assert.equal(a.service.root?.toString(), workspaceUri('cloned-team').toString()), 10_000);
      await eventually(async () => {
        const rows = await a.reports.getChildren();
        assert.deepEqual(rows.map((n) => String(a.reports.getTreeItem(n).label)), ['Sam Lee']);
      }, 10_000);
      assert.equal(a.contextKeys.get('oneOnOnes.hasTeamFolder'), true);
    } finally {
      await config.update('teamFolder', undefined, vscode.ConfigurationTarget.Workspace);
      fs.rmSync(cloned, { recursive: true, force: true });
    }
    await eventually(() => assert.equal(a.service.root?.toString(), workspaceUri('one-on-ones').toString()));
  });
});
