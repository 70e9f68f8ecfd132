/**
 * `one-on-ones export KIND TEAM_FOLDER` (issue #15): standard output or `--out FILE`, exit codes 0 / 1 / 2 as
 * docs/cli.md documents them, and the files it refuses to write (inside `.git`, over a team file, through a link).
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli';
import { reportFiles, yaml } from './helpers/builders';

const TODAY = '2026-11-24';

describe('CLI: one-on-ones export', () => {
  let dir: string;
  let team: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cli-export-'));
    team = path.join(dir, 'one-on-ones');
    const files = { 'team.yaml': yaml({ manager: 'Kim' }), ...reportFiles('ana', { name: 'Ana', meetings: { '2026-11-17': {} } }) };
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(team, p)), { recursive: true });
      writeFileSync(path.join(team, p), text);
    }
    mkdirSync(path.join(dir, '.git'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(['export', ...args, '--today', TODAY], { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, now: () => new Date(`${TODAY}T12:00:00`), env: {}, isTTY: false });
    return { code, out, err };
  }

  it('writes each kind to standard output, exit 0', async () => {
    for (const [kind, extra, head] of [
      ['agenda', ['--report', 'ana'], '# 1:1 — Ana'],
      ['handoff', ['--report', 'ana'], '# Handoff — Ana'],
      ['review', ['--report', 'ana', '--from', '2026-11-01', '--to', '2026-11-30'], '# Review digest — Ana'],
      ['handbook', [], '# How our 1:1s work'],
      ['calendar', [], 'BEGIN:VCALENDAR'],
    ] as const) {
      const r = await cli(kind, 'one-on-ones', ...extra);
      assert.equal(r.code, 0, `${kind}: ${r.err}`);
      assert.ok(r.out.startsWith(head), kind);
    }
  });

  it('--out writes the file (the same text), and says so on stderr', async () => {
    const std = await cli('agenda', 'one-on-ones', '--report', 'ana');
    const r = await cli('agenda', 'one-on-ones', '--report', 'ana', '--out', 'agenda.md');
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    assert.match(r.err, /Wrote agenda\.md/);
    assert.equal(readFileSync(path.join(dir, 'agenda.md'), 'utf8'), std.out);
  });

  it('exit 2: bad arguments, no folder, no report, options that do not apply', async () => {
    const cases: string[][] = [
      ['poster', 'one-on-ones'],
      ['agenda'],
      ['agenda', 'nowhere', '--report', 'ana'],
      ['agenda', 'one-on-ones'],
      ['agenda', 'one-on-ones', '--report', 'nobody'],
      ['agenda', 'one-on-ones', '--report', 'ana', '--date', '2026-13-01'],
      ['review', 'one-on-ones', '--report', 'ana', '--from', '2026-11-01'],
      ['review', 'one-on-ones', '--report', 'ana', '--from', '2026-12-01', '--to', '2026-11-01'],
      ['handoff', 'one-on-ones', '--report', 'ana', '--include-private'],
      ['calendar', 'one-on-ones', '--report', 'ana'],
    ];
    for (const args of cases) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
      assert.equal(r.out, '', args.join(' '));
      assert.ok(r.err.length > 0);
    }
  });

  it('exit 2 and nothing written: inside .git, over a team file, through a link, into a missing folder', async () => {
    const before = readFileSync(path.join(team, 'ana/report.yaml'), 'utf8');
    symlinkSync(path.join(team, 'team.yaml'), path.join(dir, 'link.md'));
    for (const [out, why] of [
      ['.git/agenda.md', /inside a \.git folder/],
      ['one-on-ones/ana/report.yaml', /a file of the team folder/],
      ['one-on-ones/team.yaml', /a file of the team folder/],
      ['one-on-ones/ana/meetings/2026-11-30.yaml', /a file of the team folder/],
      ['link.md', /symbolic link/],
      ['missing/agenda.md', /does not exist/],
    ] as const) {
      const r = await cli('agenda', 'one-on-ones', '--report', 'ana', '--out', out);
      assert.equal(r.code, 2, out);
      assert.match(r.err, why, out);
    }
    assert.equal(readFileSync(path.join(team, 'ana/report.yaml'), 'utf8'), before);
    assert.equal(existsSync(path.join(dir, '.git/agenda.md')), false);
    assert.equal(existsSync(path.join(team, 'ana/meetings/2026-11-30.yaml')), false);
  });

  it('exit 1: written, but team.yaml has an error the calendar worked around (an unknown time zone)', async () => {
    writeFileSync(path.join(team, 'team.yaml'), 'time-zone: Europe/Berlinn\n');
    const r = await cli('calendar', 'one-on-ones');
    assert.equal(r.code, 1);
    assert.ok(r.out.startsWith('BEGIN:VCALENDAR'));
    assert.match(r.err, /team\.yaml:1: `time-zone` must be .*did you mean `Europe\/Berlin`/);
  });
});
