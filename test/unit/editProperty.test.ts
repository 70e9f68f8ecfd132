/**
 * Property tests of the YAML edit layer: random documents in random styles, a random edit each. Whatever the input,
 * the edited text must parse, hold the new value at the path, hold every other value unchanged, keep every comment,
 * and differ from the input only inside the one replaced span. Seeded, so a failure names a reproducible case.
 */
import * as assert from 'node:assert/strict';
import { Document, isMap, isScalar, isSeq, Lexer, parseDocument, visit } from 'yaml';
import type { Node as YamlNode, Scalar } from 'yaml';
import { appendIn, appendItem, applyEdit, composeEdits, moveItem, removeItem, removeKey, setIn as setInText, setValue } from '../../src/core/edit/yamlEdit';
import type { EditPath, PlainValue } from '../../src/core/edit/yamlEdit';
import { seededRandom } from '../support/rng';

const KEYS = ['name', 'notes', 'prep', 'topics', 'zoë', 'ключ', 'a b', 'x-y', '日本', 'date', 'id', 'k1'];
const STRINGS = ['plain', 'with: colon', '#hash', 'true', '12', '', 'ünïcödé ✓', 'multi\nline\n', 'it\'s', '"dq"', '- dash', 'a, b', '[x]', '{y}', 'trailing ', ' leading', '2026-11-24', 'null', '~', 'tab\there', '😀 emoji'];

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function randomScalar(r: R): PlainValue {
  const x = r();
  if (x < 0.7) return pick(r, STRINGS);
  if (x < 0.8) return Math.floor(r() * 1000);
  if (x < 0.9) return r() < 0.5;
  return null;
}

/** A document's top level: two to four random keys with random values. */
function randomRoot(r: R): Record<string, PlainValue> {
  const root: Record<string, PlainValue> = {};
  for (let i = 0; i < 2 + Math.floor(r() * 3); i++) root[pick(r, KEYS)] = randomValue(r, 3);
  return root;
}

function randomValue(r: R, depth: number): PlainValue {
  const x = r();
  if (depth <= 0 || x < 0.4) return randomScalar(r);
  if (x < 0.75) {
    const o: Record<string, PlainValue> = {};
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) o[pick(r, KEYS)] = randomValue(r, depth - 1);
    return o;
  }
  return Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomValue(r, depth - 1));
}

/** Renders a value as YAML with random styles, comments and blank lines. */
function render(r: R, value: PlainValue): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_, node) {
      const s = node as Scalar;
      if (typeof s.value === 'string') {
        const y = r();
        s.type = s.value.includes('\n') ? (y < 0.5 ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE') : y < 0.5 ? 'PLAIN' : y < 0.75 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      }
      if (r() < 0.15) s.comment = ` note ${Math.floor(r() * 100)}`;
    },
    Map(_, node) {
      if (r() < 0.25) node.flow = true;
      if (r() < 0.2) (node as YamlNode).commentBefore = ` map comment ${Math.floor(r() * 100)}`;
    },
    Seq(_, node) {
      if (r() < 0.25) node.flow = true;
    },
    Pair(_, pair) {
      if (r() < 0.15 && pair.key && typeof pair.key === 'object') (pair.key as YamlNode).spaceBefore = true;
      if (r() < 0.1 && pair.key && typeof pair.key === 'object') (pair.key as YamlNode).commentBefore = ` before ${Math.floor(r() * 100)}`;
    },
  });
  if (r() < 0.3) doc.commentBefore = ' top comment';
  let text = doc.toString({ lineWidth: 0 });
  if (r() < 0.25) text = text.replace(/\n/g, '\r\n');
  return text;
}

/**
 * Every comment in a document, as a sorted list (edits must not drop, add or change any). Taken from the lexer's
 * tokens: exact, whatever node the parser would attach a comment to.
 */
function comments(text: string): string[] {
  return [...new Lexer().lex(text)].filter((t) => t.startsWith('#')).map((t) => t.trim()).sort();
}

type Target = { kind: 'scalar' | 'map' | 'seq'; path: EditPath; inFlow: boolean };

function targets(text: string): Target[] {
  const doc = parseDocument(text);
  const out: Target[] = [];
  const walk = (node: unknown, path: EditPath, inFlow: boolean): void => {
    if (isMap(node)) {
      const flow = inFlow || Boolean(node.flow);
      out.push({ kind: 'map', path, inFlow: flow });
      for (const p of node.items) if (isScalar(p.key)) walk(p.value, [...path, String(p.key.value)], flow);
    } else if (isSeq(node)) {
      const flow = inFlow || Boolean(node.flow);
      out.push({ kind: 'seq', path, inFlow: flow });
      node.items.forEach((item, i) => walk(item, [...path, i], flow));
    } else if (isScalar(node) && path.length > 0 && typeof path[path.length - 1] === 'string') {
      out.push({ kind: 'scalar', path, inFlow });
    }
  };
  walk(doc.contents, [], false);
  return out;
}

function getIn(v: unknown, path: EditPath): unknown {
  return path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown>)[k], v);
}

function setIn(v: unknown, path: EditPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[path[0]] = setIn(copy[path[0]], path.slice(1), value);
  return copy;
}

describe('YAML edits: properties over random documents', () => {
  // EDIT_PROPERTY_CASES raises the count for a longer hunt; CI runs the default.
  const CASES = Number(process.env.EDIT_PROPERTY_CASES ?? 400);
  it(`${CASES} random documents × a random edit: valid, exact, and nothing else changed`, () => {
    let edits = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const r = seededRandom(seed);
      const root = randomRoot(r);
      const text = render(r, root);
      const before = parseDocument(text);
      if (before.errors.length > 0) continue; // the renderer's own output is always valid; be safe anyway
      const all = targets(text);
      const t = pick(r, all);
      const value = randomScalar(r);
      const label = `seed ${seed}: ${t.kind} at ${JSON.stringify(t.path)}\n${text}`;
      let edit;
      let expected: unknown;
      if (t.kind === 'scalar') {
        edit = setValue(text, t.path, value);
        expected = setIn(before.toJS(), t.path, value);
      } else if (t.kind === 'map') {
        const key = `new-${seed}`;
        edit = setValue(text, [...t.path, key], value);
        expected = setIn(before.toJS(), [...t.path, key], value);
      } else {
        edit = appendItem(text, t.path, value);
        expected = setIn(before.toJS(), t.path, [...(getIn(before.toJS(), t.path) as unknown[]), value]);
      }
      const out = applyEdit(text, edit);
      const after = parseDocument(out);
      assert.deepEqual(after.errors.map((e) => e.message), [], `${label}\n→\n${out}`);
      assert.deepEqual(after.toJS(), expected, `${label}\n→\n${out}`);
      assert.deepEqual(comments(out), comments(text), `${label}\n→\n${out}`);
      assert.equal(out.slice(0, edit.offset), text.slice(0, edit.offset));
      assert.equal(out.slice(edit.offset + edit.text.length), text.slice(edit.offset + edit.length));
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), `${label}: line ends kept`);
      edits++;
    }
    assert.ok(edits > CASES * 0.9, `${edits} edits checked`);
  });

  it(`${CASES} random documents × removing or moving a list item: exact, comments kept (or gone with the item)`, () => {
    let edits = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const r = seededRandom(seed * 7 + 3);
      const root = randomRoot(r);
      root.list = Array.from({ length: 1 + Math.floor(r() * 4) }, () => randomValue(r, 2));
      const text = render(r, root);
      const before = parseDocument(text);
      if (before.errors.length > 0) continue;
      const seqs = targets(text).filter((t) => t.kind === 'seq');
      const t = pick(r, seqs);
      const items = getIn(before.toJS(), t.path) as unknown[];
      const from = Math.floor(r() * items.length);
      const remove = r() < 0.5;
      const to = Math.floor(r() * items.length);
      const edit = remove ? removeItem(text, t.path, from) : moveItem(text, t.path, from, to);
      const next = [...items];
      const [moved] = next.splice(from, 1);
      if (!remove) next.splice(to, 0, moved);
      const out = applyEdit(text, edit);
      const label = `seed ${seed}: ${remove ? 'remove' : `move to ${to}`} item ${from} of ${JSON.stringify(t.path)}\n${text}\n→\n${out}`;
      const after = parseDocument(out);
      assert.deepEqual(after.errors.map((e) => e.message), [], label);
      assert.deepEqual(after.toJS(), setIn(before.toJS(), t.path, next), label);
      const was = comments(text);
      const now = comments(out);
      if (remove) assert.ok(now.every((c) => was.includes(c)) && now.length <= was.length, label);
      else assert.deepEqual(now, was, label);
      edits++;
    }
    assert.ok(edits > CASES * 0.9, `${edits} edits checked`);
  });

  it(`${CASES} random documents × removing a key, creating a nested key, or inserting an item mid-list: exact`, () => {
    let edits = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const r = seededRandom(seed * 13 + 5);
      const root = randomRoot(r);
      root.list = Array.from({ length: 2 + Math.floor(r() * 3) }, () => randomValue(r, 1));
      const text = render(r, root);
      const before = parseDocument(text);
      if (before.errors.length > 0) continue;
      const js = before.toJS();
      const x = r();
      let edit;
      let expected: unknown;
      let what: string;
      if (x < 0.4) {
        // Remove a key of a mapping (not the root's only key).
        const pairs = targets(text).filter((t) => t.kind !== 'map' && typeof t.path[t.path.length - 1] === 'string' && t.path.length > 0);
        const t = pick(r, pairs);
        const parent = t.path.slice(0, -1);
        const siblings = Object.keys((parent.length === 0 ? js : getIn(js, parent)) as object);
        if (siblings.length < 2) continue;
        what = `remove ${JSON.stringify(t.path)}`;
        try {
          edit = removeKey(text, t.path);
        } catch (e) {
          assert.fail(`seed ${seed}: ${what}: ${(e as Error).message}\n${text}`);
        }
        const copy = structuredClone(parent.length === 0 ? js : getIn(js, parent)) as Record<string, unknown>;
        delete copy[t.path[t.path.length - 1] as string];
        expected = parent.length === 0 ? copy : setIn(js, parent, copy);
      } else if (x < 0.7) {
        // A value two levels below a mapping that does not have them yet (the form's `prep.manager.feedback`).
        const maps = targets(text).filter((t) => t.kind === 'map');
        const t = pick(r, maps);
        const path = [...t.path, `new-${seed}`, 'inner'];
        what = `set ${JSON.stringify(path)}`;
        const value = randomScalar(r);
        edit = setInText(text, path, value);
        expected = setIn(js, t.path, { ...(getIn(js, t.path) as object), [`new-${seed}`]: { inner: value } });
      } else {
        // Append and move in one edit: an item inserted after item `after` (Enter in the form).
        const items = js.list as unknown[];
        const after = Math.floor(r() * (items.length - 1));
        const value = randomScalar(r);
        what = `insert after ${after}`;
        edit = composeEdits(text, [(t) => appendIn(t, ['list'], value), (t) => moveItem(t, ['list'], items.length, after + 1)]);
        const next = [...items];
        next.splice(after + 1, 0, value);
        expected = { ...js, list: next };
      }
      const out = applyEdit(text, edit);
      const label = `seed ${seed}: ${what}\n${text}\n→\n${out}`;
      const after = parseDocument(out);
      assert.deepEqual(after.errors.map((e) => e.message), [], label);
      assert.deepEqual(after.toJS(), expected, label);
      const was = comments(text);
      const now = comments(out);
      assert.ok(now.every((c) => was.includes(c)) && (what.startsWith('remove') || now.length === was.length), `comments: ${label}`);
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), `${label}: line ends kept`);
      edits++;
    }
    assert.ok(edits > CASES * 0.6, `${edits} edits checked`);
  });
});
