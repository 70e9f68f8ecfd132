import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DashboardQuery } from '../../../src/core/dashboard/query';
import { TeamChecker } from '../../../src/core/checker';
import { summaryMarkdown } from '../../../src/core/dashboard/share';
import { NodeTeamFileSystem } from '../../../src/node/nodeFs';
import { api, d, eventually, teamFile, resetTeam, today, workspaceUri, write } from './helpers';

const CANARY = 'CANARY-dash-5c1e';


type Api = Awaited<ReturnType<typeof api>>;
type Posted = Api['dashboard']['posted'][number];

/** The last message the panel posted so far (the list keeps the last few only). */
function postedMark(a: Api): Posted | undefined {
  return a.dashboard.posted.at(-1);
}

/** What the panel posted after `mark` (all it keeps, if the mark has left the list). */
function postedSince(a: Api, mark: Posted | undefined): readonly Posted[] {
  const list = a.dashboard.posted;
  return list.slice(mark === undefined ? 0 : list.lastIndexOf(mark) + 1);
}

describe('the team dashboard panel', () => {
  before(async () => {
    await resetTeam();
    // Text from a 1:1 that must never reach the page: feedback, topics, notes, private notes, actions.
    await write(`bo-chen/meetings/${d(-31)}.yaml`, [
      `date: ${d(-31)}`,
      'prep:',
      '  manager:',
      `    feedback: [{type: positive, text: ${CANARY} praise}]`,
      `    topics: [${CANARY} topic]`,
      '  report:',
      `    topics: [${CANARY} their topic]`,
      `notes: ${CANARY} notes`,
      `private: ${CANARY} private`,
      'actions:',
      `  - {text: ${CANARY} action, owner: manager}`,
      '',
    ].join('\n'));
    await vscode.commands.executeCommand('oneOnOnes.refresh');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(teamFile(`bo-chen/meetings/${d(-31)}.yaml`));
  });

  const panelTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('oneOnOnes.dashboard'));

  it('opens from its command, once (a second call reveals it), showing the core\'s summary for today and no 1:1 text', async () => {
    const a = await api();
    await vscode.commands.executeCommand('oneOnOnes.openDashboard');
    await vscode.commands.executeCommand('oneOnOnes.openDashboard');
    await eventually(() => assert.equal(panelTabs().length, 1));
    assert.ok(a.dashboard.isOpen);
    await a.dashboard.refreshed();
    const shown = a.dashboard.summary;
    assert.ok(shown);
    // The core, from the files on disk, for the same day.
    const checker = await TeamChecker.open(new NodeTeamFileSystem(teamFile('').fsPath), { today });
    const expected = await new DashboardQuery(checker).summary();
    assert.deepEqual(JSON.parse(JSON.stringify(shown)), JSON.parse(JSON.stringify(expected)));
    // Earlier suites may have added reports of their own: the team's three are there, by name.
    const names = shown.reports.map((r) => r.name);
    assert.deepEqual(names.filter((n) => ['Ana Lúcia Ferreira', 'Bo Chen', 'Cy'].includes(n)), ['Ana Lúcia Ferreira', 'Bo Chen', 'Cy']);
    // Overdue as the status bar counts it: the query layer's health, one source.
    assert.ok(shown.totals.overdue > 0);
    assert.match(a.statusBar.text, new RegExp(`^\\$\\(warning\\) ${shown.totals.overdue} overdue`));
    const posted = JSON.stringify(a.dashboard.posted);
    assert.ok(posted.includes('Ana Lúcia Ferreira'), 'the summary was posted');
    assert.ok(!posted.includes(CANARY), 'no text of a 1:1 reaches the page');
  });

  it('a file change updates it without reopening', async () => {
    const a = await api();
    await a.dashboard.open();
    await a.dashboard.refreshed();
    const before = a.dashboard.summary?.reports.find((r) => r.id === 'cy');
    assert.equal(before?.lastHeld, undefined);
    await write(`cy/meetings/${d(-1)}.yaml`, `date: ${d(-1)}\nprep:\n  report:\n    topics: [Onboarding]\n`);
    try {
      await eventually(async () => {
        await a.dashboard.refreshed();
        assert.equal(a.dashboard.summary?.reports.find((r) => r.id === 'cy')?.lastHeld, d(-1));
      });
      assert.equal(panelTabs().length, 1);
      const last = a.dashboard.posted[a.dashboard.posted.length - 1];
      assert.equal(last.type, 'summary');
    } finally {
      await vscode.workspace.fs.delete(teamFile(`cy/meetings/${d(-1)}.yaml`));
    }
  });

  it('opening a held week\'s cell opens that 1:1 in the form; a message outside the protocol does nothing', async () => {
    const a = await api();
    await a.dashboard.open();
    await a.dashboard.refreshed();
    const bo = a.dashboard.summary?.reports.find((r) => r.id === 'bo-chen');
    const cell = bo?.cells.find((c) => c.meeting?.date === d(-17));
    assert.ok(cell, 'the week of the 1:1 17 days ago');
    await a.dashboard.receive({ type: 'openWeek', id: 'bo-chen', week: cell.week, extra: 1 });
    await a.dashboard.receive({ type: 'openWeek', id: 'bo-chen', week: cell.week });
    const target = teamFile(`bo-chen/meetings/${d(-17)}.yaml`).toString();
    await eventually(() => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab?.input instanceof vscode.TabInputCustom, 'the form');
      assert.equal(tab.input.uri.toString(), target);
      assert.equal(tab.input.viewType, 'oneOnOnes.meetingForm');
    });
    const forms = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputCustom);
    assert.equal(forms.length, 1, 'the message with an extra key opened nothing');
  });

  it('the status bar tooltip links to the dashboard, and that is the only command it may run', async () => {
    const a = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually(() => assert.equal(panelTabs().length, 0));
    const tip = a.statusBar.tooltip;
    assert.ok(tip instanceof vscode.MarkdownString, 'a Markdown tooltip');
    const links = [...tip.value.matchAll(/\]\((command:[^)]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(links, ['command:oneOnOnes.openDashboard']);
    assert.deepEqual(tip.isTrusted, { enabledCommands: ['oneOnOnes.openDashboard'] });
    // Names in the tooltip are Markdown text (escaped): read back as text, the overdue reports are named.
    const shown = tip.value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(shown, /^Overdue: .*Ana Lúcia Ferreira \(\d+ days\)/);
    // What a click on the link runs.
    await vscode.commands.executeCommand(links[0].slice('command:'.length));
    await eventually(() => assert.equal(panelTabs().length, 1));
  });

  it('opening a report or a goal shows its file, at the goal; unknown ids open nothing', async () => {
    const a = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await a.dashboard.open();
    await a.dashboard.refreshed();
    await a.dashboard.receive({ type: 'openReport', id: 'bo-chen' });
    await eventually(() => assert.ok(vscode.window.activeTextEditor?.document.uri.path.endsWith('/bo-chen/report.yaml')));
    await a.dashboard.receive({ type: 'openGoal', id: 'ana-ferreira', goal: 'demo' });
    await eventually(() => {
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.path.endsWith('/ana-ferreira/goals.yaml'));
      assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\s*- id: demo$/);
    });
    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    await a.dashboard.receive({ type: 'openReport', id: 'nobody' });
    await a.dashboard.receive({ type: 'openGoal', id: 'nobody', goal: 'demo' });
    await a.dashboard.receive({ type: 'openReport', id: '../../etc' });
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, before);
  });

  it('Copy as Markdown puts the summary on the clipboard: counts and names, no 1:1 text', async () => {
    const a = await api();
    await a.dashboard.open();
    await a.dashboard.refreshed();
    await vscode.env.clipboard.writeText('');
    const before = postedMark(a);
    await a.dashboard.receive({ type: 'copyMarkdown' });
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, summaryMarkdown(a.dashboard.summary!));
    assert.match(copied, /Ana Lúcia Ferreira/);
    assert.ok(!copied.includes(CANARY), 'no text of a 1:1');
    // The page says so (the page, shown again after the tests before, may also get the summary again meanwhile).
    assert.ok(postedSince(a, before).some((m) => m.type === 'notice' && m.text === 'Copied the team summary as Markdown.'), 'a notice');
  });

  it('a button pressed while a reloaded page says ready still works (the panel was hidden and shown again)', async () => {
    const a = await api();
    await a.dashboard.open();
    await a.dashboard.refreshed();
    await a.dashboard.receive({ type: 'ready' }); // the page as it is now, with nothing left to send it
    const before = postedMark(a);
    // A hidden panel's page is discarded; shown again, it loads and says `ready` — at any moment, also while the
    // manager presses a button. Until the page has the summary again, the host keeps the one it has, so a button
    // handled in between (here: at every turn of the host's work) still has it.
    let done = false;
    const ready = a.dashboard.receive({ type: 'ready' }).then(() => { done = true; });
    let turns = 0;
    for (; !done; turns++) {
      assert.ok(a.dashboard.summary, `the dashboard lost its summary while the page reloaded (turn ${turns})`);
      await (turns % 50 === 49 ? new Promise((r) => setImmediate(r)) : Promise.resolve());
    }
    await ready;
    await a.dashboard.receive({ type: 'copyMarkdown' });
    const after = postedSince(a, before);
    assert.ok(after.some((m) => m.type === 'summary'), 'the reloaded page got the summary again, though unchanged');
    assert.ok(after.some((m) => m.type === 'notice' && m.text === 'Copied the team summary as Markdown.'), 'the copy happened');
    assert.match(await vscode.env.clipboard.readText(), /Ana Lúcia Ferreira/);
  });

  it('Save heatmap as SVG writes inside the team folder only, never through a link, and the file holds no 1:1 text', async () => {
    const a = await api();
    await a.dashboard.open();
    await a.dashboard.refreshed();
    const notices = (): string[] => a.dashboard.posted.flatMap((m) => (m.type === 'notice' ? [m.text] : []));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dash-outside-'));
    const link = teamFile('linked-out').fsPath;
    try {
      // Where the dialog suggests: the team folder.
      a.answerDashboardSave((suggested) => suggested);
      await a.dashboard.receive({ type: 'saveSvg' });
      const saved = teamFile(`heatmap-${today}.svg`);
      const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(saved));
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(svg.includes('Bo Chen, week of'), 'cells named by report and week');
      assert.ok(!svg.includes(CANARY), 'no text of a 1:1');
      assert.equal(notices().at(-1), `Saved the heatmap as heatmap-${today}.svg.`);
      await vscode.workspace.fs.delete(saved);
      // Outside the team folder (the workspace above it, a temporary folder): refused, nothing written.
      for (const place of [workspaceUri('heatmap.svg'), vscode.Uri.file(path.join(outside, 'heatmap.svg'))]) {
        a.answerDashboardSave(() => place);
        await a.dashboard.receive({ type: 'saveSvg' });
        assert.equal(notices().at(-1), 'Not saved: choose a place inside the team folder.');
        assert.equal(fs.existsSync(place.fsPath), false, place.fsPath);
      }
      // Through a symbolic link inside the team folder that leads out of it: refused, nothing written.
      fs.symlinkSync(outside, link);
      a.answerDashboardSave(() => vscode.Uri.file(path.join(link, 'heatmap.svg')));
      await a.dashboard.receive({ type: 'saveSvg' });
      assert.match(notices().at(-1) ?? '', /^Not saved\. /);
      assert.deepEqual(fs.readdirSync(outside), []);
    } finally {
      a.answerDashboardSave(undefined);
      fs.rmSync(link, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
