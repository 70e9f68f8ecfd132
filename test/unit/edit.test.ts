import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { appendItem, applyEdit, renameKey, setValue, YamlEditError } from '../../src/core/edit/yamlEdit';
import type { EditPath, PlainValue, TextEdit } from '../../src/core/edit/yamlEdit';

const CORPUS: Record<string, string> = {
  block: '# Goals of Zoë Müller\ngoals:\n  - id: mentor # the first one\n    title: Mentor Sam\n    start: 2026-10-01\n\n  - id: demo\n    title: "Demo: to sales"\n    start: 2026-06-01\n    success: |\n      They say it helped.\n\n# trailing comment\nextra-key: kept\n',
  flow: 'goals:\n  - {id: mentor, title: Mentor Sam, start: 2026-10-01}\n  - {id: demo, title: Demo, start: 2026-06-01} # flow item\n',
  crlf: '# CRLF file\r\ngoals:\r\n  - id: mentor\r\n    title: Mentor Sam\r\n    start: 2026-10-01\r\n',
  anchors: 'base: &b 2026-10-01\ngoals:\n  - id: mentor\n    title: >-\n      Folded\n      title\n    start: *b\n',
};

function comments(text: string): string[] {
  // Quoted strings may hold a `#`; a comment starts at a `#` at the line start or after white space.
  return text.split(/\r?\n/).map((l) => l.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""').match(/(?:^|\s)(#.*)$/)?.[1]).filter((c): c is string => c !== undefined);
}

function js(text: string): unknown {
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, [], text);
  return doc.toJS();
}

function setIn(obj: unknown, path: EditPath, value: unknown): unknown {
  const copy = structuredClone(obj) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

/** The edit changes the value at `path` to `expected`, and nothing else: every other value and every comment stays. */
function checkEdit(name: string, text: string, edit: TextEdit, path: EditPath, expected: unknown): void {
  const out = applyEdit(text, edit);
  assert.deepEqual(js(out), setIn(js(text), path, expected), `${name}\n${out}`);
  assert.deepEqual(comments(out), comments(text), name);
  assert.equal(out.slice(0, edit.offset), text.slice(0, edit.offset), name);
  assert.equal(out.slice(edit.offset + edit.text.length), text.slice(edit.offset + edit.length), name);
  if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), `${name}: CRLF kept`);
}

describe('YAML edits', () => {
  for (const [name, text] of Object.entries(CORPUS)) {
    describe(name, () => {
      it('replaces a scalar in place', () => {
        const values: PlainValue[] = ['Mentor Sam and Kai', 'with: colon', 'true', '#hash', 'multi\nline\n', 'ünïcödé ✓', '2026-12-01'];
        for (const v of values) checkEdit(`${name} title=${JSON.stringify(v)}`, text, setValue(text, ['goals', 0, 'title'], v), ['goals', 0, 'title'], v);
      });

      it('adds a missing key to a mapping', () => {
        checkEdit(`${name} status`, text, setValue(text, ['goals', 0, 'status'], 'done'), ['goals', 0, 'status'], 'done');
        const last = (js(text) as { goals: unknown[] }).goals.length - 1;
        checkEdit(`${name} last end`, text, setValue(text, ['goals', last, 'end'], '2026-12-01'), ['goals', last, 'end'], '2026-12-01');
      });

      it('appends an item to a list', () => {
        const item = { id: 'new', title: 'Lead: the importer, [v2]', start: '2026-11-24' };
        const doc = js(text) as { goals: unknown[] };
        const out = applyEdit(text, appendItem(text, ['goals'], item));
        assert.deepEqual((js(out) as { goals: unknown[] }).goals, [...doc.goals, item]);
        assert.deepEqual(comments(out), comments(text));
      });

      it('adds a top-level list that did not exist', () => {
        const edit = appendItem(text, ['paused'], { from: '2026-11-24', reason: 'leave' });
        checkEdit(`${name} paused`, text, edit, ['paused'], [{ from: '2026-11-24', reason: 'leave' }]);
      });
    });
  }

  it('fills `key:` with no value, and an empty flow list', () => {
    const t = 'name: A\npaused:\nrole: x\n';
    checkEdit('null list', t, appendItem(t, ['paused'], { from: '2026-11-24' }), ['paused'], [{ from: '2026-11-24' }]);
    const f = 'prep:\n  report:\n    topics: []\n';
    checkEdit('empty flow', f, appendItem(f, ['prep', 'report', 'topics'], 'Hi, there'), ['prep', 'report', 'topics'], ['Hi, there']);
  });

  it('inserts before blank lines and comments that follow a block, keeping them in place', () => {
    const t = 'goals:\n  - id: b\n    success: |\n      multi\n\n# next\nother: 1\n';
    assert.equal(applyEdit(t, setValue(t, ['goals', 0, 'status'], 'done')), 'goals:\n  - id: b\n    success: |\n      multi\n    status: done\n\n# next\nother: 1\n');
  });

  it('renames a key and keeps its value and comment', () => {
    const t = 'date: 2026-11-24\nprpe: # typo\n  manager: {}\n';
    assert.equal(applyEdit(t, renameKey(t, ['prpe'], 'prep')), 'date: 2026-11-24\nprep: # typo\n  manager: {}\n');
  });

  it('works on a file without a final newline', () => {
    const t = 'name: A\nrole: x # c';
    assert.equal(applyEdit(t, setValue(t, ['since'], '2026-01-01')), 'name: A\nrole: x # c\nsince: 2026-01-01\n');
  });

  it('refuses to edit a file with syntax errors', () => {
    assert.throws(() => setValue('name: [A\n', ['role'], 'x'), YamlEditError);
  });
});
