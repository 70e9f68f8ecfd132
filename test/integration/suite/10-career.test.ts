/**
 * Career conversations in the real VS Code (issue #15): Start Career Conversation writes and opens a career 1:1 (never
 * a second one for the same day), a held career 1:1's form adds a goal for an aspiration, the question bank adds a
 * topic through the form, and a goal whose buddy is a report shows under that report.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { FormState } from '../../../src/shared/formProtocol';
import type { FormHandle } from '../../../src/vscode/form/formProbe';
import { activeInput, api, d, diagnostics, eventually, isFormTab, openForm, read, resetTeam, teamFile, write } from './helpers';


function form(session: FormHandle): FormState {
  const s = session.lastState;
  assert.ok(s && s.kind === 'form', 'a form state');
  return s;
}

/** Accepts what the quick pick on screen offers until `done` (a title picker takes two Enters). */
async function acceptUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 20 && !done(); i++) {
    await new Promise((r) => setTimeout(r, 300));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

describe('career conversations', () => {
  before(resetTeam);

  it('Start Career Conversation writes a career 1:1 with the prompts, aspirations and every goal, opens it, and opens it again for that day', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('oneOnOnes.startCareerConversation'));
    const day = d(3);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.startCareerConversation', 'ana-ferreira', { date: day });
    assert.ok(uri);
    assert.equal(uri.toString(), teamFile(`ana-ferreira/meetings/${day}.yaml`).toString());
    await eventually(() => assert.ok(isFormTab(activeInput(), uri), 'opened in the form'));
    const note = parse(await read(`ana-ferreira/meetings/${day}.yaml`)) as { kind: string; status: string; notes: string; prep: { manager: { topics: string[] } } };
    assert.equal(note.kind, 'career');
    assert.equal(note.status, 'planned');
    assert.match(note.prep.manager.topics[0], /move towards.*\(so far: Move into management\)/);
    assert.match(note.prep.manager.topics[2], /buddy/);
    assert.match(note.notes, /Aspirations: Move into management/);
    assert.match(note.notes, new RegExp(`- Mentor Sam through onboarding · towards: Move into management · ${d(-30)} to ${d(26)} · active · buddy: Priya`));
    assert.match(note.notes, new RegExp(`- Give the demo to sales · ${d(-80)} to ${d(-3)} · active`));
    // The same day again: that note is opened, no second file.
    const again = await vscode.commands.executeCommand<vscode.Uri>('oneOnOnes.startCareerConversation', { id: 'ana-ferreira' }, { date: day });
    assert.equal(again?.toString(), uri.toString());
    const files = (await vscode.workspace.fs.readDirectory(teamFile('ana-ferreira/meetings'))).map(([n]) => n).filter((n) => n.startsWith(day));
    assert.deepEqual(files, [`${day}.yaml`]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a held career 1:1 adds a two-month goal for an aspiration: appended to goals.yaml with it, comments kept', async () => {
    const path = `ana-ferreira/meetings/${d(-1)}.yaml`;
    await write(path, `date: ${d(-1)}\nstatus: held\nkind: career\nprep:\n  manager:\n    feedback: [{type: positive, text: Good mentoring, delivered: true}]\n`);
    const before = await read('ana-ferreira/goals.yaml');
    const { session } = await openForm(path);
    await eventually(() => assert.equal(form(session).career?.offerGoals, true));
    assert.deepEqual(form(session).career?.aspirations, ['Move into management']);
    // An index the form does not offer is refused; nothing is asked, nothing written.
    session.lastRefusal = undefined;
    await session.receive({ type: 'addGoalForAspiration', index: 3 });
    assert.match(session.lastRefusal ?? '', /does not offer a goal/);
    let added = false;
    const adding = session.receive({ type: 'addGoalForAspiration', index: 0 }).then(() => {
      added = true;
    });
    // Only the title is asked (Enter puts the first example in the box, Enter again takes it): the aspiration is set.
    await acceptUntil(() => added);
    await adding;
    const after = await read('ana-ferreira/goals.yaml');
    assert.ok(after.startsWith(before.trimEnd()), 'the file as it was, comments included, then the new goal');
    assert.match(after, /# an old one, still marked active/);
    const goals = (parse(after) as { goals: Array<{ title: string; aspiration?: string; status: string }> }).goals;
    assert.equal(goals.length, 3);
    assert.equal(goals[2].aspiration, 'Move into management');
    assert.equal(goals[2].status, 'active');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a planned career 1:1 does not offer it: the host refuses the message', async () => {
    const path = `bo-chen/meetings/${d(5)}.yaml`;
    await write(path, `date: ${d(5)}\nstatus: planned\nkind: career\n`);
    const before = await read('bo-chen/goals.yaml');
    const { session } = await openForm(path);
    await eventually(() => assert.equal(form(session).career?.offerGoals, false));
    session.lastRefusal = undefined;
    await session.receive({ type: 'addGoalForAspiration', index: 0 });
    assert.match(session.lastRefusal ?? '', /held career 1:1/);
    assert.equal(await read('bo-chen/goals.yaml'), before);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Add from question bank… adds the picked question as your topic (the team\'s questions first), unsaved, one undo', async () => {
    const a = await api();
    await write('team.yaml', 'manager: Kim Park\ncadence: weekly\ngrace-days: 2\nquestions:\n  - What would you like more feedback on?\n');
    await eventually(() => assert.deepEqual(a.service.queries?.team().questions, ['What would you like more feedback on?']));
    const path = `bo-chen/meetings/${d(6)}.yaml`;
    await write(path, `date: ${d(6)}\nstatus: planned\nprep:\n  manager:\n    topics:\n      - Conference talk # from last time\n`);
    const { session } = await openForm(path);
    await eventually(() => assert.equal(form(session).managerTopics.rows.length, 1));
    let done = false;
    const picking = session.receive({ type: 'questionBank' }).then(() => {
      done = true;
    });
    await acceptUntil(() => done);
    await picking;
    await eventually(() => assert.deepEqual(form(session).managerTopics.rows.map((r) => r.text.value), ['Conference talk', 'What would you like more feedback on?']));
    const text = session.document.getText();
    assert.match(text, /- Conference talk # from last time\n\s+- What would you like more feedback on\?/);
    assert.ok(session.document.isDirty, 'left unsaved, as every form edit');
    await vscode.commands.executeCommand('undo');
    await eventually(() => assert.equal(session.document.getText(), `date: ${d(6)}\nstatus: planned\nprep:\n  manager:\n    topics:\n      - Conference talk # from last time\n`));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await write('team.yaml', 'manager: Kim Park\ncadence: weekly\ngrace-days: 2\n');
  });

  it('a goal whose buddy is a report shows under that report; an unknown id is a diagnostic with a fix', async () => {
    const a = await api();
    await write('bo-chen/goals.yaml', `goals:\n  - {id: talk, title: Give a tech talk, start: ${d(-20)}, end: ${d(10)}, buddy: ana-ferreira}\n  - {id: pair, title: Pair on the importer, start: ${d(-5)}, buddy: cyy}\n`);
    await eventually(async () => {
      const [ana] = await a.reports.getChildren();
      const [goalsGroup] = await a.reports.getChildren(ana);
      const rows = (await a.reports.getChildren(goalsGroup)).map((n) => a.reports.getTreeItem(n));
      assert.ok(rows.some((r) => label(r) === 'buddy for Bo Chen: Give a tech talk'), rows.map(label).join(' | '));
    });
    await eventually(() => {
      const [diag] = diagnostics('bo-chen/goals.yaml', 'unknown-buddy');
      assert.ok(diag);
      assert.match(diag.message, /Did you mean `cy`\?/);
    });
    const [diag] = diagnostics('bo-chen/goals.yaml', 'unknown-buddy');
    await vscode.workspace.openTextDocument(teamFile('bo-chen/goals.yaml')); // quick fixes are offered in open documents
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', teamFile('bo-chen/goals.yaml'), diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((x) => x.title === 'Change buddy to `cy`');
    assert.ok(fix?.edit, actions.map((x) => x.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await eventually(async () => assert.match(await read('bo-chen/goals.yaml'), /buddy: cy\}/));
    await eventually(() => assert.deepEqual(diagnostics('bo-chen/goals.yaml', 'unknown-buddy'), []));
  });
});
