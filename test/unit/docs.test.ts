import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
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

  it('the extension package holds exactly the bundle, the manifest, the docs and media (vsce ls)', function () {
    this.timeout(60000);
    // vsce walks the whole tree (here also .vscode-test and the benchmark cache): run it on a copy of what matters,
    // with a decoy in every place that must stay out of the package.
    const dir = mkdtempSync(path.join(tmpdir(), 'oneonones-vsce-'));
    try {
      for (const f of ['package.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'out/extension.js', 'out/webview', 'media', 'docs']) {
        cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
      }
      const decoys = ['out/cli.js', 'out/extension.js.map', 'out/bench.js', 'src/extension.ts', 'build/src/cli.js', 'test/unit/x.test.ts', 'examples/demo-team/a/report.yaml',
        'bench/results.json', 'scripts/build.mjs', '.vscode-test/runs/x.log', '.ci/run', 'tsconfig.json', 'eslint.config.mjs', 'test-results/tree.png', 'webview/form/main.ts', 'out/webview/form.js.map', 'build/test/webview/x.js'];
      for (const f of decoys) {
        mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        writeFileSync(path.join(dir, f), 'decoy');
      }
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n').sort(), [
        'CHANGELOG.md', 'LICENSE', 'README.md', 'docs/format.md', 'docs/rules.md', 'docs/security.md',
        'media/one-on-ones.svg', 'media/screenshot-form.png', 'media/screenshot-tree.png', 'out/extension.js', 'out/webview/form.css', 'out/webview/form.js',
        'package.json',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
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

  it('the README names the test command and the CLI', () => {
    const readme = read('README.md');
    assert.match(readme, /npm test/);
    assert.match(readme, /one-on-ones check/);
  });
});
