import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { addDays, isIsoDate } from '../../src/core/dates';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli.js');
const DEMO = path.join(ROOT, 'examples/demo-team');

interface Finding { file: string; line: number; column: number; rule: string; severity: string; message: string }

function check(folder: string, today: string): Finding[] {
  const r = spawnSync(process.execPath, [CLI, 'check', folder, '--today', today, '--format', 'json'], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as { problems: Finding[] }).problems;
}

// The supported range's bounds, named in some messages, are not dates of the story.
const BOUNDS = new Set(['1900-01-01', '2999-12-31']);
const moved = (text: string, days: number): string => text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (m) => (isIsoDate(m) && !BOUNDS.has(m) ? addDays(m, days) : m));

describe('npm start serves the demo dated relative to today', () => {
  it('a copy moved by N days, checked N days after 2026-11-24, shows exactly the README example\'s problems', function () {
    this.timeout(60000);
    const dir = mkdtempSync(path.join(tmpdir(), 'oneonones-shift-'));
    try {
      const days = 37; // any whole number of days: the story does not depend on the weekday
      const copy = path.join(dir, 'demo-team');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/demo/shift.mjs'), DEMO, copy, '--days', String(days)], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(readdirSync(path.join(copy, 'ines-moreau/meetings')).includes(`${addDays('2026-11-24', days)}.yaml`), 'meeting files are renamed');
      const original = check(DEMO, '2026-11-24');
      assert.ok(original.length > 20, 'the demo has findings to compare');
      const expected = original.map((f) => ({ ...f, file: moved(f.file, days), message: moved(f.message, days) }));
      const key = (f: Finding): string => `${f.file}:${f.line}:${f.column}:${f.rule}`;
      assert.deepEqual(check(copy, addDays('2026-11-24', days)).sort((a, b) => key(a).localeCompare(key(b))), expected.sort((a, b) => key(a).localeCompare(key(b))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
