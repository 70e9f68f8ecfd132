/**
 * Red team of `check --jobs N` (src/cli/parallel.ts, checkTeamStreamingByReport's shards): whatever N, the output and
 * the exit code are those of one thread.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TeamChecker } from '../../src/core/checker';
import { sortProblems } from '../../src/cli/output';
import { checkTeamStreaming, checkTeamStreamingByReport } from '../../src/core/stream';
import { mergeShards } from '../../src/cli/parallel';
import type { ShardProblems } from '../../src/core/stream';
import type { TeamFileSystem } from '../../src/core/fs';
import type { Problem } from '../../src/core/types';
import { MemoryFileSystem } from './helpers/memoryFs';

const TODAY = '2026-11-24';

async function sharded(make: () => TeamFileSystem, count: number, everything = true): Promise<Problem[]> {
  const shards: ShardProblems[] = [];
  for (let index = 0; index < count; index++) shards.push(await checkTeamStreamingByReport(make(), { today: TODAY, everything, concurrency: 1, shard: { index, count } }));
  return mergeShards(shards);
}

describe('check --jobs (red team): the same output whatever the number of threads', () => {
  it('a report whose meetings folder fails in an unexpected way: the same problems in shards as in one thread', async () => {
    const make = (): MemoryFileSystem => {
      const fs = new MemoryFileSystem({
        'team.yaml': 'manager: Sam\n',
        'ana/report.yaml': 'name: Ana\nbogus: 1\n',
        'ana/goals.yaml': 'goals: []\n',
        'ana/meetings/2026-11-20.yaml': 'date: 2026-11-20\nstatus: held\n',
        'bo/report.yaml': 'name: Bo\n',
        'bo/meetings/2026-11-20.yaml': 'date: 2026-11-20\nstatus: held\n',
      });
      fs.fail('ana/meetings', new Error('EIO: i/o error, scandir'));
      return fs;
    };
    const want = await checkTeamStreaming(make(), { today: TODAY, everything: true, concurrency: 1 });
    // Ana's report.yaml is still read and checked (its unknown key), next to the internal error of her history.
    assert.ok(want.some((p) => p.file === 'ana/report.yaml' && p.rule === 'unknown-key'), 'ana/report.yaml is checked');
    for (const count of [2, 3]) assert.deepEqual(await sharded(make, count), want, `${count} shards`);
    // And what the extension's checker (TeamChecker, rows first) shows for the same folder.
    const checker = await TeamChecker.open(make(), { today: TODAY });
    await checker.checkEverything();
    assert.deepEqual(sortProblems(want), sortProblems(checker.problems()), 'the checker\'s problems');
  });
});

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli.js');
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The bundled CLI, as an unprivileged user when the machine allows (root reads through any permission, so only then is
 * an unreadable folder real), with `env` added.
 */
function cli(args: readonly string[], env: Record<string, string> = {}): Run {
  const argv = [CLI, ...args];
  const r = RUNUSER
    ? spawnSync(RUNUSER, ['-u', 'nobody', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, ...argv], { encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `check folder args` with --jobs 1 and with each of `jobs`; asserts the same stdout, stderr and exit code. */
function sameForEveryJobs(folder: string, args: readonly string[], jobs: readonly number[], env: Record<string, string> = {}): Run {
  const one = cli(['check', folder, '--today', TODAY, ...args, '--jobs', '1'], env);
  for (const n of jobs) {
    const many = cli(['check', folder, '--today', TODAY, ...args, '--jobs', String(n)], env);
    const what = `${path.basename(folder)} ${args.join(' ')} ${JSON.stringify(env)} --jobs ${n}`;
    assert.equal(many.stderr, one.stderr, `${what}: stderr`);
    assert.equal(many.stdout, one.stdout, `${what}: stdout`);
    assert.equal(many.status, one.status, `${what}: exit code`);
  }
  return one;
}

describe('check --jobs N, the bundled CLI (red team): what one thread prints, with its exit code', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'oneonones-jobs-red-'));
    chmodSync(dir, 0o755);
  });
  after(() => {
    for (const p of walk(dir)) chmodSync(p, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every folder under `root` (to give back the permissions taken away). */
  function walk(root: string): string[] {
    const out = [root];
    for (const e of readdirSync(root, { withFileTypes: true })) if (e.isDirectory() && !e.isSymbolicLink()) out.push(...walk(path.join(root, e.name)));
    return out;
  }

  it('a team with unreadable folders and files, a FIFO, links and a folder without report.yaml: every format and flag, 2, 3 and 8 threads', function () {
    this.timeout(120_000);
    const team = path.join(dir, 'team');
    cpSync(path.join(ROOT, 'examples/demo-team'), team, { recursive: true });
    for (const id of ['pa', 'pb', 'pc', 'pd', 'pe', 'pf']) {
      mkdirSync(path.join(team, id, 'meetings'), { recursive: true });
      writeFileSync(path.join(team, id, 'report.yaml'), `name: ${id.toUpperCase()}\nsince: 2026-01-01\nbogus: 1\n`);
      writeFileSync(path.join(team, id, 'meetings', '2026-11-20.yaml'), 'date: 2026-11-20\nstatus: held\n');
      writeFileSync(path.join(team, id, 'meetings', '2026-11-13.yaml'), 'date: 2026-11-13\nstatus: hled\n');
    }
    chmodSync(path.join(team, 'pa', 'meetings'), 0o000);
    chmodSync(path.join(team, 'pb'), 0o000);
    chmodSync(path.join(team, 'pc', 'report.yaml'), 0o000);
    assert.equal(spawnSync('mkfifo', [path.join(team, 'pd', 'meetings', '2026-11-06.yaml'), path.join(team, 'pd', 'goals.yaml')]).status, 0);
    symlinkSync('/etc/passwd', path.join(team, 'pe', 'goals.yaml'));
    linkSync(path.join(team, 'pf', 'meetings', '2026-11-13.yaml'), path.join(team, 'pf', 'meetings', '2026-11-12.yaml'));
    mkdirSync(path.join(team, 'no-profile', 'meetings'), { recursive: true });
    symlinkSync(path.join(team, 'pe'), path.join(team, 'linked-report'));
    writeFileSync(path.join(team, 'stray.txt'), 'x');
    const variants: Array<[string[], Record<string, string>]> = [
      [[], {}],
      [[], { FORCE_COLOR: '1' }],
      [['--format', 'json'], {}],
      [['--format', 'sarif'], {}],
      [['--format', 'github'], {}],
      [['--recent', '--quiet'], {}],
      [['--max-warnings', '0', '--rule', 'no-feedback=off', '--no-status-update'], {}],
    ];
    variants.forEach(([args, env], i) => sameForEveryJobs(team, args, i === 0 ? [2, 3, 8] : [3], env));
    const text = cli(['check', team, '--today', TODAY, '--format', 'json', '--jobs', '3']);
    const problems = (JSON.parse(text.stdout) as { problems: Array<{ file: string }> }).problems;
    // What this team holds is really seen by the threads (not an empty output twice).
    for (const file of ['pc/report.yaml', 'pd/goals.yaml', 'pe/goals.yaml', 'pf/meetings/2026-11-12.yaml', 'no-profile', 'linked-report']) assert.ok(problems.some((p) => p.file === file), file);
    if (RUNUSER) for (const file of ['pa/meetings', 'pb']) assert.ok(problems.some((p) => p.file === file), file);
  });

  /** The bundled CLI with a module `-r`equired first, in the main thread and in every worker thread (execArgv). */
  function cliWith(preload: string, args: readonly string[]): Run {
    const file = path.join(dir, `preload-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, preload);
    // A CLI that never ends is stopped (status null): no test waits on a hang.
    const r = spawnSync(process.execPath, ['-r', file, CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('a meetings folder that fails with an I/O error (EIO): 2 and 3 threads print what one prints, report.yaml checked in each', function () {
    this.timeout(60_000);
    const eio = `const fs = require('fs'); const readdir = fs.promises.readdir;
fs.promises.readdir = function (p, ...rest) {
  if (String(p).endsWith('/kwame-asante/meetings')) { const e = new Error('EIO: i/o error, scandir'); e.code = 'EIO'; return Promise.reject(e); }
  return readdir.call(this, p, ...rest);
};`;
    const demo = path.join(ROOT, 'examples/demo-team');
    const one = cliWith(eio, ['check', demo, '--today', TODAY, '--jobs', '1']);
    assert.equal(one.status, 1, one.stderr);
    assert.match(one.stdout, /kwame-asante\/report\.yaml:1:1 error Internal error while checking this report/);
    assert.match(one.stdout, /kwame-asante\/report\.yaml:2:7 info Kwame Asante has no active two-month goal/, 'report.yaml is still checked');
    for (const jobs of ['2', '3']) {
      const many = cliWith(eio, ['check', demo, '--today', TODAY, '--jobs', jobs]);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs}: stdout`);
      assert.equal(many.stderr, one.stderr, `--jobs ${jobs}: stderr`);
      assert.equal(many.status, one.status, `--jobs ${jobs}: exit code`);
    }
  });

  it('a worker thread that dies (an uncaught error quoting a file, or an exit without a result): exit 3, the kind of error only', function () {
    this.timeout(60_000);
    const demo = path.join(ROOT, 'examples/demo-team');
    const inWorker = (body: string): string => `if (!require('worker_threads').isMainThread) setImmediate(() => { ${body} });`;
    for (const [name, preload] of [
      ['an uncaught error', inWorker("throw new Error('SECRET: notes of a 1:1');")],
      ['an exit', inWorker('process.exit(0);')],
      ['a hostile error name', inWorker("const e = new Error('SECRET'); e.name = '\\u001b[31mSECRET'; throw e;")],
    ]) {
      const r = cliWith(preload, ['check', demo, '--today', TODAY, '--jobs', '2']);
      assert.equal(r.status, 3, `${name}: ${r.stderr}`);
      assert.equal(r.stdout, '', `${name}: no partial output`);
      assert.match(r.stderr, /^one-on-ones: internal error \((Error|unknown error)\); please report it/, name);
      assert.doesNotMatch(r.stderr, /SECRET|\u001b/, `${name}: nothing of the error's message`);
    }
  });

  it('a thread that fails while another never ends: exit 3 at once, the other thread stopped (no hang)', function () {
    this.timeout(60_000);
    const demo = path.join(ROOT, 'examples/demo-team');
    // Thread 0 dies; thread 1 keeps a timer alive forever (a check stuck on a pathological file, say).
    const preload = `const { isMainThread, workerData } = require('worker_threads');
if (!isMainThread && workerData && workerData.shard) {
  if (workerData.shard.index === 0) setImmediate(() => { throw new Error('SECRET'); });
  else setInterval(() => {}, 1000);
}`;
    const r = cliWith(preload, ['check', demo, '--today', TODAY, '--jobs', '2']);
    assert.equal(r.status, 3, `the CLI ended with 3 (status ${r.status}: null is a hang stopped by the test)`);
    assert.match(r.stderr, /^one-on-ones: internal error \(Error\)/);
  });

  it('a report folder that one thread lists and another does not (the folder changed meanwhile): the one-thread output', function () {
    this.timeout(60_000);
    // The second thread's listing of the team folder misses zoe-muller, as if the folder had been removed in between.
    const missing = `const { isMainThread, workerData } = require('worker_threads');
if (!isMainThread && workerData && workerData.shard && workerData.shard.index === 1) {
  const fs = require('fs'); const readdir = fs.promises.readdir;
  fs.promises.readdir = async function (p, ...rest) {
    const all = await readdir.call(this, p, ...rest);
    return String(p).endsWith('demo-team') ? all.filter((e) => (e.name ?? e) !== 'zoe-muller') : all;
  };
}`;
    const demo = path.join(ROOT, 'examples/demo-team');
    const one = cliWith(missing, ['check', demo, '--today', TODAY, '--format', 'json', '--jobs', '1']);
    assert.match(one.stdout, /zoe-muller\//);
    for (const jobs of ['2', '3']) {
      const many = cliWith(missing, ['check', demo, '--today', TODAY, '--format', 'json', '--jobs', jobs]);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs}`);
      assert.equal(many.status, one.status);
    }
  });

  it('a team.yaml that one thread reads as it was and another as it is now (changed meanwhile): the one-thread output', function () {
    this.timeout(60_000);
    const demo = path.join(ROOT, 'examples/demo-team');
    const other = path.join(dir, 'team-now.yaml');
    writeFileSync(other, 'manager: Sam\ncadence: monthly\ngrace-days: 20\n');
    // The second thread opens another team.yaml in place of the demo's: a team.yaml rewritten between two threads' reads.
    const changed = `const { isMainThread, workerData } = require('worker_threads');
if (!isMainThread && workerData && workerData.shard && workerData.shard.index === 1) {
  const fs = require('fs'); const open = fs.openSync;
  fs.openSync = function (p, ...rest) { return open.call(this, String(p).endsWith('demo-team/team.yaml') ? ${JSON.stringify(other)} : p, ...rest); };
}`;
    const one = cliWith(changed, ['check', demo, '--today', TODAY, '--jobs', '1']);
    const two = cliWith(changed, ['check', demo, '--today', TODAY, '--jobs', '2']);
    assert.equal(two.stdout, one.stdout, 'every report checked against one team.yaml');
    assert.equal(two.status, one.status);
  });

  it('a team of 40 report folders checked without --jobs (threads by the number of cores) prints what --jobs 1 prints', function () {
    this.timeout(60_000);
    const team = path.join(dir, 'forty');
    mkdirSync(team);
    writeFileSync(path.join(team, 'team.yaml'), 'manager: Sam\ncadence: weekly\n');
    const demo = path.join(ROOT, 'examples/demo-team');
    const ids = readdirSync(demo, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (let i = 0; i < 40; i++) cpSync(path.join(demo, ids[i % ids.length]), path.join(team, `${String(i).padStart(2, '0')}-${ids[i % ids.length]}`), { recursive: true });
    for (const format of ['text', 'json']) {
      const auto = spawnSync(process.execPath, [CLI, 'check', team, '--today', TODAY, '--format', format], { encoding: 'utf8' });
      const one = spawnSync(process.execPath, [CLI, 'check', team, '--today', TODAY, '--format', format, '--jobs', '1'], { encoding: 'utf8' });
      assert.equal(auto.stdout, one.stdout, format);
      assert.equal(auto.stderr, one.stderr, format);
      assert.equal(auto.status, one.status, format);
    }
  });

  it('no report, a broken team.yaml, more threads than reports, and no team folder at all', function () {
    this.timeout(60_000);
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'team.yaml'), 'cadence: [\n');
    assert.equal(sameForEveryJobs(empty, ['--format', 'json'], [2, 8]).status, 1);
    const one = path.join(dir, 'one');
    mkdirSync(path.join(one, 'ana'), { recursive: true });
    writeFileSync(path.join(one, 'ana', 'report.yaml'), 'name: Ana\n');
    sameForEveryJobs(one, [], [2, 8]);
    const gone = sameForEveryJobs(path.join(dir, 'nothing-here'), [], [2]);
    assert.equal(gone.status, 2);
  });

  it('an unreadable team folder: exit 2 and the one-thread message, from every thread count (as a non-root user)', function () {
    this.timeout(60_000);
    const team = path.join(dir, 'locked');
    mkdirSync(path.join(team, 'ana'), { recursive: true });
    writeFileSync(path.join(team, 'ana', 'report.yaml'), 'name: Ana\n');
    chmodSync(team, 0o000);
    const one = sameForEveryJobs(team, [], [2, 3]);
    if (RUNUSER) {
      assert.equal(one.status, 2);
      assert.equal(one.stderr, `one-on-ones: cannot read the team folder ${team}: permission denied.\n`);
    }
  });
});
