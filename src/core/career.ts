/**
 * Career conversations (issue #15): the prompts a career 1:1 starts with, the goal history it is prepared with, the
 * question bank the form offers, and goals whose `buddy` names another report. Pure: today is passed in, nothing is
 * read from disk; the VS Code layer writes what these return.
 */
import type { IsoDate } from './dates';
import { rangeOfPath } from './format/parse';
import type { YamlFile } from './format/parse';
import { REPORT_ID } from './format/schema';
import type { Goal, MeetingKind, Range, TeamConfig } from './types';

/**
 * The essay's three questions of a career conversation, as your topics: where they want to go, the next two-month
 * step towards it, and who could help them take it. A team's `templates.career.topics` replaces them.
 */
export const CAREER_PROMPTS: readonly string[] = [
  'What do you want to move towards in the next year or two?',
  'What two-month step would get you closer to it?',
  'Who could be your buddy for that step?',
];

/** A question of the bank, with the theme it serves (what the quick pick shows beside it and matches on). */
export interface BankQuestion {
  readonly text: string;
  readonly theme: string;
  /** `team`: from team.yaml `questions`; `default`: the bank that ships. */
  readonly source: 'team' | 'default';
}

/**
 * The default bank, in the essay's spirit: feedback both ways, their growth, their topics and how they are doing.
 * Never a status question: each passes the status-update heuristic (a unit test checks it).
 */
export const DEFAULT_QUESTIONS: ReadonlyArray<Omit<BankQuestion, 'source'>> = [
  { theme: 'feedback for me', text: 'What is one thing I could do differently to support you better?' },
  { theme: 'feedback for me', text: 'Is there something I did recently that did not help you?' },
  { theme: 'feedback for me', text: 'What should I keep doing as your manager?' },
  { theme: 'feedback for them', text: 'How do you think the last project went for you, and what would you change?' },
  { theme: 'feedback for them', text: 'Would you like more feedback from me, or a different kind?' },
  { theme: 'growth', text: 'What skill would you like to get better at in the next few months?' },
  { theme: 'growth', text: 'What kind of work gives you energy, and how could you do more of it?' },
  { theme: 'growth', text: 'Who on the team or outside it would you like to learn from?' },
  { theme: 'growth', text: 'Is there an area of the product you would like to explore?' },
  { theme: 'their topics', text: 'What is on your mind this week that we have not talked about?' },
  { theme: 'their topics', text: 'Is anything getting in the way of doing your best work?' },
  { theme: 'the team', text: 'How is working with the rest of the team going?' },
  { theme: 'the team', text: 'Is there a decision on the team you would like to understand better?' },
  { theme: 'wellbeing', text: 'How are you feeling about your workload?' },
  { theme: 'wellbeing', text: 'What would make your working week better?' },
];

/** The bank the form offers: the team's questions first, then the default ones (a text the team has is not repeated). */
export function questionBank(team: Pick<TeamConfig, 'questions'>): BankQuestion[] {
  const out: BankQuestion[] = [];
  const seen = new Set<string>();
  const key = (t: string): string => t.trim().replace(/\s+/g, ' ').toLowerCase();
  for (const text of team.questions ?? []) {
    const t = oneLine(text);
    if (t === '' || seen.has(key(t))) continue;
    seen.add(key(t));
    out.push({ text: t, theme: 'team', source: 'team' });
  }
  for (const q of DEFAULT_QUESTIONS) {
    if (seen.has(key(q.text))) continue;
    seen.add(key(q.text));
    out.push({ ...q, source: 'default' });
  }
  return out;
}

/** The manager topics a new 1:1 of a kind starts with: the team's template, else the default (career: the prompts). */
export function templateTopics(team: Pick<TeamConfig, 'templates'>, kind: MeetingKind): string[] {
  const own = team.templates?.[kind]?.topics;
  if (own) return own.map(oneLine).filter((t) => t !== '');
  return kind === 'career' ? [...CAREER_PROMPTS] : [];
}

/** A text on one line: a line break (a lone CR included) becomes a space. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').trim();
}

/** What a career 1:1 is prepared with: where the report wants to go and every goal so far. */
export interface CareerFacts {
  readonly aspirations: readonly string[];
  readonly goals: readonly Goal[];
  /** A goal's end: as written, or start + the team's goal length. */
  readonly endOf: (goal: Goal) => IsoDate;
}

/**
 * The career 1:1's shared notes as they start: their aspirations and every goal (newest first) with its dates, its
 * outcome and what done looks like. A snapshot as of `today`: it is what was on the table in this conversation, kept
 * with it (the form's "bigger picture" shows the goals as they are now). Plain lines, no Markdown syntax the status
 * heuristic or an export would misread.
 */
export function careerNotes(facts: CareerFacts, today: IsoDate): string {
  const lines = [`Where things stand (${today}):`];
  lines.push(facts.aspirations.length > 0 ? `Aspirations: ${facts.aspirations.map(oneLine).join('; ')}` : 'Aspirations: none written down yet (ask, then add them to report.yaml).');
  if (facts.goals.length === 0) {
    lines.push('Two-month goals: none yet.');
  } else {
    lines.push('Two-month goals, newest first:');
    const sorted = [...facts.goals].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : a.index - b.index));
    for (const g of sorted) {
      const parts = [oneLine(g.title)];
      if (g.aspiration) parts.push(`towards: ${oneLine(g.aspiration)}`);
      parts.push(`${g.start} to ${safeEnd(facts, g)}`);
      parts.push(g.status === 'active' ? 'active' : g.status === 'done' ? 'done' : 'dropped');
      if (g.buddy) parts.push(`buddy: ${oneLine(g.buddy)}`);
      if (g.success && g.success.trim() !== '') parts.push(`success: ${oneLine(g.success)}`);
      lines.push(`- ${parts.join(' · ')}`);
    }
  }
  lines.push('', 'What we agreed:', '');
  return lines.join('\n');
}

function safeEnd(facts: CareerFacts, g: Goal): string {
  try {
    return facts.endOf(g);
  } catch {
    return g.end ?? '?'; // a start at the end of the calendar: the goal rules say so; the notes still list it
  }
}

/**
 * The first prompt names what they said so far, so the conversation starts from it rather than from a blank.
 * Only the default prompts are touched: a team's own template is written as it is.
 */
export function careerTopics(team: Pick<TeamConfig, 'templates'>, aspirations: readonly string[]): string[] {
  const topics = templateTopics(team, 'career');
  if (team.templates?.career || aspirations.length === 0 || topics.length === 0) return topics;
  return [`${topics[0]} (so far: ${aspirations.map(oneLine).join('; ')})`, ...topics.slice(1)];
}

// ---------------------------------------------------------------------------------------------------------------
// Buddies

/**
 * Whether a `buddy` is meant as a report id: written like a report folder's name (lower-case letters, digits,
 * dashes, no spaces). Free text ("Priya (has mentored before)") is someone outside the team and stays as it is.
 */
export function looksLikeReportId(buddy: string): boolean {
  return REPORT_ID.test(buddy);
}

/** A goal of one report on which another report is the buddy: shown under the buddy too. */
export interface BuddyGoal {
  /** The report whose goal it is. */
  readonly ownerId: string;
  readonly ownerName: string;
  readonly goalId: string;
  readonly title: string;
  /** Index in the owner's goals list (where it is in goals.yaml). */
  readonly index: number;
  /** The owner's goals.yaml, and where the goal is in it. */
  readonly file: string;
  readonly range: Range | undefined;
}

/** A report as the buddy lookup needs it: its id, name, goals, and whether it is still on the team. */
export interface BuddyOwner {
  readonly id: string;
  readonly name: string;
  readonly goals: readonly Goal[];
  readonly hasLeft: boolean;
  readonly goalsFile: YamlFile | undefined;
}

/**
 * Active goals of reports still on the team whose `buddy` names a report id, by that id (its own goals are not its
 * buddy's). One pass over the team's goals.
 */
export function buddyGoalsById(owners: Iterable<BuddyOwner>): Map<string, BuddyGoal[]> {
  const out = new Map<string, BuddyGoal[]>();
  for (const o of owners) {
    if (o.hasLeft) continue;
    for (const g of o.goals) {
      const buddy = g.buddy;
      if (g.status !== 'active' || buddy === undefined || buddy === o.id || !looksLikeReportId(buddy)) continue;
      const item: BuddyGoal = {
        ownerId: o.id, ownerName: o.name, goalId: g.id, title: g.title, index: g.index,
        file: o.goalsFile?.path ?? `${o.id}/goals.yaml`,
        range: o.goalsFile ? rangeOfPath(o.goalsFile, ['goals', g.index]) : undefined,
      };
      const list = out.get(buddy);
      if (list) list.push(item);
      else out.set(buddy, [item]);
    }
  }
  return out;
}

/** The topic Start 1:1 Note adds for each goal the report is a buddy on. */
export function buddyTopic(b: BuddyGoal): string {
  return `Buddy for ${oneLine(b.ownerName)} on “${oneLine(b.title)}”: how is it going, what help do you need?`;
}
