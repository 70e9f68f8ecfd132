/**
 * Red team of the warm start (issue #17, src/core/warm/cache.ts): a cache file is read back as the next window's
 * truth until the real check runs, and what it holds reaches the Problems panel, the Reports rows and the quick
 * fixes. A forged or corrupt file must be refused as a whole (cold load), never make a fix throw or act on another
 * report, never point a row at another file; a real team's cache must still read back (no false refusal).
 */
import * as assert from 'node:assert/strict';
import { TeamChecker } from '../../src/core/checker';
import { quickFixesFor, RULES } from '../../src/core/rules/registry';
import { readWarmFile } from '../../src/core/warm/cache';
import type { WarmFile } from '../../src/core/warm/cache';
import { reportFiles, TODAY, weekly } from './helpers/builders';
import { generatedTeam } from './helpers/generated';
import { MemoryFileSystem } from './helpers/memoryFs';

const BUILD = 'test-build';
const NOW = Date.parse('2026-11-24T12:00:00Z');
const EXPECTED = { build: BUILD, today: TODAY, settings: {} };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a forged file is any shape
type Loose = Record<string, any>;

/** A team whose reports between them draw a finding of every rule that attaches data to it. */
function everyRuleTeam(): MemoryFileSystem {
  return new MemoryFileSystem(everyRuleFiles());
}

function everyRuleFiles(): Record<string, string> {
  return {
    'team.yaml': 'manager: Sam\ncadence: weekly\n',
    // Healthy, but names a buddy that is no report (unknown-buddy) and has a goal too long and one expired.
    ...reportFiles('ana', {
      meetings: weekly('2026-11-20', 8),
      goals: [
        { id: 'g1', title: 'Lead the billing feature', start: '2026-11-04', buddy: 'bo-typo' },
        { id: 'g2', title: 'Too long', start: '2026-11-01', end: '2027-06-01' },
        { id: 'g3', title: 'Old', start: '2026-08-01', end: '2026-09-30', status: 'active' },
      ],
    }),
    // Overdue: the last 1:1 five weeks ago; a goal never discussed.
    ...reportFiles('bo', {
      meetings: weekly('2026-10-16', 4),
      goals: [{ id: 'g9', title: 'Never discussed', start: '2026-10-01' }],
    }),
    // No 1:1 yet, on the team for months.
    ...reportFiles('cy', { since: '2026-06-01' }),
    // Planned without prep, held without feedback, one-sided feedback, silent report.
    ...reportFiles('dee', {
      meetings: {
        ...weekly('2026-11-20', 6, (date) => ({ feedback: [{ type: 'positive', text: `Good work on ${date}`, delivered: true }], reportTopics: [] })),
        '2026-11-13': { goals: { g1: 'ok' }, feedback: [], reportTopics: [] },
        '2026-11-25': { status: 'planned', feedback: [], topics: [], reportTopics: [] },
      },
    }),
  };
}

async function recordOf(fs: MemoryFileSystem): Promise<WarmFile> {
  const checker = await TeamChecker.open(fs, { today: TODAY });
  const record = await checker.warmRecord(BUILD, NOW);
  assert.ok(record, 'a fully checked team gives a record');
  return record;
}

describe('warm start, red team (the cache file as hostile input)', () => {
  it('a real team\'s cache reads back with findings of every rule that has data (no false refusal)', async () => {
    const seen = new Set<string>();
    for (const fs of [everyRuleTeam(), ...[1, 2, 3, 4].map(generatedTeam)]) {
      const record = await recordOf(fs);
      const back = readWarmFile(JSON.stringify(record), EXPECTED);
      assert.ok(back, 'reads back');
      assert.deepEqual(Object.keys(back.reports).sort(), Object.keys(record.reports).sort());
      for (const r of Object.values(back.reports)) for (const d of r.days) for (const f of d?.findings ?? []) seen.add(f.rule);
    }
    assert.deepEqual([...RULES.keys()].filter((id) => !seen.has(id)), [], 'every rule is covered');
  });

  it('a kept finding whose data does not fit its rule is refused: its quick fix would throw, or act on another report', async () => {
    const record = await recordOf(everyRuleTeam());
    const good = JSON.stringify(record);
    const forged = (edit: (w: Loose) => void): string => {
      const w = JSON.parse(good) as Loose;
      edit(w);
      return JSON.stringify(w);
    };
    const findingOf = (w: Loose, id: string, rule: string): Loose => {
      const f = (w.reports[id].days[0].findings as Loose[]).find((x) => x.rule === rule);
      assert.ok(f, `${id} has a ${rule} finding`);
      return f;
    };
    const cases: Array<[string, string]> = [
      // cadence-overdue's fix reads data.report: no data throws a TypeError in the lightbulb.
      ['overdue without its data', forged((w) => { delete findingOf(w, 'bo', 'cadence-overdue').data; })],
      // The fix on bo's report.yaml would start a 1:1 note for ana.
      ['overdue naming another report', forged((w) => { findingOf(w, 'bo', 'cadence-overdue').data.report = 'ana'; })],
      ['a goal rule without its data', forged((w) => { delete findingOf(w, 'ana', 'goal-expired').data; })],
      ['unknown-buddy without its data', forged((w) => { delete findingOf(w, 'ana', 'unknown-buddy').data; })],
      ['data that is a string', forged((w) => { findingOf(w, 'bo', 'cadence-overdue').data = 'x'; })],
      ['a count that is not one', forged((w) => { findingOf(w, 'ana', 'goal-too-long').data.index = -1; })],
    ];
    for (const [name, text] of cases) {
      const back = readWarmFile(text, EXPECTED);
      // What a user would meet: the lightbulb on the kept finding (codeActions.ts hands the kept data to the rule).
      for (const [id, r] of Object.entries(back?.reports ?? {})) {
        for (const f of r.days.flatMap((d) => d?.findings ?? [])) {
          let fixes: ReturnType<typeof quickFixesFor> = [];
          assert.doesNotThrow(() => { fixes = quickFixesFor(f, { today: TODAY, text: '' }); }, `${name}: ${f.rule}'s fixes`);
          for (const fix of fixes) if (fix.kind === 'command') assert.ok(fix.args.every((a) => typeof a !== 'string' || !/^[a-z]+$/.test(a) || a === id), `${name}: ${fix.title} acts on ${id} only`);
        }
      }
      assert.equal(back, undefined, `${name}: refused as a whole`);
    }
  });

  it('a kept row points at its own report.yaml, a kept finding at a file of its own folder (no `..`)', async () => {
    const good = JSON.stringify(await recordOf(everyRuleTeam()));
    const forged = (edit: (w: Loose) => void): string => {
      const w = JSON.parse(good) as Loose;
      edit(w);
      return JSON.stringify(w);
    };
    const cases: Array<[string, string]> = [
      // The tree makes the row's resourceUri from it (trees.ts: teamUri throws on `..`: the row fails to render).
      ['a row pointing outside the team folder', forged((w) => { w.reports.ana.days[0].view.reportFile = '../../outside/report.yaml'; })],
      ['a row pointing at another report', forged((w) => { w.reports.ana.days[0].view.reportFile = 'bo/report.yaml'; })],
      ['a finding climbing out of its folder', forged((w) => { w.reports.ana.days[0].findings[0].file = 'ana/../bo/report.yaml'; })],
      ['a finding on an empty name', forged((w) => { w.reports.ana.days[0].findings[0].file = 'ana//report.yaml'; })],
    ];
    for (const [name, text] of cases) assert.equal(readWarmFile(text, EXPECTED), undefined, name);
    assert.ok(readWarmFile(good, EXPECTED));
  });

  it('a kept 1:1 name that is not a 1:1 file name is refused: stat\'ing it must not stop the load', async () => {
    /** Stats as the extension's file system does (teamFs.ts: teamUri throws on `..`, `.` and backslashes). */
    class RefusingFs extends MemoryFileSystem {
      override async stat(path: string): Promise<{ kind: 'file' | 'directory' | 'other'; version: string } | undefined> {
        if (path.split('/').some((p) => p === '..' || p === '.' || p.includes('\\'))) throw new Error('Refusing a path outside the team folder');
        return super.stat(path);
      }
    }
    const refusing = new RefusingFs(everyRuleFiles());
    const good = JSON.stringify(await recordOf(refusing));
    for (const name of ['../../bo/report.yaml', '..', 'a\\b.yaml', 'notes.md', '2026-11-20.yaml/x']) {
      const w = JSON.parse(good) as Loose;
      w.reports.ana.window.push([name, '1']);
      const back = readWarmFile(JSON.stringify(w), EXPECTED);
      if (back) {
        const checker = await TeamChecker.openUnchecked(refusing, { today: TODAY });
        await assert.doesNotReject(checker.adoptWarm(back, refusing), `${name}: the adoption (and so the load) goes on`);
      }
      assert.equal(back, undefined, `${name}: refused as a whole`);
    }
  });

  it('a report whose id is an Object prototype name (`constructor`) is kept and adopted like any other', async () => {
    const fs = new MemoryFileSystem({ ...reportFiles('constructor', { meetings: weekly('2026-10-16', 3) }), ...reportFiles('ana', { meetings: weekly('2026-11-20', 3) }) });
    const record = await recordOf(fs);
    const back = readWarmFile(JSON.stringify(record), EXPECTED);
    assert.ok(back);
    assert.ok(Object.prototype.hasOwnProperty.call(back.reports, 'constructor'));
    const checker = await TeamChecker.openUnchecked(fs, { today: TODAY });
    const change = await checker.adoptWarm(back, fs);
    assert.deepEqual(change && change.reports !== 'all' ? [...change.reports].sort() : [], ['ana', 'constructor']);
    assert.equal(checker.queries.reportView('constructor')?.health, 'overdue');
    assert.equal(checker.queries.reportView('tostring'), undefined);
  });

  it('unsaved team.yaml text: no cache is written, so the last good one stays (the next window reads team.yaml from disk)', async () => {
    const fs = everyRuleTeam();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    assert.ok(await checker.warmRecord(BUILD, NOW), 'a record before the edit');
    await checker.setOverlay('team.yaml', 'manager: Sam\ncadence: biweekly\n');
    assert.equal(await checker.warmRecord(BUILD, NOW), undefined, 'none while team.yaml has unsaved text');
    await checker.setOverlay('team.yaml', undefined);
    const record = await checker.warmRecord(BUILD, NOW);
    assert.ok(record, 'one again once the editor is back to the disk');
    const back = readWarmFile(JSON.stringify(record), EXPECTED);
    assert.ok(back);
    const next = await TeamChecker.openUnchecked(fs, { today: TODAY });
    assert.ok(await next.adoptWarm(back, fs), 'and the next window trusts it');
  });
});
