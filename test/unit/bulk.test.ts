import * as assert from 'node:assert/strict';
import { TeamChecker } from '../../src/core/checker';
import type { CheckChange } from '../../src/core/checker';
import { addDays } from '../../src/core/dates';
import type { Problem } from '../../src/core/types';
import { AbsenceClock, needsSettleRescan, PendingChanges } from '../../src/vscode/team/batch';
import { meetingYaml, reportFiles, TODAY, weekly, yaml } from './helpers/builders';
import { MemoryFileSystem } from './helpers/memoryFs';

const d = (offset: number): string => addDays(TODAY, offset);

/** Problems in a stable order, to compare a checker kept current with one that checked the folder from nothing. */
function sorted(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.file} ${p.rule} ${p.range.start.line}:${p.range.start.character} ${p.message}`).sort();
}

async function fresh(fs: MemoryFileSystem): Promise<string[]> {
  return sorted((await TeamChecker.open(fs, { today: TODAY })).problems());
}

function team(): MemoryFileSystem {
  return new MemoryFileSystem({
    'team.yaml': yaml({ manager: 'Kim', cadence: 'weekly' }),
    ...reportFiles('alice', { name: 'Alice', meetings: weekly(d(-3), 30) }),
    ...reportFiles('bo', { name: 'Bo', meetings: weekly(d(-5), 20) }),
    ...reportFiles('cy', { name: 'Cy', since: d(-100), meetings: weekly(d(-4), 10) }),
  });
}

describe('bulk changes: the folder rescanned against the index', () => {
  it('finds every change no watcher event told about, and ends where a fresh check does', async () => {
    const fs = team();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    assert.deepEqual(sorted(checker.problems()), []);
    // Changes made behind the index's back (as when VS Code drops the events of a big checkout):
    fs.write(`alice/meetings/${d(-3)}.yaml`, meetingYaml(d(-3), { extra: { kind: 'carreer' } })); // a parsed 1:1 rewritten
    fs.write(`alice/meetings/${d(-1)}.yaml`, meetingYaml(d(-1), { extra: { prpe: 1 } })); // a new 1:1
    fs.delete(`bo/meetings/${d(-5)}.yaml`); // the newest 1:1 gone
    for (let i = 1; i < 20; i++) fs.delete(`bo/meetings/${d(-5 - 7 * i)}.yaml`); // …and the rest of Bo's history
    fs.write('bo/report.yaml', yaml({ name: 'Bo', cadence: 'hourly' })); // a profile changed
    fs.delete('cy/goals.yaml'); // a file gone
    fs.write('dee/report.yaml', yaml({ name: 'Dee', since: d(-30) })); // a report added
    fs.write('Bad Folder/report.yaml', yaml({ name: 'X' })); // a folder with a bad name
    fs.write(`cy/meetings/${d(-2)}.yml`, 'date: x\n'); // a file named wrong
    const change = await checker.rescan();
    const after = sorted(checker.problems());
    assert.deepEqual(after, await fresh(fs));
    assert.ok(after.length >= 5, `the changes brought problems: ${after.join('\n')}`);
    assert.ok(change.reports !== 'all');
    assert.deepEqual([...change.reports].sort(), ['alice', 'bo', 'cy', 'dee']);
    // The panel is told about every file whose problems changed, and only those.
    const files = change.files!;
    for (const p of checker.problems()) assert.ok(files.get(p.file)?.some((q) => q.message === p.message), `told about ${p.file}`);
  });

  it('drops the problems of a silent fix (a file that had problems is told to be clear)', async () => {
    const fs = team();
    fs.write(`cy/meetings/${d(-4)}.yaml`, meetingYaml(d(-4), { extra: { kind: 'carreer' } }));
    const checker = await TeamChecker.open(fs, { today: TODAY });
    assert.equal(checker.problemsOf(`cy/meetings/${d(-4)}.yaml`).length, 1);
    fs.write(`cy/meetings/${d(-4)}.yaml`, meetingYaml(d(-4)));
    const change = await checker.rescan();
    assert.deepEqual(change.files?.get(`cy/meetings/${d(-4)}.yaml`), []);
    assert.deepEqual(sorted(checker.problems()), await fresh(fs));
  });

  it('a changed team.yaml re-checks every report', async () => {
    const fs = team();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    fs.write('team.yaml', yaml({ manager: 'Kim', cadence: 'weekly', 'grace-days': 'soon' }));
    const change = await checker.rescan();
    assert.equal(change.reports, 'all');
    assert.equal(change.files, undefined);
    assert.deepEqual(sorted(checker.problems()), await fresh(fs));
    assert.ok(checker.problems().some((p) => p.file === 'team.yaml'));
  });

  it('on an unchanged folder reads no file the second time (versions decide), and touches no report', async () => {
    const fs = team();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    await checker.rescan(); // learns the versions of team.yaml, report.yaml and goals.yaml
    const reads = fs.reads.length;
    const change = await checker.rescan();
    assert.equal(fs.reads.length, reads, `read again: ${fs.reads.slice(reads).join(', ')}`);
    assert.deepEqual(change.reports, new Set());
    assert.deepEqual([...change.files!.values()].flat(), []);
  });

  it('keeps an editor\'s unsaved text over the file on disk', async () => {
    const fs = team();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    await checker.setOverlayChange('bo/report.yaml', yaml({ name: 'Bo', cadence: 'hourly' }));
    const overlaid = sorted(checker.problems());
    assert.equal(overlaid.length, 1);
    await checker.rescan();
    assert.deepEqual(sorted(checker.problems()), overlaid);
  });
});

describe('bulk changes: a batch of watcher events', () => {
  it('re-checks each touched report once, and ends where a fresh check does', async () => {
    const fs = team();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const events: Array<[string, 'created' | 'changed' | 'deleted']> = [];
    for (let i = 0; i < 30; i++) {
      const date = d(-3 - 7 * i);
      fs.write(`alice/meetings/${date}.yaml`, meetingYaml(date, { extra: i % 2 === 0 ? { kind: 'carreer' } : {} }));
      events.push([`alice/meetings/${date}.yaml`, 'changed']);
    }
    fs.write(`bo/meetings/${d(-1)}.yaml`, meetingYaml(d(-1), { extra: { prpe: 1 } }));
    events.push([`bo/meetings/${d(-1)}.yaml`, 'created']);
    const checkedBefore = checker.timings.reportsChecked;
    let pauses = 0;
    const change: CheckChange = await checker.applyChanges(events, async () => {
      pauses++;
    });
    assert.equal(checker.timings.reportsChecked - checkedBefore, 2, 'alice and bo, once each');
    assert.equal(pauses, 2, 'the caller may yield between reports');
    assert.deepEqual(change.reports, new Set(['alice', 'bo']));
    assert.deepEqual(sorted(checker.problems()), await fresh(fs));
    assert.ok(change.files!.get(`alice/meetings/${d(-3)}.yaml`)!.length > 0);
  });
});

describe('bulk changes: reports the index loaded along with another', () => {
  function withNewFolders(fs: MemoryFileSystem): void {
    fs.write('bo2/report.yaml', yaml({ name: 'Bo Two', since: d(-60) }));
    fs.write('carol/report.yaml', yaml({ name: 'Carol', since: d(-60) })); // on disk, but no event of its own yet
  }

  it('a batch names them, so their rules run', async () => {
    const fs = team();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    withNewFolders(fs);
    const change = await checker.applyChanges([['bo2/report.yaml', 'created']]);
    assert.ok(change.reports !== 'all' && change.reports.has('carol'));
    assert.deepEqual(sorted(checker.problems()), await fresh(fs));
  });

  it('a rescan re-checks a report whose entry changed since its rules last ran', async () => {
    const fs = team();
    const checker = await TeamChecker.open(fs, { today: TODAY });
    withNewFolders(fs);
    await checker.applyChange('bo2/report.yaml', 'created'); // one event at a time: carol is loaded, not checked
    assert.notDeepEqual(sorted(checker.problems()), await fresh(fs), 'carol has not been checked');
    await checker.rescan();
    assert.deepEqual(sorted(checker.problems()), await fresh(fs));
  });
});

describe('bulk changes: batch policy', () => {
  it('merges events per file: created then changed is created, anything then deleted is deleted', () => {
    const p = new PendingChanges(10);
    p.add('a/meetings/x.yaml', 'created', 0);
    p.add('a/meetings/x.yaml', 'changed', 1);
    p.add('a/report.yaml', 'changed', 2);
    p.add('a/report.yaml', 'deleted', 3);
    assert.deepEqual(p.take(), { events: [['a/meetings/x.yaml', 'created'], ['a/report.yaml', 'deleted']], rescan: undefined });
    assert.equal(p.take(), undefined);
  });

  it('past the threshold keeps no paths and asks for a rescan', () => {
    const p = new PendingChanges(3);
    for (let i = 0; i < 10; i++) p.add(`a/meetings/2026-01-${10 + i}.yaml`, 'changed', i);
    const bulk = p.take()!;
    assert.deepEqual(bulk, { events: [], rescan: 'bulk' });
    assert.ok(needsSettleRescan(bulk), 'and one more rescan once the burst is over');
    p.add('a/report.yaml', 'changed', 2000);
    const next = p.take()!;
    assert.deepEqual(next, { events: [['a/report.yaml', 'changed']], rescan: undefined }, 'the next batch after a pause is a normal one');
    assert.ok(!needsSettleRescan(next));
    p.requestRescan('settle', 30);
    assert.ok(!needsSettleRescan(p.take()!), 'the settling rescan does not ask for another');
  });

  it('counts the threshold over a burst handed over in chunks, until a pause ends the burst', () => {
    const p = new PendingChanges(10);
    let at = 0;
    const chunk = (n: number): void => {
      for (let i = 0; i < n; i++) p.add(`a/meetings/f${at}-${i}.yaml`, 'changed', (at += 10));
    };
    chunk(6);
    assert.equal(p.take()?.rescan, undefined, '6 events: taken one by one');
    chunk(6);
    assert.equal(p.bulk, true);
    assert.deepEqual(p.take(), { events: [], rescan: 'bulk' }, '12 in the burst: a rescan');
    chunk(2);
    assert.equal(p.take()?.rescan, 'bulk', 'the burst goes on');
    at += 1000;
    chunk(2);
    assert.deepEqual(p.take()?.rescan, undefined, 'after a pause, a new burst');
  });

  it('a folder created or replaced asks for a rescan too (its files may not be reported one by one)', () => {
    const p = new PendingChanges(10);
    p.add('dee', 'created', 0);
    assert.equal(p.take()?.rescan, 'folder');
    p.add('dee/meetings', 'changed', 0);
    assert.equal(p.take()?.rescan, 'folder');
    p.add('dee', 'deleted', 0);
    assert.equal(p.take()?.rescan, undefined, 'a folder gone is taken from its own event');
    p.add('team.yaml', 'created', 0);
    assert.equal(p.take()?.rescan, undefined);
  });

  it('remembers when the oldest event came, for the batch\'s longest wait', () => {
    const p = new PendingChanges(10);
    assert.equal(p.oldest, undefined);
    p.add('a/report.yaml', 'changed', 100);
    p.add('b/report.yaml', 'changed', 900);
    assert.equal(p.oldest, 100);
    p.take();
    assert.equal(p.oldest, undefined);
  });

  it('a window back after a long absence asks for a rescan; a short one does not', () => {
    const clock = new AbsenceClock(5 * 60_000);
    assert.equal(clock.focusChanged(true, 0), false);
    assert.equal(clock.focusChanged(false, 1_000), false);
    assert.equal(clock.focusChanged(true, 1_000 + 60_000), false);
    assert.equal(clock.focusChanged(false, 100_000), false);
    assert.equal(clock.focusChanged(false, 200_000), false, 'the absence counts from when focus was first lost');
    assert.equal(clock.focusChanged(true, 100_000 + 5 * 60_000), true);
  });
});

describe('a burst of "changed" events for listed 1:1s (a git pull rewriting the history)', () => {
  /** Counts the disk's stats. */
  class CountingFs extends MemoryFileSystem {
    stats = 0;
    override async stat(path: string): ReturnType<MemoryFileSystem['stat']> {
      this.stats++;
      return super.stat(path);
    }
  }

  it('takes each in without asking the disk, and ends where a fresh check does; a new or deleted file is still checked on disk', async () => {
    const fs = new CountingFs({
      'team.yaml': yaml({ manager: 'Kim', cadence: 'weekly' }),
      ...reportFiles('alice', { name: 'Alice', meetings: weekly(d(-3), 30) }),
    });
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const files = Array.from({ length: 30 }, (_, i) => `alice/meetings/${d(-3 - 7 * i)}.yaml`);
    for (let i = 0; i < files.length; i++) fs.write(files[i], meetingYaml(d(-3 - 7 * i), { extra: { prpe: 1 } }));
    const before = fs.stats;
    await checker.applyChanges(files.map((f) => [f, 'changed'] as const));
    assert.equal(fs.stats - before, 0, 'no stat for a change of a listed 1:1');
    assert.deepEqual(sorted(checker.problems()), await fresh(fs));
    assert.ok(checker.problems().some((p) => p.rule === 'unknown-key' && p.file === files[0]), 'the newest 1:1\'s new key is found');
    // A "changed" event for a file the index does not list (a late event after a delete): the disk decides.
    fs.delete(files[0]);
    await checker.applyChanges([[files[0], 'deleted']]);
    const now = fs.stats;
    await checker.applyChanges([[files[0], 'changed']]);
    assert.equal(fs.stats - now, 1, 'an unlisted file is stat\'ed');
    assert.deepEqual(sorted(checker.problems()), await fresh(fs), 'and not listed again');
  });
});
