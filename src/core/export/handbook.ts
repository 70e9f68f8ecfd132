/**
 * "How our 1:1s work": the team's 1:1 process written out for everyone, new hires first, from team.yaml. Each
 * section has a default text in the spirit of the essay the tool follows; team.yaml `handbook:` replaces a section's
 * text by id (the manager's Markdown, used as written: it is their document). Only team.yaml is read: no report.
 */
import { parseDuration } from '../dates';
import { HANDBOOK_SECTIONS } from '../format/schema';
import type { HandbookSection } from '../format/schema';
import type { TeamConfig } from '../types';
import { document, md } from './markdown';

export const HANDBOOK_TITLES: Readonly<Record<HandbookSection, string>> = {
  purpose: 'What a 1:1 is for',
  'not-for': 'What a 1:1 is not for',
  cadence: 'How often',
  prepare: 'How we both prepare',
  feedback: 'Feedback, both ways',
  goals: 'Two-month goals',
  career: 'Career conversations',
  private: 'What stays private',
};

/** `weekly` → `every week`, `biweekly` → `every two weeks`, `10d` → `every 10 days`, `3w` → `every 3 weeks`. */
export function everyText(cadence: string): string {
  if (cadence === 'weekly') return 'every week';
  if (cadence === 'biweekly') return 'every two weeks';
  const m = /^(\d+)([dw])$/.exec(cadence);
  if (!m) return md(cadence);
  const n = Number(m[1]);
  const unit = m[2] === 'w' ? 'week' : 'day';
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

function weeksText(duration: string): string {
  const days = parseDuration(duration);
  if (days === undefined) return md(duration);
  if (days % 7 === 0) {
    const w = days / 7;
    if (w % 4 === 0 && w >= 8) return `${w / 4} months (${w} weeks)`;
    return w === 1 ? 'one week' : `${w} weeks`;
  }
  return `${days} days`;
}

function defaults(team: TeamConfig): Record<HandbookSection, string> {
  return {
    purpose: [
      'Our 1:1s are about you: your growth, your work life, and what gets in your way. They are the main place where',
      'feedback happens, and your platform to speak up. Rants are allowed: a difficulty you bring is often a chance to',
      'grow, so we will not always just solve it for you.',
    ].join('\n'),
    'not-for': [
      'They are not status updates. How the work is going has its own places (stand-ups, the board, reviews); keeping it',
      'out of the 1:1 keeps us both off the current tasks, so we can see the wider picture.',
    ].join('\n'),
    cadence: [
      `We meet ${everyText(team.cadence)}, and it is a recurring event in both our calendars. If a 1:1 has to move, we`,
      `move it rather than drop it: one that is more than ${team.graceDays === 1 ? 'a day' : `${team.graceDays} days`} late is overdue, and I will find`,
      'a new slot. Your leave does not count against it.',
    ].join('\n'),
    prepare: [
      'We both prepare. I come with real feedback, the topics I want to discuss, and where your two-month goal stands;',
      'feedback made up on the spot is a sign of disrespect, and I will not do it to you.',
      '',
      'You come with your topics: what is on your mind, what you need, what you want to talk about. Write them down',
      'before the 1:1 (they go in the 1:1\'s file under your topics). If one week you have nothing, we finish early; it',
      'should not become the habit where only I talk.',
    ].join('\n'),
    feedback: [
      'Every 1:1 has feedback from me, positive and negative. It does not have to be grand; no one expects',
      'life-changing insights every week. It goes both ways: tell me what I should do more of, and less of.',
    ].join('\n'),
    goals: [
      'Big changes ("move into management", "do more data science") do not happen in two months, so we boil them down',
      `to one goal at a time that fits in about ${weeksText(team.goalLength)}: mentor a new hire, lead a feature, talk more`,
      'with non-technical people, pick up tasks in another area with a buddy. Each goal says what success looks like,',
      'and we check in on it in every 1:1. Then we set the next one: a regular rhythm of improvement.',
    ].join('\n'),
    career: [
      `About every ${weeksText(team.careerEvery)}, one 1:1 is a career conversation: the bigger picture rather than`,
      'this week. What do you want to move towards? Which two-month step gets you closer? Who could help you as a buddy?',
    ].join('\n'),
    private: [
      'I keep notes of our 1:1s. The topics, goals, check-ins and actions are ours, and I share them with you. I also',
      'keep some private notes for myself; they never leave my notes (not in an agenda, a calendar or a handoff) unless',
      'I deliberately pull them out by name, for example for a performance review. Feedback I have not given you yet',
      'stays private too, until I give it to you.',
    ].join('\n'),
  };
}

/** Control and bidi-override characters: never in an export (a terminal or a viewer would act on them). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function handbookMarkdown(team: TeamConfig): string {
  const text = defaults(team);
  const head = [
    `# How our 1:1s work${team.manager ? ` — ${md(team.manager)}'s team` : ''}`,
    '',
    '_What to expect from our 1:1s, and how to prepare for them._',
  ];
  const sections = HANDBOOK_SECTIONS.map((id) => {
    const own = team.handbook[id];
    // The manager's own Markdown is theirs to write (links, emphasis, lists); HTML is shown as text, not run, and a
    // heading of theirs is kept below the section's.
    const body = own !== undefined ? own.trim().replace(CONTROLS, '').replace(/</g, '&lt;').replace(/^#{1,2}(?=\s)/gm, '###') : text[id];
    return [`## ${HANDBOOK_TITLES[id]}`, '', body];
  });
  return document([head, ...sections]);
}
