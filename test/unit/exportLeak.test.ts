/**
 * The leak test (issue #15): a generated team whose every `private` note and every undelivered feedback item carries
 * a unique canary. Every export kind, for every report, with every option but `--include-private`, holds none of the
 * private canaries; undelivered feedback appears only where the manager names it (`--include-feedback` on an agenda,
 * and then only that 1:1's). With `--include-private` the review holds every canary of its period. The dashboard's
 * Markdown summary holds none. And the same through the CLI's standard output.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { runCli } from '../../src/cli';
import { DashboardQuery } from '../../src/core/dashboard/query';
import { summaryMarkdown } from '../../src/core/dashboard/share';
import { addDays } from '../../src/core/dates';
import { EXPORT_KINDS, runExport } from '../../src/core/export/exports';
import type { ExportKind, ExportOptions } from '../../src/core/export/exports';
import { check, yaml } from './helpers/builders';
import type { Files } from './helpers/builders';

const TODAY = '2026-11-24';
const REPORTS = ['ana', 'ben', 'cho', 'dev'];
const CADENCES = ['weekly', 'biweekly', '10d', '3w'];

interface Team {
  files: Files;
  /** Canary → the report and the date of its 1:1. */
  privates: Map<string, { report: string; date: string }>;
  undelivered: Map<string, { report: string; date: string }>;
  dates: Map<string, string[]>;
}

/** Twenty 1:1s per report over ~six months (held, skipped, one planned ahead), every one with a canary of each kind. */
function generate(): Team {
  const files: Files = { 'team.yaml': yaml({ manager: 'Kim Park', 'time-zone': 'Europe/Berlin' }) };
  const privates = new Map<string, { report: string; date: string }>();
  const undelivered = new Map<string, { report: string; date: string }>();
  const dates = new Map<string, string[]>();
  REPORTS.forEach((id, r) => {
    files[`${id}/report.yaml`] = yaml({ name: `Person ${id}`, since: '2026-01-05', cadence: CADENCES[r], aspirations: ['Lead a team'], paused: [{ from: '2026-08-03', to: '2026-08-14', reason: `CANARY-P-${id}-leave-reason` }] });
    privates.set(`CANARY-P-${id}-leave-reason`, { report: id, date: '' });
    files[`${id}/goals.yaml`] = yaml({ goals: [
      { id: 'g1', title: 'Mentor the new hire', start: '2026-10-01', success: 'They ship alone' },
      { id: 'g0', title: 'Run the retro', start: '2026-06-01', status: 'done' },
      { id: 'gx', title: 'Learn Rust', start: '2026-07-01', status: 'dropped' },
    ] });
    const list: string[] = [];
    for (let i = 0; i < 20; i++) {
      const date = addDays('2026-12-01', -9 * i - r);
      list.push(date);
      const status = i === 0 ? 'planned' : i % 7 === 3 ? 'skipped' : 'held';
      const p = `CANARY-P-${id}-${date}`;
      const u = `CANARY-F-${id}-${date}`;
      privates.set(p, { report: id, date });
      undelivered.set(u, { report: id, date });
      files[`${id}/meetings/${date}.yaml`] = yaml({
        date,
        status,
        kind: i % 6 === 1 ? 'career' : 'regular',
        ...(status === 'skipped' ? { 'skip-reason': 'Offsite' } : {}),
        prep: {
          manager: {
            feedback: [
              { type: 'positive', text: `Delivered praise ${date}`, delivered: status === 'held' },
              { type: i % 2 === 0 ? 'negative' : 'positive', text: u, delivered: false },
            ],
            topics: [`My topic ${date}`],
          },
          report: { topics: [`Their topic ${date}`] },
        },
        goals: { g1: `Check-in ${date}` },
        notes: `Shared note ${date}`,
        private: `Thinking: ${p}\nsecond line`,
        actions: [{ text: `Action ${i}`, owner: i % 2 === 0 ? 'report' : 'manager', done: i % 3 === 0, due: addDays(date, 7) }],
      });
    }
    dates.set(id, list);
  });
  return { files, privates, undelivered, dates };
}

/** Every run a user can ask for, but --include-private: kind, options, and which undelivered canaries it may hold. */
function runs(t: Team): Array<{ kind: ExportKind; options: ExportOptions; mayHold: (canary: string) => boolean }> {
  const out: Array<{ kind: ExportKind; options: ExportOptions; mayHold: (canary: string) => boolean }> = [];
  const none = (): boolean => false;
  out.push({ kind: 'calendar', options: {}, mayHold: none }, { kind: 'handbook', options: {}, mayHold: none });
  for (const id of REPORTS) {
    out.push({ kind: 'handoff', options: { report: id }, mayHold: none });
    out.push({ kind: 'review', options: { report: id, from: '2026-01-01', to: '2026-12-31' }, mayHold: none });
    out.push({ kind: 'agenda', options: { report: id }, mayHold: none });
    // The next 1:1 is the planned one: with --include-feedback its undelivered feedback is named, and only that.
    const next = t.dates.get(id)?.[0] ?? '';
    out.push({ kind: 'agenda', options: { report: id, includeFeedback: true }, mayHold: (c) => c === `CANARY-F-${id}-${next}` });
    for (const date of t.dates.get(id) ?? []) {
      out.push({ kind: 'agenda', options: { report: id, date }, mayHold: none });
      out.push({ kind: 'agenda', options: { report: id, date, includeFeedback: true }, mayHold: (c) => c === `CANARY-F-${id}-${date}` });
    }
  }
  return out;
}

function canariesIn(text: string): string[] {
  return [...text.matchAll(/CANARY-[PF]-[a-z]+-[\w-]+/g)].map((m) => m[0]);
}

describe('exports never leak private notes or undelivered feedback', () => {
  const team = generate();

  it('every kind, every report, every option but --include-private: no private canary, no undelivered one unless named', async () => {
    const { checker } = await check(team.files, { today: TODAY });
    const all = runs(team);
    assert.deepEqual(new Set(all.map((r) => r.kind)), new Set(EXPORT_KINDS));
    let named = 0;
    for (const r of all) {
      const text = await runExport(r.kind, checker.queries, { ...r.options, teamKey: 't', vtimezone: getVtimezoneComponent });
      assert.ok(text.length > 100, `${r.kind} ${JSON.stringify(r.options)} made something`);
      for (const c of canariesIn(text)) {
        assert.ok(r.mayHold(c), `${r.kind} ${JSON.stringify(r.options)} leaks ${c}`);
        named++;
      }
      if (r.kind !== 'calendar' && r.kind !== 'handbook') assert.doesNotMatch(text, /Thinking:|second line|Offsite leave/);
    }
    // The named feedback does show (the agenda with --include-feedback is not silently empty).
    assert.ok(named >= REPORTS.length * 20, `named undelivered feedback shows where asked (${named})`);
  });

  it('with --include-private the review holds every canary of its period, and none from outside it', async () => {
    const { checker } = await check(team.files, { today: TODAY });
    for (const id of REPORTS) {
      const from = '2026-09-01';
      const to = '2026-11-30';
      const text = await runExport('review', checker.queries, { report: id, from, to, includePrivate: true });
      const found = new Set(canariesIn(text));
      const expected = [...team.privates, ...team.undelivered].filter(([, v]) => v.report === id && v.date >= from && v.date <= to).map(([c]) => c);
      assert.ok(expected.length > 10);
      assert.deepEqual([...found].sort(), expected.sort());
      assert.match(text, /Includes private notes: do not share/);
    }
  });

  it('the dashboard\'s Markdown summary holds no canary', async () => {
    const { checker } = await check(team.files, { today: TODAY });
    const md = summaryMarkdown(await new DashboardQuery(checker).summary(), 'Platform');
    assert.match(md, /Person ana/);
    assert.deepEqual(canariesIn(md), []);
  });

  it('through the CLI (standard output) too', async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'leak-'));
    try {
      for (const [p, text] of Object.entries(team.files)) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), text);
      }
      const cli = async (args: string[]): Promise<{ code: number; out: string }> => {
        let out = '';
        const code = await runCli(args, { out: (t) => (out += t), err: () => undefined, cwd: dir, now: () => new Date(`${TODAY}T12:00:00`), env: {}, isTTY: false });
        return { code, out };
      };
      for (const r of runs(team).filter((x) => x.options.date === undefined)) {
        const o = r.options;
        const args = ['export', r.kind, '.', '--today', TODAY,
          ...(o.report ? ['--report', o.report] : []), ...(o.from ? ['--from', o.from] : []), ...(o.to ? ['--to', o.to] : []),
          ...(o.includeFeedback ? ['--include-feedback'] : [])];
        const { code, out } = await cli(args);
        assert.equal(code, 0, args.join(' '));
        for (const c of canariesIn(out)) assert.ok(r.mayHold(c), `${args.join(' ')} leaks ${c}`);
      }
      const { out } = await cli(['export', 'review', '.', '--today', TODAY, '--report', 'ana', '--from', '2026-01-01', '--to', '2026-12-31', '--include-private']);
      assert.ok(canariesIn(out).length >= 30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
