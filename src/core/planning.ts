/**
 * The weekly loop: which day to plan a 1:1 for, which 1:1s are already planned, and what the coming week holds.
 * Pure functions of a report's context (or all of them) and today's date; the VS Code layer turns them into quick
 * picks, the This Week view and the status bar.
 */
import { addCountedDays, addDays, daysBetween, isIsoDate, relativeDay } from './dates';
import type { IsoDate } from './dates';
import type { LoadedMeeting } from './index/teamIndex';
import type { ReportContext } from './rules/context';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The day of the week of a calendar date (0 = Sunday), by arithmetic from a known Sunday: no time zones involved. */
export function weekdayOf(date: IsoDate): number {
  return ((daysBetween('2000-01-02', date) % 7) + 7) % 7;
}

/** `Thursday`, or `Thu` with `short`. */
export function weekdayName(date: IsoDate, short = false): string {
  const name = WEEKDAYS[weekdayOf(date)];
  return short ? name.slice(0, 3) : name;
}

/**
 * When the report's next 1:1 is due: the last held 1:1 plus the cadence (leave not counted); with no 1:1 yet, the
 * day they started reporting to you plus the cadence (leave not counted). Never earlier than today: a 1:1 that is
 * overdue is due today. Undefined while an open-ended leave goes on, or once the report has left.
 */
export function nextDueDate(ctx: ReportContext): IsoDate | undefined {
  const due = dueDate(ctx);
  return due === undefined || due >= ctx.today ? due : ctx.today;
}

/** When the next 1:1 fell or falls due, possibly in the past (see `nextDueDate`). */
export function dueDate(ctx: ReportContext): IsoDate | undefined {
  if (ctx.hasLeft) return undefined;
  const from = ctx.lastHeld?.ref.date ?? ctx.profile?.since;
  return from ? addCountedDays(from, ctx.cadenceDays, ctx.paused) : ctx.today;
}

/** A planned 1:1 of a report: its file and day, and what has been prepared. */
export interface PlannedMeeting {
  readonly reportId: string;
  readonly reportName: string;
  readonly date: IsoDate;
  readonly file: string;
  readonly prep: PrepState;
}

export interface PrepState {
  /** Feedback items the manager has written down. */
  readonly feedback: number;
  /** Topics the manager has written down. */
  readonly managerTopics: number;
  /** Topics the report brought. */
  readonly reportTopics: number;
}

/** What is written down for a 1:1 (the parser already leaves out blank items, as the prep rules count them). */
function prepOf(m: LoadedMeeting): PrepState {
  const v = m.value;
  return { feedback: v?.feedback.length ?? 0, managerTopics: v?.managerTopics.length ?? 0, reportTopics: v?.reportTopics.length ?? 0 };
}

/** `prepared`, `no prep yet`, with `their topics: N` when they brought some. */
export function describePrep(p: PrepState): string {
  const mine = p.feedback + p.managerTopics > 0 ? 'prepared' : 'no prep yet';
  return p.reportTopics > 0 ? `${mine} · their topics: ${p.reportTopics}` : mine;
}

/** The report's planned 1:1s dated `from` or later, soonest first. */
export function plannedMeetings(ctx: ReportContext, from: IsoDate): PlannedMeeting[] {
  return ctx.meetings
    .filter((m) => m.value?.status === 'planned' && m.ref.date >= from)
    .map((m) => ({ reportId: ctx.report.id, reportName: ctx.name, date: m.ref.date, file: m.ref.path, prep: prepOf(m) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.file.localeCompare(b.file)));
}

/** One choice of the "for which day?" picker of Start 1:1 Note. */
export interface DayChoice {
  /** Open this existing planned 1:1 instead of creating a file. */
  readonly open?: string;
  readonly date: IsoDate;
  readonly label: string;
  readonly detail: string;
}

/** `Thu 2026-12-03`. */
export function dayLabel(date: IsoDate): string {
  return `${weekdayName(date, true)} ${date}`;
}

/**
 * The days offered when planning a 1:1: the report's planned 1:1s from today on (to open), then the next due date,
 * today, tomorrow and the following weekdays up to a week ahead. The first item is the one to take when in doubt:
 * an existing planned 1:1, else the due date (today when the 1:1 is due or overdue), so Enter twice plans today's.
 */
export function dayChoices(ctx: ReportContext): DayChoice[] {
  const today = ctx.today;
  const out: DayChoice[] = [];
  const planned = plannedMeetings(ctx, today);
  for (const p of planned) out.push({ open: p.file, date: p.date, label: `Open the planned 1:1 of ${dayLabel(p.date)}`, detail: `${relativeDay(p.date, today)} · ${describePrep(p.prep)}` });
  const plannedDays = new Set(planned.map((p) => p.date));
  const seen = new Set<IsoDate>();
  const add = (date: IsoDate, why: string): void => {
    if (seen.has(date) || plannedDays.has(date)) return;
    seen.add(date);
    out.push({ date, label: dayLabel(date), detail: why });
  };
  const due = nextDueDate(ctx);
  if (due !== undefined) add(due, due === today ? (ctx.lastHeld || ctx.profile?.since ? 'due today' : 'today') : `next due (${relativeDay(due, today)}, ${ctx.cadence})`);
  add(today, 'today');
  add(addDays(today, 1), 'tomorrow');
  for (let n = 2; n <= 7; n++) {
    const date = addDays(today, n);
    const wd = weekdayOf(date);
    if (wd !== 0 && wd !== 6) add(date, relativeDay(date, today));
  }
  return out;
}

/** What a typed day means: a calendar date, or why it is not one. */
export function parseTypedDay(text: string): { readonly date: IsoDate } | { readonly error: string } {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return { error: 'Type a day as YYYY-MM-DD' };
  if (!isIsoDate(t)) return { error: `${t} is not a calendar date` };
  return { date: t };
}

/** One row of the This Week view. */
export interface WeekItem {
  readonly reportId: string;
  readonly reportName: string;
  readonly date: IsoDate;
  /** The planned 1:1's file; undefined when the 1:1 falls due but nothing is planned yet. */
  readonly file?: string;
  readonly description: string;
  readonly prepared: boolean;
}

/**
 * The coming week (today and the six days after): every planned 1:1 in it, and every report whose 1:1 falls due in it
 * (or is overdue) with nothing planned from today on. Soonest first, then by name.
 */
export function weekAhead(contexts: readonly ReportContext[], today: IsoDate): WeekItem[] {
  const end = addDays(today, 6);
  const out: WeekItem[] = [];
  for (const ctx of contexts) {
    if (ctx.hasLeft) continue;
    const planned = plannedMeetings(ctx, today);
    for (const p of planned.filter((x) => x.date <= end)) {
      out.push({
        reportId: ctx.report.id,
        reportName: ctx.name,
        date: p.date,
        file: p.file,
        description: `${weekdayName(p.date, true)} ${relativeDay(p.date, today)} · ${describePrep(p.prep)}`,
        prepared: p.prep.feedback + p.prep.managerTopics > 0,
      });
    }
    if (planned.length > 0) continue;
    const fell = dueDate(ctx);
    if (fell === undefined || fell > end) continue;
    const due = fell < today ? today : fell;
    const when = fell < today ? 'overdue' : fell === today ? 'due today' : `due ${weekdayName(due, true)} ${relativeDay(due, today)}`;
    out.push({
      reportId: ctx.report.id,
      reportName: ctx.name,
      date: due,
      description: `${when} · not planned yet`,
      prepared: false,
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.reportName.localeCompare(b.reportName)));
}

/** `Ana, Thu` for the status bar: the next 1:1 of the week ahead (planned or due), or undefined. */
export function nextMeetingText(items: readonly WeekItem[], today: IsoDate): string | undefined {
  const first = items[0];
  if (!first) return undefined;
  const when = first.date === today ? 'today' : daysBetween(today, first.date) === 1 ? 'tomorrow' : weekdayName(first.date, true);
  return `${first.reportName.split(/\s+/)[0]}, ${when}`;
}
