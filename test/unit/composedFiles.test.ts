/**
 * Files and edits composed by the YAML layer (issue #12 point 7): new files' header comments are the Document's own,
 * and marking a 1:1 skipped is one composed edit instead of two saved one after the other.
 */
import * as assert from 'node:assert/strict';
import { parse, parseDocument } from 'yaml';
import { markSkippedEdit } from '../../src/core/edit/meetingEdits';
import { applyEdit } from '../../src/core/edit/yamlEdit';
import { parseMeetingFile, parseTeamFile } from '../../src/core/format/files';
import { newMeetingText, newTeamText } from '../../src/core/templates';
import { check, reportFiles, TODAY } from './helpers/builders';

describe('new files composed by the YAML layer', () => {
  it('team.yaml: a header comment, then the manager and the defaults; a hostile name stays a value', () => {
    const text = newTeamText(' Kim Park ');
    assert.match(text, /^# Team defaults for First-Class 1:1s: /);
    assert.deepEqual(parse(text), { manager: 'Kim Park', cadence: 'weekly', 'grace-days': 2, 'career-every': '8w', 'goal-length': '8w' });
    const evil = 'Kim\ncadence: daily\r# x: y';
    const parsed = parseTeamFile('team.yaml', newTeamText(evil));
    assert.deepEqual(parsed.file.findings, []);
    assert.equal(parsed.value?.manager, evil.trim());
    assert.equal(parsed.value?.cadence, 'weekly');
  });

  it('a new 1:1 note: a name with line breaks stays inside the header comment, and the file has no finding', async () => {
    for (const name of ['Ana', 'Ana\nstatus: held', 'Ana\rstatus: held', 'Ana\r\n- x']) {
      const files = reportFiles('a', { name: 'Ana' });
      files['a/report.yaml'] = `name: ${JSON.stringify(name)}\nsince: 2026-01-01\n`;
      const { checker } = await check(files);
      const text = newMeetingText(checker.context('a')!, TODAY);
      const doc = parseDocument(text);
      assert.deepEqual(doc.errors, [], name);
      assert.equal(doc.get('status'), 'planned', name);
      assert.ok(String(doc.commentBefore).startsWith(' 1:1 with Ana'), name);
      assert.deepEqual(parseMeetingFile(`a/meetings/${TODAY}.yaml`, text, TODAY).file.findings, [], name);
    }
  });
});

describe('marking a 1:1 skipped: one composed edit', () => {
  const planned = '# 1:1 with Ana — prep\ndate: 2026-11-24\nstatus: planned # set by the command\nkind: regular\nnotes: ""\n';

  it('sets the status and the reason in one edit that changes only those bytes; comments and layout kept', () => {
    const edit = markSkippedEdit(planned, 'I was ill');
    const after = applyEdit(planned, edit);
    assert.equal(after, '# 1:1 with Ana — prep\ndate: 2026-11-24\nstatus: skipped # set by the command\nkind: regular\nnotes: ""\nskip-reason: I was ill\n');
    // One contiguous change: everything before the status and nothing else around it is untouched.
    assert.equal(planned.slice(0, edit.offset), after.slice(0, edit.offset));
    assert.equal(planned.slice(edit.offset + edit.length), after.slice(edit.offset + edit.text.length));
  });

  it('no reason: only the status changes', () => {
    assert.equal(applyEdit(planned, markSkippedEdit(planned, '')), planned.replace('status: planned', 'status: skipped'));
  });
});
