/**
 * The five exports by kind, as the CLI (`one-on-ones export KIND`) and the VS Code commands run them: each reads the
 * query layer only and returns the file's text. Which options a kind takes, and what each leaves out, is here once.
 */
import { isIsoDate } from '../dates';
import type { IsoDate } from '../dates';
import type { TeamQueries } from '../query/queries';
import { agendaMarkdown } from './agenda';
import { calendarIcs } from './calendar';
import { handbookMarkdown } from './handbook';
import { handoffMarkdown } from './handoff';
import { reviewMarkdown } from './review';

export const EXPORT_KINDS = ['agenda', 'calendar', 'handbook', 'review', 'handoff'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The kinds about one report (they need `report`). */
export const REPORT_KINDS: readonly ExportKind[] = ['agenda', 'review', 'handoff'];

export interface ExportOptions {
  readonly report?: string;
  readonly date?: IsoDate;
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  readonly includeFeedback?: boolean;
  readonly includePrivate?: boolean;
  /** The calendar's UID key (the team folder's name). */
  readonly teamKey?: string;
  /** The calendar's VTIMEZONE source (the adapters pass @touch4it/ical-timezones' getVtimezoneComponent). */
  readonly vtimezone?: (zone: string) => string | null;
}

/** A reason the export cannot be made from what was asked (the CLI exits 2, the command says it). */
export class ExportRequestError extends Error {}

export function isExportKind(k: string): k is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(k);
}

/** The file name extension of a kind's output. */
export function extensionOf(kind: ExportKind): 'ics' | 'md' {
  return kind === 'calendar' ? 'ics' : 'md';
}

/** A default file name: `agenda-marta-nowak-2026-12-01.md`, `one-on-ones.ics`, `handbook.md`. */
export function defaultFileName(kind: ExportKind, options: ExportOptions, today: IsoDate): string {
  switch (kind) {
    case 'calendar':
      return 'one-on-ones.ics';
    case 'handbook':
      return 'how-our-1on1s-work.md';
    case 'agenda':
      return `agenda-${options.report ?? 'report'}-${options.date ?? today}.md`;
    case 'review':
      return `review-${options.report ?? 'report'}-${options.from ?? ''}-to-${options.to ?? today}.md`;
    case 'handoff':
      return `handoff-${options.report ?? 'report'}-${today}.md`;
  }
}

function checkDate(name: string, v: string | undefined): void {
  if (v !== undefined && !isIsoDate(v)) throw new ExportRequestError(`--${name} needs a date as YYYY-MM-DD.`);
}

/** Options that do not fit a kind are refused rather than ignored: a review without `--include-private` is safe. */
const ALLOWED: Readonly<Record<ExportKind, ReadonlyArray<keyof ExportOptions>>> = {
  agenda: ['report', 'date', 'includeFeedback'],
  calendar: [],
  handbook: [],
  review: ['report', 'from', 'to', 'includePrivate'],
  handoff: ['report'],
};

const FLAG: Partial<Record<keyof ExportOptions, string>> = {
  report: '--report', date: '--date', from: '--from', to: '--to', includeFeedback: '--include-feedback', includePrivate: '--include-private',
};

export async function runExport(kind: ExportKind, queries: TeamQueries, options: ExportOptions): Promise<string> {
  for (const [key, flag] of Object.entries(FLAG) as Array<[keyof ExportOptions, string]>) {
    const v = options[key];
    if (v !== undefined && v !== false && !ALLOWED[kind].includes(key)) throw new ExportRequestError(`${flag} does not apply to the ${kind} export.`);
  }
  checkDate('date', options.date);
  checkDate('from', options.from);
  checkDate('to', options.to);
  if (kind === 'handbook') return handbookMarkdown(queries.team());
  if (kind === 'calendar') {
    const reports = queries.onTeam().map((s) => s.context);
    return calendarIcs({ team: queries.team(), teamKey: options.teamKey ?? '', today: queries.today, reports, vtimezone: options.vtimezone ?? (() => null) });
  }
  const id = options.report;
  if (id === undefined) throw new ExportRequestError(`The ${kind} export needs --report ID.`);
  const history = await queries.history(id);
  if (!history) throw new ExportRequestError('No report with that id in this team folder.');
  if (kind === 'agenda') return agendaMarkdown(history, { date: options.date, includeFeedback: options.includeFeedback });
  if (kind === 'handoff') return handoffMarkdown(history);
  if (options.from === undefined || options.to === undefined) throw new ExportRequestError('The review export needs --from and --to (YYYY-MM-DD).');
  if (options.from > options.to) throw new ExportRequestError('--from must not be after --to.');
  return reviewMarkdown(history, { from: options.from, to: options.to, includePrivate: options.includePrivate });
}
