import * as assert from 'node:assert/strict';
import { classifyPath, isMeetingPath, reportIdOf } from '../../src/core/paths';

describe('classifyPath: the folder layout in one place', () => {
  it('names every part of the layout, with its report', () => {
    assert.deepEqual(classifyPath('team.yaml'), { kind: 'team' });
    assert.deepEqual(classifyPath('ana'), { kind: 'report-dir', reportId: 'ana' });
    assert.deepEqual(classifyPath('ana/report.yaml'), { kind: 'report-profile', reportId: 'ana' });
    assert.deepEqual(classifyPath('ana/goals.yaml'), { kind: 'goals', reportId: 'ana' });
    assert.deepEqual(classifyPath('ana/meetings'), { kind: 'meetings-dir', reportId: 'ana' });
    assert.deepEqual(classifyPath('ana/meetings/2026-11-24.yaml'), { kind: 'meeting', reportId: 'ana', fileName: '2026-11-24.yaml', date: '2026-11-24', seq: 1 });
    assert.deepEqual(classifyPath('ana/meetings/2026-11-24-2.yaml'), { kind: 'meeting', reportId: 'ana', fileName: '2026-11-24-2.yaml', date: '2026-11-24', seq: 2 });
  });

  it('a badly named 1:1 is still that report\'s meeting file, without a date', () => {
    assert.deepEqual(classifyPath('ana/meetings/notes.yaml'), { kind: 'meeting', reportId: 'ana', fileName: 'notes.yaml', date: undefined, seq: undefined });
    assert.deepEqual(classifyPath('ana/meetings/2026-02-30.yaml'), { kind: 'meeting', reportId: 'ana', fileName: '2026-02-30.yaml', date: undefined, seq: undefined });
  });

  it('everything else is other, with the report when it lies in one', () => {
    assert.deepEqual(classifyPath('ana/notes.txt'), { kind: 'other', reportId: 'ana' });
    assert.deepEqual(classifyPath('ana/meetings/2026-11-24.yml'), { kind: 'other', reportId: 'ana' });
    assert.deepEqual(classifyPath('ana/meetings/old/2026-11-24.yaml'), { kind: 'other', reportId: 'ana' });
    for (const p of ['', 'README.md', 'Ana Smith/report.yaml', '.git/config', 'ana/.meetings/2026-11-24.yaml', 'ana/meetings/.2026-11-24.yaml.swp', '../ana/report.yaml', 'team.yaml/x']) {
      assert.deepEqual(classifyPath(p), { kind: 'other' }, p);
      assert.equal(reportIdOf(p), undefined, p);
    }
    assert.equal(reportIdOf('team.yaml'), undefined);
    assert.equal(reportIdOf('ana/meetings/2026-11-24.yaml'), 'ana');
  });

  it('a meeting path is one of a report (what the form and the custom editor claim)', () => {
    assert.equal(isMeetingPath('ana/meetings/2026-11-24.yaml'), true);
    assert.equal(isMeetingPath('projects/meetings/2026-11-24.yaml/x'), false);
    assert.equal(isMeetingPath('x/ana/meetings/2026-11-24.yaml'), false, 'a meetings folder deeper down is not the team\'s');
    assert.equal(isMeetingPath('Ana/meetings/2026-11-24.yaml'), false, 'not a report folder name');
  });
});
