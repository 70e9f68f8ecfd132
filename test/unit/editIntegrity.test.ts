/**
 * Edits that never lose a byte (issue #11, point 4): an edit changes only the bytes of the item or value it names,
 * or it is refused. Each case here is a layout where the edit layer used to write the whole list again from its
 * values (deleting comments of untouched items, changing their quoting and indentation, moving comments to other
 * items), and the form's check let it through.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdit, changesOnlyValue, insertsOnly, moveItem, movesOnly, removeItem, removeKey, removesItemOnly, YamlEditError } from '../../src/core/edit/yamlEdit';
import type { EditPath, TextEdit } from '../../src/core/edit/yamlEdit';
import { formEditToTextEdit } from '../../src/core/form/fields';
import { listLengths } from '../../src/core/form/model';
import type { FormEdit } from '../../src/shared/formProtocol';

function formEdit(text: string, e: FormEdit): string {
  const lengths = listLengths(text);
  return applyEdit(text, formEditToTextEdit(text, e, (l) => lengths[l]));
}

/** `after` is `before` without exactly `gone` (one contiguous piece). */
function removedExactly(before: string, after: string, gone: string): void {
  const at = before.indexOf(gone);
  assert.ok(at >= 0, `test setup: ${JSON.stringify(gone)} is in the text`);
  assert.equal(after, before.slice(0, at) + before.slice(at + gone.length));
}

function list(text: string, path: EditPath): unknown {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, []);
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc.toJS());
}

describe('Edits that never lose a byte', () => {
  describe('removing an item takes only its own text', () => {
    it('the first item of a 4-space list: the next item `-   text: \'second\'   # keep me` stays byte for byte', () => {
      const text = [
        'actions:',
        '    -   text: first',
        '        owner: report',
        "    -   text: 'second'   # keep me",
        '        owner: manager',
        '',
      ].join('\n');
      const out = formEdit(text, { op: 'remove', list: 'actions', index: 0 });
      removedExactly(text, out, '    -   text: first\n        owner: report\n');
      // The first item with its dash alone on its line: the second item's own dash and spacing stay too.
      const alone = "actions:\n  -\n    text: first\n  -   text: 'second'   # keep me\n      owner: manager\n";
      removedExactly(alone, formEdit(alone, { op: 'remove', list: 'actions', index: 0 }), '  -\n    text: first\n');
    });

    it('an item written `- # comment` with its content on the next lines; the other items keep their comments', () => {
      const text = [
        'prep:',
        '  manager:',
        '    feedback:',
        '      - # about the outage',
        '        type: positive',
        '        text: Clear write-up',
        "      - type: 'negative'   # said twice",
        '        text: "Let Sam finish"',
        '',
      ].join('\n');
      const out = formEdit(text, { op: 'remove', list: 'feedback', index: 0 });
      removedExactly(text, out, '      - # about the outage\n        type: positive\n        text: Clear write-up\n');
    });

    it('the last element of a one-per-line flow list with comments: every other comment stays', () => {
      const text = [
        'prep:',
        '  report:',
        '    topics: [',
        '      Lead planning,   # first',
        "      'Offsite',       # second",
        '      "Budget"         # third',
        '    ]',
        '',
      ].join('\n');
      const out = formEdit(text, { op: 'remove', list: 'reportTopics', index: 2 });
      removedExactly(text, out, '      "Budget"         # third\n');
      assert.deepEqual(list(out, ['prep', 'report', 'topics']), ['Lead planning', 'Offsite']);
    });

    it('a flow list on one line: the item and one separator', () => {
      const text = "prep:\n  report:\n    topics: [Lead planning, 'Offsite', \"Budget\"]   # from Marta\n";
      removedExactly(text, formEdit(text, { op: 'remove', list: 'reportTopics', index: 1 }), "'Offsite', ");
      removedExactly(text, formEdit(text, { op: 'remove', list: 'reportTopics', index: 2 }), ', "Budget"');
    });

    it('items separated by blank lines and comment lines: the comment lines stay, one blank line goes with the item', () => {
      const text = [
        'actions:',
        '  # carried over',
        '  - text: a',
        '    owner: report',
        '',
        '  # from the retro',
        '  - text: b',
        '    owner: manager',
        '',
        '  - text: c   # urgent',
        '    owner: report',
        '',
      ].join('\n');
      removedExactly(text, formEdit(text, { op: 'remove', list: 'actions', index: 1 }), '  - text: b\n    owner: manager\n');
      removedExactly(text, formEdit(text, { op: 'remove', list: 'actions', index: 2 }), '\n  - text: c   # urgent\n    owner: report\n');
    });

    it('a CRLF file with block scalars: CRLF and the other items kept', () => {
      const text = [
        'actions:',
        '  - text: |',
        '      Share the template',
        '      with the team',
        '    owner: manager   # mine',
        '  - text: >-',
        '      Ask Sam',
        '    owner: report',
        '',
      ].join('\r\n');
      const out = formEdit(text, { op: 'remove', list: 'actions', index: 0 });
      removedExactly(text, out, '  - text: |\r\n      Share the template\r\n      with the team\r\n    owner: manager   # mine\r\n');
    });

    it('the only item, with a comment after the key: the list becomes `[]` and the comment stays', () => {
      const text = 'actions:   # this week\n  - text: a\n    owner: report\nnotes: x\n';
      assert.equal(formEdit(text, { op: 'remove', list: 'actions', index: 0 }), 'actions: []   # this week\nnotes: x\n');
    });
  });

  describe('moving an item moves only its own text', () => {
    it('in a 4-space list: quoting and indentation of every item unchanged, comment lines stay in place', () => {
      const text = [
        'actions:',
        "    -   text: 'first'",
        '        owner: report',
        '    # from the retro',
        '    -   text: "second"   # keep me',
        '        owner: manager',
        '    -   text: third',
        '        owner: report',
        '',
      ].join('\n');
      const out = formEdit(text, { op: 'move', list: 'actions', index: 2, to: 0 });
      assert.equal(out, [
        'actions:',
        '    -   text: third',
        '        owner: report',
        "    -   text: 'first'",
        '        owner: report',
        '    # from the retro',
        '    -   text: "second"   # keep me',
        '        owner: manager',
        '',
      ].join('\n'));
    });

    it('in a one-per-line flow list with comments: each comment moves with its own item', () => {
      const text = 'prep:\n  report:\n    topics: [\n      a,   # about a\n      b,   # about b\n      c    # about c\n    ]\n';
      const out = formEdit(text, { op: 'move', list: 'reportTopics', index: 2, to: 0 });
      assert.equal(out, 'prep:\n  report:\n    topics: [\n      c,    # about c\n      a,   # about a\n      b,   # about b\n    ]\n');
    });

    it('in a list of `-` alone on its line: the items keep their layout', () => {
      const text = 'actions:\n  -\n    text: a\n    owner: report\n  -\n    text: b   # b\n    owner: manager\n';
      const out = formEdit(text, { op: 'move', list: 'actions', index: 0, to: 1 });
      assert.equal(out, 'actions:\n  -\n    text: b   # b\n    owner: manager\n  -\n    text: a\n    owner: report\n');
    });
  });

  describe('adding an item adds only its own text', () => {
    it('after the first item of a list separated by blank lines: nothing else changes', () => {
      const text = 'actions:\n  - text: a   # keep\n    owner: report\n\n  - text: b\n    owner: report\n';
      const out = formEdit(text, { op: 'add', list: 'actions', after: 0 });
      assert.equal(out, 'actions:\n  - text: a   # keep\n    owner: report\n\n  - text: ""\n    owner: report\n    done: false\n\n  - text: b\n    owner: report\n');
    });
  });

  describe('what cannot be done exactly is refused, with a message', () => {
    it('an entry of a flow mapping after a comment: the comment stays (never the mapping written again)', () => {
      const text = 'actions:\n  - {text: a, owner: report,   # the owner\n     due: 2026-11-30}\n';
      const out = formEdit(text, { op: 'set', field: 'actions/0/due', value: '' });
      assert.equal(out, 'actions:\n  - {text: a, owner: report,   # the owner\n     }\n');
      assert.deepEqual(list(out, ['actions']), [{ text: 'a', owner: 'report' }]);
    });

    it('an item of a nested list that starts on its parent’s dash line: its text, and the line break after it', () => {
      const text = 'list:\n  - - a\n    - b\n';
      assert.equal(applyEdit(text, removeItem(text, ['list', 0], 0)), 'list:\n  - - b\n');
    });

    it('a refusal is a YamlEditError that sends the manager to the text editor', () => {
      // Moving that nested item would need text that is not its own (the parent's dash line): refused.
      assert.throws(() => moveItem('list:\n  - - a\n    - b\n', ['list', 0], 0, 1), (e: unknown) => e instanceof YamlEditError && /text editor/.test(e.message));
    });

    it('the edit layer checks its own removals: a removal that would take a comment line above the item is never made', () => {
      const text = 'k:\n  - a\n  # about b\n  - b\n';
      const edit: TextEdit = removeItem(text, ['k'], 1);
      assert.equal(applyEdit(text, edit), 'k:\n  - a\n  # about b\n');
      const keys = 'a: 1\nb: 2 # two\nc: 3\n';
      assert.equal(applyEdit(keys, removeKey(keys, ['b'])), 'a: 1\nc: 3\n');
    });

    it('the check refuses any edit that touches bytes outside the named item, even when the values read back right', () => {
      const text = 'k:\n  - a   # keep me\n  - \'b\'\n  - c\n';
      // Written again from the values: same list, but a comment lost and a quoting changed.
      const rewrite: TextEdit = { offset: 3, length: text.length - 3, text: '  - a\n  - b\n' };
      assert.equal(removesItemOnly(text, rewrite, ['k'], 2), false);
      assert.equal(removesItemOnly(text, removeItem(text, ['k'], 2), ['k'], 2), true);
      // A removal that takes the next item's comment, or a comment line above the item.
      assert.equal(removesItemOnly(text, { offset: 3, length: '  - a   # keep me\n'.length, text: '' }, ['k'], 0), true);
      assert.equal(removesItemOnly('k:\n  - a\n  # about b\n  - b\n', { offset: 9, length: 18, text: '' }, ['k'], 1), false);
      // A move that also changes another item's quoting; an insertion that moves a comment onto the new item's line.
      const moved = 'k:\n  - b\n  - a   # keep me\n  - c\n';
      assert.equal(movesOnly(text, moved, ['k'], 0, 1), false);
      assert.equal(movesOnly(text, applyEdit(text, moveItem(text, ['k'], 0, 1)), ['k'], 0, 1), true);
      assert.equal(insertsOnly(text, 'k:\n  - a\n  - new   # keep me\n  - \'b\'\n  - c\n', ['k'], 1), false);
      // A set that reaches past its value into the next line.
      assert.equal(changesOnlyValue('a: 1 # one\nb: 2\n', { offset: 3, length: 9, text: '5 # one\nb:' }, ['a']), false);
      assert.equal(changesOnlyValue('a: 1 # one\nb: 2\n', { offset: 3, length: 1, text: '5' }, ['a']), true);
    });
  });
});
