/**
 * Parses one file of the team folder and validates it against the schema in one walk. The result keeps the spans of
 * every key and value (for diagnostics and quick fixes) and never throws: whatever is wrong becomes a finding with an
 * exact range, and whatever is right is still usable.
 *
 * Reading: first a linear scan of the text against the limits (`limits.ts`): a file over one is not parsed at all.
 * Then js-yaml's event parser (fast, see `tree.ts`); a file it declines (syntax errors, anchors, tags, …) is read by
 * the `yaml` Document API, which reports the errors. Both give the same tree, so the walk is one.
 */
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { isIsoDate, parseDuration } from '../dates';
import type { Finding } from '../findings';
import type { Position, Range, Span } from '../types';
import { notPlainRefusal, parsedStructureRefusal, scanTextCounting } from './limits';
import type { TextProblem } from './limits';
import { SpanTable } from './spans';
import { describeType } from './schema';
import type { Field, FieldType } from './schema';
import { lineStartsOf, readTreeFastOrWhy, treeFromDocument } from './tree';
import type { SourceNode } from './tree';

export type PathSegment = string | number;

/** The key of a value's path in the span tables: segments joined by a character no YAML key here contains. */
export function pathKey(path: readonly PathSegment[]): string {
  return path.join(SEP);
}

const SEP = '\u0000';

function childKey(parent: string, segment: PathSegment): string {
  return parent === '' ? String(segment) : `${parent}${SEP}${segment}`;
}

/** Converts offsets to positions for one file. */
export class LineMap {
  constructor(private readonly lineStarts: readonly number[]) {}

  position(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  /** The offset of a position (clamped to the line's start when the line does not exist). */
  offset(position: Position): number {
    const starts = this.lineStarts;
    const line = Math.min(Math.max(position.line, 0), starts.length - 1);
    return starts[line] + Math.max(position.character, 0);
  }

  /** The range of a span. With `firstLine`, a multi-line span is cut at the end of its first line (less noise). */
  range(span: Span, text?: string, firstLine = false): Range {
    const start = this.position(span[0]);
    let endOffset = span[1];
    if (firstLine && text !== undefined && start.line + 1 < this.lineStarts.length) {
      // The end of the start's line, from the line table (a search of the text would be linear per finding).
      let lineEnd = this.lineStarts[start.line + 1] - 1;
      if (text[lineEnd] === '\n' && text[lineEnd - 1] === '\r' && lineEnd - 1 >= span[0]) lineEnd--;
      if (lineEnd < endOffset) endOffset = lineEnd;
    }
    return { start, end: this.position(Math.max(endOffset, span[0])) };
  }
}

export interface YamlFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineMap;
  /** Value spans by `pathKey`; the root is `''`. */
  readonly spans: ReadonlyMap<string, Span>;
  /** Key spans of mapping entries by the `pathKey` of their value. */
  readonly keySpans: ReadonlyMap<string, Span>;
  readonly syntaxErrors: boolean;
  /** Findings of the file itself: yaml-syntax, schema, unknown-key (the file rules add theirs). */
  readonly findings: Finding[];
}

export interface YamlParseResult {
  readonly file: YamlFile;
  /** The validated content: only known keys whose values have the right type. */
  readonly raw: Record<string, unknown> | undefined;
}

/** Nodes visited in one file at most: a guard against alias bombs ("billion laughs"). */
const NODE_BUDGET = 200_000;
/**
 * Nesting deeper than any real team file; beyond it the walk stops (and cannot overflow the stack). The scan of
 * `limits.ts` refuses deeper files before they are parsed; this guards the walk of aliases, which can nest deeper.
 */
const MAX_DEPTH = 64;

export function rangeOfPath(file: YamlFile, path: readonly PathSegment[], which: 'value' | 'key' = 'value', firstLine = true): Range {
  const k = pathKey(path);
  const span = (which === 'key' ? file.keySpans.get(k) : undefined) ?? file.spans.get(k) ?? file.keySpans.get(k);
  if (span) return file.lines.range(span, file.text, firstLine);
  return file.lines.range([0, 0]);
}

/** Range of the whole first line: for findings about a file as a whole. */
export function firstLineRange(file: YamlFile): Range {
  return file.lines.range([0, file.text.length], file.text, true);
}

export function parseYaml(path: string, text: string, schema: FieldType): YamlParseResult {
  const { problems, values, notPlain } = scanTextCounting(text);
  // Too many values for the reference reader and something the fast one declines: refused without reading further.
  const early = problems.length === 0 && notPlain ? notPlainRefusal(values, notPlain.offset, notPlain.what) : undefined;
  if (early) return readReference(path, text, schema, problems, early);
  if (problems.length === 0) {
    const fast = readTreeFastOrWhy(text);
    if ('root' in fast) return validate(path, text, new LineMap(lineStartsOf(text)), fast.root, [], false, schema);
    return readReference(path, text, schema, problems, notPlainRefusal(values, fast.declined.offset, fast.declined.what));
  }
  return readReference(path, text, schema, problems, undefined, values);
}

/** The reference reading through `yaml`'s Document: syntax errors and warnings become findings. */
export function parseYamlReference(path: string, text: string, schema: FieldType): YamlParseResult {
  const { problems, values } = scanTextCounting(text);
  return readReference(path, text, schema, problems, undefined, values);
}

/**
 * `tooMany`: the file is too large for this reader (see `MAX_VALUES_NOT_PLAIN`), as the caller found it; or `values`,
 * the scan's count, when the reason is one of `problems` (a lone CR, bytes that are not UTF-8, a `%YAML` directive).
 */
function readReference(path: string, text: string, schema: FieldType, problems: readonly TextProblem[], tooMany: TextProblem | undefined, values = 0): YamlParseResult {
  const lines = new LineMap(lineStartsOf(text));
  const findings: Finding[] = problems.map((p) => ({ file: path, range: lines.range([p.offset, Math.min(p.offset + 1, text.length)], text, true), rule: 'yaml-syntax', message: p.message }));
  if (!tooMany && !problems.some((p) => p.refuse)) tooMany = notPlainRefusal(values, problems[0]?.offset ?? -1, problems.length > 0 ? 'a lone carriage return, bytes that are not UTF-8 or a `%YAML` directive (the other problem of this file)' : '');
  // The exact check of yaml's syntax tree (see limits.ts), before its recursive composer runs.
  const refused = problems.some((p) => p.refuse) ? undefined : tooMany ?? parsedStructureRefusal(text);
  if (refused) findings.push({ file: path, range: lines.range([refused.offset, Math.min(refused.offset + 1, text.length)], text, true), rule: 'yaml-syntax', message: refused.message });
  if (refused || problems.some((p) => p.refuse)) {
    return { file: { path, text, lines, spans: new Map(), keySpans: new Map(), syntaxErrors: true, findings }, raw: undefined };
  }
  let doc: Document.Parsed;
  try {
    // YAML 1.2 whatever a `%YAML` directive says (the scan reports one): the fast reader reads 1.2, and 1.1's merge
    // keys and timestamps are not part of the format. `uniqueKeys` off: its check is quadratic; see below.
    doc = parseDocument(text, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false, version: '1.2', schema: 'core' });
  } catch (e) {
    // `yaml` reports problems as errors rather than throwing; this is the last line of defence.
    findings.push({ file: path, range: lines.range([0, 0]), rule: 'yaml-syntax', message: `The file could not be read as YAML: ${(e as Error).message}` });
    return { file: { path, text, lines, spans: new Map(), keySpans: new Map(), syntaxErrors: true, findings }, raw: undefined };
  }
  // Duplicate keys, found in one pass with a set per mapping; the same error `yaml`'s own check gives.
  const errors: Array<{ pos: [number, number]; message: string }> = doc.errors.map((e) => ({ pos: e.pos, message: e.message }));
  const root = treeFromDocument(doc, (at) => errors.push({ pos: [at, at + 1], message: 'Map keys must be unique' }));
  errors.sort((a, b) => a.pos[0] - b.pos[0]);
  for (const err of errors) {
    findings.push({ file: path, range: lines.range([err.pos[0], Math.max(err.pos[1], err.pos[0])]), rule: 'yaml-syntax', message: `YAML syntax: ${firstSentence(err.message)}` });
  }
  for (const warn of doc.warnings) {
    findings.push({ file: path, range: lines.range([warn.pos[0], Math.max(warn.pos[1], warn.pos[0])]), rule: 'yaml-syntax', message: `YAML: ${firstSentence(warn.message)}` });
  }
  const misread = problems.some((p) => p.misread);
  return validate(path, text, lines, root, findings, errors.length > 0 || misread, schema);
}

function validate(path: string, text: string, lines: LineMap, root: SourceNode | null, findings: Finding[], syntaxErrors: boolean, schema: FieldType): YamlParseResult {
  const walker = new Walker(path, text, lines, findings, syntaxErrors);
  const file: YamlFile = { path, text, lines, spans: walker.spans, keySpans: walker.keySpans, syntaxErrors, findings };
  if (root === null || (root.kind === 'scalar' && (root.value === null || root.value === ''))) {
    walker.schema([0, 0], `The ${schemaName(schema)} is empty: it needs ${requiredList(schema)}.`, true);
    walker.spans.seal();
    walker.keySpans.seal();
    return { file, raw: undefined };
  }
  let raw: unknown;
  try {
    raw = walker.read(root, schema, '', '', 0);
  } catch (e) {
    // Last line of defence: whatever a hostile file does, it becomes a finding on that file, never a crash.
    findings.push({ file: path, range: lines.range([0, 0]), rule: 'schema', message: `The file could not be read: ${(e as Error).message}` });
    raw = undefined;
  }
  walker.spans.seal();
  walker.keySpans.seal();
  return { file, raw: isPlainObject(raw) ? raw : undefined };
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function schemaName(schema: FieldType): string {
  return schema.type === 'object' ? schema.name : 'file';
}

function requiredList(schema: FieldType): string {
  if (schema.type !== 'object') return 'content';
  const req = Object.entries(schema.fields).filter(([, f]) => f.required).map(([k]) => `\`${k}\``);
  return req.length > 0 ? req.join(', ') : 'content';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Walker {
  readonly spans = new SpanTable();
  readonly keySpans = new SpanTable();
  private budget = NODE_BUDGET;
  private budgetReported = false;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly lines: LineMap,
    private readonly findings: Finding[],
    /** With syntax errors the tree is a best guess: keep what is usable, but do not pile schema noise on top. */
    private readonly quiet: boolean,
  ) {}

  schema(span: Span, message: string, force = false): void {
    if (this.quiet && !force) return;
    this.findings.push({ file: this.path, range: this.lines.range(span, this.text, true), rule: 'schema', message });
  }

  private resolve(node: SourceNode | null, span: Span | undefined): SourceNode | null | undefined {
    if (node === null || node.kind !== 'alias') return node;
    if (node.target === undefined) {
      this.schema(span ?? [0, 0], `Unknown alias \`*${node.name}\`: no anchor \`&${node.name}\` before it.`);
    }
    return node.target;
  }

  /**
   * Reads `node` as type `t`; returns undefined for a missing or invalid value (after reporting why). `label` names
   * the value in messages; `index` >= 0 makes it `label[index + 1]` (a list item), built only when a message needs it.
   * The span of a mapping's value is set by the caller (`spanSet`), so it is not looked up again here.
   */
  read(nodeIn: SourceNode | null, t: FieldType, key: string, label = '', depth = 0, index = -1, spanSet = false): unknown {
    if (depth > MAX_DEPTH) {
      this.schema(nodeIn?.span ?? [0, 0], `Nested more than ${MAX_DEPTH} levels deep; the rest is ignored.`, true);
      return undefined;
    }
    if (--this.budget < 0) {
      if (!this.budgetReported) {
        this.budgetReported = true;
        this.schema([0, 0], 'This file expands to too many values (aliases repeated too often); the rest is ignored.', true);
      }
      return undefined;
    }
    const ownSpan = nodeIn?.span;
    const node = nodeIn !== null && nodeIn.kind === 'alias' ? this.resolve(nodeIn, ownSpan) : nodeIn;
    // Spans are those of the text where the value is written (the alias), not of the anchor it points to.
    const span = ownSpan ?? node?.span;
    if (span && !spanSet && !this.spans.has(key)) this.spans.set(key, span);
    if (node === undefined || node === null) return undefined;
    if (node.kind === 'scalar' && node.value === null) return undefined;
    const at: Span = span ?? [0, 0];

    switch (t.type) {
      case 'object': {
        if (node.kind !== 'map') {
          this.schema(at, `${what(label, index)} must be ${describeType(t)}.`);
          return undefined;
        }
        const out: Record<string, unknown> = {};
        const required = requiredFields(t);
        let seen = 0;
        for (const pair of node.pairs) {
          const keyNode = pair.key !== null && pair.key.kind === 'alias' ? this.resolve(pair.key, pair.key.span) : pair.key;
          const keySpan = pair.key?.span ?? at;
          if (!keyNode || keyNode.kind !== 'scalar' || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number') || String(keyNode.value).includes(SEP)) {
            this.schema(keySpan, `Keys in ${t.name} must be plain words.`);
            continue;
          }
          const name = String(keyNode.value);
          const child = childKey(key, name);
          this.keySpans.set(child, keySpan);
          const field: Field | undefined = Object.prototype.hasOwnProperty.call(t.fields, name) ? t.fields[name] : undefined;
          if (!field) {
            this.unknownKey(keySpan, name, t, child);
            continue;
          }
          const bit = required.bits.get(name);
          if (bit !== undefined) seen |= bit;
          if (pair.value) this.spans.set(child, pair.value.span);
          const v = this.read(pair.value, field.type, child, name, depth + 1, -1, pair.value !== null);
          if (v !== undefined) out[name] = v;
          else if (field.required && (pair.value === null || (pair.value.kind === 'scalar' && pair.value.value === null))) {
            this.schema(keySpan, `\`${name}\` needs a value: ${describeType(field.type)}.`);
          }
        }
        for (const [name, field, bit] of required.list) {
          if ((seen & bit) === 0) {
            this.schema(at, `Missing \`${name}\` in ${t.name}: ${field.description}`);
          }
        }
        return out;
      }
      case 'map': {
        if (node.kind !== 'map') {
          this.schema(at, `${what(label, index)} must be ${describeType(t)}.`);
          return undefined;
        }
        const out = new Map<string, unknown>();
        for (const pair of node.pairs) {
          const keyNode = pair.key !== null && pair.key.kind === 'alias' ? this.resolve(pair.key, pair.key.span) : pair.key;
          const keySpan = pair.key?.span ?? at;
          // A key holding the path separator (a NUL, written as `"\0"`) would be confused with a nested path.
          if (!keyNode || keyNode.kind !== 'scalar' || keyNode.value === null || typeof keyNode.value === 'object' || String(keyNode.value).includes(SEP)) {
            this.schema(keySpan, `Keys in ${t.name} must be plain words.`);
            continue;
          }
          const name = String(keyNode.value);
          const child = childKey(key, name);
          this.keySpans.set(child, keySpan);
          out.set(name, this.read(pair.value, t.values, child, name, depth + 1) ?? '');
        }
        return out;
      }
      case 'list': {
        if (node.kind !== 'seq') {
          this.schema(at, `${what(label, index)} must be a list (\`- item\` lines), each ${describeType(t.items)}.`);
          return undefined;
        }
        const out: unknown[] = [];
        // A list inside a list item names its items after that item (`a[1][2]`): rare, so built when it happens.
        const itemLabel = index >= 0 && label ? `${label}[${index + 1}]` : label;
        const items = node.items;
        for (let i = 0; i < items.length; i++) {
          // An empty `- ` line (while typing) is skipped, not an error; its index keeps the spans aligned.
          out.push(this.read(items[i], t.items, childKey(key, i), itemLabel, depth + 1, itemLabel ? i : -1));
        }
        return out;
      }
      default:
        return this.scalar(node, t, at, label, index);
    }
  }

  private scalar(node: SourceNode, t: FieldType, at: Span, label: string, index: number): unknown {
    if (node.kind !== 'scalar') {
      this.schema(at, `${what(label, index)} must be ${describeType(t)}, not a ${node.kind === 'map' ? 'mapping' : 'list'}.`);
      return undefined;
    }
    const v = node.value;
    const source = typeof v === 'string' ? v : this.text.slice(at[0], at[1]).trim();
    switch (t.type) {
      case 'string':
      case 'text':
        if (typeof v === 'string') return v;
        if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return source;
        this.schema(at, `${what(label, index)} must be ${describeType(t)}.`);
        return undefined;
      case 'date':
        if (typeof v === 'string' && isIsoDate(v)) return v;
        this.schema(at, `${what(label, index)} must be ${describeType(t)} (got \`${clip(source)}\`).`);
        return undefined;
      case 'duration':
        if (typeof v === 'string' && parseDuration(v) !== undefined && (t.cadence || (v !== 'weekly' && v !== 'biweekly'))) return v;
        this.schema(at, `${what(label, index)} must be ${describeType(t)} (got \`${clip(source)}\`).`);
        return undefined;
      case 'integer':
        if (typeof v === 'number' && Number.isInteger(v) && v >= t.min) return v;
        this.schema(at, `${what(label, index)} must be ${describeType(t)} (got \`${clip(source)}\`).`);
        return undefined;
      case 'boolean':
        if (typeof v === 'boolean') return v;
        this.schema(at, `${what(label, index)} must be ${describeType(t)} (got \`${clip(source)}\`).`);
        return undefined;
      case 'enum':
        if (typeof v === 'string' && t.values.includes(v)) return v;
        this.schema(at, `${what(label, index)} must be ${describeType(t)} (got \`${clip(source)}\`).`);
        return undefined;
      default:
        return undefined;
    }
  }

  private unknownKey(keySpan: Span, key: string, t: Extract<FieldType, { type: 'object' }>, at: string): void {
    // With syntax errors, only they are shown (docs/rules.md): the keys read may be pieces of a broken line.
    if (this.quiet) return;
    // The key's path, for the rename quick fix: list indices as numbers.
    const path = at.split(SEP).map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
    const known = Object.keys(t.fields);
    const suggestion = nearest(key, known);
    const message = suggestion
      ? `Unknown key \`${clip(key)}\` in ${t.name} (kept as is). Did you mean \`${suggestion}\`?`
      : `Unknown key \`${clip(key)}\` in ${t.name} (kept as is). Known keys: ${known.join(', ')}.`;
    this.findings.push({
      file: this.path,
      range: this.lines.range(keySpan, this.text, true),
      rule: 'unknown-key',
      message,
      data: suggestion ? { key, suggestion, path } : { key, path },
    });
  }
}

/** How a message names a value: `label` (a list item: `label[index + 1]`), or "This value". */
function what(label: string, index: number): string {
  if (!label) return 'This value';
  return index >= 0 ? `\`${label}[${index + 1}]\`` : `\`${label}\``;
}

interface RequiredFields {
  /** A bit per required field, by name. */
  readonly bits: ReadonlyMap<string, number>;
  /** The required fields in the schema's order, with their bits. */
  readonly list: ReadonlyArray<readonly [string, Field, number]>;
}

const requiredCache = new WeakMap<object, RequiredFields>();

/**
 * An object type's required fields, worked out once per type rather than per value read (the walk visits every
 * mapping of every file: a goals.yaml has hundreds). The schema's objects have a handful each, far below 31 bits.
 */
function requiredFields(t: Extract<FieldType, { type: 'object' }>): RequiredFields {
  let r = requiredCache.get(t);
  if (!r) {
    const list: Array<readonly [string, Field, number]> = [];
    const bits = new Map<string, number>();
    for (const [name, field] of Object.entries(t.fields)) {
      if (!field.required) continue;
      const bit = 2 ** list.length;
      list.push([name, field, bit]);
      bits.set(name, bit);
    }
    if (list.length > 30) throw new Error('more than 30 required fields in one object type');
    r = { bits, list };
    requiredCache.set(t, r);
  }
  return r;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

/** The known word closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(best.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters is one typo. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const r = new Array<number>(cols).fill(0);
    r[0] = i;
    return r;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
