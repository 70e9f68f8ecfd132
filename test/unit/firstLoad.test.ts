import * as assert from 'node:assert/strict';
import { TeamChecker } from '../../src/core/checker';
import type { CheckChange } from '../../src/core/checker';
import { addDays } from '../../src/core/dates';
import type { Problem } from '../../src/core/types';
import { reportFiles, TODAY, weekly, yaml } from './helpers/builders';
import { MemoryFileSystem } from './helpers/memoryFs';

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
