/**
 * `one-on-ones check --staged` and the shipped pre-commit hook (issue #16), in a temporary git repository: what is
 * checked is the index's version of the team folder (what the commit records), not the working tree.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'out/cli.js');
const BAD_MEETING = 'date: 2026-11-23\nstatus: hled\n';
const GOOD_MEETING = 'date: 2026-11-23\nstatus: held\nprep:\n  manager:\n    feedback: [{type: positive, text: Clear demo}]\n  report:\n    topics: [Next steps]\ngoals:\n  talk: Slides done\n';

/** git with no user or system configuration, and a fixed identity. */
function git(repo: string, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      ...env,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cli(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A repository with the clean fixture team committed as `one-on-ones/`. */
function newRepo(): string {
  const repo = mkdtempSync(path.join(tmpdir(), 'oneonones-staged-'));
  assert.equal(git(repo, ['init', '-q']).code, 0);
  cpSync(path.join(ROOT, 'test/fixtures/clean-team'), path.join(repo, 'one-on-ones'), { recursive: true });
  assert.equal(git(repo, ['add', '-A']).code, 0);
  assert.equal(git(repo, ['commit', '-q', '-m', 'team']).code, 0);
  return repo;
}

const MEETING = 'one-on-ones/fay/meetings/2026-11-23.yaml';

describe('CLI: check --staged (a temporary git repository)', () => {
  let repo = '';
  beforeEach(() => {
    repo = newRepo();
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const staged = (): { code: number | null; stdout: string; stderr: string } => cli(repo, ['check', 'one-on-ones', '--staged', '--today', '2026-11-24']);

  it('a staged bad file fails, with its problem; nothing staged passes', () => {
    assert.equal(staged().code, 0);
    assert.equal(staged().stdout, 'No problems.\n');
    writeFileSync(path.join(repo, MEETING), BAD_MEETING);
    git(repo, ['add', MEETING]);
    const r = staged();
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^fay\/meetings\/2026-11-23\.yaml:2:9 error `status` must be one of: planned, held, skipped \(got `hled`\)\. \[schema\]$/m);
  });

  it('an unstaged bad file (changed or untracked) does not fail it, though a plain check does', () => {
    writeFileSync(path.join(repo, MEETING), BAD_MEETING);
    writeFileSync(path.join(repo, 'one-on-ones/fay/goals.yaml'), 'goals: [\n');
    assert.equal(cli(repo, ['check', 'one-on-ones', '--today', '2026-11-24']).code, 1, 'the working tree has errors');
    const r = staged();
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, 'No problems.\n');
  });

  it('reads the staged version, not the file on disk: staged bad and fixed on disk fails; staged good and broken on disk passes', () => {
    writeFileSync(path.join(repo, MEETING), BAD_MEETING);
    git(repo, ['add', MEETING]);
    writeFileSync(path.join(repo, MEETING), GOOD_MEETING);
    assert.equal(staged().code, 1);
    git(repo, ['add', MEETING]);
    writeFileSync(path.join(repo, MEETING), BAD_MEETING);
    const r = staged();
    assert.equal(r.code, 0, r.stdout);
  });

  it('checks the staged file against the rest of its report as staged: a check-in of a goal goals.yaml lacks', () => {
    writeFileSync(path.join(repo, MEETING), GOOD_MEETING.replace('talk: Slides done', 'nope: Slides done'));
    git(repo, ['add', MEETING]);
    const r = cli(repo, ['check', 'one-on-ones', '--staged', '--today', '2026-11-24', '--format', 'json']);
    assert.equal(r.code, 1, r.stdout);
    const doc = JSON.parse(r.stdout) as { kind: string; problems: Array<{ file: string; rule: string }>; summary?: unknown };
    assert.ok(doc.problems.some((p) => p.file === 'fay/meetings/2026-11-23.yaml' && p.rule === 'unknown-goal'), r.stdout);
    // Only the staged reports are read: no team counts (the roll-up refuses such a file rather than under-count).
    assert.equal(doc.kind, 'one-on-ones-check');
    assert.equal(doc.summary, undefined);
  });

  it('reads only the reports the commit touches (and team.yaml): an error committed earlier in another report does not block', () => {
    cpSync(path.join(repo, 'one-on-ones/fay'), path.join(repo, 'one-on-ones/gus'), { recursive: true });
    writeFileSync(path.join(repo, 'one-on-ones/gus/goals.yaml'), 'goals: [\n');
    git(repo, ['add', '-A']);
    assert.equal(staged().code, 1, 'staged: gus is broken');
    git(repo, ['commit', '-q', '-m', 'gus, broken']);
    writeFileSync(path.join(repo, MEETING), GOOD_MEETING);
    git(repo, ['add', MEETING]);
    const r = cli(repo, ['check', 'one-on-ones', '--staged', '--today', '2026-11-24', '--format', 'json']);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual((JSON.parse(r.stdout) as { problems: Array<{ file: string }> }).problems.filter((p) => !p.file.startsWith('fay/')), []);
    assert.equal(cli(repo, ['check', 'one-on-ones', '--today', '2026-11-24']).code, 1, 'a full check still sees gus');
  });

  it('outside a git repository: exit 2 and a clear message', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'oneonones-nogit-'));
    try {
      cpSync(path.join(ROOT, 'test/fixtures/clean-team'), path.join(plain, 'one-on-ones'), { recursive: true });
      const r = cli(plain, ['check', 'one-on-ones', '--staged']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--staged checks git's index, and .* is not inside the git repository of the current folder/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('a team folder that is the repository itself, and one found from a sub-folder', () => {
    const inner = path.join(repo, 'one-on-ones');
    writeFileSync(path.join(inner, 'fay/meetings/2026-11-23.yaml'), BAD_MEETING);
    git(repo, ['add', '-A']);
    assert.equal(cli(inner, ['check', '.', '--staged', '--today', '2026-11-24']).code, 1);
    assert.equal(cli(path.join(inner, 'fay'), ['check', '..', '--staged', '--today', '2026-11-24']).code, 1);
  });
});

describe('the shipped pre-commit hook, run by git for real', () => {
  let repo = '';
  beforeEach(() => {
    repo = newRepo();
    const hook = path.join(repo, '.git/hooks/pre-commit');
    copyFileSync(path.join(ROOT, 'hooks/pre-commit'), hook);
    chmodSync(hook, 0o755);
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const head = (): string => git(repo, ['rev-parse', 'HEAD']).stdout.trim();
  const commit = (args: string[]): { code: number | null; stdout: string; stderr: string } => git(repo, ['commit', '-q', ...args], { ONE_ON_ONES_CLI: CLI, NO_COLOR: '1' });

  it('stops a commit that adds an error, with the problem on the terminal; lets a good one through', () => {
    const before = head();
    writeFileSync(path.join(repo, MEETING), BAD_MEETING);
    git(repo, ['add', MEETING]);
    const refused = commit(['-m', 'bad']);
    assert.notEqual(refused.code, 0);
    // Git shows a hook's output on its standard error.
    assert.match(refused.stderr, /fay\/meetings\/2026-11-23\.yaml:2:9 error `status` must be one of/);
    assert.equal(head(), before, 'nothing committed');
    writeFileSync(path.join(repo, MEETING), GOOD_MEETING);
    git(repo, ['add', MEETING]);
    const accepted = commit(['-m', 'good']);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    assert.notEqual(head(), before);
  });

  it('`git commit -a` is checked too (git hands the hook a temporary index)', () => {
    const before = head();
    writeFileSync(path.join(repo, 'one-on-ones/fay/goals.yaml'), 'goals: [\n');
    const refused = commit(['-a', '-m', 'bad']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /fay\/goals\.yaml:\d+:\d+ error .*\[yaml-syntax\]/);
    assert.equal(head(), before);
  });

  it('ONE_ON_ONES_ARGS passes options: --max-warnings 0 stops warnings too', () => {
    const before = head();
    // A held 1:1 with no feedback: an info; a planned one for today with nothing prepared: a warning (prep-missing).
    writeFileSync(path.join(repo, 'one-on-ones/fay/meetings/2026-11-24.yaml'), 'date: 2026-11-24\nstatus: planned\n');
    git(repo, ['add', '-A']);
    const refused = git(repo, ['commit', '-q', '-m', 'x'], { ONE_ON_ONES_CLI: CLI, NO_COLOR: '1', ONE_ON_ONES_ARGS: '--today 2026-11-24 --max-warnings 0' });
    assert.notEqual(refused.code, 0, refused.stdout);
    assert.match(refused.stderr, /more than --max-warnings 0/);
    assert.equal(head(), before);
  });

  it('.pre-commit-hooks.yaml runs the same check, by the package\'s bin name', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    const bin = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
    assert.equal(hooks.length, 1);
    assert.equal(hooks[0].id, 'one-on-ones-check');
    assert.equal(hooks[0].entry, `${bin[0]} check --staged`);
    assert.equal(hooks[0].pass_filenames, false);
  });
});
