import * as assert from 'node:assert/strict';
import { parseGoalsFile, parseMeetingFile, parseReportFile, parseTeamFile } from '../../src/core/format/files';
import { editDistance, nearest } from '../../src/core/format/parse';
import type { Finding } from '../../src/core/findings';

/** `line:col-line:col rule` with 1-based lines and columns, as an editor shows them. */
function at(f: Finding): string {
  const r = f.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${f.rule}`;
}

describe('format: parsing and validation', () => {
  it('reads a full meeting file with defaults applied', () => {
    const text = [
      '# Weekly 1:1',
      'date: 2026-11-24',
      'prep:',
      '  manager:',
      '    feedback:',
      '      - {type: positive, text: "Great demo", delivered: true}',
      '      - type: negative',
      '        text: Late on reviews',
      '    topics: [Conference]',
      '  report:',
      '    topics:',
      '      - Promotion path',
      '      -',
      'goals:',
      '  mentor: Paired twice with Sam',
      '  lead:',
      'notes: |',
      '  First line',
      '  Second line',
      'actions:',
      '  - {text: Book the training, owner: manager, due: 2026-12-01}',
    ].join('\n');
    const { value, file } = parseMeetingFile('a/meetings/2026-11-24.yaml', text, '2026-11-24');
    assert.deepEqual(file.findings, []);
    assert.ok(value);
    assert.equal(value.status, 'held');
    assert.equal(value.kind, 'regular');
    assert.deepEqual(value.feedback.map((f) => [f.type, f.text, f.delivered]), [['positive', 'Great demo', true], ['negative', 'Late on reviews', false]]);
    assert.deepEqual(value.managerTopics.map((t) => t.text), ['Conference']);
    assert.deepEqual(value.reportTopics.map((t) => t.text), ['Promotion path']);
    assert.deepEqual(value.goals, [{ goalId: 'mentor', text: 'Paired twice with Sam' }, { goalId: 'lead', text: '' }]);
    assert.equal(value.notes, 'First line\nSecond line\n');
    assert.deepEqual(value.actions, [{ index: 0, text: 'Book the training', owner: 'manager', due: '2026-12-01', done: false }]);
  });

  it('reports YAML syntax errors at their position and keeps what it could read', () => {
    const { file, value } = parseReportFile('a/report.yaml', 'name: Alice\nrole: [Engineer\nsince: 2026-01-01\n');
    const syntax = file.findings.filter((f) => f.rule === 'yaml-syntax');
    assert.ok(syntax.length >= 1);
    assert.equal(syntax[0].range.start.line, 2); // where the unclosed list is noticed: the next key
    assert.match(syntax[0].message, /^YAML syntax: /);
    assert.equal(value?.name, 'Alice');
    // No schema noise on top of a syntax error.
    assert.deepEqual(file.findings.filter((f) => f.rule === 'schema'), []);
  });

  it('reports a tab indentation and a duplicate key as syntax errors', () => {
    assert.ok(parseReportFile('r', 'name: A\nname: B\n').file.findings.some((f) => f.rule === 'yaml-syntax' && /unique/i.test(f.message)));
    assert.ok(parseReportFile('r', 'paused:\n\t- from: 2026-01-01\nname: A\n').file.findings.some((f) => f.rule === 'yaml-syntax'));
  });

  const schemaCases: Array<[string, string, string, RegExp]> = [
    ['missing required name', 'role: Engineer\n', '1:1-1:15 schema', /Missing `name` in report\.yaml/],
    ['name with no value', 'name:\n', '1:1-1:5 schema', /`name` needs a value/],
    ['bad date', 'name: A\nsince: 2026-02-30\n', '2:8-2:18 schema', /`since` must be a calendar date YYYY-MM-DD \(got `2026-02-30`\)/],
    ['date as a number', 'name: A\nsince: 2026\n', '2:8-2:12 schema', /calendar date/],
    ['bad cadence', 'name: A\ncadence: monthly\n', '2:10-2:17 schema', /`cadence` must be `weekly`, `biweekly`, or a duration/],
    ['aspirations not a list', 'name: A\naspirations: Management\n', '2:14-2:24 schema', /must be a list/],
    ['paused item missing from', 'name: A\npaused:\n  - to: 2026-01-01\n', '3:5-3:19 schema', /Missing `from` in paused period/],
    ['leave ending before it starts', 'name: A\npaused:\n  - {from: 2026-02-01, to: 2026-01-01}\n', '3:28-3:38 schema', /ends \(2026-01-01\) before it starts/],
    ['name is a mapping', 'name: {first: A}\n', '1:7-1:17 schema', /`name` must be a text, not a mapping/],
  ];
  for (const [title, text, where, message] of schemaCases) {
    it(`report.yaml: ${title}`, () => {
      const { file } = parseReportFile('a/report.yaml', text);
      const f = file.findings.filter((x) => x.rule === 'schema');
      assert.equal(f.length, 1, JSON.stringify(file.findings));
      assert.equal(at(f[0]), where);
      assert.match(f[0].message, message);
    });
  }

  it('meeting: status is held by default, and unreadable (never held) when invalid, empty or broken', () => {
    assert.equal(parseMeetingFile('m', 'date: 2026-11-24\n', '2026-11-24').value?.status, 'held');
    assert.equal(parseMeetingFile('m', 'date: 2026-11-24\nstatus: hled\n', '2026-11-24').value?.status, undefined);
    assert.equal(parseMeetingFile('m', '', '2026-11-24').value?.status, undefined);
    assert.equal(parseMeetingFile('m', 'date: 2026-11-24\nnotes: "unclosed\n', '2026-11-24').value?.status, undefined);
    assert.equal(parseMeetingFile('m', 'date: 2026-11-24\nstatus: skipped\nnotes: [unclosed\n', '2026-11-24').value?.status, 'skipped');
  });

  it('meeting: bad enum values list what is allowed', () => {
    const { file } = parseMeetingFile('m', 'date: 2026-11-24\nstatus: hled\nkind: carreer\n', '2026-11-24');
    assert.deepEqual(file.findings.map(at), ['2:9-2:13 schema', '3:7-3:14 schema']);
    assert.match(file.findings[0].message, /`status` must be one of: planned, held, skipped \(got `hled`\)/);
    assert.match(file.findings[1].message, /`kind` must be one of: regular, career/);
  });

  it('meeting: nested errors point at the nested value', () => {
    const text = 'date: 2026-11-24\nprep:\n  manager:\n    feedback:\n      - type: neutral\n        text: Hm\n      - {type: positive}\nactions:\n  - {text: X, owner: me, done: yes}\n';
    const { file } = parseMeetingFile('m', text, '2026-11-24');
    assert.deepEqual(file.findings.map(at), ['5:15-5:22 schema', '7:9-7:25 schema', '9:22-9:24 schema', '9:32-9:35 schema']);
    assert.match(file.findings[0].message, /`type` must be one of: positive, negative \(got `neutral`\)/);
    assert.match(file.findings[1].message, /Missing `text` in feedback item/);
    assert.match(file.findings[2].message, /`owner` must be one of: report, manager/);
    assert.match(file.findings[3].message, /`done` must be `true` or `false` \(got `yes`\)/);
  });

  it('meeting: missing date, and a date that does not match the file name', () => {
    const missing = parseMeetingFile('m', 'status: held\n', '2026-11-24');
    assert.deepEqual(missing.file.findings.map(at), ['1:1-1:13 schema']);
    assert.match(missing.file.findings[0].message, /Missing `date`/);
    const mismatch = parseMeetingFile('a/meetings/2026-11-24.yaml', 'date: 2026-11-23\n', '2026-11-24');
    assert.deepEqual(mismatch.file.findings.map(at), ['1:7-1:17 date-mismatch']);
    assert.match(mismatch.file.findings[0].message, /does not match the file name \(2026-11-24\)/);
  });

  it('an empty file says what it needs', () => {
    for (const text of ['', '# only a comment\n', '~\n']) {
      const { file, value } = parseReportFile('r', text);
      assert.equal(value, undefined);
      assert.deepEqual(file.findings.map((f) => f.rule), ['schema']);
      assert.match(file.findings[0].message, /report\.yaml is empty: it needs `name`/);
    }
  });

  it('a top-level list instead of a mapping is a schema error, not a crash', () => {
    const { file, value } = parseMeetingFile('m', '- a\n- b\n', '2026-11-24');
    assert.equal(value?.status, undefined, 'an unreadable 1:1 does not count as held');
    assert.match(file.findings[0].message, /must be a mapping \(meeting file\)/);
  });

  it('unknown keys are hints with the nearest known key, and the rest is still read', () => {
    const { file, value } = parseMeetingFile('m', 'date: 2026-11-24\nprpe:\n  manager: {}\nstauts: held\nmood: great\nnotes: ok\n', '2026-11-24');
    const unknown = file.findings.filter((f) => f.rule === 'unknown-key');
    assert.deepEqual(unknown.map(at), ['2:1-2:5 unknown-key', '4:1-4:7 unknown-key', '5:1-5:5 unknown-key']);
    assert.deepEqual(unknown.map((f) => f.data?.suggestion), ['prep', 'status', undefined]);
    assert.match(unknown[2].message, /Known keys: date, status, kind/);
    assert.equal(value?.notes, 'ok');
  });

  it('goals: duplicate ids, end before start, bad status', () => {
    const text = 'goals:\n  - {id: a, title: One, start: 2026-10-01}\n  - {id: a, title: Two, start: 2026-10-01}\n  - {id: b, title: Three, start: 2026-10-01, end: 2026-09-01}\n  - {id: c, title: Four, start: 2026-10-01, status: finished}\n';
    const { file, value } = parseGoalsFile('a/goals.yaml', text);
    assert.deepEqual(file.findings.map(at).sort(), ['3:10-3:11 duplicate-id', '4:51-4:61 schema', '5:53-5:61 schema']);
    assert.match(file.findings.find((f) => f.rule === 'duplicate-id')!.message, /Goal id `a` is already used by goal 1/);
    assert.deepEqual(value?.map((g) => [g.id, g.title, g.end, g.status]), [['a', 'One', undefined, 'active'], ['b', 'Three', undefined, 'active'], ['c', 'Four', undefined, 'active']]);
  });

  it('team.yaml: defaults, and bad values fall back to defaults', () => {
    assert.deepEqual(parseTeamFile('team.yaml', 'manager: Kim\n').value, { manager: 'Kim', cadence: 'weekly', graceDays: 2, careerEvery: '8w', goalLength: '8w', meetingMinute: 600, meetingMinutes: 30, handbook: {} });
    const bad = parseTeamFile('team.yaml', 'cadence: biweekly\ngrace-days: -1\ncareer-every: weekly\n');
    assert.deepEqual(bad.file.findings.map(at), ['2:13-2:15 schema', '3:15-3:21 schema']);
    assert.equal(bad.value?.cadence, 'biweekly');
    assert.equal(bad.value?.graceDays, 2);
  });

  it('positions are right with CRLF line ends and non-ASCII text', () => {
    const { file } = parseReportFile('r', 'name: Zoë Müller 🚀\r\nsince: 2026-02-31\r\n');
    assert.deepEqual(file.findings.map(at), ['2:8-2:18 schema']);
  });

  it('aliases are followed, unknown aliases reported, and alias bombs stopped', () => {
    const ok = parseMeetingFile('m', 'date: &d 2026-11-24\nprep:\n  manager:\n    topics: &t [A, B]\n  report:\n    topics: *t\n', '2026-11-24');
    assert.deepEqual(ok.file.findings, []);
    assert.deepEqual(ok.value?.reportTopics.map((t) => t.text), ['A', 'B']);
    const missing = parseReportFile('r', 'name: *nobody\n');
    assert.ok(missing.file.findings.some((f) => /Unknown alias `\*nobody`/.test(f.message) || f.rule === 'yaml-syntax'));
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('date: 2026-11-24', 'notes: *i');
    const started = Date.now();
    const bomb = parseMeetingFile('m', lines.join('\n') + '\n', '2026-11-24');
    assert.ok(Date.now() - started < 5000, 'the walk stops early');
    assert.ok(bomb.file.findings.length > 0);
  });

  it('hostile input gives findings, never an exception', () => {
    const deep = `notes: ${'['.repeat(5000)}${']'.repeat(5000)}\ndate: 2026-11-24\n`;
    const nested = `prep:\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')}\n`;
    for (const text of [deep, nested, '\u0000\u0001binary\uFFFD', 'a: !!js/function "x"\n', `${'x'.repeat(200_000)}: 1\n`, '? [a, b]\n: c\n', '---\nname: A\n---\nname: B\n']) {
      assert.doesNotThrow(() => parseMeetingFile('m', text, '2026-11-24'));
      assert.doesNotThrow(() => parseReportFile('r', text));
    }
    assert.ok(parseMeetingFile('m', deep, '2026-11-24').file.findings.length > 0);
  });

  it('suggests near keys by edit distance, including swapped letters', () => {
    assert.equal(editDistance('stauts', 'status'), 1);
    assert.equal(nearest('stauts', ['status', 'notes']), 'status');
    assert.equal(nearest('prpe', ['prep', 'private']), 'prep');
    assert.equal(nearest('mood', ['date', 'status', 'kind', 'notes']), undefined);
  });
});
