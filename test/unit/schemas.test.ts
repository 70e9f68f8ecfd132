import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse, stringify } from 'yaml';
import { isIsoDate, parseDuration } from '../../src/core/dates';
import { parseYaml } from '../../src/core/format/parse';
import { GOALS_FILE, MEETING_FILE, REPORT_FILE, TEAM_FILE } from '../../src/core/format/schema';
import type { FieldType } from '../../src/core/format/schema';
import { CADENCE_PATTERN, DATE_PATTERN, DURATION_PATTERN, generateSchemas, schemaText } from '../../src/schemas/jsonSchema';

const ROOT = path.resolve(__dirname, '../../..');

type Kind = 'team' | 'report' | 'goals' | 'meeting';
const CORE: Record<Kind, FieldType> = { team: TEAM_FILE, report: REPORT_FILE, goals: GOALS_FILE, meeting: MEETING_FILE };

function validators(): Record<Kind, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const load = (kind: Kind): ValidateFunction => ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8')));
  return { team: load('team'), report: load('report'), goals: load('goals'), meeting: load('meeting') };
}

/** Which schema a team-folder file falls under, by its place in the layout (undefined: not a team file). */
function kindOf(file: string): Kind | undefined {
  const base = path.basename(file);
  if (base === 'team.yaml') return 'team';
  if (base === 'report.yaml') return 'report';
  if (base === 'goals.yaml') return 'goals';
  if (path.basename(path.dirname(file)) === 'meetings' && base.endsWith('.yaml')) return 'meeting';
  return undefined;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

/**
 * The core's verdict on one text, as the schema should give it: a file passes the schema when the core finds no
 * `schema` error and no `unknown-key` (the schema's `additionalProperties: false`, which the YAML extension shows as a
 * warning, never an error). Undefined when the YAML itself is broken (then there is nothing to compare).
 */
function coreAccepts(kind: Kind, text: string): boolean | undefined {
  const { file } = parseYaml(`x/${kind}.yaml`, text, CORE[kind]);
  if (file.syntaxErrors) return undefined;
  return !file.findings.some((f) => f.rule === 'schema' || f.rule === 'unknown-key');
}

/** A valid value of each type, for building whole valid files. */
function validValue(t: FieldType): unknown {
  switch (t.type) {
    case 'string':
    case 'text':
      return 'Some words';
    case 'date':
      return '2026-11-24';
    case 'duration':
      return t.cadence ? 'biweekly' : '8w';
    case 'integer':
      return t.min + 1;
    case 'boolean':
      return true;
    case 'enum':
      return t.values[t.values.length - 1];
    case 'list':
      return [validValue(t.items)];
    case 'map':
      return { g1: validValue(t.values) };
    case 'object':
      return Object.fromEntries(Object.entries(t.fields).map(([k, f]) => [k, validValue(f.type)]));
  }
}

/** Values the core must refuse for a field of this type. */
function wrongValues(t: FieldType): unknown[] {
  const mapping = { a: 'b' };
  const list = ['a'];
  switch (t.type) {
    case 'string':
    case 'text':
      return [mapping, list];
    case 'date':
      return ['2026-02-30', '2026-13-01', '24.11.2026', 20261124, true, list];
    case 'duration':
      return t.cadence ? ['fortnightly', '0w', '3m', 7, mapping] : ['weekly', '0d', '12345d', 8, list];
    case 'integer':
      return [-1 + t.min, 1.5, 'two', true, list];
    case 'boolean':
      return ['yes', 1, list];
    case 'enum':
      return ['other', t.values[0].toUpperCase(), 1, list];
    case 'list':
      return ['a text', mapping];
    case 'map':
      return ['a text', list];
    case 'object':
      return ['a text', list];
  }
}

/** Other values the core accepts for a field of this type (besides `validValue`). */
function otherRightValues(t: FieldType, required: boolean): unknown[] {
  const empty = required ? [] : [null];
  switch (t.type) {
    case 'string':
    case 'text':
      // Read as their source text.
      return [...empty, 42, 1.5, false, '', 'two\nlines'];
    case 'date':
      return [...empty, '2024-02-29', '2000-02-29'];
    case 'duration':
      return [...empty, ...(t.cadence ? ['weekly', '10d'] : ['60d', '9999w'])];
    case 'integer':
      return [...empty, t.min, 1000];
    case 'boolean':
      return [...empty, false];
    case 'enum':
      return [...empty, ...t.values];
    case 'list':
      // An empty `- ` line while typing is skipped.
      return [...empty, [], [null]];
    case 'map':
      return [...empty, {}, { g2: null }];
    case 'object':
      return [...empty];
  }
}

type Path = Array<string | number>;

/** Every field of a type, with the path to it in `validValue(t)`. */
function fieldPaths(t: FieldType, at: Path = []): Array<{ path: Path; type: FieldType; required: boolean }> {
  if (t.type === 'list') return fieldPaths(t.items, [...at, 0]);
  if (t.type === 'map') return [{ path: [...at, 'g1'], type: t.values, required: false }];
  if (t.type !== 'object') return [];
  return Object.entries(t.fields).flatMap(([k, f]) => [{ path: [...at, k], type: f.type, required: f.required === true }, ...fieldPaths(f.type, [...at, k])]);
}

function withValue(doc: unknown, at: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of at.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  if (remove) delete node[at[at.length - 1]];
  else node[at[at.length - 1]] = value;
  return copy;
}

describe('JSON schemas', () => {
  it('the committed schemas/*.schema.json are what `npm run schemas` generates from the core schema', () => {
    for (const file of generateSchemas()) {
      const committed = readFileSync(path.join(ROOT, 'schemas', file.name), 'utf8');
      assert.equal(committed, schemaText(file), `schemas/${file.name} is stale: run \`npm run schemas\` and commit the result`);
    }
  });

  it('are contributed to the YAML extension for the team-folder paths (contributes.yamlValidation)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { yamlValidation: Array<{ fileMatch: string | string[]; url: string }> } };
    const contributed = pkg.contributes.yamlValidation.map((v) => ({ fileMatch: [v.fileMatch].flat(), url: v.url }));
    assert.deepEqual(contributed, generateSchemas().map((f) => ({ fileMatch: [...f.fileMatch], url: `./schemas/${f.name}` })));
  });

  it('are valid draft-07, with a description on every key, enums for status, kind and type, and unknown keys flagged', () => {
    validators();
    const meeting = JSON.parse(readFileSync(path.join(ROOT, 'schemas/meeting.schema.json'), 'utf8'));
    assert.deepEqual(meeting.properties.status.enum, ['planned', 'held', 'skipped', null]);
    assert.deepEqual(meeting.properties.kind.enum, ['regular', 'career', null]);
    assert.deepEqual(meeting.properties.prep.properties.manager.properties.feedback.items.properties.type.enum, ['positive', 'negative']);
    const goals = JSON.parse(readFileSync(path.join(ROOT, 'schemas/goals.schema.json'), 'utf8'));
    assert.deepEqual(goals.properties.goals.items.properties.status.enum, ['active', 'done', 'dropped', null]);
    const undescribed: string[] = [];
    const open: string[] = [];
    interface Node { description?: string; properties?: Record<string, Node>; items?: Node; additionalProperties?: unknown }
    const walk = (s: Node, at: string): void => {
      // A mapping of known keys flags any other key (a warning in the YAML extension), so a typo shows as you type.
      if (s.properties && s.additionalProperties !== false) open.push(at);
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (!v.description) undescribed.push(`${at}.${k}`);
        walk(v, `${at}.${k}`);
      }
      if (s.items) walk(s.items, `${at}[]`);
    };
    for (const f of generateSchemas()) walk(f.schema as Node, f.name);
    assert.deepEqual(undescribed, []);
    assert.deepEqual(open, []);
  });

  it('the date and duration patterns accept exactly what the core accepts', () => {
    const date = new RegExp(DATE_PATTERN);
    const mismatches: string[] = [];
    for (const year of ['1900', '1996', '2000', '2023', '2024', '2026', '2100', '2400']) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const text = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (date.test(text) !== isIsoDate(text)) mismatches.push(text);
        }
      }
    }
    for (const text of ['2026-1-05', '2026-11-24 ', '02026-11-24', 'x2026-11-24']) if (date.test(text) !== isIsoDate(text)) mismatches.push(text);
    const cadence = new RegExp(CADENCE_PATTERN);
    const duration = new RegExp(DURATION_PATTERN);
    for (const text of ['weekly', 'biweekly', 'monthly', '1d', '9999w', '10000d', '0w', '07d', '3m', '2 w', '']) {
      if (cadence.test(text) !== (parseDuration(text) !== undefined)) mismatches.push(`cadence ${text}`);
      if (duration.test(text) !== (parseDuration(text) !== undefined && text !== 'weekly' && text !== 'biweekly')) mismatches.push(`duration ${text}`);
    }
    assert.deepEqual(mismatches, []);
  });

  it('every fixture and demo team file passes the schema exactly when the core finds no schema error and no unknown key in it', () => {
    const validate = validators();
    const files = [...yamlFiles(path.join(ROOT, 'test/fixtures')), ...yamlFiles(path.join(ROOT, 'examples/demo-team'))];
    let compared = 0;
    let rejected = 0;
    const disagreements: string[] = [];
    for (const file of files) {
      const kind = kindOf(file);
      if (!kind) continue;
      const text = readFileSync(file, 'utf8');
      const core = coreAccepts(kind, text);
      if (core === undefined) continue;
      compared++;
      if (!core) rejected++;
      const ok = validate[kind](parse(text));
      if (ok !== core) disagreements.push(`${path.relative(ROOT, file)}: core ${core ? 'accepts' : 'rejects'}, schema ${ok ? 'accepts' : 'rejects'}`);
    }
    assert.deepEqual(disagreements, []);
    assert.ok(compared > 100, `compared ${compared} files`);
    assert.ok(rejected > 0, 'the fixtures include files with schema errors');
  });

  it('generated files, one per field and value (wrong types, bad dates, missing or empty values), get the same verdict from the core and the schema', () => {
    const validate = validators();
    const disagreements: string[] = [];
    let cases = 0;
    for (const kind of Object.keys(CORE) as Kind[]) {
      const type = CORE[kind];
      const valid = validValue(type);
      // Also the smallest valid file: only the required keys, and empty values where a value may be left out.
      const minimal = Object.fromEntries(Object.entries((type as Extract<FieldType, { type: 'object' }>).fields).map(([k, f]) => [k, f.required ? validValue(f.type) : null]));
      for (const doc of [valid, minimal]) {
        const text = stringify(doc);
        if (coreAccepts(kind, text) !== true || !validate[kind](parse(text))) disagreements.push(`${kind}: the valid file\n${text}`);
      }
      const variants: Array<{ label: string; doc: unknown; ok: boolean }> = [
        { label: 'empty file', doc: null, ok: false },
        { label: 'a list', doc: ['a'], ok: false },
        // Kept, and only hinted at by the core; the schema flags it (a warning in the YAML extension).
        { label: 'an unknown key', doc: { ...(valid as object), 'nickname': 'x' }, ok: false },
      ];
      for (const field of fieldPaths(type)) {
        const at = field.path.join('.');
        for (const wrong of wrongValues(field.type)) variants.push({ label: `${at} = ${JSON.stringify(wrong)}`, doc: withValue(valid, field.path, wrong), ok: false });
        for (const right of otherRightValues(field.type, field.required)) variants.push({ label: `${at} = ${JSON.stringify(right)}`, doc: withValue(valid, field.path, right), ok: true });
        if (field.required) {
          variants.push({ label: `${at} missing`, doc: withValue(valid, field.path, undefined, true), ok: false });
          variants.push({ label: `${at} empty`, doc: withValue(valid, field.path, null), ok: false });
        } else {
          variants.push({ label: `${at} left out`, doc: withValue(valid, field.path, undefined, true), ok: true });
        }
      }
      for (const v of variants) {
        cases++;
        const text = v.doc === null ? '' : stringify(v.doc);
        const core = coreAccepts(kind, text);
        const schema = validate[kind](parse(text) ?? null);
        if (core !== v.ok || schema !== v.ok) disagreements.push(`${kind}, ${v.label}: core ${core ? 'accepts' : 'rejects'}, schema ${schema ? 'accepts' : 'rejects'}`);
      }
    }
    assert.deepEqual(disagreements, []);
    assert.ok(cases > 150, `${cases} cases`);
  });
});
