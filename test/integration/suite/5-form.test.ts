/**
 * The 1:1 form inside the real VS Code: it is the default editor of meeting files, it edits the TextDocument (so
 * VS Code's undo, dirty state and save apply), and it lives side by side with the text editor. The webview's side is
 * played by `session.receive`, which takes exactly the messages the webview sends (the webview itself is tested in
 * Chromium, and clicked through in the UI test).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { FormState, ViewState } from '../../../src/shared/formProtocol';
import { activeInput, api, d, eventually, exists, isFormTab, openForm, read, resetTeam, teamFile, write } from './helpers';


/** Every tab whose input is a file (text or custom editor), by path, with its label. */
function tabsOf(path: string): vscode.Tab[] {
  const uri = teamFile(path).toString();
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
    const input = t.input;
    return (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && input.uri.toString() === uri;
  });
}

async function remove(path: string): Promise<void> {
  if (await exists(path)) await vscode.workspace.fs.delete(teamFile(path));
}

function form(s: ViewState | undefined): FormState {
  assert.equal(s?.kind, 'form');
  return s as FormState;
}

/** Reverts what a test left unsaved (so that closing asks nothing) and closes every editor. */
async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((x) => x.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('the 1:1 form', () => {
  // Every file starts from the suite's team, whatever the files before it did.
  before(resetTeam);

  const planned = `fay/meetings/${d(1)}.yaml`;
  const plannedText = [
    '# tomorrow with Fay',
    `date: ${d(1)}`,
    'status: planned',
    'mood: fine   # a key the format does not know',
    'goals:',
    '  talk: ""',
    '',
  ].join('\n');

  before(async () => {
    await write('fay/report.yaml', `name: Fay Okafor\ncadence: biweekly\nsince: ${d(-100)}\n`);
    await write('fay/goals.yaml', `goals:\n  - {id: talk, title: Give a tech talk, start: ${d(-20)}, end: ${d(10)}}\n`);
    await write(`fay/meetings/${d(-3)}.yaml`, `date: ${d(-3)}\nprep:\n  manager:\n    feedback: [{type: negative, text: Late reviews}]\nactions:\n  - {text: Book a room, owner: report}\n`);
    await write(`fay/meetings/${d(-17)}.yaml`, `date: ${d(-17)}\nprep:\n  manager:\n    feedback: [{type: positive, text: Good questions}]\n`);
  });

  beforeEach(async () => {
    await closeAll();
    await write(planned, plannedText);
    const a = await api();
    await eventually(() => assert.ok(a.service.checker!.index.report('fay')?.meetings.some((m) => m.fileName === `${d(1)}.yaml`)));
  });

  after(closeAll);

  it('opens as the default editor of a meeting file; Reopen With the text editor still works', async () => {
    const { session } = await openForm(planned);
    const s = form(session.lastState);
    assert.equal(s.header.reportName, 'Fay Okafor');
    assert.equal(s.header.status.value, 'planned');
    assert.equal(s.header.cadence, 'every two weeks');
    assert.equal(s.header.previousDate, d(-3));
    assert.equal(s.header.daysSincePrevious, 4);
    assert.deepEqual(s.goals.map((g) => [g.goalId, g.title, g.daysLeft]), [['talk', 'Give a tech talk', 9]]);
    assert.deepEqual(s.balance, { positive: 1, negative: 1, meetings: 2 });
    await vscode.commands.executeCommand('vscode.openWith', teamFile(planned), 'default');
    await eventually(() => assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), teamFile(planned).toString()));
  });

  it('shows the file’s problems next to the fields they concern', async () => {
    const { session } = await openForm(planned);
    await eventually(() => {
      const s = form(session.lastState);
      assert.equal(s.problems.find((p) => p.rule === 'prep-missing')?.target, 'prep');
      assert.equal(s.problems.find((p) => p.rule === 'unknown-key')?.target, undefined, 'an unknown top-level key is about the file');
    });
  });

  it('filling the form changes the file as expected, and only there; VS Code owns dirty state and save', async () => {
    const { session, doc } = await openForm(planned);
    const edit = async (e: object): Promise<void> => {
      await session.receive({ type: 'edit', seq: 0, version: doc.version, edit: e });
      assert.equal(session.lastRefusal, undefined);
    };
    await edit({ op: 'add', list: 'feedback' });
    await edit({ op: 'set', field: 'feedback/0/text', value: 'Your talk outline was <b>clear</b> & well argued' });
    await edit({ op: 'set', field: 'goal/talk', value: 'Dry run booked' });
    await edit({ op: 'add', list: 'reportTopics' });
    await edit({ op: 'set', field: 'reportTopics/0', value: 'Conference budget' });
    await edit({ op: 'set', field: 'notes', value: 'Agreed on a dry run.\nFay will book a room.' });
    await edit({ op: 'add', list: 'actions' });
    await edit({ op: 'set', field: 'actions/0/text', value: 'Book a room' });
    assert.ok(doc.isDirty, 'the form leaves the file unsaved, like typing does');
    const text = doc.getText();
    assert.ok(text.startsWith(`# tomorrow with Fay\ndate: ${d(1)}\nstatus: planned\nmood: fine   # a key the format does not know\n`), text);
    const js = parse(text) as Record<string, unknown>;
    assert.deepEqual(js.prep, { manager: { feedback: [{ type: 'positive', text: 'Your talk outline was <b>clear</b> & well argued', delivered: false }] }, report: { topics: ['Conference budget'] } });
    assert.deepEqual(js.goals, { talk: 'Dry run booked' });
    assert.equal(js.notes, 'Agreed on a dry run.\nFay will book a room.');
    assert.deepEqual(js.actions, [{ text: 'Book a room', owner: 'report', done: false }]);
    assert.equal(form(session.lastState).actions.rows[0].carriedFrom, d(-3), 'an action from the last 1:1 is marked carried over');
    await doc.save();
    assert.equal(await read(planned), text);
    await eventually(() => assert.equal(form(session.lastState).problems.find((p) => p.rule === 'prep-missing'), undefined, 'prep is there now'));
  });

  it('an unsaved keystroke in the text editor and a form edit both survive; one Undo reverts only the form edit', async () => {
    const { session, doc } = await openForm(planned);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# typed before the 1:1\n'));
    assert.ok(doc.isDirty);
    await eventually(() => assert.equal(session.lastState?.version, doc.version, 'the form follows the text editor'));
    await session.receive({ type: 'edit', seq: 1, version: doc.version, edit: { op: 'set', field: 'notes', value: 'From the form' } });
    assert.match(doc.getText(), /^# typed before the 1:1\n# tomorrow with Fay\n/);
    assert.match(doc.getText(), /^notes: From the form$/m);
    await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand('undo');
    assert.doesNotMatch(doc.getText(), /From the form/);
    assert.match(doc.getText(), /^# typed before the 1:1\n/, 'the keystroke is still there');
    await eventually(() => assert.equal(form(session.lastState).notes.value, '', 'the form shows the undo'));
  });

  it('typing in the text editor updates the form', async () => {
    const { session, doc } = await openForm(planned);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    await editor.edit((b) => b.insert(doc.positionAt(doc.getText().length), 'private: Typed in the text editor\n'));
    await eventually(() => assert.equal(form(session.lastState).private.value, 'Typed in the text editor'));
  });

  it('an edit made on an older version is re-applied when its item is unchanged, and refused when not', async () => {
    await write(planned, `${plannedText}prep:\n  manager:\n    feedback:\n      - {type: positive, text: First}\n`);
    const { session, doc } = await openForm(planned);
    await eventually(() => assert.equal(form(session.lastState).feedback.rows.length, 1));
    const old = doc.version;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    await editor.edit((b) => b.insert(doc.positionAt(doc.getText().length), 'notes: typed\n'));
    await session.receive({ type: 'edit', seq: 5, version: old, edit: { op: 'set', field: 'feedback/0/delivered', value: true } });
    assert.equal(session.lastRefusal, undefined);
    assert.match(doc.getText(), /text: First, delivered: true/);
    // Two quick edits in the form, both made on the state before the first one came back: both apply.
    const seen = doc.version;
    await session.receive({ type: 'edit', seq: 7, version: seen, edit: { op: 'set', field: 'feedback/0/text', value: 'First, and specific' } });
    await session.receive({ type: 'edit', seq: 8, version: seen, edit: { op: 'set', field: 'feedback/0/type', value: 'negative' } });
    assert.equal(session.lastRefusal, undefined);
    assert.match(doc.getText(), /\{type: negative, text: "First, and specific", delivered: true\}/);
    const before = doc.version;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(doc.getText().indexOf('First, and specific')), doc.positionAt(doc.getText().indexOf('First, and specific') + 19)), 'Changed'));
    await session.receive({ type: 'edit', seq: 6, version: before, edit: { op: 'set', field: 'feedback/0/text', value: 'From an old form' } });
    assert.match(session.lastRefusal ?? '', /changed in the text editor meanwhile/);
    assert.match(doc.getText(), /text: "Changed"/);
    assert.doesNotMatch(doc.getText(), /From an old form/);
  });

  it('two removals named on the same version remove one item: the second names an index that has shifted', async () => {
    await write(planned, `${plannedText}actions:\n  - {text: One, owner: report}\n  - {text: Two, owner: report}\n  - {text: Three, owner: report}\n`);
    const { session, doc } = await openForm(planned);
    await eventually(() => assert.equal(form(session.lastState).actions.rows.length, 3));
    const v = doc.version;
    await session.receive({ type: 'edit', seq: 1, version: v, edit: { op: 'remove', list: 'actions', index: 0 } });
    await session.receive({ type: 'edit', seq: 2, version: v, edit: { op: 'remove', list: 'actions', index: 0 } });
    assert.match(session.lastRefusal ?? '', /list changed/);
    assert.deepEqual((parse(doc.getText()) as { actions: Array<{ text: string }> }).actions.map((a) => a.text), ['Two', 'Three']);
    // An item inserted after the first one moves only the items after it: an edit of the first still applies.
    const v2 = doc.version;
    await session.receive({ type: 'edit', seq: 10, version: v2, edit: { op: 'add', list: 'actions', after: 0 } });
    await session.receive({ type: 'edit', seq: 11, version: v2, edit: { op: 'set', field: 'actions/0/done', value: true } });
    await session.receive({ type: 'edit', seq: 12, version: v2, edit: { op: 'set', field: 'actions/1/done', value: true } });
    assert.match(session.lastRefusal ?? '', /list changed/, 'the second item is another one now');
    assert.deepEqual((parse(doc.getText()) as { actions: Array<{ text: string; done?: boolean }> }).actions.map((a) => [a.text, a.done ?? false]), [['Two', true], ['', false], ['Three', false]]);
    // A change to notes on that same old version is still fine: it names no index.
    session.lastRefusal = undefined;
    await session.receive({ type: 'edit', seq: 3, version: v, edit: { op: 'set', field: 'notes', value: 'Still applied' } });
    assert.equal(session.lastRefusal, undefined);
    assert.match(doc.getText(), /^notes: Still applied$/m);
    // But not when the text editor changed the notes themselves meanwhile: that text is not overwritten.
    const seen = doc.version;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    const at = doc.getText().indexOf('Still applied');
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'Still applied'.length)), 'Typed in the text editor'));
    await session.receive({ type: 'edit', seq: 4, version: seen, edit: { op: 'set', field: 'notes', value: 'From the form' } });
    assert.match(session.lastRefusal ?? '', /changed in the text editor meanwhile/);
    assert.match(doc.getText(), /^notes: Typed in the text editor$/m);
  });

  it('the tab names the person and the day', async () => {
    await openForm(planned);
    await eventually(() => assert.deepEqual(tabsOf(planned).map((t) => t.label), [`Fay Okafor · ${d(1)}`]));
  });

  it('moves a 1:1 to another day: one file with the new name and date, the rest byte-identical, one form tab on it', async () => {
    const moved = `fay/meetings/${d(4)}.yaml`;
    try {
      const { session } = await openForm(planned);
      assert.equal(form(session.lastState).header.movable, true);
      await session.receive({ type: 'moveDate', date: d(4) });
      assert.equal(session.lastRefusal, undefined);
      assert.equal(await exists(planned), false, 'the old name is gone');
      assert.equal(await read(moved), plannedText.replace(`date: ${d(1)}`, `date: ${d(4)}`), 'saved, and only the date changed');
      const a = await api();
      await eventually(() => {
        assert.equal(tabsOf(planned).length, 0, 'no tab left on the old name');
        assert.equal(tabsOf(moved).length, 1, 'one tab on the new name');
        assert.ok(isFormTab(tabsOf(moved)[0].input, teamFile(moved)), 'and it is the form');
        assert.ok(a.forms.sessionFor(teamFile(moved)));
      });
      const now = a.forms.sessionFor(teamFile(moved))!;
      await now.receive({ type: 'ready' });
      assert.equal(form(now.lastState).header.date, d(4));
      await eventually(() => assert.deepEqual(tabsOf(moved).map((t) => t.label), [`Fay Okafor · ${d(4)}`], 'the title follows the move'));
      await eventually(() => assert.ok(a.service.checker!.index.report('fay')?.meetings.some((m) => m.fileName === `${d(4)}.yaml`)));
    } finally {
      await closeAll();
      await remove(moved);
    }
  });

  it('moving a 1:1 with unsaved changes carries them to the new name, unsaved', async () => {
    const moved = `fay/meetings/${d(5)}.yaml`;
    try {
      const { session, doc } = await openForm(planned);
      await session.receive({ type: 'edit', seq: 1, version: doc.version, edit: { op: 'set', field: 'notes', value: 'Typed, not saved' } });
      assert.ok(doc.isDirty);
      await session.receive({ type: 'moveDate', date: d(5) });
      assert.equal(session.lastRefusal, undefined);
      const now = vscode.workspace.textDocuments.find((t) => t.uri.toString() === teamFile(moved).toString());
      assert.ok(now, 'the document moved');
      assert.match(now.getText(), /^notes: Typed, not saved$/m, 'the typing moved with it');
      assert.match(now.getText(), new RegExp(`^date: ${d(5)}$`, 'm'));
      assert.equal(await exists(planned), false);
      await now.save();
      assert.match(await read(moved), /^notes: Typed, not saved$/m);
    } finally {
      await closeAll();
      await remove(moved);
    }
  });

  it('moving a 1:1 onto a day that has a note is refused, and nothing changes', async () => {
    const other = `fay/meetings/${d(6)}-2.yaml`;
    try {
      await write(other, `date: ${d(6)}\nstatus: planned\n`);
      const { session, doc } = await openForm(planned);
      for (const day of [d(-3), d(6)]) {
        session.lastRefusal = undefined;
        await session.receive({ type: 'moveDate', date: day });
        assert.match(session.lastRefusal ?? '', /already has a 1:1 note/, day);
      }
      session.lastRefusal = undefined;
      await session.receive({ type: 'moveDate', date: '2026-02-30' });
      assert.match(session.lastRefusal ?? '', /not a calendar date/);
      assert.equal(await read(planned), plannedText);
      assert.equal(doc.getText(), plannedText);
      assert.equal(doc.isDirty, false);
      assert.equal(await exists(`fay/meetings/${d(6)}.yaml`), false);
      assert.equal(await read(`fay/meetings/${d(-3)}.yaml`), `date: ${d(-3)}\nprep:\n  manager:\n    feedback: [{type: negative, text: Late reviews}]\nactions:\n  - {text: Book a room, owner: report}\n`);
    } finally {
      await remove(other);
    }
  });

  it('Undo after a move puts the 1:1 back under its old name, with its old date', async () => {
    const moved = `fay/meetings/${d(7)}.yaml`;
    try {
      const { session } = await openForm(planned);
      await session.receive({ type: 'moveDate', date: d(7) });
      assert.equal(session.lastRefusal, undefined);
      await eventually(() => assert.ok(isFormTab(activeInput(), teamFile(moved))));
      await vscode.commands.executeCommand('undo');
      await eventually(async () => {
        assert.equal(await exists(moved), false, 'the new name is gone');
        assert.equal(await exists(planned), true, 'the old name is back');
      });
      const back = await vscode.workspace.openTextDocument(teamFile(planned));
      assert.equal(back.getText(), plannedText, 'with the old date');
    } finally {
      await closeAll();
      await remove(moved);
    }
  });

  it('refuses a forged edit: a made-up key under goals, a field shown as not editable; the file is unchanged', async () => {
    const text = `${plannedText}notes: {written: as a mapping}\nactions: &a [{text: Shared, owner: report}]\nother: *a\n`;
    await write(planned, text);
    const { session, doc } = await openForm(planned);
    await eventually(() => assert.equal(form(session.lastState).notes.editable, false));
    for (const edit of [
      { op: 'set', field: 'goal/made-up-key', value: 'x' },
      { op: 'set', field: `goal/${'k'.repeat(250)}`, value: 'x' },
      { op: 'set', field: 'notes', value: 'over the mapping' },
      { op: 'add', list: 'actions' },
      { op: 'set', field: 'actions/0/done', value: true },
    ]) {
      session.lastRefusal = undefined;
      await session.receive({ type: 'edit', seq: 1, version: doc.version, edit });
      assert.match(session.lastRefusal ?? '', /does not show as editable/, JSON.stringify(edit));
    }
    assert.equal(doc.getText(), text);
    assert.equal(doc.isDirty, false);
    // The goal the form shows is still editable.
    await session.receive({ type: 'edit', seq: 2, version: doc.version, edit: { op: 'set', field: 'goal/talk', value: 'Fine' } });
    assert.match(doc.getText(), /^ {2}talk: Fine$/m);
  });

  it('builds the form’s state once per version of the file: not again for the renders an edit causes, nor a reload', async () => {
    const { session, doc } = await openForm(planned);
    await eventually(() => assert.ok(form(session.lastState).problems.some((p) => p.rule === 'prep-missing')));
    await session.idle();
    const start = session.builds;
    await session.receive({ type: 'edit', seq: 1, version: doc.version, edit: { op: 'add', list: 'feedback' } });
    await session.receive({ type: 'edit', seq: 2, version: doc.version, edit: { op: 'set', field: 'feedback/0/text', value: 'Clear talk outline' } });
    // The checker reads the unsaved text too: once it has, the form shows that the 1:1 is prepared now.
    await eventually(() => assert.equal(form(session.lastState).problems.find((p) => p.rule === 'prep-missing'), undefined));
    await session.idle();
    assert.equal(session.builds, start + 2, 'one build per edit, not one per render it causes (own, text change, checker)');
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    const typedFrom = doc.version;
    for (const ch of 'abc') await editor.edit((b) => b.insert(doc.positionAt(doc.getText().length), ch));
    await eventually(() => assert.equal(session.lastState?.version, doc.version));
    await session.idle();
    const typed = session.builds - start - 2;
    assert.ok(typed >= 1 && typed <= doc.version - typedFrom, `at most one build per version typed (${typed})`);
    const settled = session.builds;
    await session.receive({ type: 'ready' });
    await session.idle();
    assert.equal(session.builds, settled, 'a reloaded webview is sent the state already built');
    assert.equal(session.lastState?.version, doc.version);
  });

  it('one edit is one render, one parse and one state sent; the checker’s problems after it parse nothing more', async () => {
    const { session, doc } = await openForm(planned);
    const a = await api();
    await eventually(() => assert.ok(form(session.lastState).problems.some((p) => p.rule === 'prep-missing')));
    // VS Code's own page says ready too, whenever it has loaded: it is sent the state again, which is not the edit's.
    await eventually(() => assert.ok(session.readies >= 2, 'the form’s page loaded'));
    await a.service.flush();
    await session.idle();
    const count = (): { renders: number; builds: number; states: number } => ({ renders: session.renders, builds: session.builds, states: session.states });
    const start = count();
    const since = (): { renders: number; builds: number; states: number } => {
      const now = count();
      return { renders: now.renders - start.renders, builds: now.builds - start.builds, states: now.states - start.states };
    };
    // The checker reads the unsaved text a moment after the edit, and says so.
    const checked = new Promise<void>((resolve) => {
      const sub = a.service.onDidChange((change) => {
        if (change.files?.has(planned)) {
          sub.dispose();
          resolve();
        }
      });
    });
    await session.receive({ type: 'edit', seq: 1, version: doc.version, edit: { op: 'set', field: 'notes', value: 'Agreed on a dry run.' } });
    await session.idle();
    assert.deepEqual(since(), { renders: 1, builds: 1, states: 1 }, 'the text change the edit caused renders nothing more');
    const acked = JSON.stringify(form(session.lastState).problems);
    await checked;
    await session.idle();
    const checkedProblems = JSON.stringify(form(session.lastState).problems);
    const after = since();
    assert.equal(after.builds, 1, 'the checker’s problems are placed on the state built for the edit: no parse');
    assert.equal(after.states, checkedProblems === acked ? 1 : 2, `a state is sent again only for other problems (${acked} → ${checkedProblems})`);
    assert.match(form(session.lastState).notes.value, /^Agreed on a dry run\./);
  });

  it('a file that does not parse shows its errors; the form writes nothing to it, nor moves it', async () => {
    const broken = `fay/meetings/${d(2)}.yaml`;
    await write(broken, `date: ${d(2)}\nnotes: "never closed\nstatus: planned\n`);
    const { session, doc } = await openForm(broken);
    const s = session.lastState;
    assert.equal(s?.kind, 'broken');
    const text = doc.getText();
    await session.receive({ type: 'edit', seq: 1, version: doc.version, edit: { op: 'set', field: 'status', value: 'held' } });
    assert.ok(session.lastRefusal);
    session.lastRefusal = undefined;
    await session.receive({ type: 'moveDate', date: d(8) });
    assert.match(session.lastRefusal ?? '', /cannot be moved/);
    assert.equal(await exists(`fay/meetings/${d(8)}.yaml`), false);
    assert.equal(doc.getText(), text);
    assert.equal(doc.isDirty, false);
    await vscode.workspace.fs.delete(teamFile(broken));
  });

  it('ignores anything that is not exactly a protocol message', async () => {
    const { session, doc } = await openForm(planned);
    const text = doc.getText();
    for (const m of [
      { type: 'edit', seq: 1, version: doc.version, edit: { op: 'set', field: 'notes', value: 'x' }, path: '/etc/passwd' },
      { type: 'edit', seq: 1, version: doc.version, edit: { op: 'yaml', text: 'date: 2000-01-01' } },
      { type: 'command', command: 'workbench.action.terminal.new' },
      '<img src=x onerror=alert(1)>',
    ]) await session.receive(m);
    assert.equal(doc.getText(), text);
    assert.equal(session.lastRefusal, undefined);
  });

  it('Add a two-month goal… adds the goal to goals.yaml and its check-in to the form, without leaving the form', async () => {
    const { session } = await openForm(planned);
    let added = false;
    const adding = session.receive({ type: 'addGoal' }).then(() => {
      added = true;
    });
    // The command asks for a title (a quick pick with the essay's examples: Enter puts the first in the box, Enter
    // again takes it), then which aspiration it serves (Enter: the first, theirs or none).
    for (let i = 0; i < 20 && !added; i++) {
      await new Promise((r) => setTimeout(r, 300));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await adding;
    const goals = parse(await read('fay/goals.yaml')) as { goals: Array<{ title: string }> };
    assert.equal(goals.goals.length, 2);
    await eventually(() => assert.deepEqual(form(session.lastState).goals.map((g) => g.title), ['Give a tech talk', goals.goals[1].title]));
    assert.ok(isFormTab(activeInput(), teamFile(planned)), 'the form stays in front');
    await write('fay/goals.yaml', `goals:\n  - {id: talk, title: Give a tech talk, start: ${d(-20)}, end: ${d(10)}}\n`);
  });

  it('Start 1:1 Note and the prep-missing quick fix open the form', async () => {
    const uri = teamFile(planned);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    let fix: vscode.Command | undefined;
    await eventually(async () => {
      const diag = vscode.languages.getDiagnostics(uri).find((x) => typeof x.code === 'object' && x.code.value === 'prep-missing');
      assert.ok(diag);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range);
      fix = actions.find((x) => x.title === 'Open the 1:1 form to prepare')?.command;
      assert.ok(fix);
    });
    await vscode.commands.executeCommand(fix!.command, ...(fix!.arguments ?? []));
    await eventually(() => assert.ok(isFormTab(activeInput(), uri)));
  });
});
