/**
 * JSON Schemas (draft-07) for the four kinds of file in a team folder, generated from the core's own schema
 * (src/core/format/schema.ts), so there is one source. `npm run schemas` writes them to schemas/; a unit test fails
 * when the committed files differ from what this produces.
 *
 * They mirror what the parser accepts, not more and not less: a missing optional value (`role:`) is fine, texts may
 * be written as numbers or booleans (the parser keeps their source text), an empty `- ` line in a list is skipped, and
 * unknown keys are kept (the parser only hints at them), so they are allowed here too. The extension's own
 * diagnostics stay the source of truth; these give completion, hover and early type errors in the YAML extension.
 */
import type { Field, FieldType } from '../core/format/schema';
import { GOALS_FILE, MEETING_FILE, REPORT_FILE, TEAM_FILE } from '../core/format/schema';

export type JsonSchema = { [key: string]: unknown };

export interface SchemaFile {
  /** File name under schemas/, e.g. `team.schema.json`. */
  readonly name: string;
  /** The `fileMatch` globs it is contributed for (`contributes.yamlValidation`). */
  readonly fileMatch: readonly string[];
  readonly schema: JsonSchema;
}

/**
 * A calendar date YYYY-MM-DD that exists (no 2026-02-30; 29 February only in leap years), as `isIsoDate` accepts.
 * Months of 31 days, of 30 days, February to the 28th, then the leap days: years divisible by 4 but not by 100
 * (the last two digits), and centuries divisible by 400.
 */
export const DATE_PATTERN = '^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))'
  + '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';
/** A length of time as `parseDuration` reads it: 1 to 9999 days or weeks. */
export const DURATION_PATTERN = '^[1-9]\\d{0,3}[dw]$';
export const CADENCE_PATTERN = '^(?:weekly|biweekly|[1-9]\\d{0,3}[dw])$';

/** Where each file lives in a team folder, and which part of the core's schema describes it. */
const FILES: ReadonlyArray<{ name: string; title: string; fileMatch: readonly string[]; type: FieldType; description: string }> = [
  {
    name: 'team.schema.json',
    title: 'First-Class 1:1s: team.yaml',
    fileMatch: ['**/one-on-ones/team.yaml'],
    type: TEAM_FILE,
    description: 'Team-wide settings of a First-Class 1:1s team folder. Every key is optional.',
  },
  {
    name: 'report.schema.json',
    title: 'First-Class 1:1s: report.yaml',
    fileMatch: ['**/report.yaml'],
    type: REPORT_FILE,
    description: 'One report: who they are, how often you meet, what they want to grow towards.',
  },
  {
    name: 'goals.schema.json',
    title: 'First-Class 1:1s: goals.yaml',
    fileMatch: ['**/goals.yaml'],
    type: GOALS_FILE,
    description: 'A report\'s two-month goals, each a step towards one of their aspirations.',
  },
  {
    name: 'meeting.schema.json',
    title: 'First-Class 1:1s: a 1:1 (meetings/YYYY-MM-DD.yaml)',
    fileMatch: ['**/meetings/*.yaml'],
    type: MEETING_FILE,
    description: 'One 1:1: both sides\' preparation, feedback, goal check-ins, notes and actions.',
  },
];

/** The four schemas, in a fixed order. */
export function generateSchemas(): SchemaFile[] {
  return FILES.map((f) => ({
    name: f.name,
    fileMatch: f.fileMatch,
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      ...typeSchema(f.type, false),
      title: f.title,
      description: `${f.description} Generated from the extension's format (docs/format.md); do not edit by hand.`,
    },
  }));
}

/** The text written to schemas/<name>: stable, two-space indented, with a final newline. */
export function schemaText(file: SchemaFile): string {
  return `${JSON.stringify(file.schema, null, 2)}\n`;
}

/** `nullable`: the parser treats a present-but-empty value (`key:` or `- `) as absent, so it is allowed. */
function typeSchema(t: FieldType, nullable: boolean): JsonSchema {
  const types = (...names: string[]): string | string[] => {
    const all = nullable ? [...names, 'null'] : names;
    return all.length === 1 ? all[0] : all;
  };
  switch (t.type) {
    case 'string':
    case 'text':
      // Numbers and booleans are read as their source text (`role: 10x` is a string anyway, `name: 42` is kept).
      return { type: types('string', 'number', 'boolean') };
    case 'date':
      return { type: types('string'), pattern: DATE_PATTERN, examples: ['2026-11-24'] };
    case 'duration':
      return t.cadence
        ? { type: types('string'), pattern: CADENCE_PATTERN, examples: ['weekly', 'biweekly', '10d', '3w'] }
        : { type: types('string'), pattern: DURATION_PATTERN, examples: ['8w', '60d'] };
    case 'integer':
      return { type: types('integer'), minimum: t.min };
    case 'boolean':
      return { type: types('boolean') };
    case 'enum':
      return { enum: nullable ? [...t.values, null] : [...t.values] };
    case 'list':
      return { type: types('array'), items: typeSchema(t.items, true) };
    case 'map':
      return { type: types('object'), title: t.name, additionalProperties: typeSchema(t.values, true) };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, field] of Object.entries(t.fields)) properties[key] = fieldSchema(field);
      const required = Object.entries(t.fields).filter(([, f]) => f.required).map(([k]) => k);
      return {
        type: types('object'),
        title: t.name,
        properties,
        ...(required.length > 0 ? { required } : {}),
        // Unknown keys are kept as they are and are not an error: the extension hints at a likely typo (`unknown-key`),
        // and the YAML extension reports a key the schema does not name as a warning ("Property … is not allowed"),
        // which is what `false` gives there. Completion then offers only the format's own keys.
        additionalProperties: false,
      };
    }
  }
}

function fieldSchema(field: Field): JsonSchema {
  const own = typeSchema(field.type, !field.required);
  const examples = [...quotedExamples(field.description), ...((own.examples as unknown[] | undefined) ?? [])];
  return {
    description: field.description,
    ...own,
    ...(field.default !== undefined ? { default: field.default } : {}),
    ...(examples.length > 0 ? { examples: [...new Set(examples)] } : {}),
  };
}

/** The core's descriptions give examples as `e.g. "…"`: those become the field's examples. */
function quotedExamples(description: string): string[] {
  const m = /e\.g\. "([^"]+)"/.exec(description);
  return m ? [m[1]] : [];
}
