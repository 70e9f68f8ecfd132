/**
 * The limits of what a team file may be, checked by one linear scan of the text before any parser sees it.
 *
 * Both YAML parsers recurse on nesting (`yaml`'s composer overflows the stack at a few hundred levels, and near the
 * limit V8 can abort the whole process, which no `try` catches), and `yaml`'s duplicate-key check is quadratic in a
 * mapping's size. So a file is refused, with a finding that names the limit, when it is larger, deeper, has more
 * aliases or more entries in one collection than any real 1:1 file comes near. The scan does not parse YAML: it
 * over-estimates where it cannot tell (a `[` that may open a collection counts as one) and never under-estimates, so
 * what it lets through is within the limits for the parsers too. The limits are far enough above real files (a few
 * KB, a few levels, no aliases) that over-estimating never refuses one.
 *
 * The scan cannot follow every corner of YAML's lexing (where a quoted scalar ends early, or a flow collection is cut
 * off by a line indented too little, its idea of what is quoted or structure may differ from the parser's). So before
 * `yaml` composes a Document (the reference reader, the form), `parsedStructureRefusal` measures the concrete syntax
 * tree of `yaml`'s own Parser, which is built without recursion, exactly: a file the scan let through is still refused
 * there, before the recursive composer runs.
 *
 * The reader (`parse.ts`) and the form (`form/model.ts`, `form/fields.ts`) run the same checks.
 */
import { Parser } from 'yaml';

/**
 * Largest file read, in bytes of UTF-8: far above a real team file (a 1:1 is a few KB, goals.yaml after five years
 * about 8 KB). It bounds the slowest reading of a file under it (the reference reader, for a file the fast one
 * declines, and the form's state): a few hundred ms for a crafted 250 KB file, against 1 to 2 s at 1 MiB.
 */
export const MAX_FILE_BYTES = 256 * 1024;
/** Deepest nesting of collections (block and flow together). */
export const MAX_NESTING = 64;
/** Most aliases (`*name`) in one file. */
export const MAX_ALIASES = 100;
/** Most entries (keys of a mapping or items of a list) in one collection. */
export const MAX_ENTRIES = 2000;
/**
 * Most values (entries of all collections together) in a file that is read by `yaml` (the reference reader, for a
 * file the fast reader declines) or shown in the 1:1 form: both take about 15–20 µs per value, so this bounds either
 * to a few tens of ms on the extension host's thread. A real file has a few hundred (goals.yaml after five years about
 * 300); a plain YAML file of any size up to MAX_FILE_BYTES is read by the fast reader whatever its count.
 */
export const MAX_VALUES_NOT_PLAIN = 2000;

export interface TextProblem {
  /** Where the problem is (an offset into the text). */
  readonly offset: number;
  readonly message: string;
  /** The file is not read at all (a limit, binary content); otherwise the file is read and this is reported. */
  readonly refuse: boolean;
  /** The parsers will read the file differently from how it looks (line breaks, the YAML version). */
  readonly misread: boolean;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * What is wrong with `text` before it is parsed: at most one refusal (first), then the problems that do not stop
 * the reading. Linear in the text's length; stops at the first refusal.
 */
export function scanText(text: string): TextProblem[] {
  return scanTextCounting(text).problems;
}

export interface ScanResult {
  readonly problems: TextProblem[];
  readonly values: number;
  /**
   * The first tab, anchor, tag or alias the scan met (each makes the fast reader decline the file): lets a file over
   * `MAX_VALUES_NOT_PLAIN` be refused without running the fast reader first.
   */
  readonly notPlain?: { readonly offset: number; readonly what: string };
}

/**
 * `scanText`, with the number of values the scan counted (entries of all collections; over-estimated where the scan
 * cannot tell, like its other counts). Zero when the file is refused before the structure scan.
 */
export function scanTextCounting(text: string): ScanResult {
  const out: TextProblem[] = [];
  // UTF-8 takes at least one byte per UTF-16 code unit, at most three: count bytes only where that decides.
  const bytes = text.length > MAX_FILE_BYTES ? text.length : text.length * 3 <= MAX_FILE_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_FILE_BYTES) {
    return { values: 0, problems: [refusal(0, `This file is larger than ${MAX_FILE_BYTES / 1024} KiB (${fmt(MAX_FILE_BYTES)} bytes), the limit for a team file; it is not read.`)] };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { values: 0, problems: [refusal(nul, 'This file holds a NUL character: it is not a text file; it is not read.')] };
  const structure = new StructureScan(text).run();
  if (structure.refusal) return { values: structure.values, problems: [structure.refusal] };
  const cr = text.includes('\r') ? /\r(?!\n)/.exec(text) : null;
  if (cr) {
    out.push({
      offset: cr.index,
      refuse: false,
      misread: true,
      message: 'This file breaks lines with a lone carriage return (CR): YAML reads such lines as one. Save it with LF or CRLF line endings.',
    });
  }
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    out.push({
      offset: bad,
      refuse: false,
      misread: false,
      message: 'This file has bytes that are not UTF-8 (shown as \ufffd); saving it from an editor replaces them for good. Fix its encoding.',
    });
  }
  if (structure.directive) {
    out.push({
      offset: structure.directive.offset,
      refuse: false,
      misread: false,
      message: `\`%YAML ${clipVersion(structure.directive.version)}\` is ignored: team files are read as YAML 1.2 (\`yes\` and \`on\` are words, \`0777\` is 777, \`<<\` is a key).`,
    });
  }
  const tab = text.indexOf('\t');
  const notPlain = tab >= 0 && (structure.notPlain === undefined || tab < structure.notPlain.offset) ? { offset: tab, what: 'a tab' } : structure.notPlain;
  return { values: structure.values, problems: out, ...(notPlain ? { notPlain } : {}) };
}

/**
 * Why the 1:1 form must not read or edit `text` (a message for the manager), or undefined. Besides the limits, the
 * form refuses what it would misread or whose bytes an edit would not keep: lone CR line breaks, bytes that are not
 * UTF-8, and a `%YAML` version other than 1.2 (YAML 1.1's merge keys and scalars).
 */
export function formRefusal(text: string): { readonly offset: number; readonly message: string } | undefined {
  const scan = scanTextCounting(text);
  if (scan.problems.length === 0 && scan.values > MAX_VALUES_NOT_PLAIN) {
    return { offset: 0, message: `This file has more than ${fmt(MAX_VALUES_NOT_PLAIN)} values, more than the form shows (a 1:1 has a few dozen). The form does not edit it; use the text editor.` };
  }
  const problem = scan.problems[0] ?? parsedStructureRefusal(text);
  return problem ? { offset: problem.offset, message: `${problem.message} The form does not edit it; use the text editor.` } : undefined;
}

/**
 * The refusal of a file the fast reader declined that has more values than `yaml` may read on the extension host's
 * thread (`MAX_VALUES_NOT_PLAIN`), saying what the fast reader did not take so the manager can change it.
 */
export function notPlainRefusal(values: number, offset: number, what: string): TextProblem | undefined {
  if (values <= MAX_VALUES_NOT_PLAIN) return undefined;
  const reason = what === '' ? 'YAML that only the slower reader takes (such as a duplicate key or a collection used as a key)' : what;
  return refusal(Math.max(offset, 0), `This file has more than ${fmt(MAX_VALUES_NOT_PLAIN)} values and ${reason}${offset >= 0 ? ' here' : ''}: past ${fmt(MAX_VALUES_NOT_PLAIN)} values only plain YAML is read (no tabs, anchors, aliases, tags or syntax errors); it is not read. Change that, or split the file.`);
}

/**
 * The exact nesting, entries and aliases of `text` as `yaml`'s Parser reads it (a concrete syntax tree, built and
 * walked without recursion; linear), for a text the scan let through: a refusal, or undefined. Nesting is refused past
 * twice the limit (the scan counts generously, and js-yaml, the fast reader, stops at 100 levels itself, so a file the
 * fast reader reads is never refused here); entries past twice the limit likewise; aliases past the limit (files
 * with aliases are always read by `yaml`, so both readers see the same).
 */
export function parsedStructureRefusal(text: string): TextProblem | undefined {
  let aliases = 0;
  const stack: Array<{ token: unknown; depth: number }> = [];
  try {
    for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  } catch {
    return refusal(0, 'This file could not be read as YAML; it is not read.');
  }
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token, depth } = next;
    if (token === null || typeof token !== 'object') continue;
    const t = token as { type?: string; offset?: number; value?: unknown; items?: Array<{ key?: unknown; value?: unknown }> };
    if (t.type === 'document') stack.push({ token: t.value, depth });
    else if (t.type === 'alias') {
      if (++aliases > MAX_ALIASES) return refusal(t.offset ?? 0, aliasMessage());
    } else if ((t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') && Array.isArray(t.items)) {
      if (depth + 1 > 2 * MAX_NESTING) return refusal(t.offset ?? 0, nestingMessage());
      if (t.items.length > 2 * MAX_ENTRIES) return refusal(t.offset ?? 0, entriesMessage());
      for (const item of t.items) {
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

const nestingMessage = (): string => `Nesting deeper than ${MAX_NESTING} levels, the limit for a team file; it is not read.`;
const entriesMessage = (): string => `More than ${fmt(MAX_ENTRIES)} entries in one mapping or list, the limit for a team file; it is not read.`;
const aliasMessage = (): string => `More than ${fmt(MAX_ALIASES)} aliases (\`*name\`), the limit for a team file; it is not read.`;

function refusal(offset: number, message: string): TextProblem {
  return { offset, message, refuse: true, misread: false };
}

function clipVersion(v: string): string {
  return /^[\w.]{1,10}$/.test(v) ? v : '…';
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || Number.isNaN(c);
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c /* , */ || c === 0x5b /* [ */ || c === 0x5d /* ] */ || c === 0x7b /* { */ || c === 0x7d /* } */;
}

interface BlockLevel {
  readonly indent: number;
  /** A block sequence written at the same indentation as the mapping key it belongs to (`key:\n- item`). */
  readonly seq: boolean;
  entries: number;
}

/**
 * One pass over the text that follows YAML's structure closely enough to bound it: block levels by indentation
 * (a stack), compact levels (`- - x`, `? `), flow levels by brackets outside quotes, comments and block scalars.
 * Wherever it cannot be sure whether something starts a node, it assumes it does (more depth, never less).
 */
class StructureScan {
  private i = 0;
  private lineStart = 0;
  private readonly blocks: BlockLevel[] = [];
  /** The offset of the current line's first token (its level is set when the line starts). */
  private firstToken = 0;
  /** After a `- `, `? ` or `: ` on this line: the next node opens a level at its column (`- - x`, `- key: v`). */
  private afterIndicator = false;
  /** Entries of each open flow collection. */
  private readonly flows: number[] = [];
  private aliases = 0;
  /** Entries of all collections so far (a collection's first entry counted when it opens). */
  values = 0;
  /** The first anchor, tag or alias: the fast reader declines a file with one (see `scanTextCounting`). */
  notPlain: { readonly offset: number; readonly what: string } | undefined;
  /** The next token starts a node: a bracket opens a collection, a quote a quoted scalar, `*` an alias. */
  private nodeStart = true;
  /** The column of the last node started on this line: a block scalar's content must be indented more. */
  private nodeCol = 0;
  /** A block scalar header on this line: its content (skipped) follows the line. */
  private pendingBlock: { readonly parentCol: number; readonly indent: number } | undefined;
  refusal: TextProblem | undefined;
  directive: { offset: number; version: string } | undefined;

  constructor(private readonly text: string) {}

  run(): this {
    const text = this.text;
    const n = text.length;
    if (text.charCodeAt(0) === BOM) this.i = 1;
    this.startLine(this.i);
    while (this.i < n && !this.refusal) {
      const c = text.charCodeAt(this.i);
      if (c === LF) {
        this.newLine(this.i + 1);
        continue;
      }
      if (c === SPACE || c === TAB || c === CR || c === BOM) {
        this.i++;
        continue;
      }
      if (c === 0x23 /* # */ && this.afterBlank(this.i)) {
        this.i = this.endOfLine(this.i);
        continue;
      }
      if (this.nodeStart) this.atNodeStart(c);
      else this.inNode(c);
    }
    return this;
  }

  private depth(): number {
    return this.blocks.length + this.flows.length;
  }

  private checkDepth(at: number): void {
    if (!this.refusal && this.depth() > MAX_NESTING) {
      this.refusal = refusal(at, nestingMessage());
    }
  }

  private countEntry(entries: number, at: number): void {
    this.values++;
    if (!this.refusal && entries > MAX_ENTRIES) {
      this.refusal = refusal(at, entriesMessage());
    }
  }

  private afterBlank(i: number): boolean {
    if (i === 0) return true;
    const p = this.text.charCodeAt(i - 1);
    return p === SPACE || p === TAB || p === LF || p === CR;
  }

  /** The offset of the line break that ends the line holding `i` (or the end of the text). */
  private endOfLine(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl < 0 ? this.text.length : nl;
  }

  private indentAt(lineStart: number): number {
    let j = lineStart;
    while (this.text.charCodeAt(j) === SPACE) j++;
    return j - lineStart;
  }

  /** After a line break at `next - 1`: skips a block scalar's content, then reads the new line's indentation. */
  private newLine(next: number): void {
    if (this.pendingBlock && this.flows.length === 0) {
      next = this.skipBlockScalar(next, this.pendingBlock.parentCol, this.pendingBlock.indent);
    }
    this.pendingBlock = undefined;
    this.startLine(next);
  }

  private startLine(at: number): void {
    this.i = at;
    this.lineStart = at;
    if (this.flows.length > 0) return; // inside brackets, lines and their indentation are not structure
    const text = this.text;
    this.nodeStart = true;
    this.afterIndicator = false;
    const indent = this.indentAt(at);
    const first = at + indent;
    const c = text.charCodeAt(first);
    this.nodeCol = indent;
    this.firstToken = first;
    if (first >= text.length || c === LF || (c === CR && text.charCodeAt(first + 1) === LF) || c === 0x23 /* # */) {
      return; // a blank or comment line: no structure
    }
    if (indent === 0 && c === 0x25 /* % */) {
      const m = /^%YAML[ \t]+(\S*)/.exec(text.slice(first, Math.min(this.endOfLine(first), first + 40)));
      if (m && m[1] !== '1.2' && !this.directive) this.directive = { offset: first, version: m[1] };
      this.i = this.endOfLine(first);
      return;
    }
    if (indent === 0 && (text.startsWith('---', first) || text.startsWith('...', first)) && isBlank(text.charCodeAt(first + 3))) {
      this.blocks.length = 0; // a new document
      this.i = first + 3;
      return;
    }
    const dash = c === 0x2d /* - */ && isBlank(text.charCodeAt(first + 1));
    const blocks = this.blocks;
    while (blocks.length > 0 && blocks[blocks.length - 1].indent > indent) blocks.pop();
    let top = blocks[blocks.length - 1];
    if (top && top.indent === indent && top.seq && !dash) {
      blocks.pop(); // a sequence written at its key's indentation (`key:\n- item`) has ended
      top = blocks[blocks.length - 1];
    }
    if (top && top.indent === indent && top.seq === dash) {
      top.entries++;
      this.countEntry(top.entries, first);
    } else {
      // A new level; at the same indentation as a mapping key, a sequence that is the key's value.
      this.push(indent, dash, first);
    }
    this.i = first;
  }

  private push(indent: number, seq: boolean, at: number): void {
    this.values++;
    this.blocks.push({ indent, seq, entries: 1 });
    this.checkDepth(at);
  }

  private atNodeStart(c: number): void {
    const text = this.text;
    const i = this.i;
    const next = text.charCodeAt(i + 1);
    const block = this.flows.length === 0;
    if (block && this.afterIndicator && !((c === 0x2d || c === 0x3f || c === 0x3a) && isBlank(next)) && c !== 0x26 && c !== 0x21) {
      // A node after `- ` (or `? `, `: `) on the same line: a mapping there has its keys at this column.
      this.afterIndicator = false;
      this.push(i - this.lineStart, false, i);
    }
    switch (c) {
      case 0x5b: // [
      case 0x7b: // {
        this.flows.push(0);
        this.values++;
        this.checkDepth(i);
        this.i++;
        return;
      case 0x5d: // ]
      case 0x7d: // }
      case 0x2c: // ,
        this.inNode(c);
        return;
      case 0x22: // "
      case 0x27: // '
        if (block) this.nodeCol = i - this.lineStart;
        this.skipQuoted(c);
        // After a quoted scalar the lexer may start another node (`"a" [`): assume it does.
        this.nodeStart = true;
        return;
      case 0x2a: // *
        if (!isBlank(next) && !isFlowIndicator(next)) {
          if (this.notPlain === undefined) this.notPlain = { offset: i, what: 'an alias (`*name`)' };
          if (++this.aliases > MAX_ALIASES && !this.refusal) {
            this.refusal = refusal(i, aliasMessage());
          }
          this.skipToken();
          this.nodeStart = true;
          return;
        }
        break;
      case 0x26: // & anchor
      case 0x21: // ! tag
        if (this.notPlain === undefined) this.notPlain = { offset: i, what: c === 0x26 ? 'an anchor (`&name`)' : 'a tag (`!name`)' };
        this.skipToken();
        return; // the node follows
      case 0x2d: // -
      case 0x3f: // ?
      case 0x3a: // :
        if (isBlank(next) || (!block && c !== 0x2d)) {
          if (block) {
            // The line's own first indicator has its level already; a later one (`- - x`) opens one at its column.
            if (this.afterIndicator || i !== this.firstToken) this.push(i - this.lineStart, c === 0x2d, i);
            this.afterIndicator = true;
            this.nodeCol = i - this.lineStart;
          }
          this.i++;
          return;
        }
        break;
      case 0x7c: // |
      case 0x3e: // >
        if (block) {
          // A block scalar: its content lines are skipped at the end of this line. The rest of this line is scanned
          // as if it could hold nodes (it may only hold a comment; anything else is an error `yaml` may read on).
          let j = i + 1;
          let indent = 0;
          for (let k = 0; k < 2; k++) {
            const h = text.charCodeAt(j);
            if (h >= 0x31 && h <= 0x39) indent = h - 0x30;
            if (h === 0x2b || h === 0x2d || (h >= 0x31 && h <= 0x39)) j++;
          }
          this.pendingBlock = { parentCol: this.nodeCol, indent };
          this.i = j;
          return;
        }
        break;
      default:
        break;
    }
    // A plain scalar starts here.
    if (block) this.nodeCol = i - this.lineStart;
    this.nodeStart = false;
    this.i++;
  }

  private inNode(c: number): void {
    const text = this.text;
    const next = text.charCodeAt(this.i + 1);
    const flows = this.flows;
    if (flows.length > 0) {
      if (c === 0x5b || c === 0x7b) {
        // Inside brackets a bracket always opens a collection (a plain scalar cannot hold one).
        flows.push(0);
        this.values++;
        this.checkDepth(this.i);
      } else if (c === 0x5d || c === 0x7d) {
        flows.pop();
        this.nodeStart = true; // after the collection (`[] [`) another node may start
      } else if (c === 0x2c) {
        flows[flows.length - 1]++;
        this.countEntry(flows[flows.length - 1], this.i);
        this.nodeStart = true;
      } else if (c === 0x3a && (isBlank(next) || isFlowIndicator(next))) {
        this.nodeStart = true;
      }
    } else if (c === 0x3a && isBlank(next)) {
      this.nodeStart = true; // a key's value follows
    }
    this.i++;
  }

  /** Skips an anchor, a tag or an alias name: up to a blank or (they end there too) a flow indicator. */
  private skipToken(): void {
    const text = this.text;
    let j = this.i + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (isBlank(c) || isFlowIndicator(c)) break;
      j++;
    }
    this.i = j;
  }

  /**
   * Skips a quoted scalar. It ends at its closing quote, or earlier at a line break followed by a line indented no
   * more than the quote's column: `yaml` ends it at an under-indented line at the latest (and reads on from there),
   * so ending it there too never hides structure the parser will see. Line by line, so every character is looked at
   * once however the quotes and line breaks are arranged.
   */
  private skipQuoted(quote: number): void {
    const text = this.text;
    const col = this.i - this.lineStart;
    let j = this.i + 1;
    for (;;) {
      const eol = this.endOfLine(j);
      while (j < eol) {
        const c = text.charCodeAt(j);
        if (c === quote) {
          if (quote === 0x27 && text.charCodeAt(j + 1) === 0x27) {
            j += 2; // '' inside single quotes
            continue;
          }
          this.i = j + 1;
          return;
        }
        j += quote === 0x22 && c === 0x5c /* \ */ ? 2 : 1;
      }
      if (eol >= text.length) {
        this.i = text.length;
        return;
      }
      const indent = this.indentAt(eol + 1);
      const c = text.charCodeAt(eol + 1 + indent);
      const blank = c === LF || (c === CR && text.charCodeAt(eol + 2 + indent) === LF);
      if (!blank && indent <= col) {
        this.i = eol; // the line break is read next, then this line as structure
        return;
      }
      this.lineStart = eol + 1;
      j = eol + 1;
    }
  }

  /**
   * The offset after a block scalar's content, from the start of the line after its header. Content lines are
   * blank or indented at least as much as its first non-blank line, which must be indented more than `parentCol`
   * (else the scalar is empty). `parentCol` is never less than the indentation `yaml` requires, so the lines skipped
   * here are content to `yaml` too.
   */
  private skipBlockScalar(from: number, parentCol: number, explicit: number): number {
    const text = this.text;
    let contentIndent = explicit > 0 ? parentCol + explicit : -1;
    let at = from;
    while (at < text.length) {
      const indent = this.indentAt(at);
      const c = text.charCodeAt(at + indent);
      const end = this.endOfLine(at);
      const blank = at + indent >= text.length || c === LF || (c === CR && at + indent + 1 === end);
      if (!blank) {
        if (contentIndent < 0) {
          if (indent <= parentCol) return at;
          contentIndent = indent;
        }
        if (indent < contentIndent) return at;
      }
      if (end >= text.length) return text.length;
      at = end + 1;
    }
    return at;
  }
}
