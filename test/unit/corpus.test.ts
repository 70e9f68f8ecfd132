/**
 * The hostile corpus through the built CLI (issue #11, "What to build"): every case is a team folder with hostile
 * files and two healthy control reports, checked in a child process with a time and a memory limit. Each run must
 * end with exit 0, 1 or 2, print no stack trace, give every hostile file a diagnostic (on the expected line where the
 * case knows it), and check the control reports exactly as in a clean team. scripts/hostile/generate.mjs makes the
 * corpus (committed small files from test/fixtures/hostile/ plus large and special files, from a fixed seed).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli.js');
const TIME_LIMIT_MS = 30_000;

interface HostileFile {
  readonly file: string;
  readonly line?: number;
}
interface Case {
  readonly name: string;
  readonly team: string;
  readonly hostile: readonly HostileFile[];
  readonly owner: 'core' | 'readers';
  readonly nonRoot: boolean;
}
interface Manifest {
  readonly today: string;
  readonly controls: readonly string[];
  readonly cases: readonly Case[];
}
interface JsonProblem {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly message: string;
}

const dir = mkdtempSync(path.join(tmpdir(), 'oneonones-hostile-'));
const generated = spawnSync(process.execPath, [path.join(ROOT, 'scripts/hostile/generate.mjs'), '--corpus', dir], { encoding: 'utf8' });
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
const isRoot = process.getuid?.() === 0;

function run(c: Case): SpawnSyncReturns<string> {
  const args = ['--max-old-space-size=512', CLI, 'check', c.team, '--today', manifest.today, '--format', 'json'];
  // Root reads through any mode: the unreadable case runs as `nobody`, where the OS really refuses.
  if (c.nonRoot && isRoot && runuser) return spawnSync(runuser, ['-u', 'nobody', '--', process.execPath, ...args], { encoding: 'utf8', timeout: TIME_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 });
  return spawnSync(process.execPath, args, { encoding: 'utf8', timeout: TIME_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 });
}

describe('the hostile corpus through the CLI', () => {
  after(() => {
    // Modes 000 are left by the unreadable case: open them up so the folder can go.
    const open = (p: string): void => {
      chmodSync(p, 0o755);
      for (const e of readdirSync(p, { withFileTypes: true })) if (e.isDirectory()) open(path.join(p, e.name));
    };
    open(dir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the generator made every case', () => {
    assert.equal(generated.status, 0, generated.stderr);
    assert.ok(manifest.cases.length >= 20);
  });

  for (const c of manifest.cases) {
    it(`${c.name}: exit 0/1/2, no stack trace, a diagnostic for every hostile file, the controls fully checked${c.owner === 'readers' ? ' (limits of the YAML readers)' : ''}`, function () {
      this.timeout(TIME_LIMIT_MS + 10_000);
      const r = run(c);
      const out = `${r.stdout}\n${r.stderr}`;
      assert.equal(r.error, undefined, `${c.name}: the CLI did not finish within ${TIME_LIMIT_MS} ms (${String(r.error)})`);
      assert.equal(r.signal, null, `${c.name}: killed by ${r.signal}`);
      assert.ok([0, 1, 2].includes(r.status ?? -1), `${c.name}: exit ${r.status}\n${r.stderr.slice(0, 500)}`);
      assert.doesNotMatch(out, /\n\s+at .+:\d+:\d+\)?\n|FATAL ERROR|internal error/, `${c.name}: a stack trace or an internal error`);
      assert.doesNotMatch(out, /SECRET/, `${c.name}: content of a file outside the team folder was read`);
      const problems = (JSON.parse(r.stdout) as { problems: JsonProblem[] }).problems;
      for (const h of c.hostile) {
        const found = problems.filter((p) => p.file === h.file && p.line >= 1);
        assert.ok(found.length > 0, `${c.name}: no diagnostic for ${JSON.stringify(h.file)}`);
        if (h.line !== undefined) assert.ok(found.some((p) => p.line === h.line), `${c.name}: no diagnostic on line ${h.line} of ${JSON.stringify(h.file)}: ${JSON.stringify(found)}`);
      }
      const controls = problems.filter((p) => p.file.startsWith('control-')).map((p) => `${p.file} ${p.rule}`).sort();
      assert.deepEqual(controls, [...manifest.controls].sort(), `${c.name}: the control reports`);
    });
  }
});
