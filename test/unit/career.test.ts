/** Start Career Conversation's note, the templates of team.yaml, and the form's offer of a goal per aspiration. */
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { CAREER_PROMPTS } from '../../src/core/career';
import { addDays } from '../../src/core/dates';
import { buildFormState } from '../../src/core/form/model';
import type { FormContext } from '../../src/core/form/model';
import { parseMeetingFile, parseTeamFile } from '../../src/core/format/files';
import { careerMeetingText, newMeetingText } from '../../src/core/templates';
import type { FormState } from '../../src/shared/formProtocol';
import { check, reportFiles, TODAY, weekly, yaml } from './helpers/builders';

const d = (offset: number): string => addDays(TODAY, offset);

const GOALS = [
  { id: 'old', title: 'Give the demo to sales', aspiration: 'Talk to non-technical people', start: d(-150), end: d(-95), status: 'done', success: 'Sales asks for the next one' },
  { id: 'dropped', title: 'Run the retro', start: d(-90), end: d(-40), status: 'dropped' },
  { id: 'g1', title: 'Mentor Sam', aspiration: 'Move into management', start: d(-20), status: 'active', buddy: 'Priya (has mentored before)' },
];

async function ctxOf(files: Record<string, string>, id = 'ana') {
  const { checker } = await check(files);
  const ctx = checker.context(id);
  assert.ok(ctx);
  return ctx;
}

describe('Start Career Conversation: the note it writes', () => {
  it('is a planned career 1:1 with the essay\'s prompts as your topics, their aspirations and every goal in the notes', async () => {
    const ctx = await ctxOf(reportFiles('ana', { name: 'Ana', aspirations: ['Move into management', 'Talk to non-technical people'], goals: GOALS, meetings: weekly(d(-6), 3) }));
    const text = careerMeetingText(ctx, d(2));
    const note = parse(text) as Record<string, unknown> & { prep: { manager: { topics: string[] } }; notes: string };
    assert.equal(note.kind, 'career');
    assert.equal(note.status, 'planned');
    assert.equal(note.date, d(2));
    // The three prompts; the first names what they said so far.
    assert.deepEqual(note.prep.manager.topics, [
      `${CAREER_PROMPTS[0]} (so far: Move into management; Talk to non-technical people)`,
      CAREER_PROMPTS[1],
      CAREER_PROMPTS[2],
    ]);
    // Every goal, active and past, newest first, with aspiration, dates, outcome, buddy and success.
    const lines = note.notes.split('\n');
    assert.equal(lines[0], `Where things stand (${TODAY}):`);
    assert.equal(lines[1], 'Aspirations: Move into management; Talk to non-technical people');
    assert.deepEqual(lines.slice(3, 6), [
      `- Mentor Sam · towards: Move into management · ${d(-20)} to ${d(36)} · active · buddy: Priya (has mentored before)`,
      `- Run the retro · ${d(-90)} to ${d(-40)} · dropped`,
      `- Give the demo to sales · towards: Talk to non-technical people · ${d(-150)} to ${d(-95)} · done · success: Sales asks for the next one`,
    ]);
    assert.deepEqual(note.goals, { g1: '' });
    // A valid meeting file of format v1: no finding of its own.
    const parsed = parseMeetingFile(`ana/meetings/${d(2)}.yaml`, text, d(2));
    assert.deepEqual(parsed.file.findings, []);
    assert.match(text, /^# Career 1:1 with Ana/);
  });

  it('the checker finds no status-update or schema problem in it, even for a report with no goals or aspirations', async () => {
    const files = reportFiles('ana', { name: 'Ana', goals: null, meetings: weekly(d(-6), 2) });
    const ctx = await ctxOf(files);
    const text = careerMeetingText(ctx, TODAY);
    assert.match(text, /Aspirations: none written down yet/);
    assert.match(text, /Two-month goals: none yet\./);
    const { problems } = await check({ ...files, [`ana/meetings/${TODAY}.yaml`]: text });
    assert.deepEqual(problems.filter((p) => p.file.endsWith(`${TODAY}.yaml`) && ['status-update', 'schema', 'unknown-key'].includes(p.rule)), []);
  });

  it('a team\'s career template replaces the default prompts, written as it is', async () => {
    const team = yaml({ templates: { career: { topics: ['Where in two years?', 'Next step?'] } } });
    const ctx = await ctxOf({ 'team.yaml': team, ...reportFiles('ana', { name: 'Ana', aspirations: ['Staff'] }) });
    const note = parse(careerMeetingText(ctx, TODAY)) as { prep: { manager: { topics: string[] } } };
    assert.deepEqual(note.prep.manager.topics, ['Where in two years?', 'Next step?']);
  });

  it('Start 1:1 Note puts the team\'s regular template first among your topics (and nothing without one)', async () => {
    const files = reportFiles('ana', { name: 'Ana', meetings: weekly(d(-6), 2) });
    const plain = parse(newMeetingText(await ctxOf(files), TODAY)) as { prep: { manager: { topics: string[] } } };
    assert.deepEqual(plain.prep.manager.topics, []);
    const team = yaml({ templates: { regular: { topics: ['What could I do better?'] } } });
    const withTemplate = parse(newMeetingText(await ctxOf({ 'team.yaml': team, ...files }), TODAY)) as { prep: { manager: { topics: string[] } } };
    assert.deepEqual(withTemplate.prep.manager.topics, ['What could I do better?']);
  });
});

describe('team.yaml templates and questions', () => {
  it('are read as texts; a wrong type is a schema finding and is not used', () => {
    const ok = parseTeamFile('team.yaml', yaml({ templates: { regular: { topics: ['A'] }, career: { topics: ['B', 'C'] } }, questions: ['Q1', 'Q2'] }));
    assert.deepEqual(ok.file.findings, []);
    assert.deepEqual(ok.value?.templates, { regular: { topics: ['A'] }, career: { topics: ['B', 'C'] } });
    assert.deepEqual(ok.value?.questions, ['Q1', 'Q2']);
    const bad = parseTeamFile('team.yaml', 'templates:\n  career:\n    topics: just one text\n  weekly: {}\nquestions: what?\n');
    const rules = bad.file.findings.map((f) => `${f.rule}:${f.range.start.line}`);
    assert.deepEqual(rules.sort(), ['schema:2', 'schema:4', 'unknown-key:3']);
    assert.equal(bad.value?.templates?.career, undefined);
    assert.equal(bad.value?.questions, undefined);
  });
});

describe('the form of a career 1:1 offers a goal per aspiration once it is held', () => {
  const context: FormContext = {
    reportName: 'Ana', cadence: 'weekly', cadenceDays: 7, earlier: [], goals: [], goalLengthDays: 56, aspirations: ['Move into management', 'Staff path'],
  };
  const state = (text: string, readOnlyReason?: string): FormState => {
    const s = buildFormState({ path: `ana/meetings/${TODAY}.yaml`, text, version: 1, context, problems: [], readOnlyReason });
    assert.equal(s.kind, 'form');
    return s as FormState;
  };

  it('held and career: offered; planned, regular or read-only: not', () => {
    assert.equal(state(`date: ${TODAY}\nstatus: held\nkind: career\n`).career?.offerGoals, true);
    assert.deepEqual(state(`date: ${TODAY}\nstatus: held\nkind: career\n`).career?.aspirations, ['Move into management', 'Staff path']);
    assert.equal(state(`date: ${TODAY}\nstatus: planned\nkind: career\n`).career?.offerGoals, false);
    assert.equal(state(`date: ${TODAY}\nstatus: held\n`).career, undefined);
    assert.equal(state(`date: ${TODAY}\nstatus: held\nkind: career\n`, 'Restricted Mode').career?.offerGoals, false);
  });
});

describe('the manifest offers Start Career Conversation', () => {
  it('in the palette (trusted, with a team folder), with its icon, and on a report\'s context menu in the Reports view', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../../package.json') as { contributes: { commands: Array<{ command: string; title: string; category: string; icon?: string }>; menus: Record<string, Array<{ command: string; when?: string }>> } };
    const id = 'oneOnOnes.startCareerConversation';
    const cmd = pkg.contributes.commands.find((c) => c.command === id);
    assert.deepEqual(cmd && [cmd.title, cmd.category, cmd.icon], ['Start Career Conversation', '1:1s', '$(star-full)']);
    assert.match(pkg.contributes.menus.commandPalette.find((m) => m.command === id)?.when ?? '', /isWorkspaceTrusted && oneOnOnes\.hasTeamFolder/);
    assert.match(pkg.contributes.menus['view/item/context'].find((m) => m.command === id)?.when ?? '', /view == oneOnOnes\.reports && viewItem == report && isWorkspaceTrusted/);
  });
});
