/**
 * The fast reader (js-yaml's events) against the reference reader (`yaml`'s Document): wherever the fast reader
 * accepts a file, both must give the same tree (every node's kind, value and span), the reference must find no
 * syntax error or warning in it, and parsing must give the same values, findings and span tables. Run over every
 * file of the fixtures and a generated team (which the fast reader must all accept: that is what makes the index
 * fast), hand-written unusual files, and seeded random mutations of real files (`READER_CASES=50000` for more).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { ensureTeamFolder } from '../../bench/generate';
import { parseYaml, parseYamlReference } from '../../src/core/format/parse';
import type { LineMap } from '../../src/core/format/parse';
import { GOALS_FILE, MEETING_FILE, REPORT_FILE, TEAM_FILE } from '../../src/core/format/schema';
import type { FieldType } from '../../src/core/format/schema';
import { readTreeFast, resolvePlainScalar, treeFromDocument } from '../../src/core/format/tree';
import type { SourceNode } from '../../src/core/format/tree';
import type { Span } from '../../src/core/types';
import { NAUGHTY_STRINGS } from '../support/naughty';
import { seededRandom } from '../support/rng';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function schemaOf(file: string): FieldType {
  const base = path.basename(file);
  return base === 'team.yaml' ? TEAM_FILE : base === 'report.yaml' ? REPORT_FILE : base === 'goals.yaml' ? GOALS_FILE : MEETING_FILE;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (e.name.endsWith('.yaml')) out.push(p);
  }
  return out.sort();
}

/**
 * The tree as the product sees it: a block collection's span cut at the end of its first line as `LineMap.range`
 * cuts it (collections are only ever shown that way; `yaml` sometimes counts comment lines after one into it).
 */
function visible(node: SourceNode | null, text: string): unknown {
  if (node === null) return null;
  switch (node.kind) {
    case 'scalar':
      return node;
    case 'alias':
      return { ...node, target: undefined };
    case 'map':
    case 'seq': {
      const flow = text[node.span[0]] === '[' || text[node.span[0]] === '{';
      const nl = text.indexOf('\n', node.span[0]);
      const span = flow || nl < 0 || nl >= node.span[1] ? node.span : [node.span[0], nl > node.span[0] && text[nl - 1] === '\r' ? nl - 1 : nl];
      return node.kind === 'map'
        ? { kind: 'map', span, pairs: node.pairs.map((p) => ({ key: visible(p.key, text), value: visible(p.value, text) })) }
        : { kind: 'seq', span, items: node.items.map((i) => visible(i, text)) };
    }
  }
}

/** Why the fast reading of `text` differs from the reference, or undefined when it does not (or it declined). */
function disagreement(text: string, schema: FieldType = MEETING_FILE): string | undefined {
  const fast = readTreeFast(text);
  if (!fast) return undefined;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return `accepted a file the reference reports: ${[...doc.errors, ...doc.warnings].map((e) => e.code).join(', ')}`;
  }
  const reference = visible(treeFromDocument(doc), text);
  const mine = visible(fast.root, text);
  if (!isDeepStrictEqual(mine, reference)) return `trees differ:\n  fast      ${JSON.stringify(mine)}\n  reference ${JSON.stringify(reference)}`;
  const a = parseYaml('f.yaml', text, schema);
  const b = parseYamlReference('f.yaml', text, schema);
  const cut = (spans: ReadonlyMap<string, Span>, lines: LineMap): unknown => [...spans].map(([k, s]) => [k, lines.range(s, text, true)]);
  const facts = (r: typeof a): unknown => ({ raw: r.raw, findings: r.file.findings, syntaxErrors: r.file.syntaxErrors, spans: cut(r.file.spans, r.file.lines), keySpans: cut(r.file.keySpans, r.file.lines) });
  if (!isDeepStrictEqual(facts(a), facts(b))) return 'parse results differ';
  return undefined;
}

function assertAgree(text: string, schema?: FieldType): void {
  const why = disagreement(text, schema);
  assert.equal(why, undefined, `${why}\nfor ${JSON.stringify(text)}`);
}

describe('the fast reader agrees with the reference', () => {
  let dir = '';
  let team = '';
  before(function () {
    this.timeout(60_000);
    dir = mkdtempSync(path.join(os.tmpdir(), 'oneonones-readers-'));
    team = ensureTeamFolder(dir, { name: 'readers', reports: 4, years: 2 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('on every file of the demo team, the fixtures and a generated team, in LF and CRLF, and accepts them all', function () {
    this.timeout(120_000);
    const files = [...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(team)];
    assert.ok(files.length > 500, `only ${files.length} files`);
    const declined: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        // Only a file the reference finds a syntax problem in may go to the reference (the demo team has one).
        if (!readTreeFast(variant) && parseDocument(variant, { uniqueKeys: true }).errors.length === 0) declined.push(path.relative(ROOT, f));
        assertAgree(variant, schemaOf(f));
      }
    }
    assert.deepEqual(declined, []);
  });

  const UNUSUAL: ReadonlyArray<readonly [string, string]> = [
    ['empty', ''],
    ['only a comment', '# nothing yet\n'],
    ['document markers', '---\ndate: 2026-11-24\n...\n'],
    ['a leading document marker', '---\ndate: 2026-11-24\nstatus: held\n'],
    ['an indented document marker', ' ---\ndate: 2026-11-24\n'],
    ['a document end after a comment', '# 1:1\r\n...\ndate: 2026-11-24\r\n'],
    ['byte order mark', '\ufeffdate: 2026-11-24\nstatus: held\n'],
    ['byte order mark inside', '# 1:1\n\ufeffdate: 2026-11-24\nstatus: held\n'],
    ['no final line break', 'date: 2026-11-24\nnotes: |\n  last line'],
    ['empty values', 'date:\nstatus:   \nnotes:  # later\nprep:\n  manager:\n'],
    ['empty list items', 'actions:\n-\n- text: x\n-   \n- # c\n  text: y\n'],
    ['block scalars, every header', 'a: |\n  x\nb: |-\n  x\n\nc: |+\n  x\n\n\nd: >\n  x\n  y\n\n  z\ne: >-  # c\n  x\nf: |2\n    x\n  y\ng: |\nh: >+\n'],
    ['block scalars, chomping', 'a: |\n  x\nb: |-\n  x\n\nc: |+\n  x\n\n\nd: >\n  x\n  y\n\n  z\ne: >-  # c\n  x\ng: |\nh: >+\n'],
    ['block scalar, trailing space-only lines', 'notes: |\n  x\n   \n  \n \n\nstatus: held\n'],
    ['block scalar, blank lines first', 'notes: |\n\n\n  x\n'],
    ['block scalar at the end, CRLF', 'status: held\r\nnotes: >\r\n  a\r\n  b\r\n\r\n'],
    ['block scalar header on its own line', 'notes:\n  |\n    x\n'],
    ['block scalars in a list', 'topics:\n  - |\n    one\n  - >-\n    two\n\n  - three\n'],
    ['quoted scalars', 'a: "x\\"y\\u00e9\\n"\nb: \'it\'\'s\'\nc: "multi\n  line"\nd: \'\'\ne: ""\n"quoted key": 1\n\'single key\': 2\n'],
    ['flow collections', 'topics: [a, "b", \'c\', {text: d}, [e, f], ]  # trailing\nx: {a: 1, b: [2, 3]}\ny: []\nz: {}\nw: [\n  a,\n  # comment\n  b\n  ]\n'],
    ['comments everywhere', '# head\ndate: 2026-11-24 # date\n# between\nprep: # prep\n  # inside\n  manager:\n    topics:\n      # before item\n      - a # after item\n      # after list\n# end\n'],
    ['plain multi-line scalar', 'notes: first\n  second\n\n  third\nstatus: held\n'],
    ['core schema scalars', 'a: ~\nb: Null\nc: TRUE\nd: False\ne: 0o17\nf: 0x1F\ng: -12\nh: +3\ni: .5\nj: 1.\nk: 1e3\nl: -.inf\nm: .NaN\nn: 0b1\no: 1_000\np: yes\nq: 2026-11-24\nr: 12:30\ns: .\nt: -\nu: 0o8\n'],
    ['keys of every kind', '1: a\n1.5: b\ntrue: c\n~: d\n"": e\n? explicit\n: value\n? no value\nzoë: f\nключ: g\n日本: h\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['duplicate keys by value', '1: a\n1.0: b\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 12\nb: !custom x\n'],
    ['directives', '%YAML 1.2\n---\na: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['tabs', 'a:\n\tb: 1\nc: "x\ty"\n'],
    ['nested compact', 'a: b: c\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['unclosed quote', 'a: "x\nb: 1\n'],
    ['unclosed flow', 'a: [1, 2\nb: 1\n'],
    ['text after a flow collection', 'goals:\n- {id: talk, title: t}alk, start: 1}\n'],
    ['text after a quoted value', 'a: "x" y\nb: \'x\'y: 1\n'],
    ['comment without space', 'a: "x"#c\nb: x#c\n'],
    ['reserved indicators', 'a: @x\nb: `y\n'],
    ['long implicit key', `${'k'.repeat(1100)}: v\n`],
    ['deep nesting', `${Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}k:`).join('\n')}\n`],
    ['unicode line separators', 'a: x\u2028y\nb: x\u0085y\nc: "\u2029"\n'],
    ['carriage returns alone', 'a: 1\rb: 2\r'],
    ['a list at the root', '- a\n- b\n'],
    ['a scalar at the root', 'just words\n'],
    ['a root block scalar', '|\n  x\n'],
    // found by review: accepted by the fast reader while yaml disagreed
    ['indentation indicator over space-only lines', 'a: |2\n    \nc: |2+\n   \n'],
    ['indentation indicator in a list', '- |1\n   \n'],
    ['indentation indicator at the root', '|2\n  x\n'],
    ['indentation indicator too deep at the root', '|3\n  x\n'],
    ['keep chomping into spaces at the end', 'a: |+\n  x\n  '],
    ['keep chomping, blank then spaces at the end', 'a: |+\n\n  '],
    ['escape beyond Unicode', 'a: "\\U00110000"\nb: "\\UFFFFFFFF"\n'],
    ['escaped line break before an empty line', 'a: "a\\\n\n b"\nc: ["x\\\n\n y"]\n'],
    ['document end after a byte order mark', '\ufeff...\na: b\n'],
    ['indented marker after a byte order mark', '\ufeff ---\na: b\n'],
    ['a list after a byte order mark', '\ufeff- a\n'],
    ['a long key with long spaces before its colon', `${'k'.repeat(900)}${' '.repeat(200)}: v\n`],
    ['CRLF throughout', 'date: 2026-11-24\r\nprep:\r\n  manager:\r\n    topics:\r\n      - "a"\r\n      - b # c\r\n'],
    // over a limit of limits.ts (the fast reader may accept them: both paths must give the same refusal)
    ['over the entry limit', `${Array.from({ length: 2001 }, (_, i) => `k${i}: v`).join('\n')}\n`],
    ['over the nesting limit, in brackets js-yaml reads', `notes: ${'['.repeat(70)}${']'.repeat(70)}\n`],
    ['at the nesting limit', `notes: ${'['.repeat(60)}${']'.repeat(60)}\n`],
    ['a lone CR inside a quoted value', 'notes: "a\rb"\nstatus: held\n'],
    ['bytes that were not UTF-8', 'notes: caf\ufffd\nstatus: held\n'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\nnotes: yes\nstatus: held\n'],
  ];
  for (const [name, text] of UNUSUAL) {
    it(`on an unusual file: ${name}`, () => {
      assertAgree(text);
      assertAgree(text, GOALS_FILE);
    });
  }

  it('declines what it must leave to the reference (errors, anchors, tags, directives, documents, tabs)', () => {
    for (const [name, text] of UNUSUAL) {
      const doc = parseDocument(text, { uniqueKeys: true });
      const plain = !/[&*!%\t\ufeff]/.test(text);
      if (doc.errors.length > 0 || doc.warnings.length > 0 || !plain) assert.equal(readTreeFast(text), undefined, name);
    }
    // and accepts the ordinary unusual ones
    for (const name of ['a leading document marker', 'empty values', 'block scalars, chomping', 'quoted scalars', 'flow collections', 'comments everywhere', 'CRLF throughout']) {
      assert.ok(readTreeFast(UNUSUAL.find(([n]) => n === name)![1]), name);
    }
  });

  it('finds a duplicate key in a mapping of many keys as in one of a few', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const tree = readTreeFast(text);
    assert.ok(tree?.root?.kind === 'map' && tree.root.pairs.length === 2000);
    for (const dup of ['k0', 'k31', 'k32', 'k1999']) assert.equal(readTreeFast(`${text}\n${dup}: again\n`), undefined, dup);
    assert.equal(readTreeFast('a: 1\nb: 2\na: 3\n'), undefined);
    assert.equal(readTreeFast('1: a\n1.0: b\n'), undefined, 'the same number written twice');
  });

  it('reads plain scalars as YAML 1.2 core does', () => {
    const samples = ['', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'no', 'on', '0', '-0', '+0', '007', '0o17', '0o8', '0O17', '0x1f', '0X1F', '0x', '0b11', '1_000', '12', '-12', '+12', '1.', '.5', '-.5', '1.5e3', '1e3', '1E-3', '.e3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '-.nan', '1.0.0', '2026-11-24', '12:30', '1,000', '١٢', '٣.٥', 'Infinity', 'NaN', '0.1e', '9007199254740993', '1e400', '.', '-', '+', '..', 'x'];
    const rand = seededRandom(7);
    const alphabet = '0123456789+-.eExXoObB_~nNtTfFaAiI ';
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let n = 1 + Math.floor(rand() * 6); n > 0; n--) s += alphabet[Math.floor(rand() * alphabet.length)];
      samples.push(s.trim());
    }
    for (const s of samples) {
      const doc = parseDocument(`v: ${s}\n`);
      if (doc.errors.length > 0) continue;
      const expected = (doc.contents as { items: Array<{ value: { value: unknown } | null }> }).items[0].value?.value ?? null;
      assert.ok(Object.is(resolvePlainScalar(s), expected) || isDeepStrictEqual(resolvePlainScalar(s), expected), `${JSON.stringify(s)}: ${String(resolvePlainScalar(s))} ≠ ${String(expected)}`);
    }
  });

  it('on seeded random mutations of real files', function () {
    this.timeout(300_000);
    const cases = Number(process.env.READER_CASES ?? 3000);
    const seeds = [...yamlFiles(path.join(ROOT, 'test', 'fixtures')), ...yamlFiles(team).slice(0, 60)].map((f) => readFileSync(f, 'utf8'));
    const pieces = [' ', '  ', '\n', '\n\n', '   \n', '#', ' # c', ' #', ':', ': ', '- ', '-', '"', "'", '|', '>', '|-', '>+', '|2', '[', ']', '{', '}', ', ', ',', '?', '? ', '&a ', '*a', '!!str ', '%', '---\n', '...\n', '\r\n', '\r', '\t', 'null', '~', '0o7', '0x1F', '.inf', '1e3', 'true', '\ufeff', '@', '`', '\\', '\u2028', '\u0085', '\u00a0', '\u200b', '\u0000', '\u007f', '\ud800', 'é', '😀', 'key: value\n', '  - item\n', 'x:\n  |\n    y\n', ': |\n', '\n  - ', '\n- ', 'a: [b, c]\n', '{a: b}', '"a": b\n', "'a': b\n", '  ', '    ', '|2', '>-1', '|+', '\\U0010FFFF', '"\\\n\n x"', '\\', '\ufeff- '];
    const rand = seededRandom(Number(process.env.READER_SEED ?? 20261124));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    let accepted = 0;
    for (let c = 0; c < cases; c++) {
      let text = pick(seeds);
      if (rand() < 0.2) text = text.replace(/\n/g, '\r\n');
      for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
        const at = Math.floor(rand() * (text.length + 1));
        const x = rand();
        if (x < 0.45) text = text.slice(0, at) + pick(pieces) + text.slice(at);
        else if (x < 0.6) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 5));
        else if (x < 0.7) text = text.slice(0, at) + pick(NAUGHTY_STRINGS) + text.slice(at);
        else {
          // a whole line indented, dedented, doubled, or followed by blank lines
          const lines = text.split('\n');
          const i = Math.floor(rand() * lines.length);
          const y = rand();
          if (y < 0.3) lines[i] = ` ${lines[i]}`;
          else if (y < 0.6) lines[i] = lines[i].replace(/^ {1,2}/, '');
          else if (y < 0.8) lines.splice(i, 0, lines[i]);
          else lines.splice(i + 1, 0, '', ' '.repeat(Math.floor(rand() * 8)));
          text = lines.join('\n');
        }
      }
      if (readTreeFast(text)) accepted++;
      const why = disagreement(text);
      assert.equal(why, undefined, `case ${c}: ${why}\nfor ${JSON.stringify(text)}`);
    }
    // The mutations must leave many files readable, or the comparison proves little.
    assert.ok(accepted > cases / 4, `the fast reader accepted only ${accepted} of ${cases}`);
  });
});
