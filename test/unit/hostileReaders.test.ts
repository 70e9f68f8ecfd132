/**
 * Hostile input against the readers (issue #11, points 1, 2 and the reader parts of 6): files that nest too deep,
 * are too large, have too many aliases or keys, and odd bytes and line breaks. Whatever a file holds, reading it
 * gives findings (naming the limit when one is passed) and never crashes, hangs or pollutes a prototype.
 *
 * Files that could abort or hang the process are read in a child process (over the compiled `build/` output, and
 * the bundled CLI in `out/`), killed after 20 s: a hang detector, not a timing assertion. The limits themselves are
 * asserted through the findings and through what the readers produce.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { Finding } from '../../src/core/findings';
import { formEditToTextEdit } from '../../src/core/form/fields';
import { buildFormState, listLengths } from '../../src/core/form/model';
import { parseGoalsFile, parseMeetingFile, parseReportFile } from '../../src/core/format/files';
import { formRefusal, MAX_ALIASES, MAX_ENTRIES, MAX_FILE_BYTES, MAX_NESTING, MAX_VALUES_NOT_PLAIN, scanText, scanTextCounting } from '../../src/core/format/limits';
import { parseYaml, parseYamlReference } from '../../src/core/format/parse';
import { GOALS_FILE, MEETING_FILE, REPORT_FILE } from '../../src/core/format/schema';
import type { FieldType } from '../../src/core/format/schema';
import { lineStartsOf, treeFromDocument } from '../../src/core/format/tree';
import { seededRandom } from '../support/rng';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUILD = path.join(ROOT, 'build', 'src', 'core');
const CLI = path.join(ROOT, 'out', 'cli.js');
/** A child still running after this is hung: it is killed and the test fails. */
const HANG_MS = 20_000;

interface ChildResult {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

function child(args: readonly string[]): ChildResult {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', ...args], { encoding: 'utf8', timeout: HANG_MS, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function assertCleanExit(r: ChildResult, what: string): void {
  assert.equal(r.signal, null, `${what}: killed by ${r.signal} (hung, or aborted); stderr: ${r.stderr.slice(0, 500)}`);
  assert.ok(r.status === 0 || r.status === 1, `${what}: exit ${r.status}; stderr: ${r.stderr.slice(0, 500)}`);
  assert.doesNotMatch(r.stdout + r.stderr, /FATAL|Maximum call stack|RangeError|\n\s+at /, what);
}

/**
 * Reads `file` in a child through both readers (as `schema`), the form and its list lengths, and returns what they
 * found. `treeOnly` converts `yaml`'s Document directly (no scan first): the alias resolution on its own.
 */
function readInChild(file: string, schema: 'meeting' | 'goals' | 'report', treeOnly = false): { fast: Finding[]; reference: Finding[]; form: unknown; lists: unknown; tree?: number } {
  const code = `
    const fs = require('fs');
    const { parseYaml, parseYamlReference } = require(${JSON.stringify(path.join(BUILD, 'format', 'parse.js'))});
    const schemas = require(${JSON.stringify(path.join(BUILD, 'format', 'schema.js'))});
    const { buildFormState, listLengths } = require(${JSON.stringify(path.join(BUILD, 'form', 'model.js'))});
    const { treeFromDocument } = require(${JSON.stringify(path.join(BUILD, 'format', 'tree.js'))});
    const { parseDocument } = require('yaml');
    const text = fs.readFileSync(${JSON.stringify(file)}, 'utf8');
    if (${treeOnly}) {
      const tree = treeFromDocument(parseDocument(text, { uniqueKeys: false }));
      process.stdout.write(JSON.stringify({ fast: [], reference: [], form: null, lists: null, tree: tree.pairs.length }));
    } else {
      const schema = { meeting: schemas.MEETING_FILE, goals: schemas.GOALS_FILE, report: schemas.REPORT_FILE }[${JSON.stringify(schema)}];
      const fast = parseYaml('f.yaml', text, schema).file.findings;
      const reference = parseYamlReference('f.yaml', text, schema).file.findings;
      const form = buildFormState({ path: 'a/meetings/2026-11-24.yaml', text, version: 1, context: undefined, problems: [] });
      process.stdout.write(JSON.stringify({ fast, reference, form, lists: listLengths(text) }));
    }`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: HANG_MS, maxBuffer: 64 * 1024 * 1024 });
  assertCleanExit({ status: r.status, signal: r.signal, stdout: '', stderr: r.stderr }, path.basename(file));
  return JSON.parse(r.stdout) as { fast: Finding[]; reference: Finding[]; form: unknown; lists: unknown; tree?: number };
}

function messages(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.message);
}

describe('hostile input: the readers', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'oneonones-hostile-readers-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };

  describe('nesting (point 1)', () => {
    it('two files of one report nesting 1,000 brackets: the CLI reports both, names the limit, and does not abort', function () {
      this.timeout(60_000);
      const team = path.join(dir, 'deep-team');
      const deep = `${'['.repeat(1000)}${']'.repeat(1000)}\n`;
      write('deep-team/team.yaml', 'manager: Kim Park\n');
      write('deep-team/bob/report.yaml', deep);
      write('deep-team/bob/goals.yaml', deep);
      write('deep-team/ann/report.yaml', 'name: Ann Lee\n');
      const r = child([CLI, 'check', team, '--today', '2026-11-24']);
      assertCleanExit(r, 'the CLI');
      for (const file of ['bob/report.yaml', 'bob/goals.yaml']) {
        assert.match(r.stdout, new RegExp(`${file}:1:\\d+ error Nesting deeper than ${MAX_NESTING} levels`), file);
      }
      // the healthy report is still checked
      assert.match(r.stdout, /^ann\/report\.yaml:1:\d+ info Ann Lee has no active two-month goal.*\[no-active-goal\]$/m);
    });

    const deepFiles: Record<string, string> = {
      'flow brackets': `notes: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
      'flow mappings': `notes: ${'{a: '.repeat(1500)}b${'}'.repeat(1500)}\n`,
      'block mappings': `${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}\n`,
      'a list of mappings of lists, two columns a level': `${Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- a:`).join('\n')}\n`,
      'compact lists on each line': `${Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 58)}${'- '.repeat(30)}x`).join('\n')}\n`,
      'explicit keys': `${'? '.repeat(2000)}x\n`,
      'brackets after a quoted value that ends early': `a:\n  b: "x\n${'['.repeat(1000)}\n"\n`,
      'block mappings under a block scalar header': `- k: |\n  a:\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i + 3)}k:`).join('\n')}\n`,
      'brackets after a byte order mark and a tab': `\ufeff[\t${'['.repeat(1000)}\n`,
      // past the scan (it reads on inside the brackets), caught by the measure of yaml's syntax tree behind it
      'compact lists after a flow collection cut off by a line indented too little': `k: [\n${'- '.repeat(1000)}x\n`,
    };
    for (const [name, text] of Object.entries(deepFiles)) {
      it(`refuses ${name} before parsing, with the same finding from both readers and the form`, function () {
        this.timeout(30_000);
        const r = readInChild(write(`deep-${name.replace(/\W+/g, '-')}.yaml`, text), 'meeting');
        const limit = new RegExp(`^Nesting deeper than ${MAX_NESTING} levels, the limit for a team file; it is not read\\.$`);
        assert.deepEqual(r.fast.map((f) => f.rule), ['yaml-syntax']);
        assert.match(r.fast[0].message, limit);
        assert.deepEqual(r.reference, r.fast);
        assert.equal((r.form as { kind: string }).kind, 'broken');
        assert.match(JSON.stringify(r.form), /Nesting deeper than 64 levels/);
        assert.deepEqual(r.lists, { feedback: 0, managerTopics: 0, reportTopics: 0, actions: 0 });
      });
    }

    it('seeded mixes of every way to nest (and of quotes, block scalars, comments that may hide it) never get past', function () {
      this.timeout(60_000);
      // The scan over-estimates, and yaml's own syntax tree is measured exactly behind it: whatever the mix, a file
      // is either refused or nests no deeper than twice the limit in yaml's Document, and nothing overflows.
      const rand = seededRandom(Number(process.env.NESTING_SEED ?? 20261129));
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
      const texts: string[] = [];
      for (let c = 0; c < Number(process.env.NESTING_CASES ?? 600); c++) {
        let indent = 0;
        const opens: Array<() => string> = [
          () => '[', () => '{a: ', () => '{', () => '? ', () => '- ', () => ': ',
          () => `\n${' '.repeat((indent += 1 + Math.floor(rand() * 3)))}k:`,
          () => `\n${' '.repeat((indent += Math.floor(rand() * 3)))}- `,
          () => `\n${' '.repeat(indent)}- `,
          () => `\n${' '.repeat(Math.max(0, indent - 2))}k: `,
        ];
        const noise = [' ', '\t', '&a ', '!t ', '"q" ', "'q' ", '# c [[\n', '|\n', '>-\n', '\ufeff', '\r\n', '"m\n l" ', 'x', ',', '*a ', '\n', '"', "'", "''", ']', '}', '---\n', ' #', 'k: "a\n[[\n', 'k: |\n  [[[\n', '\\'];
        let text = '';
        for (let k = 65 + Math.floor(rand() * 150); k > 0; k--) text += pick(opens)() + (rand() < 0.4 ? pick(noise) : '');
        texts.push(text);
      }
      const file = write('nesting-mixes.json', JSON.stringify(texts));
      const code = `
        const { parseYaml, parseYamlReference } = require(${JSON.stringify(path.join(BUILD, 'format', 'parse.js'))});
        const { MEETING_FILE } = require(${JSON.stringify(path.join(BUILD, 'format', 'schema.js'))});
        const { parseDocument, isMap, isSeq, isPair } = require('yaml');
        const depthOf = (root) => { let max = 0; const stack = [[root, 0]]; while (stack.length) { const [n, d] = stack.pop();
          if (isMap(n) || isSeq(n)) { max = Math.max(max, d + 1); for (const it of n.items) { if (isPair(it)) stack.push([it.key, d + 1], [it.value, d + 1]); else stack.push([it, d + 1]); } } } return max; };
        const out = { refused: 0, read: 0, deepest: 0, bad: [] };
        for (const text of JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))) {
          const a = parseYaml('f', text, MEETING_FILE).file.findings.map((f) => f.message);
          const b = parseYamlReference('f', text, MEETING_FILE).file.findings.map((f) => f.message);
          if (a.some((m) => /call stack|could not be read/.test(m))) out.bad.push(['overflow', text]);
          if (a.some((m) => /^Nesting deeper/.test(m))) { out.refused++; if (!b.some((m) => /^Nesting deeper/.test(m))) out.bad.push(['one reader', text]); continue; }
          out.read++;
          const d = depthOf(parseDocument(text, { uniqueKeys: false }).contents);
          out.deepest = Math.max(out.deepest, d);
          if (d > ${2 * MAX_NESTING}) out.bad.push(['depth ' + d, text]);
        }
        process.stdout.write(JSON.stringify(out));`;
      const r = spawnSync(process.execPath, ['--max-old-space-size=512', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: HANG_MS * 2 });
      assertCleanExit({ status: r.status, signal: r.signal, stdout: '', stderr: r.stderr }, 'the mixes');
      const out = JSON.parse(r.stdout) as { refused: number; read: number; deepest: number; bad: unknown[] };
      assert.deepEqual(out.bad.slice(0, 3), []);
      assert.ok(out.refused > 100 && out.read > 100, JSON.stringify(out));
    });

    it('reads real nesting: block scalars, quotes and comments full of brackets are not counted', () => {
      const text = [
        'date: 2026-11-24',
        `notes: |\n${Array.from({ length: 80 }, (_, i) => `  ${' '.repeat(i)}[[{ "' - - ? x`).join('\n')}`,
        `private: "${'['.repeat(200)}"`,
        `# ${'{'.repeat(200)}`,
        `prep:\n  manager:\n    topics:\n      - a [b ${'['.repeat(100)}`,
        `      - ${'['.repeat(50)}${']'.repeat(50)}`,
      ].join('\n');
      assert.deepEqual(scanText(text), []);
      const { file } = parseMeetingFile('m', `${text}\n`, '2026-11-24');
      assert.ok(!file.findings.some((f) => f.rule === 'yaml-syntax'), JSON.stringify(file.findings));
    });
  });

  describe('linear time (point 2)', () => {
    // Generated here with a fixed seed: key names and values vary so that no cache or interning hides the work.
    const rand = seededRandom(11_2026);
    const word = (): string => Math.floor(rand() * 36 ** 6).toString(36);

    it('32,000 aliases in 128 KB: refused at the alias limit, by both readers and the form', function () {
      this.timeout(30_000);
      const text = `date: 2026-11-24\nnotes: &a ${word()}\nprep:\n  manager:\n    topics: [${Array.from({ length: 32_000 }, () => '*a').join(', ')}]\n`;
      assert.ok(text.length > 120_000);
      const r = readInChild(write('aliases.yaml', text), 'meeting');
      assert.deepEqual(messages(r.fast), [`More than ${MAX_ALIASES} aliases (\`*name\`), the limit for a team file; it is not read.`]);
      assert.deepEqual(r.reference, r.fast);
      assert.equal((r.form as { kind: string }).kind, 'broken');
    });

    it('aliases are resolved in one walk of the document, not one walk per alias', function () {
      this.timeout(30_000);
      // Past the scan (the tree of yaml's Document directly): 32,000 aliases of 40 anchors in a 200 KB mapping.
      const lines = Array.from({ length: 40 }, (_, i) => `a${i}: &x${i} ${word()}`);
      for (let i = 0; i < 32_000; i++) lines.push(`k${i}: *x${Math.floor(rand() * 40)}`);
      const r = readInChild(write('aliases-tree.yaml', `${lines.join('\n')}\n`), 'meeting', true);
      assert.equal(r.tree, 32_040);
      // and the anchor is the last one before the alias, as yaml's Alias.resolve finds it
      const doc = parseDocument('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: &y [*y]\n');
      const tree = treeFromDocument(doc);
      assert.ok(tree?.kind === 'map');
      const target = (i: number): unknown => {
        const v = tree.pairs[i].value;
        return v?.kind === 'alias' && v.target?.kind === 'scalar' ? v.target.value : v?.kind === 'alias' ? v.target?.kind : undefined;
      };
      assert.deepEqual([target(1), target(3)], [1, 2]);
      const e = tree.pairs[4].value;
      assert.ok(e?.kind === 'seq' && e.items[0]?.kind === 'alias' && e.items[0].target === e, 'a recursive alias points at its own list');
    });

    for (const [name, extra] of [['one duplicate', 'k7: again\n'], ['one tab', 'k8:\tx\n'], ['one anchor', 'k9: &a x\n']] as const) {
      // (45,000 keys, as in the report that found the quadratic check, are over the size limit now: 15,000 fit under it.)
      it(`a mapping of 15,000 keys with ${name}: refused at the entry limit by both readers and the form`, function () {
        this.timeout(30_000);
        const text = `${Array.from({ length: 15_000 }, (_, i) => `k${i}: ${word()}`).join('\n')}\n${extra}`;
        assert.ok(text.length < MAX_FILE_BYTES, 'under the size limit');
        const r = readInChild(write(`keys-${name.replace(/\W+/g, '-')}.yaml`, text), 'meeting');
        assert.deepEqual(messages(r.fast), [`More than ${MAX_ENTRIES.toLocaleString('en-US')} entries in one mapping or list, the limit for a team file; it is not read.`]);
        assert.deepEqual(r.reference, r.fast);
        assert.equal((r.form as { kind: string }).kind, 'broken');
      });
    }

    it('a duplicate key under the limit: the error yaml gives, found with one set per mapping', function () {
      this.timeout(30_000);
      const keys = Array.from({ length: MAX_ENTRIES - 1 }, (_, i) => `k${i}: ${word()}`);
      const text = `${keys.join('\n')}\nk1500: again\n`;
      const withYaml = parseDocument(text, { uniqueKeys: true }).errors.map((e) => [e.pos[0], e.message.split(' at line')[0]]);
      const { file } = parseMeetingFile('m', text, undefined);
      const dup = file.findings.filter((f) => /unique/.test(f.message));
      assert.equal(withYaml.length, 1);
      assert.deepEqual(dup.map((f) => [f.range.start.line, f.message]), [[MAX_ENTRIES - 1, `YAML syntax: ${withYaml[0][1]}`]]);
      // Counting the work: the conversion reports each duplicate once, and a 45,000-key mapping (past the scan)
      // is converted in the child's time.
      const seen: number[] = [];
      treeFromDocument(parseDocument('a: 1\nb: 2\na: 3\n1: x\n1.0: y\n.nan: p\n.nan: q\n', { uniqueKeys: false }), (at) => seen.push(at));
      assert.deepEqual(seen, [10, 20], 'a repeated and 1.0 for 1 (NaN never equals itself, as in yaml)');
    });

    it('a file the fast reader declines is read by yaml only up to MAX_VALUES_NOT_PLAIN values: past it, refused where the anchor, tab or error is', function () {
      this.timeout(30_000);
      // 1,900 flow mappings in ~230 KB, under the size and entry limits: `yaml` took ~0.3 s for it on the host's thread.
      const items = Array.from({ length: 1900 }, (_, i) => `      - {type: positive, text: "topic ${i} ${word()} ${word()} ${'w'.repeat(60)}", note: ${word()}}`);
      const plain = `date: 2026-11-24\nprep:\n  manager:\n    feedback:\n${items.join('\n')}\n`;
      assert.ok(plain.length > 150_000 && plain.length < MAX_FILE_BYTES);
      assert.ok(scanTextCounting(plain).values > MAX_VALUES_NOT_PLAIN);
      // Plain YAML is read in full by the fast reader, whatever its count.
      const read = parseMeetingFile('m', plain, '2026-11-24');
      assert.deepEqual(read.file.findings.filter((f) => f.rule === 'yaml-syntax'), []);
      assert.equal(read.value?.feedback.length, 1900);
      const limit = MAX_VALUES_NOT_PLAIN.toLocaleString('en-US');
      const cases: Array<[string, string, number, RegExp]> = [
        ['an anchor', plain.replace('- {type', '- &first {type'), 4, /and an anchor \(`&name`\) here/],
        ['a tag', plain.replace('- {type', '- !!map {type'), 4, /and a tag \(`!name`\) here/],
        ['a tab', plain.replace('topic 700 ', 'topic 700\t'), 704, /and a tab here/],
        ['a syntax error', plain.replace('topic 900', 'topic" 900'), 904, /and a YAML syntax error here/],
        ['an alias', plain.replace(/(topic 1200 [^"]*", )note: /, '$1note: *n, x: '), 1204, /and an alias \(`\*name`\) here/],
      ];
      for (const [name, text, line, message] of cases) {
        for (const [reader, parse] of [['parseYaml', parseYaml], ['parseYamlReference', parseYamlReference]] as const) {
          const findings = parse('m', text, MEETING_FILE).file.findings.filter((f) => f.rule === 'yaml-syntax');
          if (reader === 'parseYamlReference') {
            assert.ok(findings.some((f) => f.message.startsWith(`This file has more than ${limit} values`)), `${name} (${reader}): ${JSON.stringify(findings)}`);
            continue;
          }
          assert.equal(findings.length, 1, `${name}: ${JSON.stringify(findings)}`);
          assert.match(findings[0].message, message, name);
          assert.match(findings[0].message, new RegExp(`^This file has more than ${limit} values .*only plain YAML is read`), name);
          assert.equal(findings[0].range.start.line, line, `${name}: the finding points at it`);
        }
      }
      // Under the count, a declined file is read by yaml as before: the anchor is just an anchor.
      const small = `date: 2026-11-24\nprep:\n  manager:\n    feedback:\n${items.slice(0, 200).join('\n').replace('- {type', '- &first {type')}\n`;
      const smallRead = parseMeetingFile('m', small, '2026-11-24');
      assert.deepEqual(smallRead.file.findings.filter((f) => f.rule === 'yaml-syntax'), []);
      assert.equal(smallRead.value?.feedback.length, 200);
      // and the form, whose state costs about as much per value, shows files up to the count only.
      assert.match(formRefusal(plain)?.message ?? '', new RegExp(`more than ${limit} values, more than the form shows.*use the text editor`));
      assert.equal(formRefusal(small), undefined);
    });

    it('files over the size limit are refused without being parsed, 10 MB too', function () {
      this.timeout(30_000);
      const big = `date: 2026-11-24\nnotes: |\n${Array.from({ length: 130_000 }, () => `  ${word()} ${word()} ${word()}`).join('\n')}\n`;
      assert.ok(big.length > 10 * 1024 * 1024 / 4);
      const r = readInChild(write('big.yaml', big.repeat(4)), 'meeting');
      assert.deepEqual(messages(r.fast), [`This file is larger than ${MAX_FILE_BYTES / 1024} KiB (${MAX_FILE_BYTES.toLocaleString('en-US')} bytes), the limit for a team file; it is not read.`]);
      assert.deepEqual(r.reference, r.fast);
      // bytes of UTF-8, not characters: 100,000 × "é" is 200,000 bytes (under), 100,000 × "日" 300,000 (over)
      assert.deepEqual(scanText(`notes: ${'é'.repeat(100_000)}\n`), []);
      assert.equal(scanText(`notes: ${'日'.repeat(100_000)}\n`)[0]?.refuse, true);
    });

    it('merge keys and merge-key loops are plain keys (YAML 1.2), read at once, even under %YAML 1.1', function () {
      this.timeout(30_000);
      const text = '%YAML 1.1\n---\ndate: 2026-11-24\nprep: &p\n  <<: *p\n  manager: &m\n    <<: [*m, *p]\n    topics: [a]\ngoals:\n  <<: {x: y}\n';
      const r = readInChild(write('merge.yaml', text), 'meeting');
      assert.deepEqual(r.reference, r.fast);
      assert.ok(r.fast.some((f) => /`%YAML 1\.1` is ignored/.test(f.message)));
      assert.ok(r.fast.some((f) => f.rule === 'unknown-key' && /`<<`/.test(f.message)));
      assert.equal((r.form as { kind: string }).kind, 'broken', 'the form does not read YAML 1.1');
      const { value } = parseMeetingFile('m', text, '2026-11-24');
      assert.deepEqual(value?.managerTopics.map((t) => t.text), ['a']);
    });
  });

  describe('odd bytes and line breaks (the reader parts of point 6)', () => {
    /** 1-based `line:col` of a finding, as the editor shows it. */
    const at = (f: Finding): string => `${f.range.start.line + 1}:${f.range.start.character + 1}`;

    it('a lone CR breaks lines for positions (as the editor shows them) and is reported at the first one', () => {
      const text = 'name: Ann\rsince: 2026-01-01\rrole: [x\rpaused: 3\r';
      const { file } = parseReportFile('r', text);
      assert.deepEqual(lineStartsOf(text), [0, 10, 28, 37, 47]);
      const cr = file.findings.find((f) => /lone carriage return/.test(f.message));
      assert.ok(cr, JSON.stringify(file.findings));
      assert.equal(at(cr), '1:10');
      // yaml's own errors land on the line the editor shows for their offset
      for (const f of file.findings) {
        const offset = file.lines.offset(f.range.start);
        assert.equal(f.range.start.line, text.slice(0, offset).split('\r').length - 1, f.message);
      }
      assert.ok(file.syntaxErrors, 'the file reads as one line to yaml: no schema noise on a misread file');
      assert.deepEqual(file.findings.filter((f) => f.rule !== 'yaml-syntax'), []);
      // a range never runs past its line
      const r = file.lines.range([0, text.length], text, true);
      assert.deepEqual(r, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    });

    it('CRLF is one line break, and a range on one line stops before its CR', () => {
      const text = 'name: Ann\r\nsince: 2026-02-30\r\n';
      const { file } = parseReportFile('r', text);
      assert.deepEqual(file.findings.map(at), ['2:8']);
      assert.deepEqual(file.findings[0].range.end, { line: 1, character: 17 });
    });

    it('a file with a syntax error shows only its syntax errors: no unknown-key hints (docs/rules.md)', () => {
      for (const [text, read] of [
        ['name: Ann\nnmae: Ann\nrole: [x\n', parseReportFile],
        ['date: 2026-11-24\nstauts: held\nnotes: "x\n', (p: string, t: string) => parseMeetingFile(p, t, '2026-11-24')],
      ] as const) {
        const { file } = read('f', text);
        assert.ok(file.findings.some((f) => f.rule === 'yaml-syntax'));
        assert.deepEqual(file.findings.filter((f) => f.rule !== 'yaml-syntax'), [], text);
      }
      // without the syntax error, the hint is there
      assert.ok(parseReportFile('r', 'name: Ann\nnmae: Ann\n').file.findings.some((f) => f.rule === 'unknown-key'));
    });

    it('NUL bytes: the file is refused with a finding at the first one', () => {
      const text = 'name: Ann\nrole: x\u0000y\n';
      for (const read of [parseYaml, parseYamlReference]) {
        const { file, raw } = read('r', text, REPORT_FILE);
        assert.deepEqual(file.findings.map((f) => [f.rule, at(f), f.message]), [['yaml-syntax', '2:8', 'This file holds a NUL character: it is not a text file; it is not read.']]);
        assert.equal(raw, undefined);
      }
    });

    it('a NUL written as an escape in a key is not a plain word (it would be confused with a nested path)', () => {
      const { file } = parseMeetingFile('m', 'date: 2026-11-24\n"prep\\0manager": x\ngoals:\n  "a\\0b": y\n', '2026-11-24');
      assert.deepEqual(file.findings.filter((f) => f.rule === 'unknown-key'), []);
      assert.deepEqual(file.findings.filter((f) => f.rule === 'schema').map((f) => [at(f), f.message]), [
        ['2:1', 'Keys in meeting file must be plain words.'],
        ['4:3', 'Keys in goal check-ins must be plain words.'],
      ]);
    });

    it('bytes that were not UTF-8 (U+FFFD after decoding): read, and reported so the file is fixed', () => {
      const text = 'name: Ren\ufffde\nrole: Engineer\n';
      const { file, value } = parseReportFile('r', text);
      assert.deepEqual(file.findings.map((f) => [f.rule, at(f)]), [['yaml-syntax', '1:10']]);
      assert.match(file.findings[0].message, /not UTF-8/);
      assert.equal(value?.role, 'Engineer');
      assert.ok(formRefusal(text), 'the form does not write such a file back');
    });

    it('a byte order mark, several documents and custom tags: a correct read or a finding, never a crash', () => {
      const bom = parseReportFile('r', '\ufeffname: Ann\nsince: 2026-02-30\n');
      assert.equal(bom.value?.name, 'Ann');
      assert.deepEqual(bom.file.findings.map((f) => [f.rule, at(f)]), [['schema', '2:8']]);
      const docs = parseReportFile('r', 'name: Ann\n---\nname: Bob\n');
      assert.ok(docs.file.findings.some((f) => f.rule === 'yaml-syntax' && /multiple documents/.test(f.message)));
      const tags = parseReportFile('r', 'name: !person Ann\nrole: !!binary aGVsbG8=\nsince: !!timestamp 2026-01-01\n');
      assert.ok(tags.file.findings.some((f) => /Unresolved tag: !person/.test(f.message)), JSON.stringify(tags.file.findings));
      assert.doesNotThrow(() => parseReportFile('r', '!!python/object:os.system [x]\n'));
    });

    it('YAML 1.1 scalars are read as YAML 1.2 (yes, on, 0777, 1_000 stay as written), with or without %YAML 1.1', () => {
      for (const head of ['', '%YAML 1.1\n---\n']) {
        const text = `${head}name: yes\nrole: on\nsince: 2026-01-02\ncadence: 0777\naspirations: [1_000, 0x1F, no]\n`;
        for (const read of [parseYaml, parseYamlReference]) {
          const { raw, file } = read('r', text, REPORT_FILE);
          assert.equal(raw?.name, 'yes');
          assert.equal(raw?.role, 'on');
          assert.equal(raw?.since, '2026-01-02', `a date stays a date, not a timestamp (${JSON.stringify(file.findings)})`);
          assert.deepEqual(raw?.aspirations, ['1_000', '0x1F', 'no']);
          assert.equal(file.findings.some((f) => /`%YAML 1\.1` is ignored/.test(f.message)), head !== '');
        }
      }
    });

    it('__proto__, constructor and prototype keys at every depth: ordinary unknown keys, no polluted prototype', () => {
      const names = ['__proto__', 'constructor', 'prototype'];
      const block = (indent: string): string => names.map((n) => `${indent}${n}: {polluted: 1, toString: 2}`).join('\n');
      const meeting = [
        'date: 2026-11-24',
        block(''),
        'prep:',
        block('  '),
        '  manager:',
        block('    '),
        '    feedback:',
        '      - type: positive',
        '        text: t',
        block('        '),
        'goals:',
        block('  '),
        'actions:',
        '  - text: x',
        '    owner: report',
        block('    '),
      ].join('\n');
      const goals = `goals:\n  - id: g\n    title: t\n    start: 2026-01-01\n${block('    ')}\n${block('')}\n`;
      const cases: Array<[string, FieldType, number]> = [[meeting, MEETING_FILE, 15], [goals, GOALS_FILE, 6], [`${meeting}\nanchor: &a 1\n`, MEETING_FILE, 16]];
      for (const [text, schema, unknown] of cases) {
        for (const read of [parseYaml, parseYamlReference]) {
          const { raw, file } = read('f', text, schema);
          assert.ok(raw);
          assert.equal(file.findings.filter((f) => f.rule === 'unknown-key').length, unknown, JSON.stringify(file.findings.map((f) => f.message)));
          assert.equal(Object.getPrototypeOf(raw), Object.prototype);
        }
      }
      const m = parseMeetingFile('m', meeting, '2026-11-24');
      assert.deepEqual(m.value?.goals.map((g) => g.goalId), names, 'check-ins of goals named __proto__ are ordinary entries');
      assert.equal(parseGoalsFile('g', goals).value?.[0].id, 'g');
      const state = buildFormState({ path: 'a/meetings/2026-11-24.yaml', text: meeting, version: 1, context: undefined, problems: [] });
      assert.equal(state.kind, 'form');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).toString, Object.prototype.toString);
    });
  });

  describe('the form keeps the same limits', () => {
    it('an edit of a file over a limit is refused with its message; an edit may not take a file over one', function () {
      this.timeout(30_000);
      const deep = `date: 2026-11-24\nnotes: ${'['.repeat(100)}${']'.repeat(100)}\n`;
      assert.throws(() => formEditToTextEdit(deep, { op: 'set', field: 'status', value: 'held' }, () => 0), /Nesting deeper than 64 levels/);
      assert.deepEqual(listLengths(deep), { feedback: 0, managerTopics: 0, reportTopics: 0, actions: 0 });
      const ok = 'date: 2026-11-24\nstatus: planned\n';
      assert.ok(formEditToTextEdit(ok, { op: 'set', field: 'status', value: 'held' }, () => 0));
      const nearLimit = `date: 2026-11-24\nprivate: |\n${'  words words words words words words words words words words\n'.repeat(Math.floor((MAX_FILE_BYTES - 1500) / 62))}notes: x\n`;
      assert.ok(nearLimit.length > MAX_FILE_BYTES - 2000);
      assert.equal(formRefusal(nearLimit), undefined);
      assert.ok(formEditToTextEdit(nearLimit, { op: 'set', field: 'notes', value: 'y'.repeat(100) }, () => 0));
      assert.throws(() => formEditToTextEdit(nearLimit, { op: 'set', field: 'notes', value: 'y'.repeat(3000) }, () => 0), /cannot be made safely/);
    });
  });
});

describe('docs/security.md lists the limits', () => {
  it('with the numbers the code uses', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8');
    const section = doc.split('\n## Limits\n')[1] ?? '';
    for (const [name, value] of [['MAX_FILE_BYTES', `${MAX_FILE_BYTES / 1024} KiB (${MAX_FILE_BYTES.toLocaleString('en-US')} bytes`], ['MAX_NESTING', `${MAX_NESTING} levels`], ['MAX_ALIASES', `${MAX_ALIASES} per file`], ['MAX_ENTRIES', MAX_ENTRIES.toLocaleString('en-US')], ['MAX_VALUES_NOT_PLAIN', MAX_VALUES_NOT_PLAIN.toLocaleString('en-US')]]) {
      assert.match(section, new RegExp(`\\(\`${name}\`\\) \\| ${value.replace(/[()]/g, '\\$&')}`), name);
    }
  });
});
