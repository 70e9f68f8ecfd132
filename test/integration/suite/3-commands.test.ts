import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, d, eventually, exists, read, teamFile, today } from './helpers';

describe('commands', () => {
  it('are in the palette with the 1:1s category', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['startNote', 'addReport', 'addGoal', 'markSkipped', 'openTeamFolder', 'refresh', 'pauseCadence', 'markGoalDone', 'dropGoal']) assert.ok(all.includes(`oneOnOnes.${id}`), id);
    const manifest = vscode.extensions.getExtension('first-class-one-on-ones.first-class-one-on-ones')!.packageJSON as { contributes: { commands: Array<{ category: string; icon: string }> } };
    assert.ok(manifest.contributes.commands.every((c) => c.category === '1:1s' && c.icon.startsWith('$(')));
  });

  it('Start 1:1 Note prepares the day\'s file from what is still open, and opens it in the form', async () => {
    await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.startNote', 'ana-ferreira', { date: today });
    assert.ok(uri.path.endsWith(`ana-ferreira/meetings/${today}.yaml`));
    await eventually(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputCustom && input.viewType === 'oneOnOnes.meetingForm' && input.uri.toString() === uri.toString(), 'the new note opens in the 1:1 form');
    });
    const note = parse(await read(`ana-ferreira/meetings/${today}.yaml`)) as Record<string, unknown>;
    assert.equal(note.date, today);
    assert.equal(note.status, 'planned');
    assert.deepEqual(note.goals, { demo: '', mentor: '' });
    assert.deepEqual(note.actions, [{ text: 'Share the planning template', owner: 'manager', due: d(-5), done: false }]);
    assert.deepEqual((note.prep as { manager: { feedback: unknown } }).manager.feedback, [{ type: 'negative', text: 'Decisions not written down', delivered: false }]);
  });

  it('Start 1:1 Note plans ahead: a day three days out, and the same day again opens that note (no second file)', async () => {
    const a = await api();
    const ahead = d(3);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.startNote', 'bo-chen', { date: ahead });
    assert.ok(uri.path.endsWith(`bo-chen/meetings/${ahead}.yaml`));
    const note = parse(await read(`bo-chen/meetings/${ahead}.yaml`)) as Record<string, unknown>;
    assert.deepEqual([note.date, note.status], [ahead, 'planned']);
    const again = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.startNote', { id: 'bo-chen' }, { date: ahead });
    assert.equal(again.toString(), uri.toString(), 'the planned note of that day opens');
    assert.deepEqual(fs.readdirSync(teamFile('bo-chen/meetings').fsPath).filter((f) => f.startsWith(ahead)), [`${ahead}.yaml`]);
    assert.ok(a.week.items().some((i) => i.reportId === 'bo-chen' && i.file === `bo-chen/meetings/${ahead}.yaml` && /^\w{3} in 3 days · prepared/.test(i.description)), 'This Week shows it, prepared with the feedback carried over');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
    await eventually(() => assert.ok(!a.service.checker!.queries.report('bo-chen')!.context.report.meetings.some((m) => m.date === ahead)));
  });

  it('Start 1:1 Note asks for which day after the report: Enter takes the first offer, the planned 1:1 of today', async () => {
    const pending = vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.startNote', 'ana-ferreira');
    // The day picker is open; accepting its first item opens today's planned note rather than making a `-2`.
    let result: vscode.Uri | undefined;
    void pending.then((u) => {
      result = u;
    });
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.ok(result, 'the picker was accepted');
    });
    assert.ok(result!.path.endsWith(`ana-ferreira/meetings/${today}.yaml`));
    assert.ok(!(await exists(`ana-ferreira/meetings/${today}-2.yaml`)));
  });

  it('Mark 1:1 Skipped marks today\'s planned 1:1 skipped, with the reason', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.markSkipped', 'ana-ferreira', { reason: 'Ana was ill' });
    assert.ok(uri.path.endsWith(`ana-ferreira/meetings/${today}.yaml`));
    const text = await read(`ana-ferreira/meetings/${today}.yaml`);
    assert.match(text, /^status: skipped$/m);
    assert.match(text, /^skip-reason: Ana was ill$/m);
    assert.match(text, /^# 1:1 with Ana Lúcia Ferreira/, 'the rest of the file is untouched');
  });

  it('Add Report makes a folder with a safe id and report.yaml, with since and aspirations, and shows it in the tree', async () => {
    const a = await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.addReport', { name: 'Zoë Müller', role: 'Data Scientist', cadence: 'biweekly', since: d(-10), aspirations: ['Lead a team'] });
    assert.ok(uri.path.endsWith('one-on-ones/zoe-muller/report.yaml'));
    assert.deepEqual(parse(await read('zoe-muller/report.yaml')), { name: 'Zoë Müller', role: 'Data Scientist', since: d(-10), cadence: 'biweekly', aspirations: ['Lead a team'] });
    const rows = (await a.reports.getChildren()).map((n) => a.reports.getTreeItem(n).label);
    assert.ok(rows.includes('Zoë Müller'));
  });

  it('Add Two-Month Goal appends a goal that ends after the goal length, keeping the file\'s comments', async () => {
    await vscode.commands.executeCommand('oneOnOnes.addGoal', 'ana-ferreira', { title: 'Better communication with non-technical people', aspiration: 'Move into management' });
    const text = await read('ana-ferreira/goals.yaml');
    assert.match(text, /# an old one, still marked active/);
    const goals = (parse(text) as { goals: Array<Record<string, string>> }).goals;
    assert.deepEqual(goals[2], { id: 'better-communication-with-non', title: 'Better communication with non-technical people', aspiration: 'Move into management', start: today, end: d(56), status: 'active' });
    await vscode.commands.executeCommand('oneOnOnes.addGoal', 'cy', { title: 'Mentor a new employee', aspiration: null });
    assert.deepEqual((parse(await read('cy/goals.yaml')) as { goals: unknown[] }).goals.length, 1);
  });

  it('Add Two-Month Goal with a new aspiration adds it to their aspirations too', async () => {
    await vscode.commands.executeCommand('oneOnOnes.addGoal', 'zoe-muller', { title: 'Run the team retro', aspiration: 'Facilitate well', show: false });
    assert.deepEqual((parse(await read('zoe-muller/report.yaml')) as { aspirations: string[] }).aspirations, ['Lead a team', 'Facilitate well']);
    assert.equal((parse(await read('zoe-muller/goals.yaml')) as { goals: Array<{ aspiration: string }> }).goals[0].aspiration, 'Facilitate well');
  });

  it('a goal is marked done or dropped from its tree row', async () => {
    const a = await api();
    const goalRow = (id: string) => a.goals.getChildren({ kind: 'report', id: 'zoe-muller', name: 'Zoë Müller' }).find((g) => g.kind === 'goal' && g.view.goalId === id);
    await eventually(() => assert.ok(goalRow('run-the-team-retro')));
    await vscode.commands.executeCommand('oneOnOnes.markGoalDone', goalRow('run-the-team-retro'));
    assert.match(await read('zoe-muller/goals.yaml'), /status: done/);
    await eventually(() => assert.equal(goalRow('run-the-team-retro'), undefined, 'no longer an active goal'));
    await vscode.commands.executeCommand('oneOnOnes.addGoal', 'zoe-muller', { title: 'Pair with data eng', aspiration: null, show: false });
    await eventually(() => assert.ok(goalRow('pair-with-data-eng')));
    await vscode.commands.executeCommand('oneOnOnes.dropGoal', goalRow('pair-with-data-eng'));
    const goals = (parse(await read('zoe-muller/goals.yaml')) as { goals: Array<{ id: string; status: string }> }).goals;
    assert.deepEqual(goals.map((g) => [g.id, g.status]), [['run-the-team-retro', 'done'], ['pair-with-data-eng', 'dropped']]);
  });

  it('Mark Report as Left moves them under Former reports: their notes stay, nothing falls due, no goal is listed', async () => {
    const a = await api();
    await vscode.commands.executeCommand('oneOnOnes.markLeft', 'zoe-muller', { date: today });
    assert.match(await read('zoe-muller/report.yaml'), new RegExp(`^left: ${today}$`, 'm'));
    assert.ok(await exists('zoe-muller/goals.yaml'), 'nothing is deleted');
    await eventually(async () => {
      const roots = await a.reports.getChildren();
      assert.ok(!roots.some((n) => n.kind === 'report' && n.id === 'zoe-muller'), 'not among the current reports');
      const former = roots.find((n) => n.kind === 'former');
      assert.ok(former, 'a Former reports node');
      assert.equal(a.reports.getTreeItem(former).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const inside = (await a.reports.getChildren(former)).map((n) => a.reports.getTreeItem(n));
      assert.deepEqual(inside.map((i) => [i.label, i.description]), [['Zoë Müller', `left ${today}`]]);
    });
    assert.ok(!a.goals.getChildren().some((g) => g.kind === 'report' && g.id === 'zoe-muller'), 'their goals leave the Goals view');
    assert.ok(!a.week.items().some((i) => i.reportId === 'zoe-muller'));
  });

  it('Pause Cadence adds a leave to report.yaml', async () => {
    await vscode.commands.executeCommand('oneOnOnes.pauseCadence', 'bo-chen', { from: d(1), to: d(20), reason: 'holiday' });
    assert.deepEqual((parse(await read('bo-chen/report.yaml')) as { paused: unknown }).paused, [{ from: d(1), to: d(20), reason: 'holiday' }]);
  });

  it('Open Team Folder and Refresh run', async () => {
    await vscode.commands.executeCommand('oneOnOnes.openTeamFolder');
    await vscode.commands.executeCommand('oneOnOnes.refresh');
    const a = await api();
    assert.ok(a.service.checker?.queries.has('zoe-muller'));
  });

  it('never writes through a symbolic link out of the team folder', async function () {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'oneonones-outside-'));
    try {
      fs.symlinkSync(outside, teamFile('bo-chen/meetings').fsPath.replace(/meetings$/, 'linked'));
      fs.mkdirSync(teamFile('dee').fsPath);
      fs.writeFileSync(teamFile('dee/report.yaml').fsPath, 'name: Dee\n');
      fs.symlinkSync(outside, teamFile('dee/meetings').fsPath);
      await vscode.commands.executeCommand('oneOnOnes.refresh');
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('oneOnOnes.startNote', 'dee', { date: today });
      assert.equal(uri, undefined);
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing was written outside');
      assert.equal(await exists(`dee/meetings/${today}.yaml`), false);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
