/**
 * The warm start (src/core/warm/cache.ts, issue #17): a window reopened on an unchanged team folder shows the rows and
 * the problems the last window found before parsing a single 1:1; any file that is not as it was (a 1:1 of the window,
 * report.yaml, goals.yaml, the listing, team.yaml, the team's folders), another day, other settings, another build
 * or a corrupt file means that report, or the whole cache, is not trusted; the real check replaces it all.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TeamChecker } from '../../src/core/checker';
import type { CheckChange } from '../../src/core/checker';
import type { TeamFileSystem } from '../../src/core/fs';
import type { RuleSettings } from '../../src/core/rules/registry';
import type { Problem } from '../../src/core/types';
import { RACY_MS, readWarmFile, settingsKey, WARM_DAYS, WARM_FORMAT, WARM_KIND, warmFileText } from '../../src/core/warm/cache';
import { addDays } from '../../src/core/dates';
import type { WarmFile, WarmReport } from '../../src/core/warm/cache';
import type { Finding } from '../../src/core/findings';
import { sortProblems } from '../../src/cli/output';
import { NodeTeamFileSystem } from '../../src/node/nodeFs';
import { reportIdOf } from '../../src/core/paths';
import { meetingYaml, reportFiles, TODAY, weekly } from './helpers/builders';
import { generatedTeam } from './helpers/generated';
import { MemoryFileSystem } from './helpers/memoryFs';

const BUILD = 'test-build';
/** Versions of the memory file system are counters, not times: "now" plays no part (see the racy test for times). */
const NOW = Date.parse('2026-11-24T12:00:00Z');

async function coldChecker(fs: MemoryFileSystem, settings: RuleSettings = {}, today = TODAY): Promise<TeamChecker> {
  return TeamChecker.open(fs, { today, settings });
}

/** What the last window wrote, read back as the next window reads it. */
async function recordOf(fs: MemoryFileSystem, settings: RuleSettings = {}, today = TODAY): Promise<WarmFile> {
  const record = await (await coldChecker(fs, settings, today)).warmRecord(BUILD, NOW);
  assert.ok(record, 'a fully checked team gives a record');
  const back = readWarmFile(JSON.stringify(record), { build: BUILD, today, settings });
  assert.ok(back, 'the record reads back');
  return back;
}

/** A new window: rows only, then the warm start. */
async function reopened(fs: TeamFileSystem, warm: WarmFile, settings: RuleSettings = {}, today = TODAY): Promise<{ checker: TeamChecker; change: CheckChange | undefined }> {
  const checker = await TeamChecker.openUnchecked(fs, { today, settings });
  const change = await checker.adoptWarm(warm, fs);
  return { checker, change };
}

/** Problems as plain data, sorted (a kept finding has no `data: undefined` key: JSON has no undefined). */
function plain(problems: readonly Problem[]): unknown {
  return JSON.parse(JSON.stringify(sortProblems([...problems])));
}

/** A report's kept results with one more finding on the day they were written (and only then). */
function withFinding(w: WarmReport, finding: Finding): WarmReport {
  const first = w.days[0];
  assert.ok(first);
  return { ...w, days: [{ ...first, findings: [...first.findings, finding] }] };
}

function warmReports(change: CheckChange | undefined): string[] {
  return change && change.reports !== 'all' ? [...change.reports].sort() : [];
}

const teamOf = (): MemoryFileSystem => new MemoryFileSystem({
  'team.yaml': 'manager: Sam\ncadence: weekly\n',
  ...reportFiles('ana', { meetings: weekly('2026-11-20', 8) }),
  // Overdue: the last 1:1 was five weeks ago.
  ...reportFiles('bo', { meetings: weekly('2026-10-16', 4) }),
  ...reportFiles('cy', { meetings: { ...weekly('2026-11-17', 5), '2026-11-10': { extra: { bogus: 1 } } } }),
});

/**
 * A team whose rows and problems turn within the week after TODAY: a planned 1:1 without prep coming up, a 1:1 about to
 * be late, a goal about to end, a report leaving, leave starting, a career 1:1 about to be due, and a 1:1 entered as
 * held ahead of its day, which shortens the rules' window when its day comes (an open action then falls out of it).
 */
const turningTeam = (): MemoryFileSystem => new MemoryFileSystem({
  'team.yaml': 'manager: Sam\ncadence: weekly\n',
  ...reportFiles('pa', { meetings: { ...weekly('2026-11-19', 9), [addDays(TODAY, 2)]: { status: 'planned', feedback: [], topics: [] } } }),
  ...reportFiles('pe', { meetings: weekly(addDays(TODAY, -6), 9) }),
  ...reportFiles('go', { goals: [{ id: 'g1', title: 'Ship the importer', start: addDays(TODAY, -54) }], meetings: weekly('2026-11-20', 9) }),
  ...reportFiles('le', { meetings: weekly('2026-11-20', 9) }),
  'le/report.yaml': `name: Lee\nleft: ${addDays(TODAY, 3)}\n`,
  ...reportFiles('pz', { paused: [{ from: addDays(TODAY, 2), to: addDays(TODAY, 30), reason: 'parental leave' }], meetings: weekly('2026-11-20', 9) }),
  ...reportFiles('ca', { meetings: weekly('2026-11-19', 10, (_, i) => ({ kind: i === 7 ? 'career' : 'regular' })) }),
  ...reportFiles('ho', {
    meetings: weekly(addDays(TODAY, 1), 14, (_, i) => (i === 6 ? { actions: [{ text: 'Book the offsite venue', owner: 'manager' }] } : {})),
  }),
});

describe('warm start (what the last window found, until the real check has run)', () => {
  it('a window opened on the day or a later day of the week shows exactly what a cold check shows on that day, without parsing a 1:1', async () => {
    const teams: Array<[string, () => MemoryFileSystem]> = [['turning', turningTeam], ['small', teamOf], ...[1, 2].map((seed): [string, () => MemoryFileSystem] => [`generated ${seed}`, () => generatedTeam(seed)])];
    for (const [name, make] of teams) {
      const fs = make();
      // The record as written (reading it back keeps one day: the one it is read for).
      const text = JSON.stringify(await (await coldChecker(fs)).warmRecord(BUILD, NOW));
      const seen = new Set<string>();
      for (let k = 0; k < WARM_DAYS; k++) {
        const day = addDays(TODAY, k);
        const warm = readWarmFile(text, { build: BUILD, today: day, settings: {} });
        assert.ok(warm, `${name}, day +${k}: the file holds that day`);
        const cold = await coldChecker(fs, {}, day);
        const { checker, change } = await reopened(fs, warm, {}, day);
        assert.equal(checker.index.stats.meetingsParsed, 0, `${name}, day +${k}: no 1:1 parsed`);
        const vouched = new Set(warmReports(change));
        assert.ok(vouched.size >= cold.queries.reports().length - 1, `${name}, day +${k}: ${vouched.size} reports vouched for`);
        const want = sortProblems(cold.problems()).filter((p) => { const id = reportIdOf(p.file); return id === undefined || vouched.has(id); });
        assert.deepEqual(plain(checker.problems()), plain(want), `${name}, day +${k}: the problems`);
        for (const id of vouched) assert.deepEqual(checker.queries.reportView(id), cold.queries.reportView(id), `${name}, day +${k}: ${id}'s row`);
        assert.deepEqual(checker.queries.overdue(), cold.queries.overdue().filter((v) => vouched.has(v.id)), `${name}, day +${k}: the status bar`);
        for (const p of want) seen.add(`${p.rule} ${p.message}`);
      }
      if (name === 'turning') {
        // The week really turns: what only some days show is there (each a cold check's own finding, compared above).
        const rules = new Set([...seen].map((m) => m.split(' ')[0]));
        for (const rule of ['prep-missing', 'cadence-overdue', 'goal-expired', 'career-overdue', 'action-stale']) assert.ok(rules.has(rule), `${rule} on some day`);
        const cold = await coldChecker(fs, {}, addDays(TODAY, 1));
        assert.equal(cold.problems().some((p) => p.rule === 'action-stale' && p.file.startsWith('ho/')), false, 'ho\'s window is shorter the next day');
        assert.ok((await coldChecker(fs)).problems().some((p) => p.rule === 'action-stale' && p.file.startsWith('ho/')), 'ho\'s open action is in today\'s window');
      }
    }
  });


  it('a reopened, unchanged team shows exactly the problems and rows of a cold check, without parsing a 1:1', async () => {
    const teams: Array<[string, () => MemoryFileSystem]> = [['small', teamOf], ...[1, 2, 3].map((seed): [string, () => MemoryFileSystem] => [`generated ${seed}`, () => generatedTeam(seed)])];
    for (const [name, make] of teams) {
      const fs = make();
      const cold = await coldChecker(fs);
      const want = sortProblems(cold.problems());
      const warm = await recordOf(fs);
      const { checker, change } = await reopened(fs, warm);
      assert.ok(change, name);
      assert.equal(checker.index.stats.meetingsParsed, 0, `${name}: no 1:1 parsed for the warm start`);
      // The team's own problems and those of every report vouched for (all but one with an unreadable file, below).
      const vouched = new Set(warmReports(change));
      const shownNow = want.filter((p) => { const id = reportIdOf(p.file); return id === undefined || vouched.has(id); });
      assert.ok(vouched.size >= cold.queries.reports().length - 1, `${name}: ${vouched.size} reports vouched for`);
      assert.deepEqual(plain(checker.problems()), plain(shownNow), `${name}: the problems`);
      // What the change shows the Problems panel is every problem, by file.
      const shown = sortProblems([...(change.files?.values() ?? [])].flat());
      assert.deepEqual(plain(shown), plain(shownNow), `${name}: the change carries them`);
      for (const id of vouched) assert.deepEqual(checker.queries.reportView(id), cold.queries.reportView(id), `${name}: ${id}'s row`);
      assert.deepEqual(checker.queries.overdue(), cold.queries.overdue().filter((v) => vouched.has(v.id)), `${name}: the overdue reports (the status bar)`);
      // Then the real check: the same problems, now its own.
      await checker.checkAll();
      assert.deepEqual(sortProblems(checker.problems()), want, `${name}: after the real check`);
      assert.equal(checker.provisionalView(warmReports(change)[0]), undefined);
    }
  });

  it('every report of an unchanged team is vouched for (a report with unreadable files is not)', async () => {
    const fs = generatedTeam(1);
    const cold = await coldChecker(fs);
    const warm = await recordOf(fs);
    const { change } = await reopened(fs, warm);
    const ids = cold.queries.reports().map((r) => r.id).filter((id) => id !== 'r4');
    assert.deepEqual(warmReports(change), ids.sort());
    assert.equal(Object.keys(warm.reports).includes('r4'), false, 'r4 has an unreadable 1:1: its results are not kept');
  });

  it('a changed 1:1 of the window, report.yaml, goals.yaml, a new or removed 1:1 file: that report is not trusted, the others are', async () => {
    const cases: Array<[string, (fs: MemoryFileSystem) => void]> = [
      ['a 1:1 of the window rewritten', (fs) => fs.write('cy/meetings/2026-11-10.yaml', meetingYaml('2026-11-10'))],
      ['the same bytes written again (a new version)', (fs) => fs.write('cy/meetings/2026-11-17.yaml', meetingYaml('2026-11-17'))],
      ['report.yaml', (fs) => fs.write('cy/report.yaml', 'name: Cy Renamed\n')],
      ['goals.yaml', (fs) => fs.write('cy/goals.yaml', 'goals: []\n')],
      ['a new 1:1', (fs) => fs.write('cy/meetings/2026-11-24.yaml', meetingYaml('2026-11-24'))],
      ['an old 1:1 removed (the listing)', (fs) => fs.delete('cy/meetings/2026-10-20.yaml')],
      ['a stray file in the meetings folder', (fs) => fs.write('cy/meetings/notes.yaml', 'x: 1\n')],
    ];
    for (const [name, change] of cases) {
      const fs = teamOf();
      const warm = await recordOf(fs);
      change(fs);
      const cold = await coldChecker(fs);
      const { checker, change: shown } = await reopened(fs, warm);
      assert.deepEqual(warmReports(shown), ['ana', 'bo'], name);
      assert.equal(checker.provisionalView('cy'), undefined, name);
      assert.deepEqual(checker.problemsOf('cy/report.yaml'), [], `${name}: nothing shown for cy before its check`);
      await checker.checkAll();
      assert.deepEqual(sortProblems(checker.problems()), sortProblems(cold.problems()), `${name}: the real check`);
    }
  });

  it('team.yaml changed, a report folder added or removed, another day, other settings or another build: nothing is trusted', async () => {
    const cases: Array<[string, (fs: MemoryFileSystem) => { today?: string; settings?: RuleSettings; build?: string } | void]> = [
      ['team.yaml', (fs) => fs.write('team.yaml', 'manager: Sam\ncadence: biweekly\n')],
      ['a new report folder', (fs) => fs.write('dee/report.yaml', 'name: Dee\n')],
      ['a report folder removed', (fs) => fs.delete('bo')],
      ['the day before it was written', () => ({ today: addDays(TODAY, -1) })],
      [`${WARM_DAYS} days after it was written`, () => ({ today: addDays(TODAY, WARM_DAYS) })],
      ['other settings', () => ({ settings: { severities: { 'cadence-overdue': 'off' } } })],
      ['another build', () => ({ build: 'other-build' })],
    ];
    for (const [name, change] of cases) {
      const fs = teamOf();
      const warm = await recordOf(fs);
      const other = change(fs) ?? {};
      const today = other.today ?? TODAY;
      const settings = other.settings ?? {};
      const read = readWarmFile(JSON.stringify(warm), { build: other.build ?? BUILD, today, settings });
      if (read === undefined) continue; // refused as a whole when read back: nothing trusted
      const { change: shown } = await reopened(fs, read, settings, today);
      assert.equal(shown, undefined, name);
    }
    // The build, the day and the settings are refused when read back (not even parsed further).
    const warm = await recordOf(teamOf());
    const text = JSON.stringify(warm);
    assert.equal(readWarmFile(text, { build: 'other', today: TODAY, settings: {} }), undefined);
    assert.equal(readWarmFile(text, { build: BUILD, today: addDays(TODAY, WARM_DAYS), settings: {} }), undefined);
    assert.equal(readWarmFile(text, { build: BUILD, today: addDays(TODAY, -1), settings: {} }), undefined);
    assert.equal(readWarmFile(text, { build: BUILD, today: TODAY, settings: { severities: { 'cadence-overdue': 'off' } } }), undefined);
  });

  it('the cache file written a report at a time is the record\'s JSON in ASCII, and reads back', async () => {
    const named = (): MemoryFileSystem => {
      const fs = teamOf();
      fs.write('ana/report.yaml', 'name: Ána Ødegård 李 😀 "quoted" \\ back\n'); // names past ASCII, one past the BMP
      return fs;
    };
    for (const fs of [named(), turningTeam(), generatedTeam(2)]) {
      const record = await (await coldChecker(fs)).warmRecord(BUILD, NOW);
      assert.ok(record);
      const text = [...warmFileText(record)].join('');
      assert.match(text, /^[\x00-\x7e]*$/, 'ASCII only');
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(record)));
      assert.ok(readWarmFile(text, { build: BUILD, today: addDays(TODAY, 2), settings: {} }));
    }
    const shown = JSON.parse([...warmFileText((await (await coldChecker(named())).warmRecord(BUILD, NOW))!)].join('')) as WarmFile;
    assert.equal(shown.reports.ana?.days[0]?.view.label, 'Ána Ødegård 李 😀 "quoted" \\ back');
    const none = { kind: WARM_KIND, format: WARM_FORMAT, build: BUILD, today: TODAY, settings: '{}', team: 't', reports: {} } as const;
    assert.equal([...warmFileText(none)].join(''), JSON.stringify(none), 'no report kept');
  });

  it('a corrupt, truncated or forged cache file is ignored as a whole', async () => {
    const warm = await recordOf(teamOf());
    const good = JSON.stringify(warm);
    const expected = { build: BUILD, today: TODAY, settings: {} };
    assert.ok(readWarmFile(good, expected));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a forged file is any shape
    type Loose = Record<string, any>;
    const forged = (edit: (w: Loose) => void): string => {
      const w = JSON.parse(good) as Loose;
      edit(w);
      return JSON.stringify(w);
    };
    const bad: Array<[string, string]> = [
      ['empty', ''],
      ['truncated', good.slice(0, good.length / 2)],
      ['not an object', '[1,2,3]'],
      ['null', 'null'],
      ['another kind', forged((w) => { w.kind = 'something-else'; })],
      ['another format', forged((w) => { w.format = WARM_FORMAT + 1; })],
      ['reports not an object', forged((w) => { w.reports = []; })],
      ['a finding of an unknown rule', forged((w) => { w.reports.ana.days[0].findings.push({ file: 'ana/report.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'made-up', message: 'x' }); })],
      ['a finding on another report\'s file', forged((w) => { w.reports.ana.days[0].findings.push({ file: 'bo/report.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'schema', message: 'x' }); })],
      ['a finding without a range', forged((w) => { w.reports.ana.days[0].findings.push({ file: 'ana/report.yaml', rule: 'schema', message: 'x' }); })],
      ['a negative line', forged((w) => { w.reports.ana.days[0].findings.push({ file: 'ana/report.yaml', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, rule: 'schema', message: 'x' }); })],
      ['a row of another report', forged((w) => { w.reports.ana.days[0].view = w.reports.bo.days[0].view; })],
      ['a row with an unknown health', forged((w) => { w.reports.ana.days[0].view.health = 'great'; })],
      ['a window entry that is not a pair', forged((w) => { w.reports.ana.window.push(['2026-01-01.yaml']); })],
      ['a version that is not a string', forged((w) => { w.reports.ana.profile = 12; })],
      ['no days', forged((w) => { w.reports.ana.days = []; })],
      ['a first day that refers to the one before', forged((w) => { w.reports.ana.days[0] = null; })],
      ['more days than a cache holds', forged((w) => { w.reports.ana.days = Array.from({ length: WARM_DAYS + 1 }, () => w.reports.ana.days[0]); })],
      ['a later day that is not an object', forged((w) => { w.reports.ana.days[2] = 'same'; })],
      ['a day that is not a date', forged((w) => { w.today = 'yesterday'; })],
    ];
    for (const [name, text] of bad) assert.equal(readWarmFile(text, expected), undefined, name);
    // A forged later day: refused on its day; read on another day, the file holds that day's results only.
    const laterForged = forged((w) => { w.reports.ana.days[3] = { ...w.reports.ana.days[0], findings: [{ file: 'bo/report.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'schema', message: 'x' }] }; });
    assert.equal(readWarmFile(laterForged, { ...expected, today: addDays(TODAY, 3) }), undefined, 'a forged later day, read on that day');
    const readToday = readWarmFile(laterForged, expected);
    assert.ok(readToday, 'read on the day it was written');
    assert.deepEqual(readToday.reports.ana.days, [warm.reports.ana.days[0]], 'today\'s results only');
  });

  it('the real check replaces what the warm start showed: a kept problem the check does not find is cleared', async () => {
    const fs = teamOf();
    const warm = await recordOf(fs);
    const ghost = { file: 'ana/meetings/2026-11-20.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'schema', message: 'GHOST' } as const;
    const finding = ghost;
    const withGhost = readWarmFile(JSON.stringify({ ...warm, reports: { ...warm.reports, ana: withFinding(warm.reports.ana, finding) } }), { build: BUILD, today: TODAY, settings: {} });
    assert.ok(withGhost);
    const { checker } = await reopened(fs, withGhost);
    assert.ok(checker.problemsOf(ghost.file).some((p) => p.message === 'GHOST'), 'shown while provisional');
    const steps: CheckChange[] = [];
    await checker.checkAll({ progress: (c) => steps.push(c) });
    const last = steps.filter((s) => s.files?.has(ghost.file)).pop();
    assert.ok(last, 'the step that checked ana names the file');
    assert.deepEqual(last.files?.get(ghost.file)?.filter((p) => p.message === 'GHOST'), [], 'and clears the kept problem');
    assert.equal(checker.problems().some((p) => p.message === 'GHOST'), false);
  });

  it('a report checked before the warm start is adopted keeps its own results', async () => {
    const fs = teamOf();
    const warm = await recordOf(fs);
    const checker = await TeamChecker.openUnchecked(fs, { today: TODAY });
    await checker.checkAll();
    assert.equal(await checker.adoptWarm(warm, fs), undefined, 'too late: every report has its own results');
    assert.equal(checker.provisionalView('ana'), undefined);
  });

  it('files modified within the last seconds, unsaved editor text, or an old 1:1 opened are not vouched for', async () => {
    // Disk-like versions (mtime:size): a file modified RACY_MS before the record is written is kept; a newer one not.
    class TimedFs extends MemoryFileSystem {
      constructor(files: Record<string, string>, private readonly mtimes: (path: string) => number) {
        super(files);
      }
      override async readFile(path: string): Promise<{ text: string; version?: string }> {
        const c = await super.readFile(path);
        return { text: c.text, version: `${this.mtimes(path)}:${c.text.length}` };
      }
      override async stat(path: string): Promise<{ kind: 'file' | 'directory' | 'other'; version: string } | undefined> {
        const st = await super.stat(path);
        return st && { kind: st.kind, version: `${this.mtimes(path)}:${st.version}` };
      }
    }
    const files = Object.fromEntries([...['ana', 'bo', 'cy'].flatMap((id) => Object.entries(reportFiles(id, { meetings: weekly('2026-11-20', 3) })))]);
    const fs = new TimedFs({ 'team.yaml': 'manager: Sam\n', ...files }, (path) => (path.startsWith('bo/meetings/2026-11-20') ? NOW - RACY_MS / 2 : NOW - 60_000));
    const checker = await coldChecker(fs);
    const record = await checker.warmRecord(BUILD, NOW);
    assert.deepEqual(Object.keys(record?.reports ?? {}).sort(), ['ana', 'cy'], 'bo\'s newest 1:1 was modified a second ago');
    await checker.setOverlay('cy/report.yaml', 'name: Cy (unsaved)\n');
    await checker.ensureChecked('ana/meetings/2026-11-20.yaml'); // the newest: inside the window, still vouched for
    assert.deepEqual(Object.keys((await checker.warmRecord(BUILD, NOW))?.reports ?? {}).sort(), ['ana'], 'cy has unsaved text');
    const big = new MemoryFileSystem({ ...reportFiles('ana', { meetings: weekly('2026-11-20', 30) }) });
    const opened = await coldChecker(big);
    await opened.ensureChecked('ana/meetings/2026-05-01.yaml');
    assert.deepEqual(Object.keys((await opened.warmRecord(BUILD, NOW))?.reports ?? {}), [], 'an old 1:1 opened adds its own problems');
  });

  // What it holds is what the rows and the Problems panel show: an overdue action's problem quotes the action, so an
  // action's text may be in it (as in the panel); the rest of a 1:1 never is.
  it('never holds the text of a 1:1\'s notes, private notes, feedback or topics (canary)', async () => {
    const CANARY = 'CANARY-7f3a';
    const fs = teamOf();
    for (const id of ['ana', 'bo', 'cy']) {
      for (const date of ['2026-11-20', '2026-11-13', '2026-10-16', '2026-11-17', '2026-11-10']) {
        const path = `${id}/meetings/${date}.yaml`;
        if (!fs.has(path)) continue;
        fs.write(path, meetingYaml(date, {
          notes: `${CANARY} notes: PROJ-12 in progress, WIP ${CANARY}`,
          feedback: [{ type: 'positive', text: `${CANARY} feedback`, delivered: true }],
          topics: [`${CANARY} topic`],
          reportTopics: [`${CANARY} their topic`],
          actions: [{ text: 'Book the room', owner: 'manager', due: '2026-11-01', done: false }],
          extra: { private: `${CANARY} private\n  bad: [yaml` },
        }));
      }
    }
    const cold = await coldChecker(fs);
    assert.ok(cold.problems().some((p) => p.file.includes('/meetings/')), 'problems on those files');
    const text = JSON.stringify(await cold.warmRecord(BUILD, NOW));
    assert.ok(text.includes('"ana"'));
    assert.equal(text.includes(CANARY), false);
  });

  it('a change between the adoption and the full check: the kept problems it no longer finds leave the Problems panel', async () => {
    const fs = teamOf();
    const record = await (await coldChecker(fs)).warmRecord(BUILD, NOW);
    assert.ok(record);
    // A kept problem the real check will not find (a rule fixed in this build, say), on a file the change does not name.
    const ghost = { file: 'bo/meetings/2026-10-09.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'schema', message: 'GHOST' } as const;
    const warm = readWarmFile(JSON.stringify({ ...record, reports: { ...record.reports, bo: withFinding(record.reports.bo, ghost) } }), { build: BUILD, today: TODAY, settings: {} });
    assert.ok(warm);
    const checker = await TeamChecker.openUnchecked(fs, { today: TODAY });
    // The Problems panel as the diagnostics adapter keeps it: each change replaces the files it names.
    const panel = new Map<string, Problem[]>();
    const show = (c: CheckChange | undefined): void => {
      if (!c?.files) {
        panel.clear();
        for (const p of checker.problems()) panel.set(p.file, [...(panel.get(p.file) ?? []), p]);
      } else for (const [f, ps] of c.files) panel.set(f, ps);
    };
    show(await checker.adoptWarm(warm, fs));
    assert.ok([...panel.values()].flat().some((p) => p.rule === 'cadence-overdue' && p.file === 'bo/report.yaml'), 'kept: Bo is overdue');
    // Today's 1:1 with Bo is written before the full check reached him.
    fs.write('bo/meetings/2026-11-24.yaml', meetingYaml('2026-11-24'));
    show(await checker.applyChanges([['bo/meetings/2026-11-24.yaml', 'created']]));
    await checker.checkAll({ progress: show });
    const shown = [...panel.values()].flat();
    assert.deepEqual(shown.filter((p) => p.rule === 'cadence-overdue').map((p) => p.file), [], 'Bo is no longer overdue in the panel');
    assert.deepEqual(shown.filter((p) => p.message === 'GHOST').map((p) => p.file), [], 'the kept GHOST is cleared');
  });

  it('a report whose 1:1 was added or removed in the window is kept for the next (its listing vouched for again)', async () => {
    for (const change of ['created', 'deleted'] as const) {
      const fs = teamOf();
      const checker = await coldChecker(fs);
      if (change === 'created') fs.write('ana/meetings/2026-11-24.yaml', meetingYaml('2026-11-24'));
      else fs.delete('ana/meetings/2026-10-02.yaml');
      const path = change === 'created' ? 'ana/meetings/2026-11-24.yaml' : 'ana/meetings/2026-10-02.yaml';
      await checker.applyChanges([[path, change]]);
      const record = await checker.warmRecord(BUILD, NOW);
      const warm = readWarmFile(JSON.stringify(record), { build: BUILD, today: TODAY, settings: {} });
      assert.ok(warm);
      const { checker: next, change: shown } = await reopened(fs, warm);
      assert.ok(warmReports(shown).includes('ana'), `${change}: Ana is warm in the next window`);
      const cold = await coldChecker(fs);
      assert.deepEqual(plain(next.problems()), plain(cold.problems()), `${change}: with the problems of a cold check`);
    }
  });

  it('a file rewritten with the same size and its old modification time put back (cp -p, touch -r) is not trusted', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'warm-'));
    try {
      mkdirSync(path.join(root, 'ana', 'meetings'), { recursive: true });
      writeFileSync(path.join(root, 'ana', 'report.yaml'), 'name: Ana\n');
      const goals = path.join(root, 'ana', 'goals.yaml');
      // Expired on 2026-10-01 (goal-expired), then "2026-12-01": the same number of bytes.
      writeFileSync(goals, 'goals:\n  - id: g1\n    title: Ship\n    start: 2026-09-01\n    end: 2026-10-01\n');
      const old = new Date(Date.now() - 3_600_000);
      for (const p of ['ana/goals.yaml', 'ana/report.yaml', 'ana/meetings', 'ana']) utimesSync(path.join(root, p), old, old);
      const fs = new NodeTeamFileSystem(root);
      const cold = await TeamChecker.open(fs, { today: TODAY });
      assert.ok(cold.problems().some((p) => p.rule === 'goal-expired'));
      const warm = readWarmFile(JSON.stringify(await cold.warmRecord(BUILD, Date.now())), { build: BUILD, today: TODAY, settings: {} });
      assert.ok(warm?.reports.ana, 'Ana kept');
      const before = statSync(goals);
      writeFileSync(goals, 'goals:\n  - id: g1\n    title: Ship\n    start: 2026-09-01\n    end: 2026-12-01\n');
      utimesSync(goals, before.atime, before.mtime);
      assert.equal(statSync(goals).mtimeMs, before.mtimeMs);
      const { checker } = await reopened(fs, warm);
      assert.deepEqual(checker.problemsOf('ana/goals.yaml').filter((p) => p.rule === 'goal-expired'), [], 'no kept goal-expired for a goal that is not expired');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('on disk, the adoption\'s stats in short runs (statMany) give what one stat each gives, and an unchanged team is adopted through them', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'warm-stat-'));
    try {
      mkdirSync(path.join(root, 'ana', 'meetings'), { recursive: true });
      writeFileSync(path.join(root, 'ana', 'report.yaml'), 'name: Ana\n');
      writeFileSync(path.join(root, 'ana', 'meetings', '2026-11-20.yaml'), meetingYaml('2026-11-20'));
      symlinkSync(path.join(root, 'ana', 'report.yaml'), path.join(root, 'ana', 'link.yaml'));
      const fs = new NodeTeamFileSystem(root);
      const paths = ['ana', 'ana/report.yaml', 'ana/meetings', 'ana/meetings/2026-11-20.yaml', 'ana/link.yaml', 'ana/missing.yaml', 'nobody/goals.yaml'];
      const many = await fs.statMany(paths);
      assert.deepEqual(many, await Promise.all(paths.map((p) => fs.stat(p))));
      assert.deepEqual(many.map((st) => st?.kind), ['directory', 'file', 'directory', 'file', 'other', undefined, undefined]);
      const old = new Date(Date.now() - 3_600_000);
      for (const p of ['ana/report.yaml', 'ana/meetings/2026-11-20.yaml', 'ana/meetings', 'ana']) utimesSync(path.join(root, p), old, old);
      const cold = await TeamChecker.open(fs, { today: TODAY });
      const warm = readWarmFile(JSON.stringify(await cold.warmRecord(BUILD, Date.now())), { build: BUILD, today: TODAY, settings: {} });
      assert.ok(warm);
      const { checker, change } = await reopened(fs, warm);
      assert.deepEqual(warmReports(change), ['ana']);
      assert.deepEqual(plain(checker.problems()), plain(cold.problems()));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('settings are one key whatever their order', () => {
    assert.equal(settingsKey({ a: 1, b: { d: 2, c: 3 } } as unknown as RuleSettings), settingsKey({ b: { c: 3, d: 2 }, a: 1 } as unknown as RuleSettings));
    assert.equal(WARM_KIND, 'one-on-ones-warm-start');
  });
});
