#!/usr/bin/env node
// Writes what is generated from the core, as compiled by `npm run build` into build/ (`npm run schemas` builds
// first):
// - schemas/*.schema.json from the core's own schema (src/core/format/schema.ts) through src/schemas/jsonSchema.ts;
// - the `oneOnOnes.rules` setting in package.json and the rules table in docs/rules.md from the rule registry
//   (src/core/rules/registry.ts, through src/core/rules/manifest.ts).
// test/unit/schemas.test.ts and test/unit/manifest.test.ts fail when the committed files differ from what this writes.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { generateSchemas, schemaText } = require(path.join(ROOT, 'build/src/schemas/jsonSchema.js'));
const { withRulesSetting, withRulesTable } = require(path.join(ROOT, 'build/src/core/rules/manifest.js'));

function write(rel, text) {
  const target = path.join(ROOT, rel);
  const old = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (old !== text) fs.writeFileSync(target, text);
  console.log(`${old === text ? 'unchanged' : 'wrote    '} ${rel}`);
}

fs.mkdirSync(path.join(ROOT, 'schemas'), { recursive: true });
for (const file of generateSchemas()) write(`schemas/${file.name}`, schemaText(file));
write('package.json', withRulesSetting(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')));
write('docs/rules.md', withRulesTable(fs.readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8')));
