import * as assert from 'node:assert/strict';
import { TeamChecker } from '../../src/core/checker';
import type { CheckChange } from '../../src/core/checker';
import { addDays } from '../../src/core/dates';
import type { Problem } from '../../src/core/types';
import { reportFiles, TODAY, weekly, yaml } from './helpers/builders';
import { MemoryFileSystem } from './helpers/memoryFs';
import { timeSlicer } from '../../src/core/slice';

const d = (offset: number): string => addDays(TODAY, offset);

function sorted(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.file} ${p.rule} ${p.range.start.line}:${p.range.start.character} ${p.message}`).sort();
}

/** 40 reports (more than two steps of the full check), every fifth overdue. */
function team(): MemoryFileSystem {
  const files: Record<string, string> = { 'team.yaml': yaml({ manager: 'Kim', cadence: 'weekly' }) };
  for (let i = 0; i < 40; i++) {
    const id = `r${String(i).padStart(2, '0')}`;
    Object.assign(files, reportFiles(id, { name: `Person ${i}`, meetings: weekly(d(i % 5 === 0 ? -30 : -2), 6) }));
  }
  return new MemoryFileSystem(files);
}

describe('the first load: rows first, problems streamed (issue #17)', () => {
  it('an unchecked open lists every report with its name, and claims nothing about a report before its rules ran', async () => {
    const checker = await TeamChecker.openUnchecked(team(), { today: TODAY });
    assert.equal(checker.queries.reports().length, 40);
    assert.equal(checker.queries.row('r07')?.name, 'Person 7');
    assert.equal(checker.fullyChecked, false);
    // No status from an empty window ("no 1:1 yet", "overdue") before the rules have read the history.
    assert.equal(checker.context('r07'), undefined);
    assert.equal(checker.queries.report('r07'), undefined);
    assert.deepEqual(checker.problems(), []);
    // No work the first paint does not need: team.yaml and each report.yaml read, the team folder and each report
    // folder listed; goals.yaml, the meetings folders and the 1:1s wait for the full check.
    assert.deepEqual([checker.index.stats.filesRead, checker.index.stats.directoriesListed, checker.index.stats.meetingsParsed], [41, 41, 0]);
  });

  it('the full check streams each step\'s problems, pauses between steps, and ends where a plain open does', async () => {
    const checker = await TeamChecker.openUnchecked(team(), { today: TODAY });
    const steps: CheckChange[] = [];
    let pauses = 0;
    await checker.checkAll({ pause: async () => void pauses++, progress: (c) => steps.push(c) });
    assert.equal(checker.fullyChecked, true);
    assert.ok(steps.length >= 3, `several steps: ${steps.length}`);
    assert.equal(pauses, steps.length);
    // Every report in exactly one step; the steps' problems together are the reports' problems of a plain open.
    const ids = steps.flatMap((s) => (s.reports === 'all' ? [] : [...s.reports])).sort();
    assert.deepEqual(ids, checker.queries.reports().map((r) => r.id).sort());
    const plain = await TeamChecker.open(team(), { today: TODAY });
    const streamed = steps.flatMap((s) => [...(s.files ?? new Map<string, Problem[]>()).values()].flat());
    const reportProblems = plain.problems().filter((p) => p.file.includes('/'));
    assert.ok(reportProblems.length >= 8, 'the overdue reports have problems');
    assert.deepEqual(sorted(streamed), sorted(reportProblems));
    assert.deepEqual(sorted(checker.problems()), sorted(plain.problems()));
    assert.match(checker.queries.report('r05')?.view.description ?? '', /overdue/);
  });
});

describe('time slicing: the load never holds the thread for a run of files (issue #17)', () => {
  it('a slicer goes on at once while its budget lasts, then waits for the event loop, and the waiting go on one by one', async () => {
    let clock = 0;
    let tasks = 0;
    let release: (() => void) | undefined;
    const slice = timeSlicer(10, () => clock, () => new Promise<void>((r) => {
      tasks++;
      release = r;
    }));
    let ran = 0;
    await slice();
    clock = 9;
    await slice();
    assert.equal(tasks, 0, 'within the budget: no wait');
    clock = 10;
    // Three pieces of work arrive with the budget used up: all wait for one task of the event loop.
    const pieces = [1, 2, 3].map(() => slice().then(() => {
      ran++;
      clock += 6; // each piece takes 6 ms: the second one of a slice uses it up
    }));
    await Promise.resolve();
    assert.equal(ran, 0, 'nobody goes on before the event loop ran');
    assert.equal(tasks, 1, 'one wait for all');
    release?.();
    await new Promise((r) => setImmediate(r));
    assert.equal(ran, 2, 'a new slice: work goes on until the budget is used up again');
    assert.equal(tasks, 2, 'the rest waits for the next task');
    release?.();
    await Promise.all(pieces);
    assert.equal(ran, 3);
  });

  it('the index and the rules ask the slicer before each file and each report, so the host can answer in between', async () => {
    // A clock that advances 1 ms per file parsed and per report's rules; a slice of 3 ms.
    const opened: { checker?: TeamChecker } = {};
    const work = (): number => (opened.checker ? opened.checker.index.stats.filesParsed + opened.checker.timings.reportsChecked : 0);
    const now = work;
    const perTask: number[] = [];
    let atTask = 0;
    const slice = timeSlicer(3, now, () => new Promise<void>((r) => setImmediate(() => {
      perTask.push(work() - atTask);
      atTask = work();
      r();
    })));
    const checker = await TeamChecker.openUnchecked(team(), { today: TODAY, slice });
    opened.checker = checker;
    atTask = work();
    await checker.checkAll();
    perTask.push(work() - atTask);
    // 40 reports: their goals, the 1:1s in their rules' window and their rules, in slices of about 3 units of work.
    assert.ok(perTask.length >= 40, `the event loop ran between slices: ${perTask.length} times`);
    assert.ok(Math.max(...perTask) <= 4, `never much more than a slice in one go: ${Math.max(...perTask)}`);
    const plain = await TeamChecker.open(team(), { today: TODAY });
    assert.deepEqual(sorted(checker.problems()), sorted(plain.problems()), 'the same problems as without slicing');
  });
});
