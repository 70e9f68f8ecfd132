#!/usr/bin/env node
// Writes schemas/*.schema.json from the core's own schema (src/core/format/schema.ts) through
// src/schemas/jsonSchema.ts, as compiled by `npm run build` into build/. `npm run schemas` builds first.
// test/unit/schemas.test.ts fails when the committed files differ from what this writes.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { generateSchemas, schemaText } = require(path.join(ROOT, 'build/src/schemas/jsonSchema.js'));

const dir = path.join(ROOT, 'schemas');
fs.mkdirSync(dir, { recursive: true });
for (const file of generateSchemas()) {
  const target = path.join(dir, file.name);
  const text = schemaText(file);
  const old = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (old !== text) fs.writeFileSync(target, text);
  console.log(`${old === text ? 'unchanged' : 'wrote    '} schemas/${file.name}`);
}
