/**
 * The agenda of a 1:1, to share with the report before it: their topics and the manager's, goals with their last
 * check-ins, open actions with owners and due dates, and feedback only when it was delivered or the manager asks for
 * it by name (`includeFeedback`). Never the `private` notes, never the shared `notes` of earlier 1:1s.
 *
 * Which 1:1: the one on `date` when given (a planned file or not); else the soonest planned 1:1 from today; else the
 * day the next one is due (nothing is written for it yet: goals and actions still make an agenda).
 */
import type { IsoDate } from '../dates';
import { nextDueDate } from '../planning';
import { goalEndOf } from '../rules/context';
import type { Meeting } from '../types';
import { readable, shareableFeedback } from './history';
import type { DatedMeeting, ReportHistory } from './history';
import { day, document, item, md } from './markdown';

export interface AgendaOptions {
  /** The 1:1's day; default: the next planned one, else the next due date. */
  readonly date?: IsoDate;
  /** Also undelivered feedback (what the manager is about to give). */
  readonly includeFeedback?: boolean;
}

export interface AgendaTarget {
  readonly date: IsoDate;
  /** The 1:1 file of that day, if there is one (the first of the day when there are several). */
  readonly meeting: Meeting | undefined;
  readonly how: 'given' | 'planned' | 'due';
}

/** Which 1:1 the agenda is for (also what the VS Code command offers as the default day). */
export function agendaTarget(h: ReportHistory, options: AgendaOptions = {}): AgendaTarget {
  const all = readable(h.meetings);
  const today = h.context.today;
  if (options.date !== undefined) {
    const date = options.date;
    return { date, meeting: all.find((m) => m.date === date)?.value, how: 'given' };
  }
  const planned = all.find((m) => m.value.status === 'planned' && m.date >= today);
  if (planned) return { date: planned.date, meeting: planned.value, how: 'planned' };
  return { date: nextDueDate(h.context) ?? today, meeting: undefined, how: 'due' };
}

/** Each goal's last check-in in a held 1:1 before `before`: one pass over the 1:1s for every goal at once. */
function lastCheckIns(history: readonly DatedMeeting[], before: IsoDate): Map<string, { date: IsoDate; text: string }> {
  const out = new Map<string, { date: IsoDate; text: string }>();
  for (const m of history) {
    if (m.date >= before || m.value.status !== 'held') continue;
    // Oldest first: a later check-in replaces an earlier one.
    for (const c of m.value.goals) if (c.text.trim() !== '') out.set(c.goalId, { date: m.date, text: c.text });
  }
  return out;
}

export function agendaMarkdown(h: ReportHistory, options: AgendaOptions = {}): string {
  const ctx = h.context;
  const target = agendaTarget(h, options);
  const m = target.meeting;
  const history = readable(h.meetings);
  const career = m?.kind === 'career';
  const sub = target.how === 'due' ? '_Nothing is planned yet: this is the day the next 1:1 is due._'
    : m === undefined ? '_No 1:1 file for this day yet: goals and open actions only._'
      : `_${m.status === 'planned' ? 'Planned' : m.status === 'held' ? 'Held' : 'Skipped'}${career ? ' · a career conversation: the bigger picture, not this week\'s work' : ''}._`;
  const head = [`# 1:1 — ${md(h.name)}, ${day(target.date)}`, '', sub];
  const theirs = m?.reportTopics ?? [];
  const mine = m?.managerTopics ?? [];
  const topics = [
    '## Your topics',
    '',
    ...(theirs.length > 0 ? theirs.map((t) => item(t.text)) : ['_Nothing yet: this is your time, bring what is on your mind._']),
    '',
    `## ${ctx.team.manager ? `${md(ctx.team.manager)}'s topics` : 'My topics'}`,
    '',
    ...(mine.length > 0 ? mine.map((t) => item(t.text)) : ['_Nothing yet._']),
  ];
  const checkIns = lastCheckIns(history, target.date);
  const goals = ctx.activeGoals.length === 0 ? ['## Goals', '', '_No active two-month goal: worth setting one._'] : [
    '## Goals',
    ...ctx.activeGoals.flatMap((g) => {
      const last = checkIns.get(g.id);
      return [
        '',
        `### ${md(g.title)}`,
        '',
        `- ${g.start} → ${goalEndOf(ctx, g)}${g.aspiration ? ` · towards: ${md(g.aspiration)}` : ''}`,
        ...(g.success ? [`- Success: ${md(g.success)}`] : []),
        last ? `- Last check-in (${last.date}): ${md(last.text)}` : '- No check-in yet.',
      ];
    }),
  ];
  const open = ctx.openActions;
  const actions = [
    '## Open actions',
    '',
    ...(open.length > 0
      ? open.map((o) => `- [ ] ${md(o.action.text)} — ${o.action.owner === 'manager' ? (ctx.team.manager ? md(ctx.team.manager) : 'manager') : md(h.name)}${o.action.due ? `, due ${o.action.due}${o.action.due < ctx.today ? ' (overdue)' : ''}` : ''}`)
      : ['_None open._']),
  ];
  const feedback = m ? shareableFeedback(m, options.includeFeedback === true) : [];
  const fb = feedback.length === 0 ? [] : [
    '## Feedback',
    '',
    ...feedback.map((f) => item(f.text, f.type === 'positive' ? '**Positive:** ' : '**To improve:** ')),
  ];
  return document([head, topics, goals, actions, fb]);
}
