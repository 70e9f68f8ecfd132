/**
 * `one-on-ones summary FOLDER...`: a roll-up for a manager of managers. Each argument is a team folder, or a JSON file
 * that `summary --format json` or `check --format json` wrote for one (so each team's CI can publish its facts and a
 * director adds them up without the notes). One row per team and a total: reports, adherence over 13 weeks, overdue
 * now, without an active goal, career 1:1s overdue, prepared 1:1s. Counts only by default; `--names` adds a row per
 * report (names and numbers, never a note or a feedback text). Teams are read one at a time and dropped, so memory
 * stays bounded.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { TeamChecker } from '../core/checker';
import { DashboardQuery } from '../core/dashboard/query';
import { markdownCell } from '../core/dashboard/share';
import type { DashboardSummary } from '../core/dashboard/summary';
import { isIsoDate, isoDateOf } from '../core/dates';
import type { IsoDate } from '../core/dates';
import { NodeTeamFileSystem } from '../node/nodeFs';
import { escapeText } from '../node/terminalText';
import { booleanOption, stringOption, UsageError } from './args';
import type { OptionTable, ParsedCommand } from './args';
import type { CliIo } from './check';
import { isObject } from '../shared/webviewProtocol';
import { CHECK_JSON_KIND } from './output';

export const SUMMARY_OPTIONS: OptionTable = {
  today: { type: 'string' },
  format: { type: 'string' },
  names: { type: 'boolean' },
};

export const SUMMARY_FORMATS = ['text', 'markdown', 'json'] as const;
type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** One report's line in a roll-up (with `--names`). */
export interface ReportFacts {
  readonly name: string;
  readonly adherence13: number | null;
  readonly overdueBy: number;
  readonly activeGoals: number;
  readonly careerOverdue: boolean;
  readonly prepRate: number | null;
}

/** One team's facts: counts, from which the percentages and the total are computed. The JSON format writes these. */
export interface TeamFacts {
  readonly team: string;
  readonly today: IsoDate;
  readonly reports: number;
  readonly held13: number;
  readonly due13: number;
  readonly overdue: number;
  readonly withoutActiveGoal: number;
  readonly careerOverdue: number;
  readonly prepared: number;
  readonly held: number;
  readonly names?: readonly ReportFacts[];
}

const KIND = 'one-on-ones-summary';

type Counts = Omit<TeamFacts, 'team' | 'today' | 'names'>;

/** A team's facts from its counts (a DashboardSummary's totals, or the sum `check --format json` makes per report). */
export function teamFactsOf(team: string, today: IsoDate, c: Counts): TeamFacts {
  return {
    team,
    today,
    reports: c.reports,
    held13: c.held13,
    due13: c.due13,
    overdue: c.overdue,
    withoutActiveGoal: c.withoutActiveGoal,
    careerOverdue: c.careerOverdue,
    prepared: c.prepared,
    held: c.held,
  };
}

function teamFacts(team: string, s: DashboardSummary, names: boolean): TeamFacts {
  const t = s.totals;
  return {
    ...teamFactsOf(team, s.today, { ...t.counts, reports: t.reports, overdue: t.overdue, withoutActiveGoal: t.withoutActiveGoal, careerOverdue: t.careerOverdue }),
    ...(names ? {
      names: s.reports.map((r) => ({
        name: r.name,
        adherence13: r.adherence13 ?? null,
        overdueBy: r.overdueBy,
        activeGoals: r.goals.filter((g) => !g.expired).length,
        careerOverdue: r.careerOverdue,
        prepRate: r.prepRate ?? null,
      })),
    } : {}),
  };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e9;

const COUNT_FIELDS = ['reports', 'held13', 'due13', 'overdue', 'withoutActiveGoal', 'careerOverdue', 'prepared', 'held'] as const;

/** One team's entry (of a summary file, or a check file's `summary`), every field checked; `refusal` if it is not one. */
function teamEntry(t: unknown, refusal: string): TeamFacts {
  const o = isObject(t) ? t : {};
  if (typeof o.team !== 'string' || typeof o.today !== 'string' || !isIsoDate(o.today) || !COUNT_FIELDS.every((k) => isCount(o[k]))) throw new UsageError(refusal);
  // Every count was checked above; teamFactsOf takes those fields and nothing else the entry may hold.
  return teamFactsOf(o.team, o.today, o as unknown as Counts);
}

/**
 * The teams of a JSON file (the file is input too: every field checked): the `teams` that `summary --format json`
 * wrote, or the one team whose `summary` `check --format json` wrote (named, as in a summary file, by its `team`: the
 * folder as given to the command that wrote it).
 */
function factsFromJson(file: string, text: string): TeamFacts[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is neither a team folder nor a JSON file.`);
  }
  const o = isObject(doc) ? doc : {};
  if (o.kind === CHECK_JSON_KIND) {
    if (o.version !== 1 || typeof o.today !== 'string' || !isIsoDate(o.today) || !Array.isArray(o.problems)) {
      throw new UsageError(`${file} is not the JSON that \`one-on-ones check --format json\` writes (version 1).`);
    }
    if (o.summary === undefined) {
      throw new UsageError(`${file} holds no team summary: \`check --staged\` reads only the staged reports and writes none. Publish \`check --format json\` without --staged, or \`summary --format json\`.`);
    }
    const team = teamEntry(o.summary, `${file} has a summary that is not one \`check --format json\` writes.`);
    if (team.today !== o.today) throw new UsageError(`${file} has a summary that is not one \`check --format json\` writes (its day is not the check's).`);
    return [team];
  }
  if (o.kind !== KIND || !Array.isArray(o.teams)) throw new UsageError(`${file} is not the JSON that \`one-on-ones summary --format json\` or \`check --format json\` writes.`);
  return o.teams.map((t: unknown) => teamEntry(t, `${file} has a team entry that is not one \`summary --format json\` writes.`));
}

const pct = (part: number, whole: number): string => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)} %`);

function total(teams: readonly TeamFacts[]): Omit<TeamFacts, 'team' | 'today' | 'names'> {
  const sum = (k: 'reports' | 'held13' | 'due13' | 'overdue' | 'withoutActiveGoal' | 'careerOverdue' | 'prepared' | 'held'): number => teams.reduce((n, t) => n + t[k], 0);
  return { reports: sum('reports'), held13: sum('held13'), due13: sum('due13'), overdue: sum('overdue'), withoutActiveGoal: sum('withoutActiveGoal'), careerOverdue: sum('careerOverdue'), prepared: sum('prepared'), held: sum('held') };
}

const HEAD = ['team', 'reports', 'adherence 13 w', 'overdue now', 'without an active goal', 'career 1:1 overdue', 'prepared 1:1s'];
const REPORT_HEAD = ['report', 'adherence 13 w', 'overdue by', 'active goals', 'career 1:1 overdue', 'prepared 1:1s'];

function cells(t: Omit<TeamFacts, 'team' | 'today' | 'names'>, name: string): string[] {
  return [name, String(t.reports), pct(t.held13, t.due13), String(t.overdue), String(t.withoutActiveGoal), String(t.careerOverdue), pct(t.prepared, t.held)];
}

function reportCells(r: ReportFacts): string[] {
  return [r.name, r.adherence13 === null ? '–' : `${r.adherence13} %`, r.overdueBy > 0 ? `${r.overdueBy} d` : '–', String(r.activeGoals), r.careerOverdue ? 'yes' : 'no', r.prepRate === null ? '–' : `${r.prepRate} %`];
}

function markdownTable(head: readonly string[], rows: readonly string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`)].join('\n');
}

function textTable(head: readonly string[], rows: readonly string[][]): string {
  const all = [head, ...rows.map((r) => r.map((c) => escapeText(c)))];
  const widths = head.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  return all.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd()).join('\n');
}

export function formatSummary(teams: readonly TeamFacts[], format: SummaryFormat): string {
  if (format === 'json') return `${JSON.stringify({ kind: KIND, version: 1, teams }, null, 2)}\n`;
  const rows = [...teams.map((t) => cells(t, t.team)), cells(total(teams), 'total')];
  const out: string[] = [];
  out.push(format === 'markdown' ? markdownTable(HEAD, rows) : textTable(HEAD, rows));
  for (const t of teams) {
    if (!t.names) continue;
    const reportRows = t.names.map(reportCells);
    out.push(format === 'markdown' ? `### ${markdownCell(t.team)}\n\n${markdownTable(REPORT_HEAD, reportRows)}` : `${escapeText(t.team)}\n${textTable(REPORT_HEAD, reportRows)}`);
  }
  return `${out.join('\n\n')}\n`;
}

export async function runSummary(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const format = stringOption(parsed, 'format') ?? 'text';
  if (!(SUMMARY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${SUMMARY_FORMATS.join(', ')}.`);
  const todayOption = stringOption(parsed, 'today');
  if (todayOption !== undefined && !isIsoDate(todayOption)) throw new UsageError('--today needs a date as YYYY-MM-DD.');
  const today = todayOption ?? isoDateOf(io.now());
  const names = booleanOption(parsed, 'names', false);
  if (parsed.positionals.length === 0) throw new UsageError('Name at least one team folder (or a JSON file `summary --format json` or `check --format json` wrote).');
  const teams: TeamFacts[] = [];
  // One team at a time: its index and checker are dropped before the next is read.
  for (const arg of parsed.positionals) {
    const abs = path.resolve(io.cwd, arg);
    let kind: 'dir' | 'file' | undefined;
    try {
      const st = statSync(abs);
      kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
    } catch {
      kind = undefined;
    }
    if (kind === undefined) {
      io.err(`one-on-ones: no team folder or JSON file at ${escapeText(arg)}.\n`);
      return 2;
    }
    if (kind === 'file') {
      teams.push(...factsFromJson(arg, readFileSync(abs, 'utf8')));
      continue;
    }
    const checker = await TeamChecker.open(new NodeTeamFileSystem(abs), { today });
    const summary = await new DashboardQuery(checker).summary();
    teams.push(teamFacts(arg, summary, names));
  }
  io.out(formatSummary(teams, format as SummaryFormat));
  return 0;
}
