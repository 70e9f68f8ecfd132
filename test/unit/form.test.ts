/**
 * The 1:1 form's core: the state built from a meeting file, and field edits turned into minimal text edits.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdit } from '../../src/core/edit/yamlEdit';
import { loadFormContext } from '../../src/core/form/context';
import { formEditToTextEdit, resolveField } from '../../src/core/form/fields';
import { buildFormState, listLengths } from '../../src/core/form/model';
import type { FormInput } from '../../src/core/form/model';
import type { BrokenState, FormEdit, FormState } from '../../src/shared/formProtocol';
import { fieldId, goalOf, itemOf, parseHostMessage, parseWebviewMessage } from '../../src/shared/formProtocol';
import { isReady, PROTOCOL_VERSION, readyMessage } from '../../src/shared/webviewProtocol';
import { webviewHtml } from '../../src/vscode/webview/html';
import { check, meetingYaml, reportFiles, TODAY } from './helpers/builders';
import { NAUGHTY_STRINGS } from '../support/naughty';

const MEETING = [
  '# prep for Marta',
  'date: 2026-11-24',
  'status: planned   # not yet',
  'prep:',
  '  manager:',
  '    feedback:',
  '      - type: positive',
  '        text: Clear outage write-up',
  '        delivered: false',
  '      - type: negative',
  "        text: 'Answered for Sam twice'",
  '    topics:',
  '      - How is mentoring going?',
  '  report:',
  '    topics: [Lead planning]',
  'goals:',
  '  mentor-sam: Two pairing sessions',
  'notes: |',
  '  Shared line one',
  '  Shared line two',
  'mood: good   # a key we do not know',
  'actions:',
  '  - text: Share the planning template',
  '    owner: manager',
  '    due: 2026-11-26',
  '  - text: Ask Sam for feedback',
  '    owner: report',
  '',
].join('\n');

function form(text: string, extra: Partial<FormInput> = {}): FormState {
  const s = buildFormState({ path: 'marta/meetings/2026-11-24.yaml', text, version: 1, context: undefined, problems: [], ...extra });
  assert.equal(s.kind, 'form', s.kind === 'broken' ? JSON.stringify(s.errors) : '');
  return s as FormState;
}

function edit(text: string, e: FormEdit): string {
  const lengths = listLengths(text);
  return applyEdit(text, formEditToTextEdit(text, e, (l) => lengths[l]));
}

/** Asserts that `after` differs from `before` in one contiguous region that lies inside `[from, to)` of before. */
function changedOnlyWithin(before: string, after: string, from: number, to: number): void {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  assert.ok(p >= from && before.length - s <= to, `changed [${p}, ${before.length - s}) is outside [${from}, ${to})`);
}

describe('The form model', () => {
  it('shows every section of a meeting file with the values written in it', () => {
    const s = form(MEETING);
    assert.equal(s.header.date, '2026-11-24');
    assert.equal(s.header.status.value, 'planned');
    assert.equal(s.header.kind.value, 'regular', 'kind defaults to regular');
    assert.deepEqual(s.feedback.rows.map((r) => [r.type.value, r.text.value, r.delivered.value]), [
      ['positive', 'Clear outage write-up', false],
      ['negative', 'Answered for Sam twice', false],
    ]);
    assert.deepEqual(s.managerTopics.rows.map((r) => r.text.value), ['How is mentoring going?']);
    assert.deepEqual(s.reportTopics.rows.map((r) => r.text.value), ['Lead planning']);
    assert.equal(s.notes.value, 'Shared line one\nShared line two\n');
    assert.equal(s.private.value, '');
    assert.deepEqual(s.actions.rows.map((r) => [r.text.value, r.owner.value, r.due.value, r.done.value]), [
      ['Share the planning template', 'manager', '2026-11-26', false],
      ['Ask Sam for feedback', 'report', '', false],
    ]);
    assert.deepEqual(s.goals.map((g) => [g.goalId, g.checkIn.value]), [['mentor-sam', 'Two pairing sessions']]);
    assert.equal(s.career, undefined);
  });

  it('reads the header, goals, balance and carried-over actions from the report around the file', async () => {
    const files = {
      ...reportFiles('marta', {
        name: 'Marta Nowak',
        cadence: 'biweekly',
        goals: [
          { id: 'mentor-sam', title: 'Mentor Sam', start: '2026-10-05', end: '2026-11-30' },
          { id: 'demo', title: 'Demo to sales', start: '2026-06-01', status: 'done' },
          { id: 'talk', title: 'Give a talk', start: '2026-11-01' },
        ],
        meetings: {
          '2026-11-10': { feedback: [{ type: 'positive', text: 'a' }, { type: 'positive', text: 'b' }, { type: 'negative', text: 'c' }], actions: [{ text: 'Ask Sam for feedback', owner: 'report' }] },
          '2026-11-17': { status: 'skipped', feedback: [{ type: 'negative', text: 'not counted: skipped' }] },
        },
      }),
    };
    files['marta/meetings/2026-11-24.yaml'] = MEETING;
    const { checker } = await check(files, { today: TODAY });
    const context = await loadFormContext(checker.index, 'marta/meetings/2026-11-24.yaml');
    assert.ok(context);
    const s = form(MEETING, { context });
    assert.equal(s.header.reportName, 'Marta Nowak');
    assert.equal(s.header.cadence, 'every two weeks');
    assert.equal(s.header.previousDate, '2026-11-10', 'the skipped 1:1 is not the previous 1:1');
    assert.equal(s.header.daysSincePrevious, 14);
    assert.deepEqual(s.balance, { positive: 2, negative: 1, meetings: 1 });
    assert.deepEqual(s.goals.map((g) => [g.goalId, g.title, g.daysLeft]), [['mentor-sam', 'Mentor Sam', 6], ['talk', 'Give a talk', 56 - 23]]);
    assert.deepEqual(s.actions.rows.map((r) => r.carriedFrom), [undefined, '2026-11-10']);
  });

  it('shows all goals and the aspirations in a career 1:1', async () => {
    const files = reportFiles('marta', {
      aspirations: ['Move into management'],
      goals: [
        { id: 'old', title: 'Old goal', start: '2026-01-05', status: 'done' },
        { id: 'new', title: 'New goal', start: '2026-11-02', aspiration: 'Move into management' },
      ],
    });
    const text = meetingYaml('2026-11-24', { kind: 'career' });
    files['marta/meetings/2026-11-24.yaml'] = text;
    const { checker } = await check(files);
    const s = form(text, { context: await loadFormContext(checker.index, 'marta/meetings/2026-11-24.yaml') });
    assert.deepEqual(s.career?.aspirations, ['Move into management']);
    assert.deepEqual(s.career?.goals.map((g) => [g.title, g.status]), [['New goal', 'active'], ['Old goal', 'done']]);
  });

  it('a file with syntax errors is shown as broken, with its errors, and no form', () => {
    const s = buildFormState({ path: 'a/meetings/2026-11-24.yaml', text: 'date: 2026-11-24\nnotes: "unclosed\nstatus: held\n', version: 3, context: undefined, problems: [] });
    assert.equal(s.kind, 'broken');
    assert.ok((s as BrokenState).errors.length > 0);
    assert.equal((s as BrokenState).version, 3);
    const list = buildFormState({ path: 'a/meetings/2026-11-24.yaml', text: '- just\n- a list\n', version: 1, context: undefined, problems: [] });
    assert.equal(list.kind, 'broken');
  });

  it('a value of the wrong type is shown but not editable, so the form cannot overwrite it', () => {
    const s = form('date: 2026-11-24\nnotes:\n  - a list\n  - of notes\nactions: not a list\n');
    assert.equal(s.notes.editable, false);
    assert.equal(s.actions.editable, false);
    assert.equal(s.feedback.editable, true, 'a missing list can be created');
  });

  it('values written through an alias, or anchored for one, are shown but not editable (an edit would change both)', () => {
    const s = form('date: 2026-11-24\nbase: &t [One, Two]\nprep:\n  manager:\n    topics: *t\n  report:\n    topics: [Mine]\nnotes: &n Shared\nprivate: *n\n');
    assert.deepEqual(s.managerTopics.rows.map((r) => [r.text.value, r.text.editable]), [['One', false], ['Two', false]]);
    assert.equal(s.managerTopics.editable, false);
    assert.deepEqual(s.reportTopics.rows.map((r) => [r.text.value, r.text.editable]), [['Mine', true]]);
    assert.deepEqual([s.private.value, s.private.editable], ['Shared', false]);
    assert.deepEqual([s.notes.value, s.notes.editable], ['Shared', false]);
  });

  it('places each problem next to the field it concerns', async () => {
    const text = 'date: 2026-11-24\nstatus: planned\nactions:\n  - text: Do it\n    owner: boss\n    whenn: soon\n';
    const files = reportFiles('marta');
    files['marta/meetings/2026-11-24.yaml'] = text;
    const { problems } = await check(files, { today: TODAY });
    const mine = problems.filter((p) => p.file === 'marta/meetings/2026-11-24.yaml');
    const s = form(text, { problems: mine });
    const by = (rule: string): string | undefined => s.problems.find((p) => p.rule === rule)?.target;
    assert.equal(by('prep-missing'), 'prep');
    assert.equal(by('unknown-key'), 'actions/0');
    assert.equal(s.problems.find((p) => p.rule === 'schema' && p.message.includes('owner'))?.target, 'actions/0/owner');
  });
});

describe('Form edits', () => {
  it('setting a field changes only that value; comments, order and unknown keys stay byte-identical', () => {
    const out = edit(MEETING, { op: 'set', field: 'feedback/1/text', value: 'Let Sam finish' });
    const at = MEETING.indexOf("'Answered");
    changedOnlyWithin(MEETING, out, at, at + "'Answered for Sam twice'".length);
    assert.equal(form(out).feedback.rows[1].text.value, 'Let Sam finish');
  });

  it('sets status, kind, delivered, done, owner and check-ins, creating keys where missing', () => {
    let t = edit(MEETING, { op: 'set', field: 'status', value: 'held' });
    assert.match(t, /^status: held   # not yet$/m, 'the comment after the value stays');
    t = edit(t, { op: 'set', field: 'kind', value: 'career' });
    t = edit(t, { op: 'set', field: 'feedback/0/delivered', value: true });
    t = edit(t, { op: 'set', field: 'actions/1/done', value: true });
    t = edit(t, { op: 'set', field: 'actions/1/owner', value: 'manager' });
    t = edit(t, { op: 'set', field: 'goal/new-goal', value: 'Started' });
    const js = parseDocument(t).toJS();
    assert.equal(js.status, 'held');
    assert.equal(js.kind, 'career');
    assert.equal(js.prep.manager.feedback[0].delivered, true);
    assert.deepEqual(js.actions[1], { text: 'Ask Sam for feedback', owner: 'manager', done: true });
    assert.deepEqual(js.goals, { 'mentor-sam': 'Two pairing sessions', 'new-goal': 'Started' });
    assert.equal(js.mood, 'good');
    assert.ok(t.startsWith('# prep for Marta\n'));
  });

  it('an empty due date removes the key; a bad date is refused', () => {
    const t = edit(MEETING, { op: 'set', field: 'actions/0/due', value: '' });
    assert.deepEqual(parseDocument(t).toJS().actions[0], { text: 'Share the planning template', owner: 'manager' });
    assert.throws(() => edit(MEETING, { op: 'set', field: 'actions/0/due', value: 'next week' }), /YYYY-MM-DD/);
  });

  it('refuses values outside a field’s choices, unknown field ids and items no longer in the file', () => {
    assert.throws(() => edit(MEETING, { op: 'set', field: 'status', value: 'cancelled' }), /one of: planned, held, skipped/);
    assert.throws(() => edit(MEETING, { op: 'set', field: 'feedback/0/delivered', value: 'yes' }), /yes\/no/);
    assert.throws(() => edit(MEETING, { op: 'set', field: 'date', value: '2026-01-01' }), /does not have/);
    assert.throws(() => edit(MEETING, { op: 'set', field: '__proto__', value: 'x' }), /does not have/);
    assert.throws(() => edit(MEETING, { op: 'set', field: 'actions/7/text', value: 'x' }), /no longer in the file/);
    assert.throws(() => edit(MEETING, { op: 'remove', list: 'feedback', index: 2 }), /no longer in the file/);
    assert.equal(resolveField('feedback/0/__proto__'), undefined);
    assert.equal(resolveField('managerTopics/0/text'), undefined);
  });

  it('adds items at the end or right after an item, creating the lists (and prep) when missing', () => {
    const bare = 'date: 2026-11-24 # keep\nstatus: planned\n';
    let t = edit(bare, { op: 'add', list: 'feedback' });
    t = edit(t, { op: 'add', list: 'reportTopics' });
    t = edit(t, { op: 'add', list: 'actions' });
    assert.ok(t.startsWith(bare));
    const js = parseDocument(t).toJS();
    assert.deepEqual(js.prep, { manager: { feedback: [{ type: 'positive', text: '', delivered: false }] }, report: { topics: [''] } });
    assert.deepEqual(js.actions, [{ text: '', owner: 'report', done: false }]);

    const mid = edit(MEETING, { op: 'add', list: 'feedback', after: 0 });
    const rows = form(mid).feedback.rows;
    assert.deepEqual(rows.map((r) => r.text.value), ['Clear outage write-up', '', 'Answered for Sam twice']);
    const flow = edit(MEETING, { op: 'add', list: 'reportTopics' });
    assert.match(flow, /topics: \[Lead planning, ""\]/);
  });

  it('removes and moves items; the other items keep their text byte for byte', () => {
    const removed = edit(MEETING, { op: 'remove', list: 'feedback', index: 0 });
    assert.ok(removed.includes("        text: 'Answered for Sam twice'\n"));
    assert.deepEqual(form(removed).feedback.rows.map((r) => r.text.value), ['Answered for Sam twice']);
    const moved = edit(MEETING, { op: 'move', list: 'actions', index: 1, to: 0 });
    assert.deepEqual(form(moved).actions.rows.map((r) => r.text.value), ['Ask Sam for feedback', 'Share the planning template']);
    assert.ok(moved.includes('mood: good   # a key we do not know\n'));
  });

  it('every naughty string round-trips exactly through notes, a topic and a feedback text, in LF and CRLF files', () => {
    for (const file of [MEETING, MEETING.replace(/\n/g, '\r\n')]) {
      for (const s of NAUGHTY_STRINGS) {
        for (const field of ['notes', 'managerTopics/0', 'feedback/0/text', 'goal/mentor-sam'] as const) {
          const out = edit(file, { op: 'set', field, value: s });
          const doc = parseDocument(out);
          assert.deepEqual(doc.errors, [], `${field} ← ${JSON.stringify(s)}`);
          const st = form(out);
          const got = field === 'notes' ? st.notes.value : field === 'managerTopics/0' ? st.managerTopics.rows[0].text.value : field === 'goal/mentor-sam' ? st.goals[0].checkIn.value : st.feedback.rows[0].text.value;
          assert.equal(got, s, `${field} ← ${JSON.stringify(s)}`);
          assert.ok(out.startsWith(file.slice(0, file.indexOf('status'))), 'the text before the edit is unchanged');
        }
      }
    }
  });

  it('edits of a CRLF file keep CRLF line ends', () => {
    const crlf = MEETING.replace(/\n/g, '\r\n');
    let t = edit(crlf, { op: 'set', field: 'notes', value: 'one\ntwo' });
    t = edit(t, { op: 'add', list: 'actions', after: 0 });
    t = edit(t, { op: 'set', field: 'private', value: 'Only mine\nsecond line' });
    assert.ok(!/[^\r]\n/.test(t), 'no bare LF');
    assert.equal(parseDocument(t).toJS().private, 'Only mine\nsecond line');
  });
});

describe('Form edits on unusual files: exact or refused, never a wrong file', () => {
  const cases: Array<[string, string, FormEdit]> = [
    ['a text where prep should be a mapping', 'date: 2026-11-24\nprep: talk about the offsite first\n', { op: 'add', list: 'feedback' }],
    ['a list where prep should be a mapping', 'date: 2026-11-24\nprep:\n  - call Sam\n  - budget\n', { op: 'add', list: 'reportTopics' }],
    ['a text where prep.manager should be a mapping', 'prep:\n  manager: ask about the move\n', { op: 'add', list: 'feedback' }],
    ['an anchored list item', 'actions:\n  - &a {text: a, owner: report}\n  - *a\n', { op: 'remove', list: 'actions', index: 0 }],
    ['an alias moved before its anchor', 'actions:\n  - &a {text: a, owner: report}\n  - *a\n  - {text: c, owner: report} # keep me\n', { op: 'move', list: 'actions', index: 1, to: 0 }],
    ['a null document', '~\n', { op: 'set', field: 'notes', value: 'hi' }],
    ['a document marker and null', '--- null\n', { op: 'set', field: 'notes', value: 'hi' }],
    ['an anchored note', 'notes: &t hi\nprivate: *t\n', { op: 'set', field: 'notes', value: 'changed' }],
  ];
  for (const [name, text, e] of cases) {
    it(`${name}: the file is left as it is`, () => {
      let out: string | undefined;
      try {
        out = edit(text, e);
      } catch (err) {
        assert.match((err as Error).message, /text editor/);
        return;
      }
      assert.fail(`expected a refusal, got ${JSON.stringify(out)}`);
    });
  }

  const exact: Array<[string, string, FormEdit, (js: Record<string, unknown>) => void]> = [
    ['a check-in in a nested flow map', 'date: 2026-11-24\ngoals: {g1: a}\n', { op: 'set', field: 'goal/g2', value: 'b' }, (js) => assert.deepEqual(js.goals, { g1: 'a', g2: 'b' })],
    ['feedback under a flow prep', '{prep: {manager: {topics: [a]}}, notes: x}\n', { op: 'add', list: 'feedback' }, (js) => assert.equal((js.prep as { manager: { feedback: unknown[] } }).manager.feedback.length, 1)],
    ['a topic after a trailing comma', 'prep: {manager: {topics: [a,]}}\n', { op: 'add', list: 'managerTopics' }, (js) => assert.deepEqual((js.prep as { manager: unknown }).manager, { topics: ['a', ''] })],
    ['a check-in under an empty key in a CRLF file', 'goals:\r\nnotes: x\r\n', { op: 'set', field: 'goal/g1', value: 'x' }, (js) => assert.deepEqual(js, { goals: { g1: 'x' }, notes: 'x' })],
    ['multi-line notes where `notes:` has a comment', 'notes: # c\nprivate: y\n', { op: 'set', field: 'notes', value: 'line1\nline2' }, (js) => assert.deepEqual(js, { notes: 'line1\nline2', private: 'y' })],
    ['notes ending in blank lines', 'notes: x\n\nprivate: y\n', { op: 'set', field: 'notes', value: 'a\n\n\nb\n\n' }, (js) => assert.deepEqual(js, { notes: 'a\n\n\nb\n\n', private: 'y' })],
    ['a due date with a comment', 'actions:\n  - text: a\n    owner: report\n    due: 2026-01-01 # soon\n', { op: 'set', field: 'actions/0/due', value: '' }, (js) => assert.deepEqual(js.actions, [{ text: 'a', owner: 'report' }])],
  ];
  exact.push(
    ['the first item of a new note’s empty list', 'prep:\n  manager:\n    feedback: []\n    topics: []\n', { op: 'add', list: 'feedback' }, (js) => assert.equal((js.prep as { manager: { feedback: unknown[] } }).manager.feedback.length, 1)],
    ['removing the only item of an unindented list', 'actions:\n- text: a\n  owner: report\nnotes: x\n', { op: 'remove', list: 'actions', index: 0 }, (js) => assert.deepEqual(js, { actions: [], notes: 'x' })],
    ['an empty `-` item', 'prep:\n  manager:\n    topics:\n      -\n      - b\n', { op: 'set', field: 'managerTopics/0', value: 'hello' }, (js) => assert.deepEqual(js, { prep: { manager: { topics: ['hello', 'b'] } } })],
  );
  it('a new note’s empty list gets its first item as a block list, as people write lists', () => {
    const out = edit('prep:\n  manager:\n    feedback: []\n', { op: 'add', list: 'feedback' });
    assert.equal(out, 'prep:\n  manager:\n    feedback:\n      - type: positive\n        text: ""\n        delivered: false\n');
  });
  for (const [name, text, e, check] of exact) {
    it(`${name}: exact`, () => {
      const out = edit(text, e);
      check(parseDocument(out).toJS() as Record<string, unknown>);
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
      if (text.includes('# c')) assert.match(out, /# c/);
    });
  }

  it('removing an item keeps the comment line above the next item', () => {
    const text = 'prep:\n  manager:\n    topics:\n      - a\n      # about b\n      - b\n';
    const out = edit(text, { op: 'remove', list: 'managerTopics', index: 0 });
    assert.equal(out, 'prep:\n  manager:\n    topics:\n      # about b\n      - b\n');
  });

  it('the model marks what the edits would refuse as not editable', () => {
    assert.equal(form('date: 2026-11-24\nprep: talk about the offsite first\n').feedback.editable, false);
    assert.equal(form('actions:\n  - &a {text: a, owner: report}\n  - *a\n').actions.editable, false);
  });
});

describe('The form protocol', () => {
  it('accepts exactly the messages of the protocol and nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'edit', seq: 1, version: 4, edit: { op: 'set', field: 'notes', value: 'x' } }), { type: 'edit', seq: 1, version: 4, edit: { op: 'set', field: 'notes', value: 'x' } });
    assert.deepEqual(parseWebviewMessage({ type: 'edit', seq: 2, version: 4, edit: { op: 'add', list: 'actions', after: 1 } })?.type, 'edit');
    const bad: unknown[] = [
      null, 'ready', [], { type: 'ready', extra: 1 }, { type: 'run', command: 'workbench.action.terminal.new' },
      { type: 'edit', seq: 1, version: 1, edit: { op: 'set', field: 'notes', value: 'x', path: ['notes'] } },
      { type: 'edit', seq: 1, version: 1, edit: { op: 'set', field: 'notes', value: 42 } },
      { type: 'edit', seq: -1, version: 1, edit: { op: 'set', field: 'notes', value: 'x' } },
      { type: 'edit', seq: 1, version: 1, edit: { op: 'set', field: 'notes', value: 'x'.repeat(100_001) } },
      { type: 'edit', seq: 1, version: 1, edit: { op: 'add', list: 'goals' } },
      { type: 'edit', seq: 1, version: 1, edit: { op: 'remove', list: 'actions', index: 1.5 } },
      { type: 'edit', seq: 1, version: 1, edit: { op: 'move', list: 'actions', index: 0 } },
      { type: 'edit', seq: 1, version: 1, edit: { op: 'yaml', text: 'date: 2020-01-01' } },
      { type: 'openText', uri: 'file:///etc/passwd' },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m)?.slice(0, 80));
  });

  it('the page’s ready names the envelope’s version; a page of another version is not talked to', () => {
    assert.deepEqual(readyMessage(), { type: 'ready', protocol: PROTOCOL_VERSION });
    assert.equal(isReady(readyMessage()), true);
    assert.equal(isReady({ type: 'ready', protocol: PROTOCOL_VERSION + 1 }), false);
    assert.equal(parseWebviewMessage({ type: 'ready', protocol: PROTOCOL_VERSION + 1 }), undefined);
    assert.equal(isReady({ type: 'ready', protocol: PROTOCOL_VERSION, seq: 1 }), false);
  });

  it('field ids are built and read back by the protocol’s helpers only', () => {
    assert.deepEqual(itemOf(fieldId.item('actions', 2, 'done')), { list: 'actions', index: 2, key: 'done' });
    assert.deepEqual(itemOf(fieldId.main('managerTopics', 0)), { list: 'managerTopics', index: 0 });
    assert.deepEqual(itemOf(fieldId.main('feedback', 3)), { list: 'feedback', index: 3, key: 'text' });
    assert.equal(goalOf(fieldId.goal('mentor-sam')), 'mentor-sam');
    assert.equal(itemOf(fieldId.goal('mentor-sam')), undefined);
    assert.equal(goalOf('notes'), undefined);
  });

  it('the page reads only host messages of the protocol’s shape', () => {
    const s = buildFormState({ path: 'marta/meetings/2026-11-24.yaml', text: MEETING, version: 1, context: undefined, problems: [] });
    assert.equal(parseHostMessage({ type: 'state', state: s, ackSeq: 0 })?.type, 'state');
    assert.equal(parseHostMessage({ type: 'refused', seq: 1, message: 'no' })?.type, 'refused');
    for (const m of [null, { type: 'state', state: { kind: 'html' }, ackSeq: 0 }, { type: 'state', state: s }, { type: 'refused', seq: '1', message: 'x' }, { type: 'eval' }]) {
      assert.equal(parseHostMessage(m), undefined, JSON.stringify(m)?.slice(0, 60));
    }
  });
});

describe('The webview page (shared by every webview)', () => {
  it('holds no user text: the title and loading line are escaped, the nonce is on the one script only', () => {
    const html = webviewHtml({ app: 'form', title: '<b>1:1</b>', loading: 'Loading & <i>', cspSource: 'https://x', nonce: 'abc"def', scriptUri: 'https://x/form.js', styleUri: 'https://x/form.css' });
    assert.ok(html.includes('<title>&lt;b&gt;1:1&lt;/b&gt;</title>'));
    assert.ok(html.includes('Loading &amp; &lt;i&gt;'));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes('<script nonce="abc&quot;def" src="https://x/form.js">'));
    assert.ok(!html.includes('abc"def'), 'the nonce cannot close its attribute');
  });
});
