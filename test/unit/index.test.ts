import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeTeamFileSystem } from '../../src/node/nodeFs';
import { TeamChecker } from '../../src/core/checker';
import { addDays } from '../../src/core/dates';
import { TeamIndex } from '../../src/core/index/teamIndex';
import { check, meetingYaml, ofRule, reportFiles, TODAY, weekly, yaml } from './helpers/builders';
import { MemoryFileSystem } from './helpers/memoryFs';

const d = (offset: number): string => addDays(TODAY, offset);

function longHistory(weeks: number, lastOffset = -3): Record<string, string> {
  return reportFiles('alice', { name: 'Alice', meetings: weekly(d(lastOffset), weeks) });
}

describe('team index', () => {
  it('knows the whole history from the listing but parses only the rules\' window', async () => {
    const fs = new MemoryFileSystem(longHistory(260));
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const alice = checker.index.report('alice')!;
    assert.equal(alice.meetings.length, 260);
    assert.equal(alice.meetings[0].date, d(-3));
    assert.equal(alice.meetings[259].date, d(-3 - 7 * 259));
    const parsedMeetings = fs.reads.filter((p) => p.includes('/meetings/'));
    assert.ok(parsedMeetings.length <= 10, `parsed ${parsedMeetings.length} of 260 meeting files`);
    assert.ok(parsedMeetings.every((p) => p >= `alice/meetings/${d(-3 - 7 * 9)}`), 'only the newest ones');
    assert.deepEqual(checker.problems(), []);
  });

  it('reads further back only when the window needs it (no held 1:1 among the newest)', async () => {
    const meetings = weekly(d(-40), 30);
    for (let i = 0; i < 5; i++) meetings[d(-3 - 7 * i)] = { status: 'skipped' };
    const fs = new MemoryFileSystem(reportFiles('alice', { meetings }));
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const [p] = ofRule(checker.problems(), 'cadence-overdue');
    assert.match(p.message, new RegExp(`last held ${d(-40)}`));
    assert.ok(fs.reads.filter((r) => r.includes('/meetings/')).length < 20);
  });

  it('orders a second 1:1 on one day after the first, newest first', async () => {
    const index = await TeamIndex.open(new MemoryFileSystem({
      'a/report.yaml': 'name: A\n',
      'a/meetings/2026-11-20.yaml': meetingYaml('2026-11-20'),
      'a/meetings/2026-11-20-2.yaml': meetingYaml('2026-11-20'),
      'a/meetings/2026-11-13.yaml': meetingYaml('2026-11-13'),
      'a/meetings/2026-11-20-10.yaml': meetingYaml('2026-11-20'),
    }));
    assert.deepEqual(index.report('a')!.meetings.map((m) => m.fileName), ['2026-11-20-10.yaml', '2026-11-20-2.yaml', '2026-11-20.yaml', '2026-11-13.yaml']);
  });

  it('reports names outside the layout instead of guessing', async () => {
    const { problems } = await check({
      ...reportFiles('alice', { meetings: weekly(d(-3), 6) }),
      'Bob Smith/report.yaml': 'name: Bob\n',
      'alice/meetings/2026-11-03 notes.yaml': 'date: 2026-11-03\n',
      'alice/meetings/2026-11-31.yaml': 'date: 2026-11-31\n',
      'alice/meetings/agenda.md': '# not a meeting, not reported',
      'carol/goals.yaml': yaml({ goals: [] }),
    });
    const bad = ofRule(problems, 'bad-name');
    assert.deepEqual(bad.map((p) => p.file).sort(), ['Bob Smith', 'alice/meetings/2026-11-03 notes.yaml', 'alice/meetings/2026-11-31.yaml']);
    assert.match(bad.find((p) => p.file === 'Bob Smith')!.message, /e\.g\. `bob-smith`/);
    const missing = problems.filter((p) => p.file === 'carol');
    assert.deepEqual(missing.map((p) => [p.rule, p.message]), [['schema', 'Report folder `carol` has no `report.yaml`: add one with at least `name:`.']]);
  });

  describe('incremental updates', () => {
    async function overdue(): Promise<{ fs: MemoryFileSystem; checker: TeamChecker }> {
      const fs = new MemoryFileSystem({ ...longHistory(30, -12), ...reportFiles('bob', { name: 'Bob', meetings: weekly(d(-2), 8) }) });
      const checker = await TeamChecker.open(fs, { today: TODAY });
      assert.equal(ofRule(checker.problems(), 'cadence-overdue').length, 1);
      return { fs, checker };
    }

    it('a new 1:1 file clears the overdue warning, reading only that file', async () => {
      const { fs, checker } = await overdue();
      const readsBefore = fs.reads.length;
      const path = `alice/meetings/${TODAY}.yaml`;
      fs.write(path, meetingYaml(TODAY, { goals: { g1: 'on track' } }));
      const changed = await checker.applyChange(path, 'created');
      assert.deepEqual(fs.reads.slice(readsBefore), [path]);
      assert.deepEqual(changed.get('alice/report.yaml'), []);
      assert.ok(![...changed.keys()].some((f) => f.startsWith('bob/')), 'the other report is not touched');
      assert.deepEqual(ofRule(checker.problems(), 'cadence-overdue'), []);
      assert.equal(checker.index.report('alice')!.meetings[0].date, TODAY);
    });

    it('a 1:1 changed to skipped brings the warning back; deleting a file clears its problems', async () => {
      const { fs, checker } = await overdue();
      const path = `alice/meetings/${TODAY}.yaml`;
      fs.write(path, meetingYaml(TODAY, { goals: { g1: 'x' } }));
      await checker.applyChange(path, 'created');
      fs.write(path, meetingYaml(TODAY, { status: 'skipped', feedback: [], goals: { nope: '' } }));
      let changed = await checker.applyChange(path, 'changed');
      assert.equal(ofRule(changed.get('alice/report.yaml') ?? [], 'cadence-overdue').length, 1);
      assert.deepEqual(changed.get(path)!.map((p) => p.rule), ['unknown-goal']);
      fs.delete(path);
      changed = await checker.applyChange(path, 'deleted');
      assert.deepEqual(changed.get(path), []);
      assert.equal(checker.index.report('alice')!.meetings.some((m) => m.fileName === `${TODAY}.yaml`), false);
    });

    it('a late "deleted" event for a file that is there again keeps it (the disk decides, not the event)', async () => {
      const { fs, checker } = await overdue();
      const path = `alice/meetings/${TODAY}.yaml`;
      fs.write(path, meetingYaml(TODAY, { goals: { nope: 'x' } }));
      await checker.applyChange(path, 'created');
      // A checkout deleted and wrote the file again; its delete event comes after the write was already taken in.
      const changed = await checker.applyChange(path, 'deleted');
      assert.deepEqual(changed.get(path)!.map((p) => p.rule), ['unknown-goal'], 'its problems stay');
      assert.deepEqual(ofRule(checker.problems(), 'cadence-overdue'), [], 'the 1:1 still counts');
      fs.write('alice/goals.yaml', yaml({ goals: [{ id: 'g1', title: 'Old', start: d(-90), end: d(-30) }] }));
      await checker.applyChange('alice/goals.yaml', 'deleted');
      assert.equal(ofRule(checker.problems(), 'goal-expired').length, 1, 'goals.yaml is read, not dropped');
    });

    it('report.yaml, goals.yaml and team.yaml changes re-check the right reports', async () => {
      const { fs, checker } = await overdue();
      fs.write('alice/report.yaml', yaml({ name: 'Alice', paused: [{ from: d(-10), reason: 'leave' }] }));
      await checker.applyChange('alice/report.yaml', 'changed');
      assert.deepEqual(ofRule(checker.problems(), 'cadence-overdue'), []);
      fs.write('alice/goals.yaml', yaml({ goals: [{ id: 'g1', title: 'Old', start: d(-90), end: d(-30) }] }));
      await checker.applyChange('alice/goals.yaml', 'changed');
      assert.equal(ofRule(checker.problems(), 'goal-expired').length, 1);
      fs.write('team.yaml', yaml({ 'grace-days': 0 }));
      const changed = await checker.applyChange('team.yaml', 'created');
      assert.equal(ofRule(checker.problems(), 'cadence-overdue').length, 0, 'alice is on leave');
      fs.write('team.yaml', yaml({ cadence: '1d', 'grace-days': 0 }));
      await checker.applyChange('team.yaml', 'changed');
      assert.deepEqual(ofRule(checker.problems(), 'cadence-overdue').map((p) => p.file), ['bob/report.yaml']);
      assert.ok(changed.has('team.yaml'));
    });

    it('a new report folder appears, a deleted one takes its problems with it', async () => {
      const { fs, checker } = await overdue();
      for (const [p, t] of Object.entries(reportFiles('carol', { name: 'Carol', since: d(-30) }))) fs.write(p, t);
      await checker.applyChange('carol/report.yaml', 'created');
      assert.equal(ofRule(checker.problems(), 'no-first-meeting')[0].file, 'carol/report.yaml');
      fs.delete('alice');
      const changed = await checker.applyChange('alice', 'deleted');
      assert.deepEqual(changed.get('alice/report.yaml'), []);
      assert.equal(checker.index.report('alice'), undefined);
      assert.ok(checker.problems().every((p) => !p.file.startsWith('alice/')));
    });

    it('problems of an old 1:1 appear when it is opened, and in a full check', async () => {
      const files = longHistory(100);
      const old = `alice/meetings/${d(-3 - 7 * 80)}.yaml`;
      files[old] = meetingYaml(d(-3 - 7 * 80), { extra: { status: 'hled' } });
      const fs = new MemoryFileSystem(files);
      const checker = await TeamChecker.open(fs, { today: TODAY });
      assert.deepEqual(checker.problems(), []);
      await checker.ensureChecked(old);
      assert.deepEqual(checker.problems().map((p) => [p.file, p.rule]), [[old, 'schema']]);
      const full = await TeamChecker.open(new MemoryFileSystem(files), { today: TODAY });
      await full.checkEverything();
      assert.ok(full.problems().some((p) => p.file === old && p.rule === 'schema'));
    });

    it('a cached meeting is re-read when its version on disk changed', async () => {
      const fs = new MemoryFileSystem(longHistory(10));
      const index = await TeamIndex.open(fs);
      const ref = index.report('alice')!.meetings[0];
      const [first] = await index.loadMeetings('alice', [ref]);
      const [same] = await index.loadMeetings('alice', [ref], { revalidate: true });
      assert.equal(same, first);
      fs.write(ref.path, meetingYaml(ref.date, { status: 'skipped' }));
      const [fresh] = await index.loadMeetings('alice', [ref], { revalidate: true });
      assert.equal(fresh.value?.status, 'skipped');
    });

    it('unsaved editor text stands in for the file until it is dropped', async () => {
      const fs = new MemoryFileSystem(longHistory(12));
      const checker = await TeamChecker.open(fs, { today: TODAY });
      const path = 'alice/report.yaml';
      let changed = await checker.setOverlay(path, 'name: Alice\ncadence: hourly\n');
      assert.deepEqual(changed.get(path)!.map((p) => p.rule), ['schema']);
      assert.match(fs.has(path) ? (await fs.readFile(path)).text : '', /^name: Alice\n$/, 'the file on disk is untouched');
      changed = await checker.setOverlay(path, undefined);
      assert.deepEqual(changed.get(path), []);
    });

    it('rules across meetings read only the window, whatever else is parsed', async () => {
      const files = longHistory(40);
      // An old action, done two weeks later: opening the old 1:1 must not bring it back as open.
      files[`alice/meetings/${d(-3 - 7 * 30)}.yaml`] = meetingYaml(d(-3 - 7 * 30), { actions: [{ text: 'Order a monitor', owner: 'report' }] });
      files[`alice/meetings/${d(-3 - 7 * 28)}.yaml`] = meetingYaml(d(-3 - 7 * 28), { actions: [{ text: 'Order a monitor', owner: 'report', done: true }] });
      files[`alice/meetings/${d(-3 - 7 * 35)}.yaml`] = meetingYaml(d(-3 - 7 * 35), { feedback: [] });
      const fs = new MemoryFileSystem(files);
      const checker = await TeamChecker.open(fs, { today: TODAY });
      const alice = checker.index.report('alice')!;
      // The history view parses a page of 50: nothing changes in the problems.
      await checker.index.loadMeetings('alice', alice.meetings.slice(0, 40));
      await checker.checkAll();
      assert.deepEqual(checker.problems(), []);
      // The user opens the old 1:1: its own problems show, the old action stays out of the open actions.
      await checker.ensureChecked(`alice/meetings/${d(-3 - 7 * 30)}.yaml`);
      await checker.ensureChecked(`alice/meetings/${d(-3 - 7 * 35)}.yaml`);
      assert.deepEqual(checker.problems().map((p) => [p.file, p.rule]), [[`alice/meetings/${d(-3 - 7 * 35)}.yaml`, 'no-feedback']]);
      assert.deepEqual(checker.context('alice')!.openActions, []);
      // A change to the opened file keeps it checked.
      const old = `alice/meetings/${d(-3 - 7 * 35)}.yaml`;
      fs.write(old, `date: ${d(-3 - 7 * 35)}\nstatus: hled\n`);
      await checker.applyChange(old, 'changed');
      assert.deepEqual(checker.problems().map((p) => p.rule), ['schema']);
    });

    it('a symbolic link that appears later is ignored, as at the first load', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'oneonones-link-'));
      const outside = mkdtempSync(path.join(tmpdir(), 'oneonones-outside-'));
      try {
        for (const [p, t] of Object.entries(longHistory(8))) {
          mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
          writeFileSync(path.join(dir, p), t);
        }
        writeFileSync(path.join(outside, 'secret.yaml'), `date: ${TODAY}\nsecret: do not read\n`);
        const checker = await TeamChecker.open(new NodeTeamFileSystem(dir), { today: TODAY });
        const linked = `alice/meetings/${TODAY}.yaml`;
        symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, linked));
        await checker.applyChange(linked, 'created');
        assert.ok(!checker.index.report('alice')!.meetings.some((m) => m.fileName === `${TODAY}.yaml`));
        assert.ok(!checker.problems().some((p) => p.message.includes('secret')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('a new day re-runs the rules without re-reading files', async () => {
      const fs = new MemoryFileSystem(longHistory(12));
      const checker = await TeamChecker.open(fs, { today: TODAY });
      const reads = fs.reads.length;
      await checker.setToday(d(10));
      assert.equal(ofRule(checker.problems(), 'cadence-overdue').length, 1);
      assert.equal(fs.reads.length, reads);
    });
  });
});

describe('problems of one file', () => {
  it('are exactly that file’s entry of problemsByFile, for every file of the demo team', async () => {
    const checker = await TeamChecker.open(new NodeTeamFileSystem(path.resolve(__dirname, '../../../examples/demo-team')), { today: TODAY });
    await checker.checkEverything();
    const byFile = checker.problemsByFile();
    assert.ok(byFile.size > 10, 'the demo has problems in many files');
    for (const [file, problems] of byFile) assert.deepEqual(checker.problemsOf(file), problems, file);
    assert.deepEqual(checker.problemsOf('nobody/meetings/2026-11-24.yaml'), []);
  });
});
