/** The question bank: the default one, the team's, and a question added as your topic through the form's edit. */
import * as assert from 'node:assert/strict';
import { DEFAULT_QUESTIONS, questionBank } from '../../src/core/career';
import { applyEdit } from '../../src/core/edit/yamlEdit';
import { FormEditError, formEditToTextEdit } from '../../src/core/form/fields';
import { listLengths } from '../../src/core/form/model';
import { parseWebviewMessage } from '../../src/shared/formProtocol';
import { check, ofRule, reportFiles, TODAY } from './helpers/builders';

describe('the question bank', () => {
  it('the default bank is feedback, growth and their topics: no question reads like a status update', async () => {
    assert.ok(DEFAULT_QUESTIONS.length >= 10);
    // Every question as a topic of a held 1:1, through the rules' own status-update heuristic.
    const files = reportFiles('ana', { name: 'Ana', meetings: { [TODAY]: { topics: DEFAULT_QUESTIONS.map((q) => q.text) } } });
    const { problems } = await check(files);
    assert.deepEqual(ofRule(problems, 'status-update'), []);
    // And the heuristic does see a status question put in the same place (the check is not blind).
    const control = await check(reportFiles('ana', { name: 'Ana', meetings: { [TODAY]: { topics: ['Status: where is PROJ-12?'] } } }));
    assert.equal(ofRule(control.problems, 'status-update').length, 1);
    for (const theme of ['feedback for me', 'feedback for them', 'growth', 'their topics']) assert.ok(DEFAULT_QUESTIONS.some((q) => q.theme === theme), theme);
  });

  it('the team\'s questions come first, then the default ones, each text once, on one line', () => {
    const bank = questionBank({ questions: ['What surprised you this week?', '  what is one thing I could do differently to support you better?  ', 'Two\nlines'] });
    assert.deepEqual(bank.slice(0, 3).map((q) => [q.text, q.source]), [
      ['What surprised you this week?', 'team'],
      ['what is one thing I could do differently to support you better?', 'team'],
      ['Two lines', 'team'],
    ]);
    assert.equal(bank.length, 3 + DEFAULT_QUESTIONS.length - 1);
    assert.ok(bank.slice(3).every((q) => q.source === 'default'));
    assert.deepEqual(questionBank({}).map((q) => q.text), DEFAULT_QUESTIONS.map((q) => q.text));
  });

  it('a picked question becomes your topic through the form\'s checked edit, comments and other bytes kept', () => {
    const text = `date: ${TODAY}\nprep:\n  manager:\n    topics:\n      - Conference budget # theirs asked\n  report: {}\n`;
    const out = applyEdit(text, formEditToTextEdit(text, { op: 'add', list: 'managerTopics', text: 'What should I keep doing as your manager?' }, (l) => listLengths(text)[l]));
    assert.equal(out, text.replace('# theirs asked\n', '# theirs asked\n      - What should I keep doing as your manager?\n'));
    const empty = `date: ${TODAY}\n`;
    const first = applyEdit(empty, formEditToTextEdit(empty, { op: 'add', list: 'managerTopics', text: 'Q?' }, () => 0));
    assert.match(first, /topics:\n\s+- Q\?/);
    // Only topics take a text; and the webview can never send one (the host adds it after its own quick pick).
    assert.throws(() => formEditToTextEdit(text, { op: 'add', list: 'feedback', text: 'x' }, (l) => listLengths(text)[l]), FormEditError);
    assert.equal(parseWebviewMessage({ type: 'edit', seq: 1, version: 1, edit: { op: 'add', list: 'managerTopics', text: 'x' } }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'questionBank' }), { type: 'questionBank' });
    assert.equal(parseWebviewMessage({ type: 'questionBank', text: 'x' }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'addGoalForAspiration', index: 1 }), { type: 'addGoalForAspiration', index: 1 });
    for (const bad of [-1, 1.5, '1', 1e9, undefined]) assert.equal(parseWebviewMessage({ type: 'addGoalForAspiration', index: bad }), undefined);
  });
});
