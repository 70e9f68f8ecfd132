/**
 * What the registry generates: the `oneOnOnes.rules` setting in package.json and the rules table in docs/rules.md.
 * `npm run schemas` writes both (scripts/schemas.mjs); unit tests fail when the committed files differ, so a rule's
 * id, default and summary are written once, in its module.
 */
import { SEVERITY_SETTINGS, RULE_MODULES } from './registry';
import type { RuleSpec } from './rule';

/** The setting every rule's severity is changed with (package.json `contributes.configuration`). */
export const RULES_SETTING = 'oneOnOnes.rules';

const TABLE_START = '<!-- The table is generated from the rule registry (src/core/rules/) by `npm run schemas`: edit the rules, not the table. -->';
const TABLE_END = '<!-- End of the generated table. -->';

/** What the generators read of a rule module (any module: tests pass one that is not in the registry). */
export type Modules = ReadonlyArray<{ readonly rules: { readonly [id: string]: RuleSpec<never> } }>;

function rulesOf(modules: Modules): Array<[string, RuleSpec<never>]> {
  return modules.flatMap((m) => Object.entries(m.rules));
}

export interface SettingSchema {
  readonly type: 'object';
  readonly default: Record<string, never>;
  readonly scope: 'resource';
  readonly markdownDescription: string;
  readonly properties: Record<string, { readonly type: 'string'; readonly enum: string[]; readonly markdownDescription: string }>;
  readonly additionalProperties: false;
}

/** The `oneOnOnes.rules` setting: one property per rule, with its summary and default. */
export function rulesSettingSchema(modules: Modules = RULE_MODULES): SettingSchema {
  const properties: SettingSchema['properties'] = {};
  for (const [id, spec] of rulesOf(modules)) {
    properties[id] = { type: 'string', enum: [...SEVERITY_SETTINGS], markdownDescription: `${spec.summary} Default: \`${spec.severity}\`.` };
  }
  return {
    type: 'object',
    default: {},
    scope: 'resource',
    markdownDescription:
      'Severity per rule: `off`, `hint`, `info`, `warning` or `error`. Rules not named keep their default. Every rule is explained in `docs/rules.md`; e.g. `{"no-feedback": "off", "cadence-overdue": "error"}`.',
    properties,
    additionalProperties: false,
  };
}

/** The table of docs/rules.md: id (linked to its section), default severity, where it is reported, quick fixes. */
export function rulesTable(modules: Modules = RULE_MODULES): string {
  const rows = rulesOf(modules).map(([id, s]) => {
    const fixes = (s.fixTitles ?? []).map((t) => `**${t}**`).join(', ');
    return `| [${id}](#${id}) | ${s.severity} | ${s.on} | ${fixes || '–'} |`;
  });
  return ['| rule | default | on | quick fixes |', '|---|---|---|---|', ...rows].join('\n');
}

/** docs/rules.md with its generated table replaced by the current one; throws when the markers are missing. */
export function withRulesTable(doc: string, modules: Modules = RULE_MODULES): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END, start);
  if (start < 0 || end < 0) throw new Error('docs/rules.md: the markers around the generated rules table are missing');
  // Blank lines around the table: a renderer must not read the closing comment as a row.
  return `${doc.slice(0, start)}${TABLE_START}\n\n${rulesTable(modules)}\n\n${doc.slice(end)}`;
}

/** package.json's text with the `oneOnOnes.rules` setting replaced by the generated one (nothing else changes). */
export function withRulesSetting(packageJson: string, modules: Modules = RULE_MODULES): string {
  const pkg = JSON.parse(packageJson) as { contributes?: { configuration?: { properties?: Record<string, unknown> } } };
  const properties = pkg.contributes?.configuration?.properties;
  if (!properties) throw new Error('package.json: contributes.configuration.properties is missing');
  properties[RULES_SETTING] = rulesSettingSchema(modules);
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
