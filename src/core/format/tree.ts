/**
 * The shape of one parsed YAML file with the source span of every node: what the schema walk in `parse.ts` reads.
 *
 * Two readers build it, and they must agree:
 * - `readTreeFast` uses js-yaml's event parser (`parseEvents`: a flat event stream with source offsets), about ten
 *   times faster than building `yaml`'s Document. It declines (returns undefined) on anything it does not reproduce
 *   exactly: parse errors, anchors, aliases, tags, directives, document markers after the first line, several
 *   documents, duplicate or empty keys, keys over 1000 characters, tabs, a lone `\r`, a byte order mark after the
 *   start, empty values inside flow collections, and text after a value where `yaml` would reject it.
 * - `treeFromDocument` converts `yaml`'s Document, which also reports syntax errors and warnings. It is the reference:
 *   `test/unit/readers.test.ts` runs both over every demo, fixture and generated file, hand-written unusual files and
 *   seeded mutations, and requires the same values and spans wherever the fast reader accepts a file.
 *
 * Spans follow `yaml`'s ranges: a scalar from its first character (the opening quote, the `|`/`>` of a block scalar)
 * to its end; an empty value is an empty span after its `:` or `-` and the spaces that follow; a flow collection from
 * its `[` or `{` to after its `]` or `}`. A block collection starts at its first key or `-` and ends after its last
 * entry's line; `yaml` sometimes also counts comment lines after it, which the fast reader does not. Nothing reads a
 * block collection's span past its first line (ranges of collections are cut there), and the test compares them so.
 */
import { CHOMPING_MODE, COLLECTION_STYLE, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Span } from '../types';

// Local copies of js-yaml's exports: a bundle reads a CommonJS module's exports through getters, too slow for the
// inner loop (about 20 ms of the cold index at the large benchmark size).
const { DOCUMENT, MAPPING, SEQUENCE, SCALAR, POP, ALIAS } = EVENT_ID;
const { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED } = SCALAR_STYLE;
const KEEP = CHOMPING_MODE.KEEP;
const FLOW = COLLECTION_STYLE.FLOW;
const readEvents = parseEvents;
const scalarValue = getScalarValue;

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly span: Span;
  /** The value as YAML 1.2's core schema reads it: string, number, boolean or null. */
  readonly value: unknown;
}

export interface MapNode {
  readonly kind: 'map';
  readonly span: Span;
  /** A key or value is null only when the text has none (`? key` without `:`, `: value` without a key). */
  readonly pairs: ReadonlyArray<{ readonly key: SourceNode | null; readonly value: SourceNode | null }>;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: ReadonlyArray<SourceNode | null>;
}

export interface AliasNode {
  readonly kind: 'alias';
  readonly span: Span;
  readonly name: string;
  /** The anchored node, or undefined when no anchor of that name comes before the alias. */
  readonly target: SourceNode | undefined;
}

export type SourceNode = ScalarNode | MapNode | SeqNode | AliasNode;

/**
 * Offsets where lines start: after every `\n`, and after a `\r` not followed by `\n` (an editor shows a lone CR as a
 * line break; `yaml` does not, so the scan of `limits.ts` reports such files, and their positions match the editor).
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

// ---------------------------------------------------------------------------------------------------------------
// The reference: `yaml`'s Document

/**
 * Converts a Document's contents; an alias points at the converted anchored node (shared, never expanded).
 * `onDuplicateKey` is called with the offset of every key that repeats an earlier scalar key of its mapping (the
 * check `yaml` makes with `uniqueKeys`, here with a set per mapping instead of a scan per key).
 *
 * An alias's anchor is the last node with that anchor before it in document order, as `Alias.resolve` finds it;
 * but that walks the whole document for each alias, quadratic in a file of many aliases. This conversion walks the
 * document once in the same order and keeps the last node of each anchor.
 */
export function treeFromDocument(doc: Document.Parsed, onDuplicateKey?: (offset: number) => void): SourceNode | null {
  const done = new Map<unknown, SourceNode>();
  const anchors = new Map<string, YamlNode>();
  const spanOf = (node: YamlNode): Span => (node.range ? [node.range[0], node.range[1]] : [0, 0]);
  const convert = (node: unknown): SourceNode | null => {
    if (node === null || node === undefined) return null;
    const known = done.get(node);
    if (known) return known;
    if (isAlias(node)) {
      const alias: { kind: 'alias'; span: Span; name: string; target: SourceNode | undefined } = { kind: 'alias', span: spanOf(node), name: node.source, target: undefined };
      done.set(node, alias);
      const target = anchors.get(node.source);
      alias.target = target === undefined ? undefined : (convert(target) ?? undefined);
      return alias;
    }
    const anchor = (node as { anchor?: unknown }).anchor;
    if (typeof anchor === 'string' && anchor !== '') anchors.set(anchor, node as YamlNode);
    if (isMap(node)) {
      const pairs: Array<{ key: SourceNode | null; value: SourceNode | null }> = [];
      const out: MapNode = { kind: 'map', span: spanOf(node), pairs };
      done.set(node, out);
      const keys = onDuplicateKey && node.items.length > 1 ? new Set<unknown>() : undefined;
      for (const pair of node.items) {
        if (keys && isScalar(pair.key) && !Number.isNaN(pair.key.value)) {
          if (keys.has(pair.key.value)) onDuplicateKey?.(spanOf(pair.key)[0]);
          else keys.add(pair.key.value);
        }
        pairs.push({ key: convert(pair.key), value: convert(pair.value) });
      }
      return out;
    }
    if (isSeq(node)) {
      const items: Array<SourceNode | null> = [];
      const out: SeqNode = { kind: 'seq', span: spanOf(node), items };
      done.set(node, out);
      for (const item of node.items) items.push(convert(item));
      return out;
    }
    if (isScalar(node)) {
      const out: ScalarNode = { kind: 'scalar', span: spanOf(node), value: node.value };
      done.set(node, out);
      return out;
    }
    return null;
  };
  return convert(doc.contents);
}

// ---------------------------------------------------------------------------------------------------------------
// The fast reader: js-yaml's events

/** Matches every plain scalar the core schema reads as something other than a string (the union of its tests). */
const MAYBE_NOT_STRING = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)?$/;

/** A plain scalar as YAML 1.2's core schema reads it (the same tests, in the same order, as `yaml`'s core schema). */
export function resolvePlainScalar(s: string): unknown {
  if (!MAYBE_NOT_STRING.test(s)) return s; // one test for the common case: dates, names, words
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** Whether two key values are the same to `yaml`'s duplicate check (NaN counts as the same: declining is safe). */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Thrown inside the fast reader when a file needs the reference reader; never leaves this module. */
class Decline {
  /** Where and why, when the reason is one a manager can act on (an anchor, a tag, an alias); -1: not said. */
  constructor(readonly offset = -1, readonly what = '') {}
}
const DECLINE = new Decline();

/** Why the fast reader declined a file, for a refusal that says what to change. */
export interface FastDecline {
  /** Offset of the first thing it does not take, or -1 when it cannot point at one. */
  readonly offset: number;
  /** What it is, as a noun phrase (`a tab`, `an anchor or tag`, `a YAML syntax error`…). */
  readonly what: string;
}

function anchorOrTag(ev: { anchorStart: number; tagStart: number }): Decline {
  return ev.anchorStart !== -1 ? new Decline(ev.anchorStart, 'an anchor (`&name`)') : new Decline(ev.tagStart, 'a tag (`!name`)');
}

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly flow: boolean;
  readonly start: number;
  readonly pairs: Array<{ key: SourceNode | null; value: SourceNode | null }>;
  readonly items: Array<SourceNode | null>;
  /** The key waiting for its value (maps). */
  key: SourceNode | undefined;
  /** The keys of a large mapping (created past 32 keys), for the duplicate check. */
  keySet?: Set<unknown>;
  /** Where the last entry's text ends, with its trailing comment and line break (a block collection ends there). */
  lastNodeEnd: number;
}

/**
 * The tree of `text` from js-yaml's events, or undefined when the reference reader must read it. Never throws.
 * `{ root: null }` is an empty document.
 */
export function readTreeFast(text: string): { root: SourceNode | null } | undefined {
  const read = readTreeFastOrWhy(text);
  return 'root' in read ? read : undefined;
}

/** The fast reader's tree, or why it declined the file (where it can say). Never throws. */
export function readTreeFastOrWhy(text: string): { root: SourceNode | null } | { declined: FastDecline } {
  const declined = (offset: number, what: string): { declined: FastDecline } => ({ declined: { offset, what } });
  // Tabs: indentation errors and trailing-tab rules differ in detail. A `\r` alone is a line break to js-yaml only.
  // A byte order mark: yaml and js-yaml differ on what may follow it (the file systems drop a leading one anyway).
  const tab = text.indexOf('\t');
  if (tab >= 0) return declined(tab, 'a tab');
  // Each regular expression only when its character is there at all: a search for one character is much cheaper.
  const cr = text.includes('\r') ? /\r(?!\n)/.exec(text) : null;
  if (cr) return declined(cr.index, 'a line break that is a lone carriage return');
  const bom = text.indexOf('\ufeff');
  if (bom >= 0) return declined(bom, 'a byte order mark');
  // Document markers, even indented ones: only a `---` that opens the file (js-yaml is more lenient about where
  // documents begin and end). A `---` line inside a block scalar is read by the reference too: slower, not wrong.
  if (text.includes('---') || text.includes('...')) {
    for (const m of text.matchAll(/^ *(?:---|\.\.\.)(?=[ \r\n]|$)/gm)) {
      if (m[0] !== '---' || m.index !== 0) return declined(m.index, 'a document marker (`---` or `...`)');
    }
  }
  let events: Event[];
  try {
    events = readEvents(text, {});
  } catch (e) {
    const at = (e as { mark?: { position?: unknown } }).mark?.position;
    return declined(typeof at === 'number' && at >= 0 && at <= text.length ? at : -1, 'a YAML syntax error');
  }
  try {
    return { root: new FastBuilder(text).build(events) };
  } catch (e) {
    // DECLINE, or a bug in this reader: either way the reference reads the file, so reading never fails here.
    return e instanceof Decline && e.offset >= 0 ? declined(e.offset, e.what) : declined(-1, '');
  }
}

class FastBuilder {
  /** Where the previous token ends: the place to look for the next node's indicator. */
  private cursor = 0;
  private readonly stack: Frame[] = [];
  private root: SourceNode | null = null;
  private documents = 0;

  constructor(private readonly text: string) {}

  build(events: readonly Event[]): SourceNode | null {
    for (const ev of events) {
      switch (ev.type) {
        case DOCUMENT:
          if (++this.documents > 1 || ev.directives.length > 0) throw DECLINE;
          break;
        case MAPPING:
        case SEQUENCE: {
          if (ev.anchorStart !== -1 || ev.tagStart !== -1) throw anchorOrTag(ev);
          const flow = ev.style === FLOW;
          const parent = this.top();
          if (parent?.kind === 'map' && parent.key === undefined) throw DECLINE; // a collection as a key
          this.stack.push({
            kind: ev.type === MAPPING ? 'map' : 'seq',
            flow,
            start: ev.start,
            pairs: [],
            items: [],
            key: undefined,
            lastNodeEnd: ev.start,
          });
          this.cursor = flow ? ev.start + 1 : ev.start;
          break;
        }
        case SCALAR:
          this.scalar(ev);
          break;
        case POP:
          this.pop();
          break;
        default:
          throw new Decline(ev.type === ALIAS && ev.anchorStart > 0 ? ev.anchorStart - 1 : -1, 'an alias (`*name`)');
      }
    }
    if (this.stack.length > 0) throw DECLINE;
    return this.root;
  }

  /** Whether a mapping has the key already: a scan for the usual few keys, a set once a mapping grows. */
  private isDuplicate(frame: Frame, value: unknown): boolean {
    if (frame.pairs.length <= 32) {
      for (const pair of frame.pairs) if (pair.key?.kind === 'scalar' && sameKey(pair.key.value, value)) return true;
      return false;
    }
    if (!frame.keySet) {
      frame.keySet = new Set();
      for (const pair of frame.pairs) if (pair.key?.kind === 'scalar') frame.keySet.add(pair.key.value);
    }
    if (frame.keySet.has(value)) return true;
    frame.keySet.add(value);
    return false;
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private scalar(ev: ScalarEvent): void {
    if (ev.anchorStart !== -1 || ev.tagStart !== -1) throw anchorOrTag(ev);
    const text = this.text;
    const parent = this.top();
    const isKey = parent?.kind === 'map' && parent.key === undefined;
    let node: ScalarNode;
    let nodeEnd: number;
    if (ev.valueStart === -1) {
      // An empty value: yaml puts it after its indicator and the spaces that follow.
      if (isKey || !parent || parent.flow) throw DECLINE;
      const at = this.afterIndicator(parent.kind === 'map' ? ':' : '-');
      node = { kind: 'scalar', span: [at, at], value: null };
      nodeEnd = text.charCodeAt(at) === 0x23 /* # */ ? this.lineEnd(at) : at;
      this.cursor = at;
    } else {
      const raw = scalarValue(text, ev);
      switch (ev.style) {
        case PLAIN:
          node = { kind: 'scalar', span: [ev.valueStart, ev.valueEnd], value: resolvePlainScalar(raw) };
          this.expectAfter(ev.valueEnd, parent, isKey);
          nodeEnd = this.trailing(ev.valueEnd);
          break;
        case SINGLE_QUOTED:
        case DOUBLE_QUOTED: {
          const q = ev.style === SINGLE_QUOTED ? "'" : '"';
          if (text[ev.valueStart - 1] !== q || text[ev.valueEnd] !== q) throw DECLINE;
          if (ev.style === DOUBLE_QUOTED) {
            // `\U` beyond U+10FFFF is an error to yaml only; an escaped line break before an empty line folds
            // differently.
            const backslash = text.indexOf('\\', ev.valueStart);
            if (backslash >= 0 && backslash < ev.valueEnd && /\\(?:U|\r?\n)/.test(text.slice(backslash, ev.valueEnd))) throw DECLINE;
          }
          node = { kind: 'scalar', span: [ev.valueStart - 1, ev.valueEnd + 1], value: raw };
          this.expectAfter(ev.valueEnd + 1, parent, isKey);
          nodeEnd = this.trailing(ev.valueEnd + 1);
          break;
        }
        default: {
          if (isKey) throw DECLINE;
          const header = this.skipTrivia(this.cursor, ' \r\n:-?');
          if ((text[header] !== '|' && text[header] !== '>') || header >= ev.valueStart) throw DECLINE;
          // An indentation indicator: yaml counts it from 0 at the root and reads more-indented blank lines apart.
          if (/^[|>][-+]?[1-9]/.test(text.slice(header, header + 3))) throw DECLINE;
          // Keep (`+`) running into a last line of spaces without a line break: yaml counts that line in.
          if (ev.chomping === KEEP && text.endsWith(' ') && /^[ \r\n]*$/.test(text.slice(ev.valueEnd))) throw DECLINE;
          const end = this.blockScalarEnd(ev.valueStart, ev.valueEnd, ev.chomping === KEEP);
          node = { kind: 'scalar', span: [header, end], value: raw };
          nodeEnd = end;
        }
      }
      this.cursor = node.span[1];
    }
    if (isKey && parent) {
      // yaml reports implicit keys whose `:` is more than 1024 characters after their start, and duplicate keys
      const colon = parent.flow ? this.skipTrivia(node.span[1], ' \r\n') : this.skipSpaces(node.span[1]);
      if (node.span[0] === node.span[1] || colon - node.span[0] > 1000 || this.isDuplicate(parent, node.value)) throw DECLINE;
    }
    this.add(node, nodeEnd);
  }

  private pop(): void {
    const frame = this.stack.pop();
    if (!frame) return; // the end of the document
    if (frame.key !== undefined) throw DECLINE;
    let end: number;
    let nodeEnd: number;
    if (frame.flow) {
      const close = this.skipTrivia(this.cursor, ' \r\n,');
      if (this.text[close] !== (frame.kind === 'map' ? '}' : ']')) throw DECLINE;
      end = close + 1;
      this.expectAfter(end, this.top(), false);
      nodeEnd = this.trailing(end);
    } else {
      end = nodeEnd = frame.lastNodeEnd;
    }
    const node: SourceNode = frame.kind === 'map' ? { kind: 'map', span: [frame.start, end], pairs: frame.pairs } : { kind: 'seq', span: [frame.start, end], items: frame.items };
    this.cursor = end;
    this.add(node, nodeEnd);
  }

  private add(node: SourceNode, nodeEnd: number): void {
    const parent = this.top();
    if (!parent) {
      if (this.root !== null) throw DECLINE;
      this.root = node;
      return;
    }
    parent.lastNodeEnd = nodeEnd;
    if (parent.kind === 'seq') parent.items.push(node);
    else if (parent.key === undefined) parent.key = node;
    else {
      parent.pairs.push({ key: parent.key, value: node });
      parent.key = undefined;
    }
  }

  /**
   * What may follow a scalar or a flow collection, checked because js-yaml reads some malformed lines that `yaml`
   * rejects (`- {a: b}c: d` becomes two entries): in a block, the end of the line or a comment (after a key, its
   * `:`); in a flow collection, a `,`, the closing bracket or (after a key) a `:`.
   */
  private expectAfter(end: number, parent: Frame | undefined, isKey: boolean): void {
    const text = this.text;
    if (parent?.flow) {
      const i = this.skipTrivia(end, ' \r\n');
      const ch = text[i];
      if (ch === ',' || ch === ']' || ch === '}' || (isKey && ch === ':')) return;
      throw DECLINE;
    }
    const i = this.skipSpaces(end);
    const ch = text[i];
    if (isKey ? ch === ':' : ch === undefined || ch === '\n' || ch === '\r' || (ch === '#' && i > end)) return;
    throw DECLINE;
  }

  /** After the `:` (or `-`) that comes next from the cursor and the spaces after it. */
  private afterIndicator(indicator: ':' | '-'): number {
    const text = this.text;
    const at = indicator === ':' ? this.skipSpaces(this.cursor) : this.skipTrivia(this.cursor, ' \r\n');
    if (text[at] !== indicator) throw DECLINE;
    const next = text[at + 1];
    if (next !== undefined && next !== ' ' && next !== '\n' && next !== '\r') throw DECLINE;
    return this.skipSpaces(at + 1);
  }

  private skipSpaces(i: number): number {
    while (this.text.charCodeAt(i) === 0x20) i++;
    return i;
  }

  /** Skips the characters in `chars` and comments (a `#` at a line's start or after a space or line break). */
  private skipTrivia(i: number, chars: string): number {
    const text = this.text;
    while (i < text.length) {
      const ch = text[i];
      if (chars.includes(ch)) i++;
      else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n' || text[i - 1] === '\r')) i = this.lineEnd(i);
      else break;
    }
    return i;
  }

  /** The offset after the line break that ends the line holding `i` (or the end of the text). */
  private lineEnd(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** Where a node's text ends when `end` is where its value ends: spaces, a comment and the line break. */
  private trailing(end: number): number {
    const text = this.text;
    const i = this.skipSpaces(end);
    if (text[i] === '#' && i > end) return this.lineEnd(i); // a comment needs a space before it
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
    return i === text.length ? i : end;
  }

  /**
   * The end of a block scalar as `yaml` sets it: after the line break of its last line, where a chomping indicator
   * other than keep (`+`) drops trailing lines that hold no more spaces than the first line's indentation.
   */
  private blockScalarEnd(contentStart: number, valueEnd: number, keep: boolean): number {
    const text = this.text;
    let indent = 0;
    for (let i = contentStart; i < text.length; i++) {
      const ch = text[i];
      if (ch === ' ') indent += 1;
      else if (ch === '\n') indent = 0;
      else if (ch !== '\r' || text[i + 1] !== '\n') break;
    }
    let nl = valueEnd > contentStart && text[valueEnd - 1] === '\n' ? valueEnd - 1 : valueEnd;
    if (valueEnd === contentStart) nl = contentStart - 1;
    if (!keep) {
      for (;;) {
        let i = nl - 1;
        let ch = text[i];
        if (ch === '\r') ch = text[--i];
        const lastChar = i;
        while (ch === ' ') ch = text[--i];
        if (ch === '\n' && i >= contentStart && i + 1 + indent > lastChar) nl = i;
        else break;
      }
    }
    return Math.min(nl + 1, text.length);
  }
}
