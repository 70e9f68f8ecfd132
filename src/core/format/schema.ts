/**
 * The team-folder format v1, described once as data. The parser validates against it, `unknown-key` suggests from
 * it, docs/format.md mirrors it, and later the JSON schemas and the form are generated from it.
 */

export type FieldType =
  | { readonly type: 'string' }
  | { readonly type: 'text' }
  | { readonly type: 'date' }
  | { readonly type: 'duration'; readonly cadence: boolean }
  | { readonly type: 'integer'; readonly min: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'list'; readonly items: FieldType }
  | { readonly type: 'object'; readonly name: string; readonly fields: Fields }
  | { readonly type: 'map'; readonly name: string; readonly values: FieldType };

export interface Field {
  readonly type: FieldType;
  readonly required?: boolean;
  readonly default?: string | number | boolean;
  readonly description: string;
}

export type Fields = Readonly<Record<string, Field>>;

const str: FieldType = { type: 'string' };
const text: FieldType = { type: 'text' };
const date: FieldType = { type: 'date' };
const strings: FieldType = { type: 'list', items: str };

export const PAUSED_PERIOD: FieldType = {
  type: 'object',
  name: 'paused period',
  fields: {
    from: { type: date, required: true, description: 'First day of the leave.' },
    to: { type: date, description: 'Last day of the leave (inclusive). Leave it out while the leave goes on.' },
    reason: { type: str, description: 'Why, for you (e.g. "parental leave").' },
  },
};

/**
 * The handbook export's sections ("How our 1:1s work", src/core/export/handbook.ts), in the order they are written.
 * team.yaml `handbook:` replaces a section's text by id; an id not listed here is an `unknown-key` finding.
 */
export const HANDBOOK_SECTIONS = ['purpose', 'not-for', 'cadence', 'prepare', 'feedback', 'goals', 'career', 'private'] as const;
export type HandbookSection = (typeof HANDBOOK_SECTIONS)[number];

const HANDBOOK: FieldType = {
  type: 'object',
  name: 'handbook',
  fields: {
    purpose: { type: text, description: 'What a 1:1 is for (Markdown).' },
    'not-for': { type: text, description: 'What a 1:1 is not for (Markdown).' },
    cadence: { type: text, description: 'How often 1:1s happen and what happens when one slips (Markdown).' },
    prepare: { type: text, description: 'How each side prepares (Markdown).' },
    feedback: { type: text, description: 'Feedback, both ways (Markdown).' },
    goals: { type: text, description: 'Two-month goals (Markdown).' },
    career: { type: text, description: 'Career conversations (Markdown).' },
    private: { type: text, description: 'What stays private (Markdown).' },
  },
};

/** One kind's template: the manager topics a new 1:1 of that kind starts with. */
const TEMPLATE: FieldType = {
  type: 'object',
  name: 'template',
  fields: {
    topics: { type: strings, description: 'Your topics a new 1:1 of this kind starts with (a career template replaces the default prompts).' },
  },
};

export const TEMPLATES: FieldType = {
  type: 'object',
  name: 'templates',
  fields: {
    regular: { type: TEMPLATE, description: 'Added to every new regular 1:1 (Start 1:1 Note).' },
    career: { type: TEMPLATE, description: 'The prompts of a new career 1:1 (Start Career Conversation), instead of the default ones.' },
  },
};

export const TEAM_FILE: FieldType = {
  type: 'object',
  name: 'team.yaml',
  fields: {
    manager: { type: str, description: 'Your name.' },
    cadence: { type: { type: 'duration', cadence: true }, default: 'weekly', description: 'Default 1:1 cadence: `weekly`, `biweekly`, `Nd` or `Nw`.' },
    'grace-days': { type: { type: 'integer', min: 0 }, default: 2, description: 'Days a 1:1 may slip before it counts as overdue.' },
    'career-every': { type: { type: 'duration', cadence: false }, default: '8w', description: 'How often a bigger-picture career 1:1 is due.' },
    'goal-length': { type: { type: 'duration', cadence: false }, default: '8w', description: 'Length of a goal when it has no `end`.' },
    'meeting-time': { type: str, default: '10:00', description: 'When 1:1s start, `HH:MM` (24 h), for the calendar export.' },
    'meeting-length': { type: str, default: '30m', description: 'How long a 1:1 lasts, `Nm` or `Nh` (5 minutes to 8 hours), for the calendar export.' },
    'time-zone': { type: str, description: 'The IANA time zone of `meeting-time`, e.g. `Europe/Berlin`; without it calendar events float (the same clock time wherever you are).' },
    handbook: { type: HANDBOOK, description: 'Your own text for sections of the handbook export ("How our 1:1s work"), by section id.' },
    templates: { type: TEMPLATES, description: 'What Start 1:1 Note (`regular`) and Start Career Conversation (`career`) put in a new 1:1: your topics.' },
    questions: { type: strings, description: 'Your question bank: offered first by the form\'s **Add from question bank…**, before the default bank.' },
  },
};

export const REPORT_FILE: FieldType = {
  type: 'object',
  name: 'report.yaml',
  fields: {
    name: { type: str, required: true, description: 'The report\'s name.' },
    role: { type: str, description: 'Their role.' },
    since: { type: date, description: 'When they started reporting to you.' },
    left: { type: date, description: 'The day they left your team (moved team, left the company): from that day no cadence or goal rule fires; their history stays.' },
    cadence: { type: { type: 'duration', cadence: true }, description: 'Overrides the team cadence for this report.' },
    paused: { type: { type: 'list', items: PAUSED_PERIOD }, description: 'Leave periods: days inside them do not count against the cadence.' },
    aspirations: { type: strings, description: 'Big aspirations in their words, e.g. "Move into management".' },
  },
};

export const GOAL_STATUSES = ['active', 'done', 'dropped'] as const;

export const GOAL: FieldType = {
  type: 'object',
  name: 'goal',
  fields: {
    id: { type: str, required: true, description: 'Unique within the report; meeting check-ins name it.' },
    title: { type: str, required: true, description: 'The two-month goal, e.g. "Mentor the new backend hire".' },
    aspiration: { type: str, description: 'The aspiration it is a step towards.' },
    start: { type: date, required: true, description: 'First day.' },
    end: { type: date, description: 'Last day; default start + the team goal-length.' },
    status: { type: { type: 'enum', values: GOAL_STATUSES }, default: 'active', description: 'active, done or dropped.' },
    buddy: { type: str, description: 'Who helps them (e.g. for tasks in another area).' },
    success: { type: text, description: 'What done looks like.' },
  },
};

export const GOALS_FILE: FieldType = {
  type: 'object',
  name: 'goals.yaml',
  fields: {
    goals: { type: { type: 'list', items: GOAL }, description: 'Two-month goals, past and present.' },
  },
};

export const MEETING_STATUSES = ['planned', 'held', 'skipped'] as const;
export const MEETING_KINDS = ['regular', 'career'] as const;

const FEEDBACK: FieldType = {
  type: 'object',
  name: 'feedback item',
  fields: {
    type: { type: { type: 'enum', values: ['positive', 'negative'] }, required: true, description: 'positive or negative.' },
    text: { type: text, required: true, description: 'The feedback, specific and real.' },
    delivered: { type: { type: 'boolean' }, default: false, description: 'Given in the 1:1 (undelivered items carry over).' },
  },
};

const ACTION: FieldType = {
  type: 'object',
  name: 'action item',
  fields: {
    text: { type: text, required: true, description: 'What will be done.' },
    owner: { type: { type: 'enum', values: ['report', 'manager'] }, required: true, description: 'report or manager.' },
    due: { type: date, description: 'Due date.' },
    done: { type: { type: 'boolean' }, default: false, description: 'Done (open items carry over).' },
  },
};

export const MEETING_FILE: FieldType = {
  type: 'object',
  name: 'meeting file',
  fields: {
    date: { type: date, required: true, description: 'The day of the 1:1; must match the file name.' },
    status: { type: { type: 'enum', values: MEETING_STATUSES }, default: 'held', description: 'planned, held or skipped.' },
    kind: { type: { type: 'enum', values: MEETING_KINDS }, default: 'regular', description: 'regular, or career for the bigger-picture 1:1.' },
    'skip-reason': { type: str, description: 'Why a 1:1 was skipped.' },
    prep: {
      type: {
        type: 'object',
        name: 'prep',
        fields: {
          manager: {
            type: {
              type: 'object',
              name: 'manager prep',
              fields: {
                feedback: { type: { type: 'list', items: FEEDBACK }, description: 'Feedback to give, positive and negative.' },
                topics: { type: strings, description: 'What you want to talk about.' },
              },
            },
            description: 'Your preparation.',
          },
          report: {
            type: { type: 'object', name: 'report prep', fields: { topics: { type: strings, description: 'What they bring.' } } },
            description: 'Their preparation.',
          },
        },
      },
      description: 'Preparation by both sides.',
    },
    goals: { type: { type: 'map', name: 'goal check-ins', values: text }, description: 'Goal id → check-in on that goal.' },
    notes: { type: text, description: 'Shared notes.' },
    private: { type: text, description: 'Manager-only notes; never exported.' },
    actions: { type: { type: 'list', items: ACTION }, description: 'Action items.' },
  },
};

/** Folder names of reports: lower-case letters, digits and dashes. */
export const REPORT_ID = /^[a-z0-9][a-z0-9-]*$/;
/** Meeting file names: `2026-11-24.yaml`, a second one that day `2026-11-24-2.yaml`. */
export const MEETING_FILE_NAME = /^(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?\.yaml$/;

export function describeType(t: FieldType): string {
  switch (t.type) {
    case 'string':
    case 'text':
      return 'a text';
    case 'date':
      return 'a calendar date YYYY-MM-DD';
    case 'duration':
      return t.cadence ? '`weekly`, `biweekly`, or a duration like `10d` or `3w`' : 'a duration like `8w` or `60d`';
    case 'integer':
      return `a whole number ≥ ${t.min}`;
    case 'boolean':
      return '`true` or `false`';
    case 'enum':
      return `one of: ${t.values.join(', ')}`;
    case 'list':
      return 'a list';
    case 'object':
      return `a mapping (${t.name})`;
    case 'map':
      return `a mapping (${t.name})`;
  }
}
