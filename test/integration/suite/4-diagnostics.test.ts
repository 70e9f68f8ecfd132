import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, d, diagnostics, eventually, read, resetTeam, teamFile, today, write } from './helpers';

describe('diagnostics and quick fixes', () => {
  // Every file starts from the suite's team, whatever the files before it did.
  before(resetTeam);

  it('puts every problem on its file and range, open or not, with the rule id as code', async () => {
    await api();
    const [cadence] = diagnostics('cy/report.yaml', 'no-first-meeting');
    assert.ok(cadence, 'no-first-meeting on cy/report.yaml');
    assert.equal(cadence.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(cadence.source, 'First-Class 1:1s');
    assert.deepEqual([cadence.range.start.line, cadence.range.start.character, cadence.range.end.character], [0, 6, 8]);
    assert.match(cadence.message, /^Cy has had no 1:1 with you yet, 20 days after starting/);
    const code = cadence.code as { value: string; target: vscode.Uri };
    assert.ok(code.target.path.endsWith('docs/rules.md') && code.target.fragment === 'no-first-meeting');
    const [expired] = diagnostics('ana-ferreira/goals.yaml', 'goal-expired');
    assert.equal(expired.range.start.line, 11);
    assert.ok(vscode.workspace.textDocuments.every((doc) => !doc.uri.path.endsWith('cy/report.yaml')), 'cy/report.yaml was never opened');
  });

  it('quick fix: Mark goal done edits the goal and clears the warning', async () => {
    const uri = teamFile('ana-ferreira/goals.yaml');
    const [expired] = diagnostics('ana-ferreira/goals.yaml', 'goal-expired');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, expired.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    for (const t of ['Mark goal done', 'Extend by 2 weeks', 'Drop goal']) assert.ok(titles.includes(t), t);
    // The goal ended 3 days ago: two more weeks count from today, or it would be expired again at once.
    const extend = actions.find((a) => a.title === 'Extend by 2 weeks')!;
    const [[, edits]] = extend.edit!.entries();
    assert.deepEqual(edits.map((e) => e.newText), [d(14)]);
    const done = actions.find((a) => a.title === 'Mark goal done')!;
    assert.ok(await vscode.workspace.applyEdit(done.edit!));
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
    assert.match(await read('ana-ferreira/goals.yaml'), /  - id: demo\n    title: Give the demo to sales\n    start: .*\n    end: .*\n    status: done\n/);
    await eventually(() => assert.deepEqual(diagnostics('ana-ferreira/goals.yaml', 'goal-expired'), []));
  });

  it('quick fix: rename an unknown key to the suggestion', async () => {
    const path = `bo-chen/meetings/${d(-3)}.yaml`;
    const [unknown] = diagnostics(path, 'unknown-key');
    assert.match(unknown.message, /Did you mean `prep`\?/);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Hint);
    const doc = await vscode.workspace.openTextDocument(teamFile(path)); // quick fixes are offered in open documents
    const original = doc.getText();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', teamFile(path), unknown.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((a) => a.title === 'Rename to `prep`');
    assert.ok(rename?.edit);
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.match(doc.getText(), /^prep:\n  manager: \{\}\nprep:/m, 'the key is renamed, its value kept');
    // Put the text back through the document itself and save it: `undo` acts on whichever editor has the focus, and
    // this document is in none; a copy left dirty could be saved over the next suite's fresh team (the likely cause of
    // a CI failure on 2026-11-30: the form suite's reset found this file with the key renamed).
    const back = new vscode.WorkspaceEdit();
    back.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    assert.ok(await vscode.workspace.applyEdit(back));
    assert.ok(await doc.save());
    assert.equal(await read(path), original);
    assert.equal(doc.isDirty, false);
  });

  it('quick fix on an overdue report starts a note or pauses the cadence', async () => {
    const [p] = diagnostics('cy/report.yaml', 'no-first-meeting');
    await vscode.workspace.openTextDocument(teamFile('cy/report.yaml'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', teamFile('cy/report.yaml'), p.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((a) => [a.title, a.command?.command, a.command?.arguments]), [
      ['Start 1:1 note now', 'oneOnOnes.startNote', ['cy', { date: today }]],
      ['Pause cadence (leave)…', 'oneOnOnes.pauseCadence', ['cy']],
    ]);
  });

  it('updates when a file is fixed on disk, and clears a deleted file', async () => {
    const path = `ana-ferreira/meetings/${d(-1)}.yaml`;
    // A held 1:1 (the default status) with a bad `kind`: the file gets its schema error, and the 1:1 still counts.
    await write(path, `date: ${d(-1)}\nkind: carreer\nprep:\n  manager:\n    feedback: [{type: positive, text: Clear plan}]\n`);
    await eventually(() => assert.equal(diagnostics(path, 'schema').length, 1));
    assert.match(diagnostics(path, 'schema')[0].message, /`kind` must be one of: regular, career \(got `carreer`\)/);
    await eventually(() => assert.deepEqual(diagnostics('ana-ferreira/report.yaml', 'cadence-overdue'), []), 5000);
    await write(path, `date: ${d(-1)}\nkind: career\nprep:\n  manager:\n    feedback: [{type: positive, text: Clear plan}]\n`);
    await eventually(() => assert.deepEqual(diagnostics(path, 'schema'), []));
    await vscode.workspace.fs.delete(teamFile(path));
    await eventually(() => assert.deepEqual(diagnostics(path), []));
    await eventually(() => assert.equal(diagnostics('ana-ferreira/report.yaml', 'cadence-overdue').length, 1));
  });

  it('settings switch a rule off or change its severity', async () => {
    const config = vscode.workspace.getConfiguration('oneOnOnes');
    try {
      await config.update('rules', { 'no-first-meeting': 'error', 'unknown-key': 'off' }, vscode.ConfigurationTarget.Workspace);
      await eventually(() => {
        assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting')[0]?.severity, vscode.DiagnosticSeverity.Error);
        assert.deepEqual(diagnostics(`bo-chen/meetings/${d(-3)}.yaml`, 'unknown-key'), []);
      });
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(() => assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting')[0]?.severity, vscode.DiagnosticSeverity.Warning));
  });
});

describe('problems while typing', () => {
  it('follow unsaved edits, and the file on disk again when the edit is undone and closed', async () => {
    const path = 'cy/report.yaml';
    const uri = teamFile(path);
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, 'cadence: hourly\n')));
    assert.ok(editor.document.isDirty, 'not saved');
    await eventually(() => assert.match(diagnostics(path, 'schema')[0]?.message ?? '', /`cadence` must be `weekly`, `biweekly`, or a duration/));
    await vscode.commands.executeCommand('undo');
    await eventually(() => assert.deepEqual(diagnostics(path, 'schema'), []));
    assert.equal(diagnostics(path, 'no-first-meeting').length, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

describe('odd names', () => {
  it('a folder whose name no URI can hold does not empty the Problems panel', async () => {
    const odd = vscode.Uri.joinPath(teamFile('cy'), '..', 'Old\\Team');
    await vscode.workspace.fs.createDirectory(odd);
    try {
      await vscode.commands.executeCommand('oneOnOnes.refresh');
      assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting').length, 1);
    } finally {
      await vscode.workspace.fs.delete(odd, { recursive: true });
    }
  });
});
