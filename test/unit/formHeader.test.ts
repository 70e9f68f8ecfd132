/**
 * The 1:1 form's header and what its host accepts: days since the previous 1:1 counted as the cadence rule counts
 * them, whether a 1:1 can be moved (and the `date:` edit that goes with the move), and the check that the host
 * takes only edits of fields and lists the form offered as editable.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyEdit } from '../../src/core/edit/yamlEdit';
import { NOT_OFFERED, offeredBy, refusalOf } from '../../src/core/form/accept';
import { loadFormContext } from '../../src/core/form/context';
import { buildFormState } from '../../src/core/form/model';
import type { FormInput } from '../../src/core/form/model';
import { dayHasNote, moveDateEdit, MoveRefused } from '../../src/core/form/move';
import type { FormEdit, FormState } from '../../src/shared/formProtocol';
import { webviewCsp } from '../../src/vscode/webview/html';
import { check, meetingYaml, reportFiles } from './helpers/builders';
import type { ReportSpec } from './helpers/builders';

function form(text: string, extra: Partial<FormInput> = {}): FormState {
  const s = buildFormState({ path: 'marta/meetings/2026-11-24.yaml', text, version: 1, context: undefined, problems: [], ...extra });
  assert.equal(s.kind, 'form', s.kind === 'broken' ? JSON.stringify(s.errors) : '');
  return s as FormState;
}

/** The form of Marta's 1:1 of 2026-11-24, her last held one on 2026-11-10, with the given leaves. */
async function withLeave(paused: ReportSpec['paused'], path = 'marta/meetings/2026-11-24.yaml', text = meetingYaml('2026-11-24')): Promise<FormState> {
  const files = reportFiles('marta', { name: 'Marta Nowak', cadence: 'weekly', since: '2026-01-05', paused, meetings: { '2026-11-10': {} } });
  files[path] = text;
  const { checker } = await check(files, { today: '2026-11-24' });
  const context = await loadFormContext(checker.index, path);
  assert.ok(context);
  return form(text, { context, path });
}

describe('The form header', () => {
  it('counts the days since the previous 1:1 without the days on leave, as the cadence rule does', async () => {
    const s = await withLeave([{ from: '2026-11-12', to: '2026-11-18', reason: 'holiday' }]);
    assert.equal(s.header.previousDate, '2026-11-10');
    assert.equal(s.header.daysSincePrevious, 7, '14 calendar days, 7 of them on leave');
    assert.equal(s.header.leaveDaysSincePrevious, 7);
  });

  it('counts a leave that is still going on up to the 1:1, and only the part of a leave after the previous 1:1', async () => {
    const open = await withLeave([{ from: '2026-11-20' }]);
    assert.deepEqual([open.header.daysSincePrevious, open.header.leaveDaysSincePrevious], [9, 5]);
    const straddling = await withLeave([{ from: '2026-11-01', to: '2026-11-12' }, { from: '2026-11-11', to: '2026-11-13' }]);
    assert.deepEqual([straddling.header.daysSincePrevious, straddling.header.leaveDaysSincePrevious], [11, 3], 'overlapping leaves count once');
  });

  it('says no leave was left out when there was none', async () => {
    const s = await withLeave(undefined);
    assert.deepEqual([s.header.daysSincePrevious, s.header.leaveDaysSincePrevious], [14, 0]);
  });

  it('a meeting whose date is not a calendar date still shows a form, without days since', async () => {
    const s = await withLeave([{ from: '2026-11-12', to: '2026-11-18' }], 'marta/meetings/notes.yaml', 'date: 2026-02-30\nstatus: planned\n');
    assert.equal(s.header.daysSincePrevious, undefined);
    assert.equal(s.header.leaveDaysSincePrevious, undefined);
    // A goal starting on the last supported day ends past it: shown without an end, not a crash of the form.
    const context = {
      reportName: 'Marta', cadence: 'weekly', cadenceDays: 7, earlier: [], goalLengthDays: 56, aspirations: [],
      goals: [{ id: 'g', title: 'Far away', start: '9999-12-31', status: 'active' as const, index: 0 }],
    };
    const far = form('date: 9999-12-31\nkind: career\ngoals:\n  g: x\n', { path: 'marta/meetings/9999-12-31.yaml', context });
    assert.deepEqual(far.goals.map((g) => [g.goalId, g.end, g.daysLeft]), [['g', '', 0]]);
    assert.deepEqual(far.career?.goals.map((g) => [g.title, g.end]), [['Far away', '']]);
  });

  it('a 1:1 named by its date in a report’s meetings folder can be moved, when the form is editable', () => {
    const text = 'date: 2026-11-24\n';
    assert.equal(form(text).header.movable, true);
    assert.equal(form(text, { path: 'marta/meetings/2026-11-24-2.yaml' }).header.movable, true, 'the second note of a day too');
    assert.equal(form(text, { readOnlyReason: 'Restricted Mode' }).header.movable, false);
    assert.equal(form(text, { path: 'marta/meetings/notes.yaml' }).header.movable, false, 'not named by a date');
    assert.equal(form(text, { path: 'marta/meetings/2026-02-30.yaml' }).header.movable, false, 'not a calendar date');
    assert.equal(form(text, { path: 'marta/archive/2026-11-24.yaml' }).header.movable, false, 'not in meetings/');
    assert.equal(form(text, { path: '2026-11-24.yaml' }).header.movable, false, 'outside a report');
  });
});

describe('Moving a 1:1 to another day', () => {
  it('a day has a note when any file of the meetings folder is named by it, with or without a number', () => {
    assert.equal(dayHasNote(['2026-11-24.yaml', '2026-11-30-2.yaml'], '2026-11-30'), true);
    assert.equal(dayHasNote(['2026-11-24.yaml'], '2026-11-24'), true);
    assert.equal(dayHasNote(['2026-11-24.yaml', '2026-11-30.yml', '2026-11-30.yaml.bak', 'x2026-11-30.yaml'], '2026-11-30'), false);
  });

  const move = (text: string, date: string): string => applyEdit(text, moveDateEdit(text, date));

  it('changes only the date’s value, keeping its comment, quoting aside, and every other byte', () => {
    const text = '# prep\ndate: 2026-11-24   # moved once already\nstatus: planned\nnotes: |\n  keep\n';
    assert.equal(move(text, '2026-11-27'), '# prep\ndate: 2026-11-27   # moved once already\nstatus: planned\nnotes: |\n  keep\n');
    assert.equal(move('status: held\r\ndate: "2026-11-24"\r\n', '2026-12-01').replace(/"/g, ''), 'status: held\r\ndate: 2026-12-01\r\n');
  });

  it('adds `date:` before the first key when the file has none, after leading comments', () => {
    assert.equal(move('# tomorrow\nstatus: planned\nprep: {}\n', '2026-11-27'), '# tomorrow\ndate: 2026-11-27\nstatus: planned\nprep: {}\n');
    assert.equal(move('status: planned\r\n', '2026-11-27'), 'date: 2026-11-27\r\nstatus: planned\r\n');
    assert.deepEqual(parse(move('', '2026-11-27')), { date: '2026-11-27' });
    assert.deepEqual(parse(move('{status: held}\n', '2026-11-27')), { status: 'held', date: '2026-11-27' });
  });

  it('refuses with a message when the file does not parse or the date cannot be changed alone', () => {
    assert.throws(() => moveDateEdit('date: 2026-11-24\nnotes: "open\n', '2026-11-27'), MoveRefused);
    assert.throws(() => moveDateEdit('- a list\n', '2026-11-27'), MoveRefused);
    // The date is shared through an anchor: changing it would change `seen` too.
    assert.throws(() => moveDateEdit('date: &d 2026-11-24\nseen: *d\n', '2026-11-27'), MoveRefused);
  });
});

describe('What the form host accepts', () => {
  const MEETING = [
    'date: 2026-11-24',
    'goals:',
    '  mentor: Two sessions',
    'notes: {not: a text}',
    'prep:',
    '  manager:',
    '    topics: &t [one]',
    '    feedback:',
    '      - {type: positive, text: Clear}',
    '  report:',
    '    topics: *t',
    'actions:',
    '  - {text: Book a room, owner: report}',
    '',
  ].join('\n');
  const state = form(MEETING);
  const set = (field: string, value: string | boolean = 'x'): FormEdit => ({ op: 'set', field, value });

  it('accepts edits of the fields and lists the form showed as editable', () => {
    for (const e of [set('goal/mentor'), set('status', 'held'), set('private'), set('feedback/0/text'), set('actions/0/done', true)]) {
      assert.equal(offeredBy(e, state), true, JSON.stringify(e));
    }
    assert.equal(offeredBy({ op: 'add', list: 'actions' }, state), true);
    assert.equal(offeredBy({ op: 'remove', list: 'feedback', index: 0 }, state), true);
  });

  it('refuses a field id the form never sent: a made-up goal key, an item that is not there, a key of no field', () => {
    for (const id of ['goal/made-up-key', `goal/${'x'.repeat(290)}`, 'feedback/1/text', 'actions/0/secret', 'date', 'goals', '__proto__']) {
      assert.equal(refusalOf(set(id), state, state), NOT_OFFERED, id);
    }
  });

  it('refuses a field or list the form showed as not editable, and list items out of range', () => {
    assert.equal(offeredBy(set('notes'), state), false, 'notes hold a mapping');
    assert.equal(offeredBy({ op: 'add', list: 'reportTopics' }, state), false, 'an alias of another list');
    assert.equal(offeredBy({ op: 'move', list: 'managerTopics', index: 0, to: 0 }, state), false, 'an anchored list');
    assert.equal(offeredBy({ op: 'remove', list: 'actions', index: 1 }, state), false);
    assert.equal(offeredBy({ op: 'add', list: 'actions', after: 3 }, state), false);
    assert.equal(offeredBy(set('status', 'held'), form(MEETING, { readOnlyReason: 'Restricted Mode' })), false);
  });

  it('accepts a field of the state the edit names even when the current state no longer has it, and the reverse', () => {
    const later = form('date: 2026-11-24\n', { version: 2 });
    assert.equal(refusalOf(set('goal/mentor'), state, later), undefined);
    assert.equal(refusalOf(set('goal/mentor'), undefined, state), undefined);
    assert.equal(refusalOf(set('goal/mentor'), later, later), NOT_OFFERED);
    assert.equal(refusalOf(set('notes'), undefined, undefined), NOT_OFFERED, 'no state at all: nothing was offered');
  });
});

describe('The form page', () => {
  it('its CSP also closes base-uri and form-action, which do not fall back to default-src', () => {
    const csp = webviewCsp({ cspSource: 'https://x', nonce: 'n' }).split(/;\s*/);
    assert.ok(csp.includes("base-uri 'none'"), csp.join('; '));
    assert.ok(csp.includes("form-action 'none'"), csp.join('; '));
    assert.ok(csp.includes("default-src 'none'"));
  });
});
