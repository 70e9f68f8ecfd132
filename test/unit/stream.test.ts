/**
 * The CLI's check, report by report (src/core/stream.ts, issue #17): the same problems as the checker's full check
 * (and its window-only check), on the demo team, the fixtures and a generated team with every kind of finding; each
 * report's parsed 1:1s are dropped once it is checked; the team's counts it adds up report by report are the team
 * dashboard's totals; and the bundled CLI's full check runs in a heap that holding every parsed 1:1 would overflow.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TeamChecker } from '../../src/core/checker';
import { DashboardQuery } from '../../src/core/dashboard/query';
import { addCounts, NO_COUNTS } from '../../src/core/dashboard/summary';
import type { TeamCounts } from '../../src/core/dashboard/summary';
import { addDays } from '../../src/core/dates';
import type { TeamFileSystem } from '../../src/core/fs';
import { checkTeamStreaming, checkTeamStreamingByReport } from '../../src/core/stream';
import { mergeShards } from '../../src/cli/parallel';
import type { Problem } from '../../src/core/types';
import { sortProblems } from '../../src/cli/output';
import { NodeTeamFileSystem } from '../../src/node/nodeFs';
import { generatedTeam } from './helpers/generated';

const ROOT = path.resolve(__dirname, '../../..');
const TODAY = '2026-11-24';

async function viaChecker(fs: TeamFileSystem, everything: boolean, today = TODAY): Promise<Problem[]> {
  const checker = await TeamChecker.open(fs, { today });
  if (everything) await checker.checkEverything();
  return sortProblems(checker.problems());
}

/** `chunk`: 1:1s outside the window checked at once (small ones split every generated history into many). */
async function viaStream(fs: TeamFileSystem, everything: boolean, today = TODAY, chunk?: number): Promise<Problem[]> {
  return sortProblems(await checkTeamStreaming(fs, { today, everything, chunk }));
}

describe('streamed check (the CLI\'s full check, report by report)', () => {
  it('finds exactly the problems of the checker\'s full check and of its window-only check, on the demo team and the fixtures', async () => {
    const folders = [path.join(ROOT, 'examples/demo-team'), ...['cli-team', 'clean-team', 'deep-history', 'hostile'].map((f) => path.join(ROOT, 'test/fixtures', f))];
    for (const folder of folders) {
      for (const everything of [true, false]) {
        for (const today of [TODAY, '2027-03-01']) {
          const want = await viaChecker(new NodeTeamFileSystem(folder), everything, today);
          for (const chunk of [undefined, 1, 3]) {
            assert.deepEqual(await viaStream(new NodeTeamFileSystem(folder), everything, today, chunk), want, `${path.basename(folder)} everything=${everything} ${today} chunk=${chunk}`);
          }
        }
      }
    }
  });

  it('finds exactly the checker\'s problems on generated teams with every kind of finding', async () => {
    for (const seed of [1, 2, 3]) {
      for (const everything of [true, false]) {
        const want = await viaChecker(generatedTeam(seed), everything);
        assert.ok(want.length > 40, `seed ${seed}: a team with problems (${want.length})`);
        assert.ok(new Set(want.map((p) => p.rule)).size >= 8, `seed ${seed}: many rules`);
        for (const chunk of [undefined, 1, 5]) {
          assert.deepEqual(await viaStream(generatedTeam(seed), everything, TODAY, chunk), want, `seed ${seed} everything=${everything} chunk=${chunk}`);
        }
      }
    }
  });

  it('adds up, report by report, the team dashboard\'s totals (the same problems still), on the demo team, the fixtures and generated teams', async function () {
    this.timeout(120_000);
    const teams: Array<[string, () => TeamFileSystem]> = [
      ...[path.join(ROOT, 'examples/demo-team'), ...['cli-team', 'clean-team', 'deep-history', 'hostile', 'vscode-team'].map((f) => path.join(ROOT, 'test/fixtures', f))]
        .map((folder): [string, () => TeamFileSystem] => [path.basename(folder), () => new NodeTeamFileSystem(folder)]),
      ...[1, 2, 3].map((seed): [string, () => TeamFileSystem] => [`seed ${seed}`, () => generatedTeam(seed)]),
    ];
    let longHistories = 0;
    for (const [name, fs] of teams) {
      for (const today of [TODAY, '2027-03-01']) {
        const checker = await TeamChecker.open(fs(), { today });
        const t = (await new DashboardQuery(checker).summary()).totals;
        const want = { reports: t.reports, overdue: t.overdue, withoutActiveGoal: t.withoutActiveGoal, careerOverdue: t.careerOverdue, positive: t.positive, negative: t.negative, ...t.counts, adherence26: t.adherence26 };
        if (t.counts.held > 26) longHistories++;
        for (const everything of [true, false]) {
          const problems = await viaChecker(fs(), everything, today);
          for (const chunk of [undefined, 1, 3]) {
            let sum: TeamCounts = NO_COUNTS;
            const got = sortProblems(await checkTeamStreaming(fs(), { today, everything, chunk, onReportCounts: (c) => (sum = addCounts(sum, c)) }));
            const where = `${name} ${today} everything=${everything} chunk=${chunk}`;
            assert.deepEqual(got, problems, where);
            const { held26, due26, ...rest } = sum;
            assert.deepEqual({ ...rest, adherence26: due26 === 0 ? undefined : Math.round((held26 / due26) * 100) }, want, where);
          }
        }
      }
    }
    assert.ok(longHistories >= 3, 'teams whose range holds more 1:1s than a window');
  });

  it('split over shards (the CLI\'s threads) and merged back: the one-thread problems in their order and its counts; a shard reads only its own reports\' goals and 1:1s', async () => {
    const teams: Array<[string, () => TeamFileSystem]> = [
      ['demo', () => new NodeTeamFileSystem(path.join(ROOT, 'examples/demo-team'))],
      ['cli-team', () => new NodeTeamFileSystem(path.join(ROOT, 'test/fixtures/cli-team'))],
      ...[1, 2, 3].map((seed): [string, () => TeamFileSystem] => [`seed ${seed}`, () => generatedTeam(seed)]),
    ];
    for (const [name, make] of teams) {
      for (const everything of [true, false]) {
        let wantCounts = NO_COUNTS;
        const want = await checkTeamStreaming(make(), { today: TODAY, everything, onReportCounts: (c) => (wantCounts = addCounts(wantCounts, c)) });
        for (const count of [2, 3, 5]) {
          let counts = NO_COUNTS;
          const shards = [];
          for (let index = 0; index < count; index++) {
            shards.push(await checkTeamStreamingByReport(make(), {
              today: TODAY,
              everything,
              shard: { index, count },
              onReportCounts: (c) => (counts = addCounts(counts, c)),
              onReportDone: (ix) => {
                // Another shard's reports: listed (the rules may name them), their goals and 1:1s never read here.
                const others = ix.reports().filter((_, i) => i % count !== index);
                assert.deepEqual(others.filter((r) => r.goals !== undefined || r.meetings.length > 0).map((r) => r.id), [], `${name}: shard ${index}/${count}`);
              },
            }));
          }
          assert.deepEqual(mergeShards(shards), want, `${name} everything=${everything} in ${count} shards: the same problems in the same order`);
          assert.deepEqual(counts, wantCounts, `${name} in ${count} shards: the same counts`);
        }
      }
    }
  });

  it('drops each report\'s parsed 1:1s once it is checked', async () => {
    const fs = generatedTeam(4);
    let reports = 0;
    await checkTeamStreaming(fs, {
      today: TODAY,
      everything: true,
      chunk: 4,
      onReportDone: (index, id) => {
        reports++;
        const r = index.report(id);
        assert.ok(r && r.meetings.length > 0);
        assert.deepEqual(r.meetings.filter((m) => index.loadedMeeting(id, m.fileName) !== undefined).map((m) => m.path), [], id);
      },
    });
    assert.equal(reports, 12);
  });

  it('the bundled CLI\'s full check runs in a heap that every parsed 1:1 at once would overflow, with the same output', function () {
    this.timeout(180_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'oneonones-stream-'));
    try {
      writeFileSync(path.join(dir, 'team.yaml'), 'manager: Sam\n');
      const note = 'notes: |\n' + '  We talked about growth, feedback and the next steps for the quarter.\n'.repeat(12);
      for (let r = 0; r < 40; r++) {
        mkdirSync(path.join(dir, `r${r}`, 'meetings'), { recursive: true });
        writeFileSync(path.join(dir, `r${r}`, 'report.yaml'), `name: Person ${r}\n`);
        for (let w = 0; w < 200; w++) {
          const date = addDays(TODAY, -1 - 7 * w);
          const extra = w === 150 && r % 10 === 0 ? 'status: hled\n' : 'status: held\n';
          writeFileSync(path.join(dir, `r${r}`, 'meetings', `${date}.yaml`), `date: ${date}\n${extra}prep:\n  report:\n    topics: [Growth, Feedback]\n${note}`);
        }
      }
      const run = (heapMb: number, jobs: string): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } =>
        spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, path.join(ROOT, 'out/cli.js'), 'check', dir, '--today', TODAY, '--format', 'json', '--jobs', jobs], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      // 8,000 1:1s: holding them all parsed takes well over 100 MB (the checker's full check crashes at 32 MB), in one
      // thread or three (each worker thread has the same heap limit).
      const small = run(32, '1');
      assert.equal(small.status, 1, `${small.signal} ${small.stderr.slice(-300)}`);
      const threads = run(32, '3');
      assert.equal(threads.status, 1, `${threads.signal} ${threads.stderr.slice(-300)}`);
      assert.equal(threads.stdout, small.stdout, 'three threads print what one prints');
      const big = run(2048, '2');
      assert.equal(small.stdout, big.stdout);
      const problems = (JSON.parse(small.stdout) as { problems: Array<{ file: string; rule: string }> }).problems;
      assert.deepEqual(problems.filter((p) => p.rule === 'schema').map((p) => p.file), ['r0', 'r10', 'r20', 'r30'].map((r) => `${r}/meetings/${addDays(TODAY, -1 - 7 * 150)}.yaml`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
