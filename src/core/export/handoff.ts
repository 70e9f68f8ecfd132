/**
 * The handoff: what a new manager needs when a report changes manager, for the three-way handoff. Aspirations, goals
 * and their check-in history, open actions, the cadence history, the last career conversation, and the feedback that
 * was delivered. Never the `private` notes and never undelivered feedback (it was never said to the report).
 */
import { addDays } from '../dates';
import { goalEndOf } from '../rules/context';
import type { Goal } from '../types';
import { adherenceBetween, percentText } from './cadence';
import { isHeld, readable } from './history';
import type { ReportHistory } from './history';
import { day, document, item, md } from './markdown';

/** Check-ins listed per goal (the newest ones): enough history to read, bounded for a long goal. */
const CHECK_INS_PER_GOAL = 12;

export function handoffMarkdown(h: ReportHistory): string {
  const ctx = h.context;
  const today = ctx.today;
  const all = readable(h.meetings);
  const held = all.filter((m) => isHeld(m, today));
  const p = ctx.profile;
  const head = [
    `# Handoff — ${md(h.name)}`,
    '',
    `_Prepared ${today} from the 1:1 files, for the handoff to a new manager. No private notes, no feedback that was not given._`,
    '',
    ...(p?.role ? [`- Role: ${md(p.role)}`] : []),
    ...(p?.since ? [`- Reporting since: ${p.since}`] : []),
    `- Cadence: ${md(ctx.cadence)}`,
    ...(ctx.paused.filter((l) => l.to === undefined || l.to >= today).map((l) => `- Leave: ${l.from} → ${l.to ?? 'open-ended'}`)),
  ];
  const aspirations = ['## Aspirations', '', ...((p?.aspirations.length ?? 0) > 0 ? (p?.aspirations ?? []).map((a) => item(a)) : ['_None written down: ask in your first career conversation._'])];
  // One pass over the 1:1s, newest first, for every goal at once (linear in the files, however many goals).
  const byGoal = new Map<string, string[]>();
  for (let i = held.length - 1; i >= 0; i--) {
    for (const c of held[i].value.goals) {
      if (c.text.trim() === '') continue;
      let lines = byGoal.get(c.goalId);
      if (!lines) byGoal.set(c.goalId, (lines = []));
      if (lines.length < CHECK_INS_PER_GOAL) lines.push(`  - ${held[i].date}: ${md(c.text)}`);
    }
  }
  const checkIns = (g: Goal): string[] => [...(byGoal.get(g.id) ?? [])].reverse();
  const goalBlock = (g: Goal): string[] => [
    `- **${md(g.title)}** — ${g.status}, ${g.start} → ${goalEndOf(ctx, g)}${g.aspiration ? ` · towards: ${md(g.aspiration)}` : ''}${g.buddy ? ` · buddy: ${md(g.buddy)}` : ''}`,
    ...(g.success ? [`  - Success: ${md(g.success)}`] : []),
    ...checkIns(g),
  ];
  const active = ctx.goals.filter((g) => g.status === 'active');
  const past = ctx.goals.filter((g) => g.status !== 'active').sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const goals = [
    '## Goals',
    '',
    '### Active',
    '',
    ...(active.length > 0 ? active.flatMap(goalBlock) : ['_None._']),
    '',
    '### Past',
    '',
    ...(past.length > 0 ? past.flatMap(goalBlock) : ['_None._']),
  ];
  const actions = [
    '## Open actions',
    '',
    ...(ctx.openActions.length > 0
      ? ctx.openActions.map((o) => `- [ ] ${md(o.action.text)} — ${o.action.owner === 'manager' ? 'manager' : md(h.name)}${o.action.due ? `, due ${o.action.due}` : ''} (since ${o.firstSeen.ref.date})`)
      : ['_None open._']),
  ];
  const first = all[0]?.date;
  const a13 = adherenceBetween(h, addDays(today, -7 * 12), today);
  const a26 = adherenceBetween(h, addDays(today, -7 * 25), today);
  const cadence = [
    '## Cadence history',
    '',
    `- 1:1s on file: ${all.length}${first ? ` since ${first}` : ''}; held: ${held.length}, skipped: ${all.filter((m) => m.value.status === 'skipped').length}`,
    `- Last held: ${held.length > 0 ? day(held[held.length - 1].date) : 'none yet'}`,
    `- Adherence, last 13 weeks: ${percentText(a13)}`,
    `- Adherence, last 26 weeks: ${percentText(a26)}`,
  ];
  const lastCareer = [...held].reverse().find((m) => m.value.kind === 'career');
  const career = ['## Last career conversation', ''];
  if (!lastCareer) career.push('_None on file: hold one early._');
  else {
    const v = lastCareer.value;
    career.push(`- ${day(lastCareer.date)}`);
    if (v.reportTopics.length > 0) career.push(`- Their topics: ${v.reportTopics.map((t) => md(t.text)).join('; ')}`);
    if (v.managerTopics.length > 0) career.push(`- Manager's topics: ${v.managerTopics.map((t) => md(t.text)).join('; ')}`);
    for (const c of v.goals) if (c.text.trim() !== '') career.push(`- Check-in on ${md(c.goalId)}: ${md(c.text)}`);
  }
  const since = addDays(today, -7 * 26);
  const given = held.filter((m) => m.date >= since).flatMap((m) => m.value.feedback.filter((f) => f.delivered).map((f) => item(f.text, `${m.date}, ${f.type === 'positive' ? 'positive' : 'to improve'}: `)));
  const feedback = ['## Feedback given, last 26 weeks', '', ...(given.length > 0 ? given : ['_None recorded._'])];
  return document([head, aspirations, goals, actions, cadence, career, feedback]);
}
