/**
 * The warm start (issue #17): what the rules found for each report, kept between two windows on the same team folder
 * with the versions of the files it was built on, so a window reopened on an unchanged folder shows the rows and the
 * Problems panel at once, before the real check (which still runs, sliced) has parsed a single 1:1.
 *
 * The rules read the day (how late a 1:1 is, a goal's end, a planned 1:1 that is now past), so what is kept is their
 * results for each of the WARM_DAYS days from the day it was written: the same files checked as a cold window would
 * check them on that day (its own rules' window). A window opened within that week takes its day's results; a later
 * one starts cold.
 *
 * Trusted only when everything it was built on is provably the same: this build of the extension, the rule
 * settings, team.yaml and the team's folders, and per report the version (`mtime:size`) of report.yaml, goals.yaml,
 * its meetings folder (whose modification time changes with every name added, removed or renamed in it) and each 1:1
 * of the rules' window. Checking that takes one stat per file and folder; nothing is listed or parsed. Anything else (another version, a stale file, a
 * corrupt or forged file) means that report, or the whole cache, is ignored: never trusted, never an error.
 *
 * What it holds is what the rows and the Problems panel show (names, roles, aspirations, dates, rule messages); no
 * note text is ever put in it (a canary test checks every free-text field of a 1:1).
 */
import { daysBetween, isIsoDate } from '../dates';
import type { IsoDate } from '../dates';
import type { Finding } from '../findings';
import { meetingFileDate } from '../format/files';
import type { TeamIndex } from '../index/teamIndex';
import type { ReportHealth } from '../query/health';
import { isRuleId } from '../rules/registry';
import type { RuleId, RuleSettings } from '../rules/registry';
import type { ReportView } from '../views/model';

export const WARM_KIND = 'one-on-ones-warm-start';
/** Bumped whenever what is kept, or how it is compared, changes: an older file is then ignored. */
export const WARM_FORMAT = 2;
/**
 * How many days from the day it was written a cache holds results for (that day included): a window opened on any of
 * them is warm (a weekend, a week away); after that it is cold, and writes a new one.
 */
export const WARM_DAYS = 7;
/**
 * A file modified this close (ms) to the moment the cache is written is not vouched for: on a file system with a
 * coarse clock, a second write within the same tick would keep its `mtime:size` (git's "racy" files).
 */
export const RACY_MS = 2000;

/** One report's results and what they were built on. */
export interface WarmReport {
  /** report.yaml's version, or null when the report has none. */
  readonly profile: string | null;
  /** goals.yaml's version, or null when the report has none. */
  readonly goals: string | null;
  /**
   * The meetings folder's version when it was listed (null: no such folder): a folder's modification time changes
   * whenever a name in it is added, removed or renamed, so its 1:1 listing is the same while this is.
   */
  readonly meetings: string | null;
  /**
   * The 1:1s the rules read on any of the kept days, newest first: each file name and version (the window of the day it
   * was written; a later day's window is never longer, see TeamChecker.windowOn).
   */
  readonly window: ReadonlyArray<readonly [string, string]>;
  /**
   * The results for the day the file was written and each day after it, at most WARM_DAYS; `null` for a day whose
   * results are those of the day before (most reports' rows and problems change only now and then).
   */
  readonly days: ReadonlyArray<WarmDay | null>;
}

/** What a cold window would show for one report on one day: its problems and its row. */
export interface WarmDay {
  readonly findings: readonly Finding[];
  readonly view: ReportView;
}

/**
 * A report's kept results (its `days`) for the day `offset` days after the file's: the last entry up to it that is not
 * null; undefined when it holds none for that day.
 */
export function warmDayOf<T>(days: ReadonlyArray<T | null>, offset: number): T | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset >= days.length) return undefined;
  for (let i = offset; i >= 0; i--) {
    const day = days[i];
    if (day) return day;
  }
  return undefined;
}

export interface WarmFile {
  readonly kind: typeof WARM_KIND;
  readonly format: typeof WARM_FORMAT;
  /** This build of the extension (its rules may differ from another's). */
  readonly build: string;
  /** The day it was written: each report's `days[0]`. */
  readonly today: IsoDate;
  /** The rule settings, as `settingsKey` writes them. */
  readonly settings: string;
  /** team.yaml's version and the team's folders (see `teamKey`). */
  readonly team: string;
  readonly reports: Readonly<Record<string, WarmReport>>;
}

/** The settings as one string, keys sorted: two equal settings give the same key. */
export function settingsKey(settings: RuleSettings): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sorted(settings)) ?? '';
}

/**
 * team.yaml's version (or its absence) with every report folder's name and the top level's problems: what a report's
 * results may depend on beyond its own folder (a buddy names a report id; team.yaml sets the cadence and the career
 * interval). Undefined when team.yaml is there but its version is unknown, or is an editor's unsaved text: nothing
 * can be vouched for then.
 */
export function teamKey(index: TeamIndex): string | undefined {
  const teamParsed = index.teamParsed;
  const version = teamParsed ? index.versionRead(teamParsed.file.path) : 'none';
  // An editor's unsaved team.yaml is no file the next window can compare: a record keyed by it would only replace a
  // good cache with one that can never be trusted (the next window reads team.yaml from disk).
  if (version === undefined || version.startsWith('overlay:')) return undefined;
  const ids = index.reports().map((r) => r.id).join('/');
  const top = index.topLevelFindings.map((f) => `${f.file}\u0000${f.rule}\u0000${f.message}`).join('\u0001');
  return `${version}|${fingerprint(ids)}|${fingerprint(top)}|${fingerprint(JSON.stringify(teamParsed?.file.findings ?? []))}`;
}

/**
 * A 64-bit fingerprint of a string (two FNV-1a hashes with different offsets), as 16 hex digits: a changed list of
 * names is told apart with overwhelming odds, and the cache stays small.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The modification time in a `mtime:size` version (NaN when the version is of another kind). */
function mtimeOf(version: string): number {
  const colon = version.indexOf(':');
  return colon > 0 ? Number(version.slice(0, colon)) : Number.NaN;
}

/**
 * Whether a version may be vouched for at `nowMs`: a `mtime:size` not modified within RACY_MS, or a version of
 * another kind (an adapter's own counter changes with every write). Never an editor's unsaved text.
 */
export function vouchable(version: string | undefined, nowMs: number): version is string {
  if (version === undefined || version.startsWith('overlay:')) return false;
  const mtime = mtimeOf(version);
  return Number.isNaN(mtime) || nowMs - mtime >= RACY_MS;
}

// ---- Reading a cache file back: every field checked, anything unexpected refuses the whole file ---------------------

const HEALTH: ReadonlySet<ReportHealth> = new Set(['overdue', 'due-soon', 'new', 'ok', 'paused', 'left']);
/** Larger than any real team's cache (about 2 KB a report): a file this size is not read at all. */
export const WARM_MAX_BYTES = 64 * 1024 * 1024;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isPosition(v: unknown): boolean {
  return isObj(v) && isCount(v.line) && isCount(v.character);
}

/**
 * A path of this report's folder as the index writes one: the folder itself or names listed in it, `/` between them;
 * never an empty, `.` or `..` name (a forged `ana/../bo/report.yaml` is not ana's file). Odd characters are kept: a
 * file named with a backslash or a newline is a real `bad-name` finding on Linux.
 */
function isReportPath(v: unknown, reportId: string): v is string {
  if (!isStr(v) || (v !== reportId && !v.startsWith(`${reportId}/`))) return false;
  return v.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

const opt = (x: unknown, ok: (y: unknown) => boolean): boolean => x === undefined || ok(x);
/** A rule's data names the report it was found for: a kept finding's quick fix acts on that report and no other. */
const own = (d: Record<string, unknown>, reportId: string): boolean => d.report === reportId;
const goalRef = (d: Record<string, unknown>, reportId: string): boolean => own(d, reportId) && isStr(d.goal) && isCount(d.index);
const meetingRef = (d: Record<string, unknown>, reportId: string): boolean => own(d, reportId) && isStr(d.meeting);
const isKeyPath = (x: unknown): boolean => Array.isArray(x) && x.every((k) => isStr(k) || isCount(k));

/**
 * Per rule, the shape of the data it attaches (rules/*.ts): a quick fix reads its finding's data as typed, so a kept
 * finding with data missing or of another shape would make the fix throw, or act on another report. `undefined`:
 * the finding has no data (a rule whose data is optional may have none). Keyed by every rule id: a new rule does not
 * compile until its data is described here.
 */
const DATA: { readonly [R in RuleId]: (d: Record<string, unknown> | undefined, reportId: string) => boolean } = {
  'yaml-syntax': (d) => d === undefined,
  schema: (d) => d === undefined,
  'unknown-key': (d) => d !== undefined && isStr(d.key) && opt(d.suggestion, isStr) && isKeyPath(d.path),
  'date-mismatch': (d) => d !== undefined && isStr(d.date) && isStr(d.fileDate),
  'duplicate-id': (d) => d !== undefined && isStr(d.id),
  'bad-name': (d) => d === undefined || isStr(d.suggestion),
  'cadence-overdue': (d, id) => d !== undefined && own(d, id) && isFiniteNumber(d.days) && isFiniteNumber(d.overdueBy) && isStr(d.lastHeld),
  'no-first-meeting': (d, id) => d !== undefined && own(d, id) && isFiniteNumber(d.days) && isFiniteNumber(d.overdueBy),
  'career-overdue': (d, id) => d !== undefined && own(d, id) && isFiniteNumber(d.days),
  'goal-expired': (d, id) => d !== undefined && goalRef(d, id) && isStr(d.end),
  'goal-too-long': (d, id) => d !== undefined && goalRef(d, id),
  'no-active-goal': (d, id) => d !== undefined && own(d, id),
  'goal-not-discussed': (d, id) => d !== undefined && goalRef(d, id),
  'unknown-goal': (d) => d !== undefined && isStr(d.goal) && opt(d.suggestion, isStr),
  'unknown-buddy': (d, id) => d !== undefined && own(d, id) && isStr(d.goal) && isStr(d.buddy) && opt(d.suggestion, isStr),
  'action-stale': (d, id) => d !== undefined && meetingRef(d, id) && isCount(d.index),
  'prep-missing': (d, id) => d !== undefined && meetingRef(d, id),
  'no-feedback': (d, id) => d !== undefined && meetingRef(d, id),
  'feedback-one-sided': (d, id) => d !== undefined && own(d, id) && (d.kind === 'positive' || d.kind === 'negative'),
  'report-silent': (d, id) => d !== undefined && own(d, id),
  'status-update': (d, id) => d !== undefined && meetingRef(d, id),
};

/** A finding of a rule this build knows, on a file of this report's folder, with the data that rule attaches. */
function isFinding(v: unknown, reportId: string): v is Finding {
  if (!isObj(v) || !isReportPath(v.file, reportId) || !isStr(v.rule) || !isStr(v.message) || !isRuleId(v.rule)) return false;
  if (v.data !== undefined && !isObj(v.data)) return false;
  if (!DATA[v.rule](v.data, reportId)) return false;
  return isObj(v.range) && isPosition(v.range.start) && isPosition(v.range.end);
}

function isView(v: unknown, reportId: string): v is ReportView {
  // The row's file is the report's report.yaml (views/model.ts): the tree opens it, so no other path is taken.
  return isObj(v) && v.id === reportId && isStr(v.label) && isStr(v.description) && isStr(v.tooltip) && v.reportFile === `${reportId}/report.yaml`
    && typeof v.health === 'string' && HEALTH.has(v.health as ReportHealth) && isFiniteNumber(v.overdueBy);
}

/**
 * A report's kept entry, read for the day `offset` days after the file's: its versions and window checked, and only
 * that day's results (the one it resolves to, see warmDayOf) checked in full and kept, as the entry's only day. Null
 * when the entry is malformed (the whole file is then refused); undefined when it is well formed but holds no results
 * for that day.
 */
function warmReportFor(v: unknown, reportId: string, offset: number): WarmReport | null | undefined {
  const version = (x: unknown): boolean => x === null || isStr(x);
  if (!isObj(v) || !version(v.meetings) || !version(v.profile) || !version(v.goals)) return null;
  // A 1:1's file name as the listing takes one (`YYYY-MM-DD[-N].yaml`): the warm start stats it, and a name such as
  // `../x` is refused by the extension's file system with an error, which would stop the whole load.
  const isWindowEntry = (w: unknown): boolean => Array.isArray(w) && w.length === 2 && isStr(w[0]) && meetingFileDate(w[0]) !== undefined && isStr(w[1]);
  if (!Array.isArray(v.window) || !v.window.every(isWindowEntry)) return null;
  const days = v.days;
  if (!Array.isArray(days) || days.length < 1 || days.length > WARM_DAYS || !isObj(days[0]) || !days.every((d) => d === null || isObj(d))) return null;
  const day = warmDayOf<unknown>(days, offset);
  if (day === undefined) return undefined;
  const isDay = (d: unknown): d is WarmDay => isObj(d) && Array.isArray(d.findings) && d.findings.every((f) => isFinding(f, reportId)) && isView(d.view, reportId);
  if (!isDay(day)) return null;
  return { profile: v.profile as string | null, goals: v.goals as string | null, meetings: v.meetings as string | null, window: v.window as WarmReport['window'], days: [day] };
}

/**
 * The cache file's text as a WarmFile for `today`, when it is one, for this build and these settings, written on
 * `today` or on one of the WARM_DAYS - 1 days before; undefined for anything else (not JSON, another format or build,
 * another day, a field of the wrong type, a finding of a rule this build does not know or on another report's file).
 * What it returns holds today's results only (as if written today: `today`, one day per report; a report with none
 * for today is left out), so only they are checked: at the huge size a week's results are 8 MB. Linear in the text's
 * length.
 */
export function readWarmFile(text: string, expected: { readonly build: string; readonly today: IsoDate; readonly settings: RuleSettings }): WarmFile | undefined {
  if (text.length > WARM_MAX_BYTES) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(v) || v.kind !== WARM_KIND || v.format !== WARM_FORMAT) return undefined;
  if (v.build !== expected.build || v.settings !== settingsKey(expected.settings) || !isStr(v.team)) return undefined;
  const offset = warmOffset(v.today, expected.today);
  if (offset === undefined) return undefined;
  const reports = v.reports;
  if (!isObj(reports)) return undefined;
  const kept = Object.create(null) as Record<string, WarmReport>; // a report id such as `__proto__` is a key like any other
  for (const [id, r] of Object.entries(reports)) {
    const entry = warmReportFor(r, id, offset);
    if (entry === null) return undefined;
    if (entry) kept[id] = entry;
  }
  return { kind: WARM_KIND, format: WARM_FORMAT, build: v.build, today: expected.today, settings: v.settings, team: v.team, reports: kept };
}

/**
 * The cache file's JSON text in pieces (the head, then one report each, then the end), made one report at a time so
 * that the writer can let other work run between them (a week's results are 8 MB at the huge size; one JSON.stringify
 * of them held the host's thread for up to a second). Every character past ASCII is written as a `\uXXXX` escape
 * (the rows' `·`, names): the file is then ASCII, which Node decodes and V8 parses and holds at one byte a character
 * (decoding the 8 MB took 150–200 ms of the host's thread with them). `JSON.parse` of the text is the record.
 */
export function* warmFileText(file: WarmFile): Generator<string> {
  const { reports, ...head } = file;
  // `{…,"reports":{}}` without its last two characters: the head, up to the opening brace of the reports.
  yield asciiJson(JSON.stringify({ ...head, reports: {} }).slice(0, -2));
  let first = true;
  for (const [id, report] of Object.entries(reports)) {
    yield asciiJson(`${first ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(report)}`);
    first = false;
  }
  yield '}}';
}

/** JSON text with every character past ASCII escaped (inside strings, the only place JSON has them): the same value. */
function asciiJson(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** How many days after the file's day `today` is, when the file holds results for it (0 to WARM_DAYS - 1). */
export function warmOffset(written: unknown, today: IsoDate): number | undefined {
  if (!isStr(written) || !isIsoDate(written)) return undefined;
  const offset = daysBetween(written, today);
  return offset >= 0 && offset < WARM_DAYS ? offset : undefined;
}
