/**
 * Red team of the warm start across the week (src/core/warm/cache.ts, TeamChecker.warmDays/windowOn/adoptWarm): a
 * window opened on any day of the week after the cache was written shows, for every report it vouches for, exactly
 * the problems, the row and the status bar a cold check shows on that day. Each case is a team whose week turns in a
 * way the lead's test team does not, checked warm and cold on each of the seven days.
 */
import * as assert from 'node:assert/strict';
import { TeamChecker } from '../../src/core/checker';
import type { CheckChange } from '../../src/core/checker';
import { addDays } from '../../src/core/dates';
import type { RuleFamilyCheck, RuleSettings } from '../../src/core/rules/registry';
import { RULE_FAMILIES } from '../../src/core/rules/registry';
import type { Problem } from '../../src/core/types';
import { readWarmFile, WARM_DAYS } from '../../src/core/warm/cache';
import { sortProblems } from '../../src/cli/output';
import { reportIdOf } from '../../src/core/paths';
import { reportFiles, weekly } from './helpers/builders';
import type { Files } from './helpers/builders';
import { MemoryFileSystem } from './helpers/memoryFs';
import { generatedTeam } from './helpers/generated';
import { seededRandom } from '../support/rng';

const BUILD = 'red-build';
const NOW = Date.parse('2027-06-01T12:00:00Z');

function plain(problems: readonly Problem[]): unknown {
  return JSON.parse(JSON.stringify(sortProblems([...problems])));
}

function warmReports(change: CheckChange | undefined): Set<string> {
  return new Set(change && change.reports !== 'all' ? [...change.reports] : []);
}

interface Options {
  readonly settings?: RuleSettings;
  readonly rules?: readonly RuleFamilyCheck[];
  /** Reports that must be warm on every day (default: every report). */
  readonly mustBeWarm?: readonly string[];
}

/**
 * Records the team on `day` and, on each of the WARM_DAYS days from it, compares a window warmed by that record with a
 * cold check of that day: problems (of the reports vouched for, and the team's), rows, status bar. Returns, per day,
 * the cold problems (for the case's own assertions that the week really turns).
 */
async function equivalentAllWeek(name: string, files: Files, day: string, options: Options = {}): Promise<Problem[][]> {
  const fs = new MemoryFileSystem(files);
  const settings = options.settings ?? {};
  const rules = options.rules;
  const writer = await TeamChecker.open(fs, { today: day, settings, rules });
  const record = await writer.warmRecord(BUILD, NOW);
  assert.ok(record, `${name}: a record`);
  const text = JSON.stringify(record);
  const perDay: Problem[][] = [];
  const all = writer.queries.reports().map((r) => r.id);
  for (let k = 0; k < WARM_DAYS; k++) {
    const today = addDays(day, k);
    const cold = await TeamChecker.open(fs, { today, settings, rules });
    const wantAll = sortProblems(cold.problems());
    perDay.push(wantAll);
    const warm = readWarmFile(text, { build: BUILD, today, settings });
    assert.ok(warm, `${name} +${k}: the file reads back on that day`);
    const checker = await TeamChecker.openUnchecked(fs, { today, settings, rules });
    const vouched = warmReports(await checker.adoptWarm(warm, fs));
    for (const id of options.mustBeWarm ?? all) assert.ok(vouched.has(id), `${name} +${k}: ${id} is warm`);
    const want = wantAll.filter((p) => { const id = reportIdOf(p.file); return id === undefined || vouched.has(id); });
    assert.deepEqual(plain(checker.problems()), plain(want), `${name} +${k} (${today}): the problems`);
    for (const id of vouched) assert.deepEqual(checker.queries.reportView(id), cold.queries.reportView(id), `${name} +${k} (${today}): ${id}'s row`);
    assert.deepEqual(checker.queries.overdue(), cold.queries.overdue().filter((v) => vouched.has(v.id)), `${name} +${k}: the status bar`);
    // And once the real check has run, nothing of the warm start is left over.
    await checker.checkAll();
    assert.deepEqual(plain(checker.problems()), plain(wantAll), `${name} +${k}: after the real check`);
  }
  return perDay;
}

/** Every file path under `dir` of a memory team. */
async function listAll(fs: MemoryFileSystem, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const [name, kind] of await fs.readDirectory(dir)) {
    const p = dir === '' ? name : `${dir}/${name}`;
    if (kind === 'directory') out.push(...(await listAll(fs, p)));
    else out.push(p);
  }
  return out;
}

const rulesOn = (problems: readonly Problem[], file: string): string[] => problems.filter((p) => p.file.startsWith(file)).map((p) => p.rule).sort();

describe('warm start across the week (red team): warm on day D+k is a cold check on day D+k', () => {
  const D = '2026-11-24';
  const team = 'manager: Sam\ncadence: weekly\n';

  it('1:1s dated ahead: held, planned, skipped, and a planned one that becomes past (missed) during the week', async () => {
    const days = await equivalentAllWeek('ahead', {
      'team.yaml': team,
      ...reportFiles('ha', { meetings: { ...weekly(addDays(D, -7), 8), [addDays(D, 3)]: { status: 'held' } } }),
      ...reportFiles('pl', { meetings: { ...weekly(addDays(D, -5), 8), [addDays(D, 1)]: { status: 'planned', feedback: [], topics: [], reportTopics: [] } } }),
      ...reportFiles('sk', { meetings: { ...weekly(addDays(D, -6), 8), [addDays(D, 2)]: { status: 'skipped' } } }),
      ...reportFiles('ne', { meetings: { ...weekly(addDays(D, -4), 8), [addDays(D, 5)]: { status: 'planned' }, [addDays(D, 4)]: { status: 'held', kind: 'career' } } }),
    }, D);
    assert.notDeepEqual(rulesOn(days[0], 'pl/'), rulesOn(days[6], 'pl/'), 'the planned 1:1 turns during the week');
  });

  it('goals: an explicit end, a computed end (start + length), a goal starting later in the week, a done goal', async () => {
    const days = await equivalentAllWeek('goals', {
      'team.yaml': `${team}goal-length: 4w\n`,
      ...reportFiles('ex', { goals: [{ id: 'g1', title: 'Explicit end', start: addDays(D, -40), end: addDays(D, 2) }], meetings: weekly(addDays(D, -1), 8) }),
      ...reportFiles('co', { goals: [{ id: 'g1', title: 'Computed end', start: addDays(D, -26) }], meetings: weekly(addDays(D, -1), 8) }),
      ...reportFiles('la', { goals: [{ id: 'g1', title: 'Starts later', start: addDays(D, 3) }], meetings: weekly(addDays(D, -1), 8) }),
      ...reportFiles('dn', { goals: [{ id: 'g1', title: 'Done', start: addDays(D, -60), end: addDays(D, 1), status: 'done' }], meetings: weekly(addDays(D, -1), 8) }),
    }, D);
    assert.notDeepEqual(rulesOn(days[0], 'ex/'), rulesOn(days[6], 'ex/'), 'the explicit end passes');
  });

  it('leave: a paused period ending, one starting, one open-ended, and career-every counted without the leave', async () => {
    const days = await equivalentAllWeek('paused', {
      'team.yaml': `${team}career-every: 4w\n`,
      ...reportFiles('en', { paused: [{ from: addDays(D, -40), to: addDays(D, 2), reason: 'leave' }], meetings: weekly(addDays(D, -48), 8) }),
      ...reportFiles('st', { paused: [{ from: addDays(D, 3), to: addDays(D, 20) }], meetings: weekly(addDays(D, -12), 8) }),
      ...reportFiles('op', { paused: [{ from: addDays(D, 1) }], meetings: weekly(addDays(D, -8), 8) }),
      ...reportFiles('cp', { paused: [{ from: addDays(D, -10), to: addDays(D, 1) }], meetings: weekly(addDays(D, -11), 12, (_, i) => ({ kind: i === 3 ? 'career' : 'regular' })) }),
    }, D);
    assert.notDeepEqual(rulesOn(days[0], 'en/'), rulesOn(days[6], 'en/'), 'the leave ends and the 1:1 is late');
  });

  it('since ahead, no 1:1 yet, left on each boundary, a report with a whole history shorter than the window', async () => {
    const files: Files = {
      'team.yaml': team,
      ...reportFiles('fu', { since: addDays(D, 3) }),
      ...reportFiles('nf', { since: addDays(D, -5) }),
      ...reportFiles('no', {}),
      ...reportFiles('sh', { meetings: weekly(addDays(D, -6), 3) }),
      ...reportFiles('sa', { meetings: { ...weekly(addDays(D, -6), 4), [addDays(D, 2)]: { status: 'held' } } }),
    };
    for (const k of [-1, 0, 1, 6]) {
      Object.assign(files, reportFiles(`l${k + 1}`, { meetings: weekly(addDays(D, -9), 8) }));
      files[`l${k + 1}/report.yaml`] = `name: Leaver ${k}\nleft: ${addDays(D, k)}\n`;
    }
    const days = await equivalentAllWeek('since-left', files, D);
    assert.notDeepEqual(rulesOn(days[0], 'nf/'), rulesOn(days[6], 'nf/'), 'no first 1:1 turns overdue');
  });

  it('actions with a due date passing, feedback and silence rules, biweekly and monthly cadences with grace', async () => {
    await equivalentAllWeek('misc', {
      'team.yaml': `${team}grace-days: 2\n`,
      ...reportFiles('ac', { meetings: weekly(addDays(D, -2), 8, (_, i) => (i === 1 ? { actions: [{ text: 'Send the doc', owner: 'report', due: addDays(D, 2) }] } : {})) }),
      ...reportFiles('bi', { cadence: 'biweekly', meetings: weekly(addDays(D, -12), 8) }),
      ...reportFiles('mo', { cadence: 'monthly', meetings: weekly(addDays(D, -30), 8) }),
      ...reportFiles('fb', { meetings: weekly(addDays(D, -3), 8, () => ({ feedback: [{ type: 'negative', text: 'Late again', delivered: true }], reportTopics: [] })) }),
    }, D);
  });

  it('a window that is the whole history today and a shorter one later in the week (1:1s entered as held ahead)', async () => {
    const meetings = {
      [addDays(D, 2)]: { status: 'held' as const },
      [addDays(D, 1)]: { status: 'held' as const },
      [addDays(D, -1)]: { status: 'held' as const },
      [addDays(D, -8)]: { status: 'held' as const },
      [addDays(D, -15)]: { status: 'held' as const, kind: 'career' as const },
      [addDays(D, -22)]: { status: 'skipped' as const, extra: { bogus: 1 } },
    };
    const days = await equivalentAllWeek('whole history', { 'team.yaml': team, ...reportFiles('wh', { meetings }) }, D);
    const oldest = `wh/meetings/${addDays(D, -22)}.yaml`;
    assert.ok(days[0].some((p) => p.file === oldest), 'today the whole history is read: its oldest 1:1\'s own problem shows');
    assert.ok(!days[2].some((p) => p.file === oldest), 'two days on the window is shorter: it does not');
  });

  it('a cache written on a later day than today (a clock put back) is refused, whatever it holds', async () => {
    const fs = new MemoryFileSystem({ 'team.yaml': team, ...reportFiles('a', { meetings: weekly(addDays(D, -3), 8) }) });
    const ahead = addDays(D, 3);
    const record = await (await TeamChecker.open(fs, { today: ahead })).warmRecord(BUILD, NOW);
    assert.ok(record);
    assert.equal(readWarmFile(JSON.stringify(record), { build: BUILD, today: D, settings: {} }), undefined, 'not read back');
    const checker = await TeamChecker.openUnchecked(fs, { today: D });
    assert.equal(await checker.adoptWarm(record, fs), undefined, 'not adopted either when handed over as is');
    assert.deepEqual(checker.problems().filter((p) => p.file.startsWith('a/')), []);
  });

  for (const day of ['2026-11-27', '2026-12-28', '2027-02-25', '2028-02-26', '2027-03-25', '2027-10-29']) {
    it(`a week across a month, year, leap-day or clock change: written on ${day}`, async () => {
      await equivalentAllWeek(`at ${day}`, {
        'team.yaml': `${team}career-every: 6w\n`,
        ...reportFiles('a', { goals: [{ id: 'g1', title: 'Ends at month end', start: addDays(day, -50) }], meetings: weekly(addDays(day, -6), 9) }),
        ...reportFiles('b', { paused: [{ from: addDays(day, -20), to: addDays(day, 3) }], meetings: weekly(addDays(day, -21), 9) }),
        ...reportFiles('c', { meetings: { ...weekly(addDays(day, -3), 9), [addDays(day, 4)]: { status: 'planned', feedback: [], topics: [] } } }),
      }, day);
    });
  }

  it('random teams whose week turns (1:1s ahead of every status, leave, leaving, starting, goals ending, actions due): every day equal', async () => {
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const rand = seededRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
      const near = (): string => addDays(D, Math.floor(rand() * 16) - 8);
      const files: Files = { 'team.yaml': `manager: Sam\ncadence: ${pick(['weekly', 'biweekly'])}\ncareer-every: ${pick(['4w', '6w', '8w'])}\ngrace-days: ${pick([0, 1, 3])}\n` };
      for (let r = 0; r < 10; r++) {
        const meetings: Record<string, Parameters<typeof weekly>[2] extends ((...a: never[]) => infer M) | undefined ? M : never> = {};
        const count = Math.floor(rand() * 9);
        let date = addDays(D, Math.floor(rand() * 6) - 1 + (rand() < 0.3 ? 4 : 0));
        for (let i = 0; i < count; i++) {
          meetings[date] = {
            status: pick(['held', 'held', 'held', 'planned', 'skipped'] as const),
            kind: rand() < 0.2 ? 'career' : 'regular',
            ...(rand() < 0.3 ? { feedback: [], reportTopics: [], topics: [] } : {}),
            ...(rand() < 0.3 ? { actions: [{ text: 'Follow up', owner: pick(['manager', 'report'] as const), due: near() }] } : {}),
          };
          date = addDays(date, -(3 + Math.floor(rand() * 12)));
        }
        Object.assign(files, reportFiles(`p${r}`, {
          since: rand() < 0.3 ? near() : undefined,
          paused: rand() < 0.3 ? [{ from: near(), ...(rand() < 0.7 ? { to: addDays(near(), 8) } : {}) }] : undefined,
          goals: rand() < 0.2 ? null : [{ id: 'g1', title: 'A goal', start: addDays(D, -Math.floor(rand() * 70)), ...(rand() < 0.3 ? { end: near() } : {}) }],
          meetings,
        }));
        if (rand() < 0.2) files[`p${r}/report.yaml`] += `left: ${near()}\n`;
      }
      await equivalentAllWeek(`seed ${seed}`, files, D);
    }
    for (const seed of [4, 5, 6]) {
      const fs = generatedTeam(seed);
      const files: Files = {};
      for (const p of await listAll(fs, '')) {
        try {
          files[p] = (await fs.readFile(p)).text;
        } catch {
          // the one unreadable 1:1 of the generated team: left out
        }
      }
      await equivalentAllWeek(`generated ${seed}`, files, '2026-11-24', { mustBeWarm: [] });
    }
  });

  it('a rule that throws on a later day only: that day and the next are cold (the fence finding is the real check\'s), the days before warm', async () => {
    const failOn = addDays(D, 3);
    const flaky: RuleFamilyCheck = (ctx) => {
      if (ctx.today === failOn && ctx.report.id === 'b') throw new Error('a rule bug on one day');
      return [];
    };
    const rules = [...RULE_FAMILIES, flaky];
    const fs = new MemoryFileSystem({ 'team.yaml': team, ...reportFiles('a', { meetings: weekly(addDays(D, -3), 8) }), ...reportFiles('b', { meetings: weekly(addDays(D, -3), 8) }) });
    const record = await (await TeamChecker.open(fs, { today: D, rules })).warmRecord(BUILD, NOW);
    assert.ok(record);
    for (let k = 0; k < WARM_DAYS; k++) {
      const today = addDays(D, k);
      const warm = readWarmFile(JSON.stringify(record), { build: BUILD, today, settings: {} });
      assert.ok(warm);
      const checker = await TeamChecker.openUnchecked(fs, { today, rules });
      const vouched = warmReports(await checker.adoptWarm(warm, fs));
      assert.equal(vouched.has('b'), k < 3, `+${k}: b warm only before the failing day`);
      assert.ok(vouched.has('a'), `+${k}: a warm`);
    }
  });
});
