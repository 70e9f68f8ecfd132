/** Types shared by the whole core: positions, problems and the models of the four kinds of file. */
import type { IsoDate, Period } from './dates';
import type { Finding } from './findings';

/** A position like VS Code's and LSP's: 0-based line, 0-based character in UTF-16 code units. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/**
 * One finding of a rule, on one file of the team folder, with the severity the settings give it. A union keyed by
 * `rule` (findings.ts): once `rule` is checked, `data` is that rule's typed data (e.g. the goal id, the key's path).
 */
export type Problem = Finding & { readonly severity: Severity };

/** Where a value sits in its file, as character offsets: [start, end). */
export type Span = readonly [number, number];

// ---------------------------------------------------------------------------------------------------------------
// File models. They hold values with defaults applied; positions live beside them in the parsed file's span table.

export interface TeamConfig {
  readonly manager?: string;
  readonly cadence: string;
  readonly graceDays: number;
  readonly careerEvery: string;
  readonly goalLength: string;
  /** When 1:1s start, minutes after midnight (team.yaml `meeting-time`, default 10:00): the calendar export. */
  readonly meetingMinute: number;
  /** How long a 1:1 lasts, in minutes (team.yaml `meeting-length`, default 30m). */
  readonly meetingMinutes: number;
  /** The IANA zone of the meeting time (team.yaml `time-zone`); undefined: calendar events float. */
  readonly timeZone?: string;
  /** The manager's own text for handbook sections, by section id (team.yaml `handbook`). */
  readonly handbook: Readonly<Partial<Record<string, string>>>;
  /** team.yaml `templates`: the topics new 1:1s start with, per kind. */
  readonly templates?: MeetingTemplates;
  /** team.yaml `questions`: the team's question bank (the default bank follows it). */
  readonly questions?: readonly string[];
}

export interface MeetingTemplate {
  readonly topics: readonly string[];
}

/** A kind missing here uses the default (none for regular, the essay's prompts for career). */
export interface MeetingTemplates {
  readonly regular?: MeetingTemplate;
  readonly career?: MeetingTemplate;
}

export const TEAM_DEFAULTS: TeamConfig = {
  cadence: 'weekly',
  graceDays: 2,
  careerEvery: '8w',
  goalLength: '8w',
  meetingMinute: 600,
  meetingMinutes: 30,
  handbook: {},
};

export interface PausedPeriod extends Period {
  readonly reason?: string;
}

export interface ReportProfile {
  /** Empty when the file has no usable `name` (a schema finding says so); views fall back to the folder id. */
  readonly name: string;
  readonly role?: string;
  readonly since?: IsoDate;
  /** The day they left your team: from then on no cadence, career or goal rule fires for them. */
  readonly left?: IsoDate;
  /** The report's own cadence, when it overrides the team's. */
  readonly cadence?: string;
  readonly paused: readonly PausedPeriod[];
  readonly aspirations: readonly string[];
}

export type GoalStatus = 'active' | 'done' | 'dropped';

export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly aspiration?: string;
  readonly start: IsoDate;
  /** As written; when absent the end is start + the team's goal-length (see `goalEnd`). */
  readonly end?: IsoDate;
  readonly status: GoalStatus;
  readonly buddy?: string;
  readonly success?: string;
  /** Index in the `goals` list: the key to its positions. */
  readonly index: number;
}

export type MeetingStatus = 'planned' | 'held' | 'skipped';
export type MeetingKind = 'regular' | 'career';

/** Items of lists keep their index in the file's list: the key to their positions. */
export interface FeedbackItem {
  readonly index: number;
  readonly type: 'positive' | 'negative';
  readonly text: string;
  readonly delivered: boolean;
}

export interface ActionItem {
  readonly index: number;
  readonly text: string;
  readonly owner: 'report' | 'manager';
  readonly due?: IsoDate;
  readonly done: boolean;
}

export interface Topic {
  readonly index: number;
  readonly text: string;
}

export interface GoalCheckIn {
  readonly goalId: string;
  readonly text: string;
}

export interface Meeting {
  readonly date?: IsoDate;
  /**
   * Undefined when it cannot be read (an invalid value, an empty file, a file with syntax errors that does not say):
   * such a 1:1 never counts as held, so a broken file cannot hide an overdue 1:1.
   */
  readonly status: MeetingStatus | undefined;
  readonly kind: MeetingKind;
  readonly skipReason?: string;
  readonly feedback: readonly FeedbackItem[];
  readonly managerTopics: readonly Topic[];
  readonly reportTopics: readonly Topic[];
  readonly goals: readonly GoalCheckIn[];
  readonly notes?: string;
  readonly private?: string;
  readonly actions: readonly ActionItem[];
}
