/**
 * The review digest: evidence from the 1:1 files for performance-review season, for one report and one period.
 * Feedback given (delivered only, dated, by type), goals started / done / dropped with their success criteria, career
 * conversations and the report's aspirations, actions completed, cadence adherence. No prose is made up here, and the
 * `private` notes (and feedback written down but never delivered) appear only when the manager asks for them by name
 * (`includePrivate`).
 */
import type { IsoDate } from '../dates';
import { actionKey, goalEndOf } from '../rules/context';
import type { Goal } from '../types';
import { adherenceBetween, percentText } from './cadence';
import { isHeld, readable } from './history';
import type { ReportHistory } from './history';
import { document, item, md } from './markdown';

export interface ReviewOptions {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly includePrivate?: boolean;
}

const overlaps = (g: Goal, end: IsoDate, from: IsoDate, to: IsoDate): boolean => g.start <= to && end >= from;

export function reviewMarkdown(h: ReportHistory, options: ReviewOptions): string {
  const { from, to } = options;
  const ctx = h.context;
  const inPeriod = readable(h.meetings).filter((m) => m.date >= from && m.date <= to);
  const held = inPeriod.filter((m) => isHeld(m, ctx.today));
  const head = [
    `# Review digest — ${md(h.name)}, ${from} to ${to}`,
    '',
    `_From the 1:1 files: what was written down, dated. ${options.includePrivate ? '**Includes private notes: do not share.**' : 'No private notes.'}_`,
  ];
  const a = adherenceBetween(h, from, to);
  const skipped = inPeriod.filter((m) => m.value.status === 'skipped').length;
  const cadence = [
    '## Cadence',
    '',
    `- Cadence: ${md(ctx.cadence)}`,
    `- 1:1s held: ${held.length}${skipped > 0 ? `, skipped: ${skipped}` : ''}`,
    `- Adherence: ${percentText(a)}`,
  ];
  const positive: string[] = [];
  const negative: string[] = [];
  for (const m of held) {
    for (const f of m.value.feedback) {
      if (!f.delivered) continue;
      (f.type === 'positive' ? positive : negative).push(item(f.text, `${m.date}: `));
    }
  }
  const feedback = [
    '## Feedback given',
    '',
    `### Positive (${positive.length})`,
    '',
    ...(positive.length > 0 ? positive : ['_None recorded._']),
    '',
    `### To improve (${negative.length})`,
    '',
    ...(negative.length > 0 ? negative : ['_None recorded._']),
  ];
  const goalLine = (g: Goal): string[] => [
    `- **${md(g.title)}** (${g.start} → ${goalEndOf(ctx, g)})${g.aspiration ? ` · towards: ${md(g.aspiration)}` : ''}`,
    ...(g.success ? [`  - Success: ${md(g.success)}`] : []),
  ];
  const started = ctx.goals.filter((g) => g.start >= from && g.start <= to);
  const ended = (status: Goal['status']): Goal[] => ctx.goals.filter((g) => g.status === status && overlaps(g, goalEndOf(ctx, g), from, to));
  const group = (title: string, goals: readonly Goal[]): string[] => [`### ${title} (${goals.length})`, '', ...(goals.length > 0 ? goals.flatMap(goalLine) : ['_None._'])];
  const goals = [
    '## Goals',
    '',
    ...group('Started in the period', started),
    '',
    ...group('Done (their two months overlap the period)', ended('done')),
    '',
    ...group('Dropped (their two months overlap the period)', ended('dropped')),
  ];
  const careers = held.filter((m) => m.value.kind === 'career');
  const aspirations = ctx.profile?.aspirations ?? [];
  const career = [
    '## Career conversations',
    '',
    ...(careers.length > 0 ? careers.map((m) => `- ${m.date}${m.value.reportTopics.length > 0 ? `: ${m.value.reportTopics.map((t) => md(t.text)).join('; ')}` : ''}`) : ['_None held in the period._']),
    '',
    '### Their aspirations',
    '',
    ...(aspirations.length > 0 ? aspirations.map((s) => item(s)) : ['_None written down._']),
  ];
  // An action counts once (same owner and text), at the first 1:1 in the period that shows it done.
  const done = new Map<string, string>();
  for (const m of inPeriod) {
    for (const act of m.value.actions) {
      const k = actionKey(act);
      if (act.done && !done.has(k)) done.set(k, item(act.text, `${m.date} (${act.owner === 'manager' ? 'manager' : md(h.name)}): `));
    }
  }
  const actions = ['## Actions completed', '', ...(done.size > 0 ? done.values() : ['_None recorded._'])];
  // Asked for by name: the private notes, and the feedback that was written down but never given.
  const privates = options.includePrivate
    ? inPeriod.filter((m) => (m.value.private ?? '').trim() !== '').map((m) => item(m.value.private ?? '', `${m.date}: `))
    : [];
  const undelivered = options.includePrivate
    ? inPeriod.flatMap((m) => m.value.feedback.filter((f) => !f.delivered).map((f) => item(f.text, `${m.date}, ${f.type === 'positive' ? 'positive' : 'to improve'}: `)))
    : [];
  const manager = options.includePrivate ? [
    '## Private notes',
    '',
    ...(privates.length > 0 ? privates : ['_None._']),
    '',
    '## Feedback written down but not delivered',
    '',
    ...(undelivered.length > 0 ? undelivered : ['_None._']),
  ] : [];
  return document([head, cadence, feedback, goals, career, actions, manager]);
}
