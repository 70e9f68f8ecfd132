/**
 * The text of files the commands create: a new 1:1 note (prepared from what the last 1:1s left open), a new report,
 * a new goal. Pure: the VS Code layer writes the result through a WorkspaceEdit.
 */
import { Document, stringify } from 'yaml';
import { addDays, parseDuration } from './dates';
import type { IsoDate } from './dates';
import { suggestId } from './index/teamIndex';
import type { MeetingRef } from './index/teamIndex';
import { goalEndOf } from './rules/context';
import type { ReportContext } from './rules/context';
import { buddyTopic, careerNotes, careerTopics, oneLine, templateTopics } from './career';
import type { BuddyGoal } from './career';
import type { MeetingKind } from './types';
import type { PlainValue } from './edit/yamlEdit';

/** `2026-11-24.yaml`, or `2026-11-24-2.yaml` when that day already has one, and so on. */
export function nextMeetingFileName(existing: readonly MeetingRef[], date: IsoDate): string {
  const taken = new Set(existing.filter((m) => m.date === date).map((m) => m.seq));
  if (!taken.has(1)) return `${date}.yaml`;
  let n = 2;
  while (taken.has(n)) n++;
  return `${date}-${n}.yaml`;
}

/** Whether the next 1:1 should be the bigger-picture one: no held career 1:1 within `career-every` minus a cadence. */
export function careerDue(ctx: ReportContext): boolean {
  if (!ctx.lastHeld) return false;
  const last = ctx.held.find((m) => m.value?.kind === 'career');
  if (!last) return true;
  return addDays(last.ref.date, ctx.careerEveryDays - ctx.cadenceDays) <= ctx.today;
}

/** What a new 1:1 starts with besides what the last 1:1s left open. */
export interface NewMeetingExtras {
  /** Goals of other reports this report is the buddy on (Start 1:1 Note asks how it goes). */
  readonly buddyOf?: readonly BuddyGoal[];
}

/**
 * A planned 1:1 for `date`: each active goal gets an empty check-in, open actions and feedback not yet delivered are
 * carried over, so the manager prepares on top of what is still open rather than from a blank page. The team's
 * `templates.regular` topics come first among yours, then a topic per goal they are the buddy on.
 */
export function newMeetingText(ctx: ReportContext, date: IsoDate, extras: NewMeetingExtras = {}): string {
  const kind = careerDue(ctx) ? 'career' : 'regular';
  // The team's template of that kind only: a career-due note gets the full preparation from Start Career Conversation.
  const own = ctx.team.templates?.[kind] ? templateTopics(ctx.team, kind) : [];
  const topics = [...own, ...(extras.buddyOf ?? []).map(buddyTopic)];
  return meetingText(ctx, date, kind, topics, '', `1:1 with ${oneLine(ctx.name)} — prep: real feedback (positive and negative), your topics; leave status updates out.`);
}

/**
 * A planned career 1:1 for `date` (Start Career Conversation): the essay's prompts (or the team's career template)
 * as your topics, their aspirations and every goal so far in the shared notes, and what a regular 1:1 carries over.
 */
export function careerMeetingText(ctx: ReportContext, date: IsoDate): string {
  const aspirations = ctx.profile?.aspirations ?? [];
  const notes = careerNotes({ aspirations, goals: ctx.goals, endOf: (g) => goalEndOf(ctx, g) }, ctx.today);
  return meetingText(ctx, date, 'career', careerTopics(ctx.team, aspirations), notes,
    `Career 1:1 with ${oneLine(ctx.name)} — the bigger picture: where they want to go, the next two-month step, who could help.`);
}

function meetingText(ctx: ReportContext, date: IsoDate, kind: MeetingKind, topics: readonly string[], notes: string, header: string): string {
  const previous = ctx.meetings.find((m) => m.ref.date <= date && m.value);
  const carriedFeedback = (previous?.value?.feedback ?? []).filter((f) => !f.delivered).map((f) => ({ type: f.type, text: f.text, delivered: false }));
  const doc: Record<string, PlainValue> = {
    date,
    status: 'planned',
    kind,
    prep: {
      manager: { feedback: carriedFeedback, topics: [...topics] },
      report: { topics: [] },
    },
  };
  if (ctx.activeGoals.length > 0) doc.goals = Object.fromEntries(ctx.activeGoals.map((g) => [g.id, '']));
  doc.notes = notes;
  doc.private = '';
  doc.actions = ctx.openActions.map((o) => {
    const a: Record<string, PlainValue> = { text: o.action.text, owner: o.action.owner };
    if (o.action.due) a.due = o.action.due;
    a.done = false;
    return a;
  });
  // One header line: a line break in the name (a lone CR included, which the readers flag) becomes a space.
  return withHeader(doc, header);
}

/**
 * A YAML file with a header comment, composed by the YAML layer: the comment is the Document's own (each of its
 * lines gets its `#`), so nothing in it can become a key.
 */
function withHeader(value: Record<string, PlainValue>, header: string): string {
  const doc = new Document(value);
  doc.commentBefore = ` ${header}`;
  return doc.toString({ lineWidth: 0 });
}

export interface NewReport {
  readonly name: string;
  readonly role?: string;
  readonly cadence?: string;
  readonly since: IsoDate;
  /** Their big aspirations, in their words ("Move into management"); two-month goals are steps towards them. */
  readonly aspirations?: readonly string[];
}

export function newReportText(r: NewReport): string {
  const doc: Record<string, PlainValue> = { name: r.name };
  if (r.role) doc.role = r.role;
  doc.since = r.since;
  if (r.cadence) doc.cadence = r.cadence;
  doc.aspirations = (r.aspirations ?? []).map((a) => a.trim()).filter((a) => a !== '');
  return stringify(doc, { lineWidth: 0 });
}

/**
 * A new team.yaml: the manager's name and the defaults written out, so they can be read and changed in one place.
 * Nobody else: reports are added one by one (no invented person joins a real team).
 */
export function newTeamText(manager: string): string {
  return withHeader(
    { manager: manager.trim(), cadence: 'weekly', 'grace-days': 2, 'career-every': '8w', 'goal-length': '8w' },
    'Team defaults for First-Class 1:1s: how often you meet each report, and the rhythm of career 1:1s and goals.',
  );
}

/** A report id for a name, unique among the existing ones: `Zoë Müller` → `zoe-muller`, then `zoe-muller-2`. */
export function newReportId(name: string, existing: ReadonlySet<string>): string {
  const base = suggestId(name);
  if (!existing.has(base)) return base;
  let n = 2;
  while (existing.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** The essay's examples of two-month goals, offered when adding one. */
export const GOAL_SUGGESTIONS: readonly string[] = [
  'Better communication with teammates',
  'Better communication with non-technical people',
  'Improve self time management',
  'Provide clearer feedback',
  'Mentor a new employee',
  'Take the lead on a big feature',
  'Be assigned some tasks in another area (with a buddy)',
];

export interface NewGoal {
  readonly title: string;
  readonly aspiration?: string;
  readonly start: IsoDate;
  readonly goalLength: string;
  readonly buddy?: string;
}

export function newGoalItem(goal: NewGoal, existingIds: ReadonlySet<string>): Record<string, PlainValue> {
  const words = suggestId(goal.title).split('-').slice(0, 4).join('-') || 'goal';
  let id = words;
  for (let n = 2; existingIds.has(id); n++) id = `${words}-${n}`;
  const item: Record<string, PlainValue> = { id, title: goal.title };
  if (goal.aspiration) item.aspiration = goal.aspiration;
  item.start = goal.start;
  item.end = addDays(goal.start, parseDuration(goal.goalLength) ?? 56);
  item.status = 'active';
  if (goal.buddy) item.buddy = goal.buddy;
  return item;
}
