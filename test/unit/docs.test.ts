import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FORMATS } from '../../src/cli/output';
import { RULES } from '../../src/core/rules/registry';
import { MEETING_FILE, REPORT_FILE, GOAL, TEAM_FILE } from '../../src/core/format/schema';
import type { FieldType } from '../../src/core/format/schema';
import { parseGoalsFile, parseMeetingFile, parseReportFile, parseTeamFile } from '../../src/core/format/files';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string): string => readFileSync(path.join(ROOT, p), 'utf8');

describe('docs stay true', () => {
  it('docs/rules.md has a section and a table row with the default severity for every rule', () => {
    const doc = read('docs/rules.md');
    for (const r of RULES.values()) {
      assert.ok(doc.includes(`\n## ${r.id}\n`), `section for ${r.id}`);
      assert.ok(doc.includes(`| [${r.id}](#${r.id}) | ${r.severity} |`), `table row for ${r.id}`);
      const section = doc.split(`\n## ${r.id}\n`)[1];
      assert.ok(section.trimStart().startsWith(`**${r.severity[0].toUpperCase()}${r.severity.slice(1)}.**`), `severity in the section of ${r.id}`);
    }
  });

  it('docs/format.md names every key of every file', () => {
    const doc = read('docs/format.md');
    const keys = (t: FieldType): string[] => (t.type === 'object' ? Object.entries(t.fields).flatMap(([k, f]) => [k, ...keys(f.type)]) : t.type === 'list' ? keys(t.items) : []);
    for (const schema of [TEAM_FILE, REPORT_FILE, GOAL, MEETING_FILE]) {
      for (const k of keys(schema)) assert.match(doc, new RegExp(`\`(?:[\\w.-]+\\.)?${k}\``), `${k} documented`);
    }
  });

  it('the example files in docs/format.md are valid, with no finding at all', () => {
    const doc = read('docs/format.md');
    const blocks = [...doc.matchAll(/`one-on-ones\/([^`]+)`\n\n```yaml\n([\s\S]*?)```/g)];
    assert.equal(blocks.length, 4);
    for (const [, file, text] of blocks) {
      const parsed = file.endsWith('team.yaml') ? parseTeamFile(file, text)
        : file.endsWith('report.yaml') ? parseReportFile(file, text)
          : file.endsWith('goals.yaml') ? parseGoalsFile(file, text)
            : parseMeetingFile(file, text, '2026-11-24');
      assert.deepEqual(parsed.file.findings, [], file);
      assert.ok(parsed.value, file);
    }
  });

  it('every log line in src/ names the kind of error only (docs/security.md: nothing in logs)', () => {
    // A fixed text, plus at most the error's kind and a command id: never a message, a path, a name or content.
    const files = (dir: string): string[] => readdirSync(path.join(ROOT, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    let calls = 0;
    for (const f of files('src')) {
      const text = read(f);
      for (const m of text.matchAll(/console\.\w+\(|process\.stderr\.write\(|\.appendLine\(/g)) {
        const call = text.slice(m.index, text.indexOf('\n', m.index));
        if (call.startsWith('process.stderr.write(t)')) continue; // the CLI's writer: what it writes is escaped output
        calls++;
        const args = call.slice(call.indexOf('(') + 1);
        for (const [, expr] of args.matchAll(/\$\{([^}]*)\}/g)) {
          assert.ok(['errorKind(e)', 'id', 'kind', 'detail'].includes(expr), `${f}: logs \`\${${expr}}\``);
        }
      }
    }
    assert.ok(calls >= 5);
  });

  it('the README is for users (the CLI, no development section); building and testing are in CONTRIBUTING.md', () => {
    const readme = read('README.md');
    assert.match(readme, /one-on-ones check/);
    assert.match(readme, /\[docs\/cli\.md\]\(docs\/cli\.md\)/);
    assert.match(readme, /\[CONTRIBUTING\.md\]\(CONTRIBUTING\.md\)/);
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    for (const dev of ['Try it from source', 'Development', 'Performance']) assert.ok(!headings.includes(dev), `README has no "${dev}" section`);
    assert.doesNotMatch(readme, /npm start|npm run bench|\.ci\/run/);
    // The one test command, named for CI and new users, and the one CI runs.
    assert.match(readme, /`npm test`/);
    assert.match(read('.ci/run'), /^npm test\b/m);
    const contributing = read('CONTRIBUTING.md');
    for (const section of ['Try it from source', 'Development', 'Data flows', 'Performance', 'Releasing']) assert.match(contributing, new RegExp(`^## ${section}`, 'm'));
    assert.match(contributing, /npm test/);
    assert.match(contributing, /npm start/);
  });

  it('docs/cli.md documents every option the CLI\'s --help lists, and every output format', () => {
    const doc = read('docs/cli.md');
    const help = spawnSync(process.execPath, [path.join(ROOT, 'out/cli.js'), '--help'], { encoding: 'utf8' }).stdout;
    const flags = [...new Set([...help.matchAll(/^ {2}(-\w, )?(--[a-z-]+)/gm)].map((m) => m[2]))];
    assert.ok(flags.length >= 9, flags.join(' '));
    for (const flag of flags) assert.ok(doc.includes(`\`${flag}`), `${flag} documented`);
    for (const format of FORMATS) assert.ok(doc.includes(`**${format}**`), `${format} documented`);
  });

  it('the README\'s commands and settings tables are the manifest\'s, no more and no less', () => {
    const readme = read('README.md');
    const manifest = JSON.parse(read('package.json')) as { contributes: { commands: Array<{ command: string; title: string }>; configuration: { properties: Record<string, unknown> } } };
    const section = (heading: string): string => readme.split(heading)[1]?.split('\n\n')[0] ?? '';
    const commandRows = section('Commands (palette category **1:1s**):\n\n').split('\n').filter((l) => l.startsWith('| **'));
    const titlesInReadme = commandRows.flatMap((row) => [...row.split(' | ')[0].matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]));
    assert.deepEqual([...titlesInReadme].sort(), manifest.contributes.commands.map((c) => c.title).sort());
    const settingRows = section('Settings:\n\n').split('\n').filter((l) => l.startsWith('| `oneOnOnes.'));
    assert.deepEqual(settingRows.map((r) => /^\| `([^`]+)`/.exec(r)![1]).sort(), Object.keys(manifest.contributes.configuration.properties).sort());
  });
});
