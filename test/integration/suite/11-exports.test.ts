/**
 * The export commands in a real VS Code (issue #15): each asks what it needs (answered here through the command's
 * arguments and the extension's save hook, as the dashboard's Save as SVG test does), writes where the user chose,
 * and opens the file; private notes stay out; a team file and a .git folder are refused.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, d, resetTeam, teamFile, today, workspaceUri, write } from './helpers';

const CANARY = 'CANARY-export-7f3a';

describe('the export commands', () => {
  before(async () => {
    await resetTeam();
    await write(`ana-ferreira/meetings/${d(2)}.yaml`, [
      `date: ${d(2)}`,
      'status: planned',
      'prep:',
      '  manager:',
      `    feedback: [{type: positive, text: ${CANARY} undelivered}]`,
      '    topics: [Planning the offsite]',
      '  report:',
      '    topics: [Conference talk]',
      `private: ${CANARY} private`,
      '',
    ].join('\n'));
    await vscode.commands.executeCommand('oneOnOnes.refresh');
  });
  after(async () => {
    (await api()).answerExportSave(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(teamFile(`ana-ferreira/meetings/${d(2)}.yaml`));
  });

  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-'));
  after(() => fs.rmSync(outside, { recursive: true, force: true }));

  const activeText = (): string | undefined => vscode.window.activeTextEditor?.document.getText();

  it('Export 1:1 Agenda: the next planned 1:1, written where chosen (outside the workspace), opened; no private note, no undelivered feedback', async () => {
    const a = await api();
    let suggested: vscode.Uri | undefined;
    const place = vscode.Uri.file(path.join(outside, 'agenda.md'));
    a.answerExportSave((s) => {
      suggested = s;
      return place;
    });
    const uri = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.exportAgenda', 'ana-ferreira', { date: d(2), includeFeedback: false });
    assert.equal(uri?.fsPath, place.fsPath);
    assert.equal(path.basename(suggested?.fsPath ?? ''), `agenda-ana-ferreira-${d(2)}.md`);
    const text = fs.readFileSync(place.fsPath, 'utf8');
    assert.match(text, /^# 1:1 — Ana Lúcia Ferreira, \w+ /);
    assert.match(text, /- Conference talk/);
    assert.ok(!text.includes(CANARY), 'no private note, no undelivered feedback');
    assert.equal(activeText(), text, 'opened in an editor');
  });

  it('Export Review Digest and Export Handoff from a Reports tree node, into the workspace (a WorkspaceEdit), opened', async () => {
    const a = await api();
    for (const [command, name, extra, head] of [
      ['oneOnOnes.exportReview', 'review.md', { from: d(-60), to: today, includePrivate: false }, '# Review digest — Ana Lúcia Ferreira'],
      ['oneOnOnes.exportHandoff', 'handoff.md', {}, '# Handoff — Ana Lúcia Ferreira'],
    ] as const) {
      const place = workspaceUri(name);
      a.answerExportSave(() => place);
      const uri = await vscode.commands.executeCommand<vscode.Uri>(command, { id: 'ana-ferreira' }, extra);
      assert.equal(uri?.toString(), place.toString(), command);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(place));
      assert.ok(text.startsWith(head), command);
      assert.ok(!text.includes(CANARY), command);
      assert.equal(activeText(), text, `${command}: opened`);
      await vscode.workspace.fs.delete(place);
    }
  });

  it('Export Handbook and Export 1:1 Calendar: written, the Markdown opened, the .ics a valid calendar', async () => {
    const a = await api();
    const book = vscode.Uri.file(path.join(outside, 'handbook.md'));
    a.answerExportSave(() => book);
    await vscode.commands.executeCommand('oneOnOnes.exportHandbook');
    assert.match(fs.readFileSync(book.fsPath, 'utf8'), /^# How our 1:1s work/);
    assert.match(activeText() ?? '', /^# How our 1:1s work/);
    const ics = workspaceUri('one-on-ones.ics');
    let suggested: vscode.Uri | undefined;
    a.answerExportSave((s) => {
      suggested = s;
      return ics;
    });
    await vscode.commands.executeCommand('oneOnOnes.exportCalendar');
    assert.equal(path.basename(suggested?.fsPath ?? ''), 'one-on-ones.ics');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(ics));
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(text, /SUMMARY:1:1 — Bo Chen\r\n/);
    assert.ok(!text.includes(CANARY));
    await vscode.workspace.fs.delete(ics);
  });

  it('refuses a file of the team folder and a .git folder, and writes nothing', async () => {
    const a = await api();
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(teamFile('ana-ferreira/report.yaml')));
    for (const place of [teamFile('ana-ferreira/report.yaml'), teamFile('team.yaml'), workspaceUri('.git', 'agenda.md')]) {
      a.answerExportSave(() => place);
      const uri = await vscode.commands.executeCommand('oneOnOnes.exportHandoff', 'ana-ferreira');
      assert.equal(uri, undefined, place.fsPath);
    }
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(teamFile('ana-ferreira/report.yaml'))), before);
    assert.equal(fs.existsSync(workspaceUri('.git', 'agenda.md').fsPath), false);
  });
});
