import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { rulesSettingSchema, rulesTable, RULES_SETTING, withRulesSetting, withRulesTable } from '../../src/core/rules/manifest';
import { RULE_FAMILIES, RULE_MODULES, RULES } from '../../src/core/rules/registry';
import type { RuleModule } from '../../src/core/rules/rule';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string): string => readFileSync(path.join(ROOT, p), 'utf8');

/** A rule module that is in no list: what a contributor writes to add a rule. */
const NEW_MODULE: RuleModule<{ 'one-more': { readonly report: string } }> = {
  family: 'test',
  rules: { 'one-more': { severity: 'info', summary: 'A rule added in one file.', on: 'report.yaml' } },
  check: () => [],
};

describe('the rule registry is the single source', () => {
  it('package.json\'s rules setting is what `npm run schemas` generates from the registry', () => {
    const text = read('package.json');
    assert.equal(withRulesSetting(text), text, 'package.json is stale: run `npm run schemas`');
    const pkg = JSON.parse(text) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    assert.deepEqual(pkg.contributes.configuration.properties[RULES_SETTING], rulesSettingSchema());
  });

  it('docs/rules.md\'s rules table is what `npm run schemas` generates from the registry', () => {
    const doc = read('docs/rules.md');
    assert.equal(withRulesTable(doc), doc, 'docs/rules.md is stale: run `npm run schemas`');
    assert.ok(doc.includes(`\n\n${rulesTable()}\n\n`));
  });

  it('every rule module under src/core/rules is in the registry\'s one list, and every id in exactly one module', () => {
    // Compiled modules, so that a module someone forgot to list is found by what it exports, not by its name.
    const dir = path.join(ROOT, 'build/src/core/rules');
    const load = createRequire(__filename);
    const exported = readdirSync(dir).filter((f) => f.endsWith('.js')).flatMap((f) => Object.values(load(path.join(dir, f)) as Record<string, unknown>));
    const modules = exported.filter((v): v is RuleModule<object> => typeof v === 'object' && v !== null && 'family' in v && 'rules' in v);
    assert.deepEqual(new Set(modules), new Set(RULE_MODULES));
    const ids = RULE_MODULES.flatMap((m) => Object.keys(m.rules));
    assert.equal(new Set(ids).size, ids.length, 'an id declared twice');
    assert.deepEqual([...RULES.keys()], ids);
    assert.deepEqual(RULE_FAMILIES, RULE_MODULES.flatMap((m) => ('check' in m && m.check ? [m.check] : [])));
    for (const r of RULES.values()) assert.equal(RULES.get(r.id), r);
  });

  it('adding a rule is one module: its setting and its table row come from it, and stale files are caught', () => {
    const modules = [...RULE_MODULES, NEW_MODULE];
    const setting = rulesSettingSchema(modules).properties['one-more'];
    assert.deepEqual(setting, { type: 'string', enum: ['off', 'hint', 'info', 'warning', 'error'], markdownDescription: 'A rule added in one file. Default: `info`.' });
    assert.ok(rulesTable(modules).endsWith('\n| [one-more](#one-more) | info | report.yaml | – |'));
    // The committed files do not have it yet: the staleness checks above would fail until `npm run schemas` runs.
    assert.notEqual(withRulesSetting(read('package.json'), modules), read('package.json'));
    assert.notEqual(withRulesTable(read('docs/rules.md'), modules), read('docs/rules.md'));
  });

  it('the generators refuse a docs page or a manifest they cannot place the generated text in', () => {
    assert.throws(() => withRulesTable('# Rules\n\nno markers\n'), /markers/);
    assert.throws(() => withRulesSetting('{"contributes": {}}'), /contributes\.configuration\.properties/);
  });
});
