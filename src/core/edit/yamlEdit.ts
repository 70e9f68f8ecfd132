/**
 * Minimal edits of YAML text. Each function returns one text edit (offset, length, new text) that changes only the
 * value it is about: comments, key order, unknown keys, blank lines and quoting elsewhere stay byte-identical.
 * The VS Code layer turns the edit into a WorkspaceEdit on the document; the tests apply it to a string.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { Document, Node as YamlNode, YAMLMap, YAMLSeq } from 'yaml';

export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export type EditPath = ReadonlyArray<string | number>;
export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue | undefined };

export class YamlEditError extends Error {}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

function parse(text: string): Document.Parsed {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new YamlEditError('The file has YAML syntax errors; fix them before editing it here.');
  return doc;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

const PLAIN_SAFE = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^\n#]*$/;

/** A scalar as YAML text. In flow context (inside `[...]` or `{...}`) strings are double-quoted unless plainly safe. */
export function renderScalar(value: string | number | boolean | null, flow: boolean, indent: number, newline = '\n'): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (value.includes('\n')) {
    // Leading white space, or blank lines at the end, cannot be written exactly as a block scalar in every place.
    if (flow || /^\s/.test(value) || /\n[ \t]*\n$/.test(value)) return JSON.stringify(value);
    const chomp = value.endsWith('\n') ? '' : '-';
    const body = (value.endsWith('\n') ? value.slice(0, -1) : value).split('\n');
    return `|${chomp}${body.map((l) => `${newline}${l === '' ? '' : ' '.repeat(indent) + l}`).join('')}`;
  }
  if (flow) {
    // Plain only when it cannot be read as anything but this string and has no flow indicators.
    return PLAIN_SAFE.test(value) && !/[,[\]{}]|: | $/.test(value) && readsBack(value) ? value : JSON.stringify(value);
  }
  const out = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return out.includes('\n') ? JSON.stringify(value) : out;
}

function readsBack(plain: string): boolean {
  try {
    return parseDocument(plain).toJS() === plain;
  } catch {
    return false;
  }
}

/** A value (scalar or collection) as block YAML lines, each indented by `indent` spaces, ending with a newline. */
function renderBlock(value: PlainValue, indent: number, newline: string): string {
  const text = stringify(value, { lineWidth: 0 });
  return text.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l)).join(newline) + newline;
}

function renderFlow(value: PlainValue): string {
  if (value === null || typeof value !== 'object') return renderScalar(value, true, 0);
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  return `{${Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${renderScalar(k, true, 0)}: ${renderFlow(v as PlainValue)}`).join(', ')}}`;
}

function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function nodeAt(doc: Document.Parsed, path: EditPath): unknown {
  return path.length === 0 ? doc.contents : doc.getIn(path, true);
}

/** The last node inside a block collection (the last item, or the last pair's value, or its key when empty). */
function lastContent(node: YAMLMap | YAMLSeq): YamlNode {
  const last = node.items[node.items.length - 1] as unknown;
  if (last && typeof last === 'object' && 'key' in (last as object)) {
    const pair = last as { key: YamlNode; value: YamlNode | null };
    return pair.value?.range && pair.value.range[1] > pair.key.range![1] ? pair.value : pair.key;
  }
  return (last as YamlNode | undefined) ?? (node as unknown as YamlNode);
}

/**
 * Where a new line can go after a block collection's content: the start of the line after its last item, so that
 * blank lines and comments after it stay where they are.
 */
function afterNode(text: string, collection: YAMLMap | YAMLSeq): { offset: number; prefix: string } {
  const last = lastContent(collection);
  let offset = last.range![1];
  // A block scalar's range takes in the blank lines after it; the new line goes before them (not for `|+`, where
  // they are content).
  const keep = isScalar(last) && /^[|>][1-9]?\+/.test(text.slice(last.range![0], last.range![0] + 3));
  while (!keep && offset > last.range![0] && text[offset - 1] === '\n') {
    const prevStart = lineStart(text, offset - 1);
    if (prevStart <= last.range![0] || text.slice(prevStart, offset - 1).trim() !== '') break;
    offset = prevStart;
  }
  // Collections end at the start of the next line: that is the place. Scalars end where the value ends: go on to
  // the end of that line (past a trailing comment) and then to the next line.
  if (offset > 0 && text[offset - 1] === '\n') return { offset, prefix: '' };
  offset = lineEnd(text, offset);
  if (offset >= text.length && (text.length === 0 || text[text.length - 1] !== '\n')) return { offset: text.length, prefix: newlineOf(text) };
  if (text[offset] === '\n') return { offset: offset + 1, prefix: '' };
  if (text[offset] === '\r' && text[offset + 1] === '\n') return { offset: offset + 2, prefix: '' };
  return { offset, prefix: '' };
}

/** Sets the value at `path` (a key in a mapping). Replaces an existing value, or adds the key at the mapping's end. */
export function setValue(text: string, path: EditPath, value: PlainValue): TextEdit {
  if (path.length === 0) throw new YamlEditError('No key given.');
  const doc = parse(text);
  const nl = newlineOf(text);
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (isSeq(parent) && typeof key === 'number') {
    const item = parent.items[key] as YamlNode | null | undefined;
    if (!item?.range) throw new YamlEditError(`No item ${key + 1} in ${path.slice(0, -1).join('.')}.`);
    return replaceNode(text, item, value, parent.flow ?? false, columnOf(text, item.range[0]), nl, path);
  }
  if (!isMap(parent)) {
    if (path.length === 1 && (parent === null || (isScalar(parent) && parent.value === null))) {
      return { offset: text.length, length: 0, text: (text.length > 0 && !text.endsWith('\n') ? nl : '') + renderBlock({ [String(key)]: value }, 0, nl) };
    }
    throw new YamlEditError(`Cannot set ${path.join('.')}: its parent is not a mapping.`);
  }
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
  if (pair) {
    const v = pair.value as YamlNode | null;
    const keyNode = pair.key as YamlNode;
    const keyCol = columnOf(text, keyNode.range![0]);
    if (!v || (isScalar(v) && v.value === null && v.range && v.range[0] === v.range[1])) {
      // `key:` with nothing after it.
      return insertAfterKey(text, keyNode, value, parent.flow ?? false, keyCol, nl);
    }
    return replaceNode(text, v, value, parent.flow ?? false, keyCol + 2, nl, path);
  }
  return addPair(text, parent, String(key), value, nl);
}

/** Replaces a value node in place; `indent` is the column block content under it starts at. */
function replaceNode(text: string, v: YamlNode, value: PlainValue, parentFlow: boolean, indent: number, nl: string, path: EditPath): TextEdit {
  if (!v.range || !(isScalar(v) || (value !== null && typeof value === 'object') || isMap(v) || isSeq(v))) {
    throw new YamlEditError(`Cannot replace the value of ${path.join('.')}.`);
  }
  const flow = parentFlow;
  let rendered = value !== null && typeof value === 'object'
    ? (flow || (v as YAMLMap).flow || (Array.isArray(value) && value.length === 0) ? renderFlow(value) : nl + renderBlock(value, indent, nl).replace(new RegExp(`${nl}$`), ''))
    : renderScalar(value, flow, indent, nl);
  // A block scalar's header may carry a comment (`| # note`), inside the value's range: it is kept.
  if (isScalar(v) && (v.type === 'BLOCK_LITERAL' || v.type === 'BLOCK_FOLDED')) {
    const header = text.slice(v.range[0], lineEnd(text, v.range[0])).replace(/\r$/, '');
    const comment = /\s(#.*)$/.exec(header)?.[1];
    if (comment) {
      const cut = rendered.indexOf(nl);
      rendered = cut < 0 ? `${rendered} ${comment}` : `${rendered.slice(0, cut)} ${comment}${rendered.slice(cut)}`;
    }
  }
  // An empty item (`-` alone on its line) has an empty value right after the dash: keep a space between them.
  if (isScalar(v) && v.value === null && v.range[0] === v.range[1] && v.range[0] > 0 && !/\s/.test(text[v.range[0] - 1]) && !rendered.startsWith(nl)) {
    rendered = ` ${rendered}`;
  }
  // Block scalars and block collections own the line breaks after them; those stay.
  let end = v.range[1];
  while (end > v.range[0] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  // A comment after the old value on its line would end up inside a new block scalar: it moves onto the block
  // header (`| # comment`), where it stays a comment.
  const eol = lineEnd(text, end);
  const rest = text.slice(end, text[eol - 1] === '\r' ? eol - 1 : eol);
  if (/^[|>]/.test(rendered) && rendered.includes(nl) && rest.trim() !== '') {
    const header = rendered.slice(0, rendered.indexOf(nl));
    return { offset: v.range[0], length: end + rest.length - v.range[0], text: header + rest + rendered.slice(header.length) };
  }
  return { offset: v.range[0], length: end - v.range[0], text: rendered };
}

function insertAfterKey(text: string, keyNode: YamlNode, value: PlainValue, flow: boolean, keyCol: number, nl: string): TextEdit {
  const colon = text.indexOf(':', keyNode.range![1]);
  const at = colon + 1;
  // The end of the key's line, before its line break (`\r\n` too), and what is written after the colon (a comment).
  let end = lineEnd(text, at);
  if (text[end - 1] === '\r') end--;
  const rest = text.slice(at, end);
  if (flow || value === null || typeof value !== 'object') {
    const rendered = flow ? renderFlow(value) : renderScalar(value as string, false, keyCol + 2, nl);
    const cut = rendered.indexOf(nl);
    if (cut < 0 || rest.trim() === '') return { offset: at, length: 0, text: ` ${rendered}` };
    // A block scalar: its header goes right after the colon and keeps the comment; the lines follow.
    return { offset: at, length: end - at, text: ` ${rendered.slice(0, cut)}${rest}${rendered.slice(cut)}` };
  }
  return { offset: end, length: 0, text: nl + renderBlock(value, keyCol + 2, nl).replace(new RegExp(`${nl}$`), '') };
}

/** What goes before a new entry of a flow collection: `, ` after an entry, nothing after `[`, `{` or a trailing `,`. */
function flowSeparator(text: string, open: number, close: number, items: number): string {
  if (items === 0) return '';
  // The text before the closing bracket, comments aside: `[a, b,]` already ends with a separator.
  const before = text.slice(open, close).replace(/#[^\n]*/g, '').trimEnd();
  return before.endsWith(',') ? ' ' : ', ';
}

function addPair(text: string, map: YAMLMap, key: string, value: PlainValue, nl: string): TextEdit {
  if (map.flow) {
    const close = text.lastIndexOf('}', map.range![1] - 1);
    const sep = flowSeparator(text, map.range![0], close, map.items.length);
    return { offset: close, length: 0, text: `${sep}${renderScalar(key, true, 0)}: ${renderFlow(value)}` };
  }
  const first = map.items[0]?.key as YamlNode | undefined;
  const indent = first?.range ? columnOf(text, first.range[0]) : 0;
  const { offset, prefix } = afterNode(text, map);
  return { offset, length: 0, text: prefix + renderBlock({ [key]: value }, indent, nl) };
}

/**
 * For a list that is the value of a key in a block mapping: where the text after `key:` starts (just after the
 * colon), the comment on that line if any, and the end of the list's own text. Undefined for any other layout.
 */
function keyedList(text: string, doc: Document.Parsed, path: EditPath, seq: YAMLSeq): { colon: number; comment: string; end: number; keyCol: number } | undefined {
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isMap(parent) || parent.flow || typeof key !== 'string') return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  const keyRange = (pair?.key as YamlNode | undefined)?.range;
  if (!keyRange || !seq.range) return undefined;
  const colon = text.indexOf(':', keyRange[1]);
  const between = /^([ \t]*)(#[^\r\n]*)?(\r?\n[ \t\r\n]*)?$/.exec(text.slice(colon + 1, seq.range[0]));
  if (colon < 0 || !between) return undefined;
  let end = seq.range[1];
  while (end > seq.range[0] && /\s/.test(text[end - 1])) end--;
  return { colon, comment: between[2] ?? '', end, keyCol: columnOf(text, keyRange[0]) };
}

/** Appends an item to the list at `path`; creates the list (as a block list) when the key is missing or empty. */
export function appendItem(text: string, path: EditPath, item: PlainValue): TextEdit {
  const doc = parse(text);
  const nl = newlineOf(text);
  const node = nodeAt(doc, path);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return setValue(text, path, [item]);
  if (!isSeq(node)) throw new YamlEditError(`${path.join('.')} is not a list.`);
  const seq = node as YAMLSeq;
  if (seq.flow && seq.items.length === 0) {
    // `feedback: []` (a new note's empty list) becomes a block list with its first item, as people write lists.
    const at = keyedList(text, doc, path, seq);
    const rest = at ? text.slice(at.end, lineEnd(text, at.end)).trim() : '#';
    if (at && rest === '' && at.comment === '') {
      return { offset: at.colon + 1, length: at.end - (at.colon + 1), text: nl + renderBlock([item], at.keyCol + 2, nl).replace(new RegExp(`${nl}$`), '') };
    }
  }
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range![1] - 1);
    return { offset: close, length: 0, text: `${flowSeparator(text, seq.range![0], close, seq.items.length)}${renderFlow(item)}` };
  }
  const indent = columnOf(text, seq.range![0]);
  const { offset, prefix } = afterNode(text, seq);
  return { offset, length: 0, text: prefix + renderBlock([item], indent, nl) };
}

/** Renames the key at `path`, keeping its value and everything around it. */
export function renameKey(text: string, path: EditPath, newKey: string): TextEdit {
  const doc = parse(text);
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = String(path[path.length - 1]);
  if (!isMap(parent)) throw new YamlEditError(`Cannot rename ${path.join('.')}.`);
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (!pair || !(pair.key as YamlNode).range) throw new YamlEditError(`No key ${path.join('.')}.`);
  const r = (pair.key as YamlNode).range!;
  return { offset: r[0], length: r[1] - r[0], text: renderScalar(newKey, parent.flow ?? false, 0) };
}

function seqAt(doc: Document.Parsed, path: EditPath): YAMLSeq {
  const node = nodeAt(doc, path);
  if (!isSeq(node)) throw new YamlEditError(`${path.join('.')} is not a list.`);
  return node as YAMLSeq;
}

/** Each item's own text (trailing white space left out) as offsets; the text between items is the gaps. */
function itemSlices(text: string, seq: YAMLSeq): Array<[number, number]> {
  return seq.items.map((it) => {
    const r = (it as YamlNode | null)?.range;
    if (!r) throw new YamlEditError('A list item has no position.');
    let end = r[1];
    while (end > r[0] && /\s/.test(text[end - 1])) end--;
    // In a block list, a comment on the item's last line belongs to the item and moves with it. (In a flow list
    // the separator comes after it, so there it stays put.)
    const eol = lineEnd(text, end);
    const rest = text.slice(end, text[eol - 1] === '\r' ? eol - 1 : eol);
    if (!seq.flow && /^\s*#/.test(rest)) end += rest.length;
    return [r[0], end];
  });
}

/** The list's values as plain data, aliases resolved (they stand for their anchor's value). */
function listValues(doc: Document.Parsed, path: EditPath): PlainValue[] {
  const js = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const v = path.reduce<unknown>((cur, k) => (cur === null || typeof cur !== 'object' ? undefined : (cur as Record<string | number, unknown>)[k]), js);
  return (Array.isArray(v) ? v : []) as PlainValue[];
}

/**
 * Whether a node is, holds, or has in it an anchor or an alias: its values are shared with other places, so it is
 * never written again from its values (and the form does not edit it).
 */
export function hasAnchors(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (isAlias(node) || (node as { anchor?: string }).anchor) return true;
  if (isMap(node)) return node.items.some((p) => hasAnchors(p.value));
  if (isSeq(node)) return node.items.some(hasAnchors);
  return false;
}

/**
 * The minimal edit is checked before it is returned: if the text it gives does not read back as exactly the
 * expected list (an unusual layout), the list is written again from its values instead: still exact, though
 * comments inside that list may be lost. A list with anchors or aliases is not written again (that would copy the
 * anchored values): the edit is refused.
 */
function verifiedListEdit(text: string, path: EditPath, edit: TextEdit, expected: PlainValue[], seq: YAMLSeq): TextEdit {
  const out = parseDocument(applyEdit(text, edit));
  if (out.errors.length === 0 && JSON.stringify(listValues(out, path)) === JSON.stringify(expected)) return edit;
  if (hasAnchors(seq)) throw new YamlEditError(`${path.join('.')} uses YAML anchors or aliases; change it in the text editor.`);
  return setValue(text, path, expected);
}

/** Removes item `index` of the list at `path` (with the separator after it; comments next to it may go too). */
export function removeItem(text: string, path: EditPath, index: number): TextEdit {
  const doc = parse(text);
  const seq = seqAt(doc, path);
  if (index < 0 || index >= seq.items.length) throw new YamlEditError(`No item ${index + 1} in ${path.join('.')}.`);
  const expected = listValues(doc, path).filter((_, i) => i !== index);
  if (seq.items.length === 1) {
    if (hasAnchors(seq)) throw new YamlEditError(`${path.join('.')} uses YAML anchors or aliases; change it in the text editor.`);
    // The only item: the list becomes `key: []`, written right after the colon (whatever the list's indentation).
    const at = seq.flow ? undefined : keyedList(text, doc, path, seq);
    if (at) return { offset: at.colon + 1, length: at.end - (at.colon + 1), text: ` []${at.comment ? ` ${at.comment}` : ''}` };
    return setValue(text, path, []);
  }
  const r = itemSlices(text, seq);
  // In a block list, the item's own lines go (`- ` to the end of its last line); comment lines around it stay.
  const dashStart = lineStart(text, r[index][0]);
  if (!seq.flow && /^\s*-\s*$/.test(text.slice(dashStart, r[index][0]))) {
    const eol = lineEnd(text, r[index][1]);
    const lines = { offset: dashStart, length: (eol < text.length ? eol + 1 : eol) - dashStart, text: '' };
    const out = parseDocument(applyEdit(text, lines));
    if (out.errors.length === 0 && JSON.stringify(listValues(out, path)) === JSON.stringify(expected)) return lines;
  }
  const edit = index + 1 < r.length
    ? { offset: r[index][0], length: r[index + 1][0] - r[index][0], text: '' }
    : { offset: r[index - 1][1], length: r[index][1] - r[index - 1][1], text: '' };
  return verifiedListEdit(text, path, edit, expected, seq);
}

/** Moves item `from` of the list at `path` to position `to`; each item's text moves unchanged, separators stay. */
export function moveItem(text: string, path: EditPath, from: number, to: number): TextEdit {
  const doc = parse(text);
  const seq = seqAt(doc, path);
  const n = seq.items.length;
  if (from < 0 || from >= n || to < 0 || to >= n) throw new YamlEditError(`Cannot move item ${from + 1} to ${to + 1} in ${path.join('.')}.`);
  if (from === to) return { offset: 0, length: 0, text: '' };
  const expected = listValues(doc, path);
  const [value] = expected.splice(from, 1);
  expected.splice(to, 0, value);
  const r = itemSlices(text, seq);
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const items = r.slice(lo, hi + 1).map(([a, b]) => text.slice(a, b));
  const gaps = r.slice(lo, hi).map(([, b], k) => text.slice(b, r[lo + k + 1][0]));
  const [moved] = items.splice(from - lo, 1);
  items.splice(to - lo, 0, moved);
  const edit = { offset: r[lo][0], length: r[hi][1] - r[lo][0], text: items.map((it, k) => it + (gaps[k] ?? '')).join('') };
  return verifiedListEdit(text, path, edit, expected, seq);
}

/**
 * Sets the value at `path`, creating the mappings on the way when they are missing or empty (`prep:` with nothing
 * under it). Lists on the way must exist: an index into a missing list is an error.
 */
export function setIn(text: string, path: EditPath, value: PlainValue): TextEdit {
  if (path.length === 0) throw new YamlEditError('No key given.');
  const doc = parse(text);
  // Walk down while the path exists; stop at the first missing (or empty) step and create the rest from there.
  // Anything else on the way (a text where a mapping belongs, a list) is the user's: it is never replaced.
  let node: unknown = doc.contents;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const seg = path[depth];
    let child: unknown;
    if (isMap(node)) child = (node as YAMLMap).items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') child = (node as YAMLSeq).items[seg];
    else if (depth === 0 && (node === null || (isScalar(node) && node.value === null))) child = undefined;
    else throw new YamlEditError(`${path.slice(0, depth).join('.') || 'The file'} holds something else than a mapping; edit it in the text editor.`);
    if (child === undefined || child === null || (isScalar(child) && child.value === null)) {
      if (typeof seg === 'number') throw new YamlEditError(`No item ${seg + 1} in ${path.slice(0, depth).join('.')}.`);
      let nested: PlainValue = value;
      for (let i = path.length - 1; i > depth; i--) {
        const s = path[i];
        if (typeof s === 'number') throw new YamlEditError(`No list at ${path.slice(0, i).join('.')}.`);
        nested = { [s]: nested };
      }
      return setValue(text, path.slice(0, depth + 1), nested);
    }
    if (isAlias(child)) throw new YamlEditError(`${path.slice(0, depth + 1).join('.')} is written elsewhere (an alias); edit it in the text editor.`);
    node = child;
  }
  if (!isMap(node) && !(isSeq(node) && typeof path[path.length - 1] === 'number') && !(path.length === 1 && (node === null || (isScalar(node) && node.value === null)))) {
    throw new YamlEditError(`${path.slice(0, -1).join('.') || 'The file'} holds something else than a mapping; edit it in the text editor.`);
  }
  return setValue(text, path, value);
}

/** Appends to the list at `path`, creating the list (and mappings above it) when missing. */
export function appendIn(text: string, path: EditPath, item: PlainValue): TextEdit {
  const doc = parse(text);
  const node = nodeAt(doc, path);
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return setIn(text, path, [item]);
  return appendItem(text, path, item);
}

/** Removes the key at `path` from its mapping, with its value and the line break after it. */
export function removeKey(text: string, path: EditPath): TextEdit {
  if (path.length === 0) throw new YamlEditError('No key given.');
  const doc = parse(text);
  const parent = nodeAt(doc, path.slice(0, -1));
  const key = String(path[path.length - 1]);
  if (!isMap(parent)) throw new YamlEditError(`Cannot remove ${path.join('.')}.`);
  const map = parent as YAMLMap;
  const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  if (index < 0) return { offset: 0, length: 0, text: '' };
  const expected = Object.fromEntries(Object.entries(map.toJSON() as Record<string, PlainValue>).filter(([k]) => k !== key)) as PlainValue;
  const pair = map.items[index];
  const start = (pair.key as YamlNode).range![0];
  const valueNode = pair.value as YamlNode | null;
  let end = valueNode?.range ? valueNode.range[1] : (pair.key as YamlNode).range![1];
  let edit: TextEdit;
  if (map.flow) {
    // `{a: 1, b: 2}`: the entry and the separator after it (or before it, for the last entry).
    const next = map.items[index + 1];
    if (next) edit = { offset: start, length: (next.key as YamlNode).range![0] - start, text: '' };
    else if (index > 0) {
      const prev = map.items[index - 1];
      const prevEnd = ((prev.value as YamlNode | null)?.range ?? (prev.key as YamlNode).range!)[1];
      edit = { offset: prevEnd, length: end - prevEnd, text: '' };
    } else edit = { offset: start, length: end - start, text: '' };
  } else {
    // Block: whole lines, from the key's line to the end of the value's last line (a comment on it goes too).
    while (end > start && /\s/.test(text[end - 1])) end--;
    const from = lineStart(text, start);
    const prefix = text.slice(from, start).trim();
    // Before the key on its line: nothing (a whole-line entry), or the dashes of the list items it opens (`- - key:`).
    const opensItem = /^-(\s+-)*$/.test(prefix);
    if (prefix !== '' && !opensItem) throw new YamlEditError(`Cannot remove ${path.join('.')} here; edit it in the text editor.`);
    const eol = lineEnd(text, end);
    const through = eol < text.length ? eol + 1 : eol;
    // A `- key: value` first entry of a list item keeps its dash: only the entry goes, and the next entry moves up.
    if (opensItem) {
      const next = map.items[index + 1];
      if (!next) throw new YamlEditError(`Cannot remove the only key of a list item (${path.join('.')}).`);
      edit = { offset: start, length: (next.key as YamlNode).range![0] - start, text: '' };
    } else {
      edit = { offset: from, length: through - from, text: '' };
    }
  }
  const out = parseDocument(applyEdit(text, edit));
  const parentPath = path.slice(0, -1);
  const got = out.errors.length === 0 ? (parentPath.length === 0 ? out.toJS() : (out.getIn(parentPath) as { toJSON?(): unknown } | undefined)?.toJSON?.()) : undefined;
  if (JSON.stringify(got) === JSON.stringify(expected)) return edit;
  if (parentPath.length === 0) throw new YamlEditError(`Cannot remove ${path.join('.')} here; edit it in the text editor.`);
  return setValue(text, parentPath, expected);
}

/**
 * Runs edit steps one after the other (each computed on the text the previous one gave) and returns them as one
 * edit: the smallest range that differs. Several steps become one change, so one Undo reverts them together.
 */
export function composeEdits(text: string, steps: ReadonlyArray<(text: string) => TextEdit>): TextEdit {
  let out = text;
  for (const step of steps) out = applyEdit(out, step(out));
  return diffEdit(text, out);
}

/** The one edit that turns `before` into `after`: common prefix and suffix kept. */
export function diffEdit(before: string, after: string): TextEdit {
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { offset: p, length: before.length - p - s, text: after.slice(p, after.length - s) };
}
