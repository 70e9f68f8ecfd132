/**
 * `one-on-ones summary FOLDER...` (issue #16): the roll-up over several teams for a manager of managers, as text,
 * Markdown or JSON; counts only unless `--names`; never a note or a feedback text; JSON results add up like folders.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../../src/cli';
import { TeamChecker } from '../../src/core/checker';
import { DashboardQuery } from '../../src/core/dashboard/query';
import { NodeTeamFileSystem } from '../../src/node/nodeFs';
import { reportFiles, weekly } from './helpers/builders';

const ROOT = path.resolve(__dirname, '../../..');
const TODAY = '2026-11-24';
const TEAMS = ['test/fixtures/cli-team', 'examples/demo-team'];

async function cli(args: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd, now: () => new Date(`${TODAY}T12:00:00`), env: {}, isTTY: false });
  return { code, out, err };
}

function namesIn(team: string): string[] {
  const dir = path.join(ROOT, team);
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => {
    try {
      return [String((parse(readFileSync(path.join(dir, e.name, 'report.yaml'), 'utf8')) as { name: string }).name)];
    } catch {
      return [];
    }
  });
}

interface Json { kind: string; teams: Array<Record<string, number | string | unknown[]>> }

const CANARY = 'CANARY-rollup-91b';

/** A temporary team of one report whose 20 held 1:1s hold the canary in every text a 1:1 can hold. */
function canaryTeam(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rollup-'));
  const files = reportFiles('ana', {
    name: 'Ana Ruiz',
    since: '2025-01-06',
    meetings: weekly('2026-11-17', 20, () => ({
      feedback: [{ type: 'negative', text: `${CANARY} critique` }],
      topics: [`${CANARY} topic`],
      reportTopics: [`${CANARY} theirs`],
      notes: `${CANARY} notes`,
      actions: [{ text: `${CANARY} action`, owner: 'manager' }],
      extra: { private: `${CANARY} private` },
    })),
  });
  for (const [rel, text] of Object.entries(files)) {
    const f = path.join(dir, rel);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, text);
  }
  return dir;
}

describe('CLI: one-on-ones summary (the roll-up across teams)', () => {
  it('one row per team and a total that adds the counts up (not an average of percentages), as the dashboard counts them', async function () {
    this.timeout(60_000);
    const { code, out } = await cli(['summary', ...TEAMS, '--format', 'json', '--today', TODAY]);
    assert.equal(code, 0);
    const json = JSON.parse(out) as Json;
    assert.equal(json.kind, 'one-on-ones-summary');
    assert.deepEqual(json.teams.map((t) => t.team), TEAMS);
    for (const [i, team] of TEAMS.entries()) {
      const summary = await new DashboardQuery(await TeamChecker.open(new NodeTeamFileSystem(path.join(ROOT, team)), { today: TODAY })).summary();
      const t = json.teams[i];
      assert.deepEqual([t.reports, t.overdue, t.withoutActiveGoal, t.careerOverdue, t.held13, t.due13, t.prepared, t.held],
        [summary.totals.reports, summary.totals.overdue, summary.totals.withoutActiveGoal, summary.totals.careerOverdue,
          summary.totals.counts.held13, summary.totals.counts.due13, summary.totals.counts.prepared, summary.totals.counts.held], team);
    }
    const text = (await cli(['summary', ...TEAMS, '--today', TODAY])).out.split('\n');
    const sum = (k: string): number => json.teams.reduce((n, t) => n + (t[k] as number), 0);
    const totalLine = text.find((l) => l.startsWith('total'));
    assert.ok(totalLine, text.join('\n'));
    const cols = totalLine.split(/\s{2,}/);
    assert.equal(cols[1], String(sum('reports')));
    assert.equal(cols[2], `${Math.round((sum('held13') / sum('due13')) * 100)} %`);
    assert.equal(cols[3], String(sum('overdue')));
    assert.equal(cols[6], `${Math.round((sum('prepared') / sum('held')) * 100)} %`);
  });

  it('names no report unless --names; with it, a row per report (names and numbers)', async function () {
    this.timeout(60_000);
    const names = TEAMS.flatMap(namesIn);
    assert.ok(names.length >= 6);
    for (const format of ['text', 'markdown', 'json']) {
      const { out } = await cli(['summary', ...TEAMS, '--format', format, '--today', TODAY]);
      assert.deepEqual(names.filter((n) => out.includes(n)), [], `${format}: no names by default`);
    }
    const { out } = await cli(['summary', ...TEAMS, '--format', 'markdown', '--names', '--today', TODAY]);
    assert.deepEqual(names.filter((n) => !out.includes(n)), [], 'every name with --names');
    assert.ok(out.includes('### examples/demo-team'));
  });

  it('never holds a note, a feedback text, a topic, an action or a private note, whatever the format', async function () {
    this.timeout(60_000);
    const dir = canaryTeam();
    try {
      for (const format of ['text', 'markdown', 'json']) {
        const { code, out } = await cli(['summary', dir, '--names', '--format', format, '--today', TODAY]);
        assert.equal(code, 0);
        assert.ok(out.includes('Ana Ruiz'), format);
        assert.ok(!out.includes(CANARY), `${format} holds no 1:1 text`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a JSON result (each team\'s CI) adds up like its folder; a file that is not one is refused with exit 2', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'rollup-json-'));
    try {
      const json = path.join(dir, 'demo.json');
      writeFileSync(json, (await cli(['summary', 'examples/demo-team', '--format', 'json', '--today', TODAY])).out);
      const fromFolders = await cli(['summary', 'examples/demo-team', 'test/fixtures/cli-team', '--today', TODAY]);
      const fromJson = await cli(['summary', json, 'test/fixtures/cli-team', '--today', TODAY]);
      const total = (out: string): string | undefined => out.split('\n').find((l) => l.startsWith('total'));
      assert.equal(total(fromJson.out), total(fromFolders.out));
      for (const [name, text] of [['not JSON', 'hello'], ['another JSON', '[1,2]'], ['a forged count', JSON.stringify({ kind: 'one-on-ones-summary', teams: [{ team: 'x', today: TODAY, reports: -1 }] })]]) {
        const bad = path.join(dir, 'bad.json');
        writeFileSync(bad, text);
        const r = await cli(['summary', bad]);
        assert.equal(r.code, 2, name);
        assert.match(r.err, /is (neither a team folder|not the JSON|.*not one)/, name);
      }
      assert.equal((await cli(['summary', 'no-such-folder'])).code, 2);
      assert.equal((await cli(['summary'])).code, 2);
      assert.equal((await cli(['summary', 'examples/demo-team', '--format', 'sarif'])).code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a `check --format json` result (each team\'s CI) is a team too: mixed with a folder and a summary JSON, the same roll-up as over the folders', async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'rollup-check-'));
    try {
      const folders = ['examples/demo-team', 'test/fixtures/cli-team', 'test/fixtures/deep-history'];
      const fromFolders = await cli(['summary', ...folders, '--format', 'json', '--today', TODAY]);
      assert.equal(fromFolders.code, 0, fromFolders.err);
      const teams = (JSON.parse(fromFolders.out) as Json).teams;
      // Each check result's summary is its team's entry in the roll-up over folders: the same counts, the same name.
      for (const [i, folder] of folders.entries()) {
        const check = await cli(['check', folder, '--format', 'json', '--today', TODAY]);
        assert.deepEqual((JSON.parse(check.out) as { summary: unknown }).summary, teams[i], folder);
      }
      const checkFile = path.join(dir, 'demo-check.json');
      writeFileSync(checkFile, (await cli(['check', 'examples/demo-team', '--format', 'json', '--today', TODAY])).out);
      const summaryFile = path.join(dir, 'cli-summary.json');
      writeFileSync(summaryFile, (await cli(['summary', 'test/fixtures/cli-team', '--format', 'json', '--today', TODAY])).out);
      const mixed = [checkFile, summaryFile, 'test/fixtures/deep-history'];
      for (const format of ['json', 'text', 'markdown']) {
        const want = await cli(['summary', ...folders, '--format', format, '--today', TODAY]);
        const got = await cli(['summary', ...mixed, '--format', format, '--today', TODAY]);
        assert.equal(got.code, 0, got.err);
        assert.equal(got.out, want.out, format);
      }
      assert.match((await cli(['summary', ...mixed, '--today', TODAY])).out, /^total +9 +69 % +4 +4 +1 +99 %$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a check JSON that is truncated, forged, of another version or without a summary (`--staged`) is refused: exit 2, a message, nothing on stdout', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'rollup-badcheck-'));
    try {
      const good = (await cli(['check', 'test/fixtures/cli-team', '--format', 'json', '--today', TODAY])).out;
      const doc = JSON.parse(good) as Record<string, unknown> & { summary: Record<string, unknown> };
      const cases: Array<[string, string, RegExp]> = [
        ['truncated', good.slice(0, Math.floor(good.length / 2)), /is neither a team folder nor a JSON file/],
        ['empty', '', /is neither a team folder nor a JSON file/],
        ['without a summary (as --staged writes it)', JSON.stringify({ ...doc, summary: undefined }), /holds no team summary: `check --staged`/],
        ['a forged count', JSON.stringify({ ...doc, summary: { ...doc.summary, overdue: -1 } }), /has a summary that is not one `check --format json` writes/],
        ['a count that is not a whole number', JSON.stringify({ ...doc, summary: { ...doc.summary, held: 1.5 } }), /has a summary that is not one/],
        ['a summary that is not an object', JSON.stringify({ ...doc, summary: [1] }), /has a summary that is not one/],
        ['no team name', JSON.stringify({ ...doc, summary: { ...doc.summary, team: 7 } }), /has a summary that is not one/],
        ['another day than the check\'s', JSON.stringify({ ...doc, summary: { ...doc.summary, today: '2026-11-25' } }), /its day is not the check's/],
        ['another version', JSON.stringify({ ...doc, version: 2 }), /is not the JSON that `one-on-ones check --format json` writes \(version 1\)/],
        ['no problem list', JSON.stringify({ ...doc, problems: undefined }), /is not the JSON that `one-on-ones check --format json` writes/],
        ['the old bare array of problems', JSON.stringify(doc.problems), /is not the JSON that `one-on-ones summary --format json` or `check --format json` writes/],
      ];
      for (const [name, text, message] of cases) {
        const bad = path.join(dir, 'team-a.json');
        writeFileSync(bad, text);
        const r = await cli(['summary', 'test/fixtures/cli-team', bad, '--today', TODAY]);
        assert.equal(r.code, 2, name);
        assert.match(r.err, message, name);
        assert.ok(r.err.includes(bad), `${name}: the file is named`);
        assert.equal(r.out, '', `${name}: nothing on stdout`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a check JSON\'s summary holds counts only: no note, feedback text, topic, action or private note', async function () {
    this.timeout(60_000);
    const dir = canaryTeam();
    try {
      const r = await cli(['check', dir, '--format', 'json', '--today', TODAY]);
      const summary = (JSON.parse(r.out) as { summary: Record<string, unknown> }).summary;
      // The 1:1s were read (20 weekly ones, held and prepared, all in the last 26 weeks): counted, none of their text.
      assert.deepEqual([summary.reports, summary.held, summary.prepared], [1, 20, 20], JSON.stringify(summary));
      assert.ok(!JSON.stringify(summary).includes(CANARY), JSON.stringify(summary));
      assert.ok(!JSON.stringify(summary).includes('Ana Ruiz'), 'no report named');
      assert.deepEqual(Object.keys(summary).sort(), ['careerOverdue', 'due13', 'held', 'held13', 'overdue', 'prepared', 'reports', 'team', 'today', 'withoutActiveGoal']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a team label with controls or Markdown is escaped in text and Markdown', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'rollup-odd-'));
    try {
      const odd = path.join(dir, 'team|a\u001b[31m');
      mkdirSync(odd);
      writeFileSync(path.join(odd, 'team.yaml'), 'manager: Kim\n');
      const text = (await cli(['summary', odd, '--today', TODAY])).out;
      assert.ok(!text.includes('\u001b'), 'no raw escape in the terminal');
      const md = (await cli(['summary', odd, '--format', 'markdown', '--today', TODAY])).out;
      const row = md.split('\n').find((l) => l.includes('team'));
      assert.ok(row && md.includes('team\\|a'), md);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
