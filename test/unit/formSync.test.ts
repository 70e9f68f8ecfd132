/**
 * The form host's bookkeeping (src/core/form/sync.ts), without VS Code: an edit the webview made on an older version
 * of the file is applied only when what it names is unchanged, the form's own edits are known to the webview, the
 * acknowledged edit never goes back, and an edit of something the form did not offer is refused.
 */
import * as assert from 'node:assert/strict';
import { NOT_OFFERED } from '../../src/core/form/accept';
import { buildFormState } from '../../src/core/form/model';
import { AHEAD, CHANGED_ELSEWHERE, FormSync, KEPT_VERSIONS, lengthsOf, LIST_MOVED } from '../../src/core/form/sync';
import { listLengths } from '../../src/core/form/model';
import type { FormEdit, FormState, ViewState } from '../../src/shared/formProtocol';

const TEXT = [
  'date: 2026-11-24',
  'status: planned',
  'notes: first',
  'private: mine',
  'actions:',
  '  - {text: One, owner: report}',
  '  - {text: Two, owner: report}',
  '  - {text: Three, owner: report}',
  '',
].join('\n');

function state(text: string, version: number): FormState {
  const s = buildFormState({ path: 'marta/meetings/2026-11-24.yaml', text, version, context: undefined, problems: [] });
  assert.equal(s.kind, 'form');
  return s as FormState;
}

const set = (field: string, value: string | boolean): FormEdit => ({ op: 'set', field, value });

/** A `now` that fails the test when called: the check must decide without building the current state. */
const noParse = (): ViewState => assert.fail('the current state was built, but the check did not need it');

describe('The form host’s bookkeeping', () => {
  it('an edit on the current version passes without any check of the text', () => {
    const sync = new FormSync();
    sync.keep(state(TEXT, 1));
    assert.equal(sync.stale(set('notes', 'x'), 1, 1, noParse), undefined);
  });

  it('refuses a stale edit of a field the text editor changed meanwhile, and applies one of another field', () => {
    const sync = new FormSync();
    sync.keep(state(TEXT, 1));
    const typed = TEXT.replace('notes: first', 'notes: typed in the text editor');
    assert.equal(sync.stale(set('notes', 'from the form'), 1, 2, () => state(typed, 2)), CHANGED_ELSEWHERE);
    assert.equal(sync.stale(set('private', 'from the form'), 1, 2, () => state(typed, 2)), undefined);
  });

  it('refuses an edit of an item whose list changed elsewhere, however little (never the wrong item)', () => {
    const sync = new FormSync();
    sync.keep(state(TEXT, 1));
    const removed = TEXT.replace('  - {text: One, owner: report}\n', '');
    assert.equal(sync.stale(set('actions/1/text', 'Second'), 1, 2, () => state(removed, 2)), CHANGED_ELSEWHERE);
    assert.equal(sync.stale({ op: 'remove', list: 'actions', index: 0 }, 1, 2, () => state(removed, 2)), CHANGED_ELSEWHERE);
  });

  it('the form’s own edits advance the version without a refusal or a parse: the webview knows them', () => {
    const sync = new FormSync();
    sync.keep(state(TEXT, 1));
    sync.madeBy(2, set('notes', 'one'));
    sync.madeBy(3, set('private', 'two'));
    assert.ok(sync.isOwn(2) && sync.isOwn(3) && !sync.isOwn(4));
    // Typing in notes while the two edits were on their way: the third names version 1 still.
    assert.equal(sync.stale(set('notes', 'one more'), 1, 3, noParse), undefined);
  });

  it('an own add, remove or move refuses a later edit that names an item it shifted (a double click on ✕)', () => {
    const sync = new FormSync();
    sync.keep(state(TEXT, 1));
    sync.madeBy(2, { op: 'remove', list: 'actions', index: 1 });
    assert.equal(sync.stale({ op: 'remove', list: 'actions', index: 1 }, 1, 2, noParse), LIST_MOVED, 'the second ✕ would remove another item');
    assert.equal(sync.stale(set('actions/2/done', true), 1, 2, noParse), LIST_MOVED);
    assert.equal(sync.stale(set('actions/0/done', true), 1, 2, noParse), undefined, 'an item before the removal is where it was');
    assert.equal(sync.stale(set('notes', 'x'), 1, 2, noParse), undefined, 'another field is not in the list');
    sync.madeBy(3, { op: 'move', list: 'actions', index: 0, to: 1 });
    assert.equal(sync.stale(set('actions/1/text', 'x'), 2, 3, noParse), LIST_MOVED);
    sync.madeBy(4, { op: 'add', list: 'actions' });
    assert.equal(sync.stale(set('actions/0/text', 'x'), 3, 4, noParse), undefined, 'adding at the end shifts nothing');
  });

  it('own edits then a change elsewhere: compares with the form as it was after its own edits', () => {
    const sync = new FormSync();
    sync.keep(state(TEXT, 1));
    const own = TEXT.replace('private: mine', 'private: own edit');
    sync.madeBy(2, set('private', 'own edit'));
    sync.keep(state(own, 2));
    const typed = own.replace('notes: first', 'notes: typed');
    assert.equal(sync.stale(set('private', 'again'), 1, 3, () => state(typed, 3)), undefined);
    assert.equal(sync.stale(set('notes', 'again'), 1, 3, () => state(typed, 3)), CHANGED_ELSEWHERE);
  });

  it('a version it no longer keeps, or a file that does not parse now, refuses rather than guesses', () => {
    const sync = new FormSync();
    for (let v = 1; v <= KEPT_VERSIONS + 1; v++) sync.keep(state(TEXT, v));
    assert.equal(sync.stateAt(1), undefined);
    assert.ok(sync.stateAt(KEPT_VERSIONS + 1));
    assert.equal(sync.stale(set('private', 'x'), 1, KEPT_VERSIONS + 2, () => state(TEXT, KEPT_VERSIONS + 2)), CHANGED_ELSEWHERE);
    const broken = buildFormState({ path: 'marta/meetings/2026-11-24.yaml', text: 'notes: "never closed\n', version: 40, context: undefined, problems: [] });
    assert.equal(broken.kind, 'broken');
    assert.equal(sync.stale(set('private', 'x'), KEPT_VERSIONS + 1, 40, () => broken), CHANGED_ELSEWHERE);
  });

  it('the acknowledged edit only moves forward (a late answer to an older edit does not take it back); a reload restarts it', () => {
    const sync = new FormSync();
    assert.equal(sync.ackSeq, 0);
    sync.acknowledge(3);
    sync.acknowledge(2);
    assert.equal(sync.ackSeq, 3);
    sync.acknowledge(4);
    assert.equal(sync.ackSeq, 4);
    sync.restart();
    assert.equal(sync.ackSeq, 0, 'a reloaded webview counts its edits from 1 again');
  });

  it('admits only edits the form offered, on a version the file has', () => {
    const sync = new FormSync();
    const v1 = state(TEXT, 1);
    sync.keep(v1);
    assert.equal(sync.admit(set('notes', 'x'), 2, 1, v1), AHEAD);
    assert.equal(sync.admit(set('mood', 'x'), 1, 1, v1), NOT_OFFERED);
    assert.equal(sync.admit(set('goal/made-up', 'x'), 1, 1, v1), NOT_OFFERED);
    assert.equal(sync.admit(set('notes', 'x'), 1, 1, v1), undefined);
    // Offered by the state the edit names, though the current one no longer has the item.
    const shorter = state(TEXT.replace('  - {text: Three, owner: report}\n', ''), 2);
    assert.equal(sync.admit(set('actions/2/done', true), 1, 2, shorter), undefined);
    assert.equal(sync.admit(set('actions/2/done', true), 2, 2, shorter), NOT_OFFERED);
  });

  it('the lists’ lengths of a built state are those of its text (an edit of a built version needs no second parse)', () => {
    assert.deepEqual(lengthsOf(state(TEXT, 1)), listLengths(TEXT));
  });
});
