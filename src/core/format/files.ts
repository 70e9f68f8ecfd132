/**
 * The four kinds of file in a team folder, parsed into models with defaults applied. Each parser returns the model
 * (undefined only when nothing usable is left) together with the file's spans and findings.
 */
import { addDays, daysBetween, isIsoDate } from '../dates';
import type {
  ActionItem,
  FeedbackItem,
  Goal,
  GoalCheckIn,
  Meeting,
  MeetingTemplate,
  MeetingTemplates,
  PausedPeriod,
  ReportProfile,
  TeamConfig,
  Topic,
} from '../types';
import { TEAM_DEFAULTS } from '../types';
import { rangeOfPath, parseYaml } from './parse';
import type { YamlFile } from './parse';
import { isKnownTimeZone, similarTimeZones } from '../export/zones';
import { GOALS_FILE, HANDBOOK_SECTIONS, MEETING_FILE, MEETING_FILE_NAME, REPORT_FILE, TEAM_FILE } from './schema';

export interface Parsed<T> {
  readonly file: YamlFile;
  readonly value: T | undefined;
}

type Raw = Record<string, unknown>;

const s = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Raw | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) ? (v as Raw) : undefined);

export function parseTeamFile(path: string, text: string): Parsed<TeamConfig> {
  const { file, raw } = parseYaml(path, text, TEAM_FILE);
  const r = raw ?? {};
  const value: TeamConfig = {
    manager: s(r.manager),
    cadence: s(r.cadence) ?? TEAM_DEFAULTS.cadence,
    graceDays: typeof r['grace-days'] === 'number' ? r['grace-days'] : TEAM_DEFAULTS.graceDays,
    careerEvery: s(r['career-every']) ?? TEAM_DEFAULTS.careerEvery,
    goalLength: s(r['goal-length']) ?? TEAM_DEFAULTS.goalLength,
    meetingMinute: TEAM_DEFAULTS.meetingMinute,
    meetingMinutes: TEAM_DEFAULTS.meetingMinutes,
    handbook: handbookTexts(r.handbook),
    ...templatesOf(r),
  };
  return { file, value: { ...value, ...calendarSettings(file, r) } };
}

/** The handbook's overrides: only the known sections (the parser already flagged the others as unknown keys). */
function handbookTexts(v: unknown): Readonly<Partial<Record<string, string>>> {
  const o = obj(v);
  const out: Record<string, string> = {};
  for (const id of HANDBOOK_SECTIONS) {
    const text = s(o?.[id]);
    if (text !== undefined && text.trim() !== '') out[id] = text;
  }
  return out;
}

/**
 * team.yaml's `meeting-time`, `meeting-length` and `time-zone` (the calendar export): a value that is not one of
 * these is a `schema` finding on it and the default is used (no zone: events float).
 */
function calendarSettings(file: YamlFile, r: Raw): { meetingMinute?: number; meetingMinutes?: number; timeZone?: string } {
  const out: { meetingMinute?: number; meetingMinutes?: number; timeZone?: string } = {};
  const bad = (key: string, message: string): void => {
    file.findings.push({ file: file.path, range: rangeOfPath(file, [key]), rule: 'schema', message });
  };
  const time = r['meeting-time'];
  if (time !== undefined) {
    const m = typeof time === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time.trim()) : null;
    if (m) out.meetingMinute = Number(m[1]) * 60 + Number(m[2]);
    else bad('meeting-time', '`meeting-time` must be a time of day as "HH:MM" (24 h, in quotes), e.g. "10:00".');
  }
  const length = r['meeting-length'];
  if (length !== undefined) {
    const m = typeof length === 'string' ? /^(\d{1,3})(m|h)$/.exec(length.trim()) : null;
    const minutes = m ? Number(m[1]) * (m[2] === 'h' ? 60 : 1) : undefined;
    if (minutes !== undefined && minutes >= 5 && minutes <= 480) out.meetingMinutes = minutes;
    else bad('meeting-length', '`meeting-length` must be minutes or hours, from 5m to 8h, e.g. `30m`, `45m` or `1h`.');
  }
  const zone = r['time-zone'];
  if (zone !== undefined) {
    if (typeof zone === 'string' && isKnownTimeZone(zone.trim())) out.timeZone = zone.trim();
    else {
      const near = typeof zone === 'string' ? similarTimeZones(zone) : [];
      bad('time-zone', `\`time-zone\` must be an IANA time zone the calendar export knows, like \`Europe/Berlin\` or \`America/New_York\`${near.length > 0 ? ` (did you mean ${near.map((z) => `\`${z}\``).join(', ')}?)` : ''}; until then calendar events float.`);
    }
  }
  return out;
}

/** `templates` and `questions`, when written: texts only (anything else is a `schema` finding, and left out). */
function templatesOf(r: Raw): Pick<TeamConfig, 'templates' | 'questions'> {
  const texts = (v: unknown): string[] => list(v).filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  const out: { templates?: MeetingTemplates; questions?: string[] } = {};
  const t = obj(r.templates);
  if (t) {
    const one = (k: 'regular' | 'career'): MeetingTemplate | undefined => {
      const o = obj(t[k]);
      return o && Array.isArray(o.topics) ? { topics: texts(o.topics) } : undefined;
    };
    const regular = one('regular');
    const career = one('career');
    out.templates = { ...(regular ? { regular } : {}), ...(career ? { career } : {}) };
  }
  if (Array.isArray(r.questions)) out.questions = texts(r.questions);
  return out;
}

export function parseReportFile(path: string, text: string): Parsed<ReportProfile> {
  const { file, raw } = parseYaml(path, text, REPORT_FILE);
  if (!raw) return { file, value: undefined };
  const paused: PausedPeriod[] = [];
  list(raw.paused).forEach((p, i) => {
    const o = obj(p);
    const from = s(o?.from);
    if (!o || !from) return;
    const to = s(o.to);
    if (to !== undefined && to < from) {
      file.findings.push({ file: path, range: rangeOfPath(file, ['paused', i, 'to']), rule: 'schema', message: `This leave ends (${to}) before it starts (${from}).` });
      return;
    }
    paused.push({ from, to, reason: s(o.reason) });
  });
  const since = s(raw.since);
  let left = s(raw.left);
  if (left !== undefined && since !== undefined && left < since) {
    file.findings.push({ file: path, range: rangeOfPath(file, ['left']), rule: 'schema', message: `\`left: ${left}\` is before \`since: ${since}\`: fix one of the dates (until then \`left\` is not used).` });
    left = undefined;
  }
  const value: ReportProfile = {
    name: s(raw.name) ?? '',
    role: s(raw.role),
    since,
    ...(left !== undefined ? { left } : {}),
    cadence: s(raw.cadence),
    paused,
    aspirations: list(raw.aspirations).filter((a): a is string => typeof a === 'string' && a.trim() !== ''),
  };
  return { file, value };
}

export function parseGoalsFile(path: string, text: string): Parsed<Goal[]> {
  const { file, raw } = parseYaml(path, text, GOALS_FILE);
  const goals: Goal[] = [];
  const firstIndexOf = new Map<string, number>();
  list(raw?.goals).forEach((g, index) => {
    const o = obj(g);
    const id = s(o?.id);
    const title = s(o?.title);
    const start = s(o?.start);
    if (!o || id === undefined || title === undefined || start === undefined) return;
    const first = firstIndexOf.get(id);
    if (first !== undefined) {
      file.findings.push({
        file: path,
        range: rangeOfPath(file, ['goals', index, 'id']),
        rule: 'duplicate-id',
        message: `Goal id \`${id}\` is already used by goal ${first + 1} in this file; check-ins could not tell them apart.`,
        data: { id },
      });
      return;
    }
    firstIndexOf.set(id, index);
    let end = s(o.end);
    if (end !== undefined && end < start) {
      file.findings.push({ file: path, range: rangeOfPath(file, ['goals', index, 'end']), rule: 'schema', message: `This goal ends (${end}) before it starts (${start}).` });
      end = undefined;
    }
    goals.push({
      id,
      title,
      aspiration: s(o.aspiration),
      start,
      end,
      status: (s(o.status) as Goal['status'] | undefined) ?? 'active',
      buddy: s(o.buddy),
      success: s(o.success),
      index,
    });
  });
  return { file, value: goals };
}

/** The end of a goal: as written, or start + the team goal length (in days). */
export function goalEnd(goal: Goal, goalLengthDays: number): string {
  return goal.end ?? addDays(goal.start, goalLengthDays);
}

export function goalLengthDays(goal: Goal, goalLengthDaysDefault: number): number {
  return goal.end === undefined ? goalLengthDaysDefault : daysBetween(goal.start, goal.end);
}

/**
 * Names already read: a team's reports meet on the same days, so the listing of a large team (52,600 names at the
 * benchmark's large size) repeats a few hundred names; each is matched and its date checked once. Bounded: cleared
 * when full (a folder of odd names cannot grow it).
 */
const fileDates = new Map<string, MeetingFileName | null>();
const FILE_DATES_MAX = 4096;

/**
 * A meeting file's name read: its date and `-N` sequence, and the name itself as the table holds it, so that every
 * report listing that name shares one string (the index keeps a ref per 1:1: issue #17's memory).
 */
export type MeetingFileName = Readonly<{ date: string; seq: number; fileName: string }>;

/** The date in a meeting file's name, or undefined when the name is not `YYYY-MM-DD[-N].yaml`. */
export function meetingFileDate(fileName: string): MeetingFileName | undefined {
  const known = fileDates.get(fileName);
  if (known !== undefined) return known ?? undefined;
  const m = MEETING_FILE_NAME.exec(fileName);
  const found = !m || !isIsoDate(m[1]) ? undefined : Object.freeze({ date: m[1], seq: m[2] ? Number(m[2]) : 1, fileName });
  if (fileDates.size >= FILE_DATES_MAX) fileDates.clear();
  fileDates.set(fileName, found ?? null);
  return found;
}

export function parseMeetingFile(path: string, text: string, fileDate: string | undefined): Parsed<Meeting> {
  const { file, raw } = parseYaml(path, text, MEETING_FILE);
  const r = raw ?? {};
  const date = s(r.date);
  if (date !== undefined && fileDate !== undefined && date !== fileDate) {
    file.findings.push({
      file: path,
      range: rangeOfPath(file, ['date']),
      rule: 'date-mismatch',
      message: `\`date: ${date}\` does not match the file name (${fileDate}): rename the file or fix the date, or this 1:1 is counted on the wrong day.`,
      data: { date, fileDate },
    });
  }
  const prep = obj(r.prep);
  const manager = obj(prep?.manager);
  const report = obj(prep?.report);
  const feedback: FeedbackItem[] = [];
  list(manager?.feedback).forEach((f, index) => {
    const o = obj(f);
    // A blank item (just added in the form) is not feedback yet.
    if (o && (o.type === 'positive' || o.type === 'negative') && typeof o.text === 'string' && o.text.trim() !== '') {
      feedback.push({ index, type: o.type, text: o.text, delivered: o.delivered === true });
    }
  });
  const actions: ActionItem[] = [];
  list(r.actions).forEach((a, index) => {
    const o = obj(a);
    if (o && typeof o.text === 'string' && o.text.trim() !== '' && (o.owner === 'report' || o.owner === 'manager')) {
      actions.push({ index, text: o.text, owner: o.owner, due: s(o.due), done: o.done === true });
    }
  });
  const goals: GoalCheckIn[] = [];
  if (r.goals instanceof Map) {
    for (const [goalId, checkIn] of r.goals as Map<string, unknown>) goals.push({ goalId, text: typeof checkIn === 'string' ? checkIn : '' });
  }
  const value: Meeting = {
    date,
    status: meetingStatus(raw, file, text),
    kind: (s(r.kind) as Meeting['kind'] | undefined) ?? 'regular',
    skipReason: s(r['skip-reason']),
    feedback,
    managerTopics: nonEmptyStrings(manager?.topics),
    reportTopics: nonEmptyStrings(report?.topics),
    goals,
    notes: s(r.notes),
    private: s(r.private),
    actions,
  };
  return { file, value };
}

/** `held` by default, but only for a readable file that does not say otherwise (see Meeting.status). */
function meetingStatus(raw: Record<string, unknown> | undefined, file: YamlFile, text: string): Meeting['status'] {
  const written = raw ? s(raw.status) : undefined;
  if (written !== undefined) return written as Meeting['status'];
  if (!raw || file.syntaxErrors || file.spans.has('status')) return undefined; // unreadable, or present but invalid
  return text.trim() === '' ? undefined : 'held';
}

function nonEmptyStrings(v: unknown): Topic[] {
  const out: Topic[] = [];
  list(v).forEach((t, index) => {
    if (typeof t === 'string' && t.trim() !== '') out.push({ index, text: t });
  });
  return out;
}

