/**
 * The team index: what is in a team folder, loaded as little as possible.
 *
 * Listing the folders already gives every report's whole 1:1 history (the dates are in the file names), so at start
 * only `team.yaml`, each `report.yaml` and `goals.yaml`, and the meeting folders' listings are read. Meeting files
 * are parsed when someone needs them (the rules' window, a view expanding a report's history, an opened editor) and
 * cached with the version they were read at. One change to one file updates one report.
 */
import type { Finding } from '../findings';
import { meetingFileDate, parseGoalsFile, parseMeetingFile, parseReportFile, parseTeamFile } from '../format/files';
import type { MeetingFileName, Parsed } from '../format/files';
import { REPORT_ID } from '../format/schema';
import { describeFailure, failureKind, joinPath, mapLimit } from '../fs';
import type { EntryKind, FailureKind, TeamFileSystem } from '../fs';
import { MAX_DATE, MIN_DATE } from '../dates';
import type { Goal, Meeting, ReportProfile, TeamConfig } from '../types';
import { TEAM_DEFAULTS } from '../types';
import { GOALS_FILE_NAME, MEETINGS_DIR, REPORT_FILE_NAME, TEAM_FILE_NAME } from '../paths';
import { noSlice } from '../slice';
import type { Slice } from '../slice';

// The layout's names live with classifyPath (src/core/paths.ts); re-exported for the files that import them here.
export { GOALS_FILE_NAME, MEETINGS_DIR, REPORT_FILE_NAME, TEAM_FILE_NAME };

/** How many files are read at once: enough to keep the disk busy, few enough not to starve the extension host. */
const IO_CONCURRENCY = 32;

/** A meeting file known from the listing. */
export interface MeetingRef {
  readonly path: string;
  readonly fileName: string;
  readonly date: string;
  /** 1 for `2026-11-24.yaml`, 2 for `2026-11-24-2.yaml`, … */
  readonly seq: number;
}

/**
 * A listed 1:1 as the index keeps it (issue #17: 52,600 of them at the large size, 263,000 at the huge one): two
 * references and no string of its own. Its name and date are shared by every report that met that day (the table of
 * `meetingFileDate`), its folder by its report, and its path is made when asked (the reads and the views ask for the
 * few they show; no loop over a whole history does).
 */
class ListedMeeting implements MeetingRef {
  constructor(private readonly folder: string, private readonly name: MeetingFileName) {}

  get path(): string {
    return `${this.folder}/${MEETINGS_DIR}/${this.name.fileName}`;
  }

  get fileName(): string {
    return this.name.fileName;
  }

  get date(): string {
    return this.name.date;
  }

  get seq(): number {
    return this.name.seq;
  }
}

export interface LoadedMeeting extends Parsed<Meeting> {
  readonly ref: MeetingRef;
  readonly version: string | undefined;
}

export interface ReportEntry {
  readonly id: string;
  /** Folder path relative to the team folder (= id). */
  readonly path: string;
  readonly profile: Parsed<ReportProfile> | undefined;
  readonly goals: Parsed<Goal[]> | undefined;
  /** Every meeting file of the report, newest first (by date, then by the `-N` suffix). */
  readonly meetings: readonly MeetingRef[];
  /** Findings about the folder's layout: bad names, a missing report.yaml, files that could not be read. */
  readonly layoutFindings: readonly Finding[];
  /**
   * True when the report's 1:1 history could not be listed (its folder or its meetings folder is unreadable): the
   * rules that count days since the last 1:1 say nothing rather than something false.
   */
  readonly historyUnreadable: boolean;
}

export type ChangeKind = 'created' | 'changed' | 'deleted';

/** What a change touched: the reports whose rules must run again, or all of them (team.yaml changed). */
export interface ChangeEffect {
  readonly reports: ReadonlySet<string> | 'all';
}

interface MutableReport {
  id: string;
  path: string;
  profile: Parsed<ReportProfile> | undefined;
  goals: Parsed<Goal[]> | undefined;
  meetings: MeetingRef[];
  layoutFindings: Finding[];
  loaded: Map<string, LoadedMeeting>;
  historyUnreadable: boolean;
  /** Why report.yaml, goals.yaml or the folders could not be read, by path (kept apart from the name findings). */
  readFailures: Map<string, Finding>;
}

function compareRefsNewestFirst(a: MeetingRef, b: MeetingRef): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return b.seq - a.seq;
}

function layoutFinding(file: string, message: string, data?: { readonly suggestion: string }): Finding {
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'bad-name', message, data };
}

/**
 * What could not be read, and why. Permission denied is an error (a part of the team is not checked); a link, a pipe
 * or a folder where a file belongs is refused on purpose (docs/security.md) and says so, like a bad name.
 */
export function readFailureFinding(path: string, kind: FailureKind): Finding {
  const name = path.split('/').pop() ?? path;
  return {
    ...layoutFinding(path, `\`${name}\` is not read: ${describeFailure(kind)}.${kind === 'unreadable' ? ' Its content is not checked.' : ''}`),
    rule: kind === 'unreadable' ? 'schema' : 'bad-name',
    data: undefined,
  };
}

/**
 * The fence's finding on a report whose loading or change failed unexpectedly, said on its report.yaml; and, whatever
 * failed, its 1:1s may not all be listed, so nothing is said about its history (no false "no 1:1 yet").
 */
function fenced(r: MutableReport, e: unknown): void {
  r.readFailures.set(joinPath(r.id, REPORT_FILE_NAME), internalErrorFinding(joinPath(r.id, REPORT_FILE_NAME), e));
  r.historyUnreadable = true;
}

/**
 * The fence's finding: an unexpected error while loading or checking one report. It names the kind of error only
 * (never a message: that may quote the file), and the other reports are checked as usual.
 */
export function internalErrorFinding(file: string, e: unknown): Finding {
  const kind = e instanceof Error && /^[A-Za-z]{1,40}$/.test(e.name) ? e.name : 'unknown error';
  return {
    ...layoutFinding(file, `Internal error while checking this report: ${kind}. The other reports are checked; this one may be incomplete (please report the bug).`),
    rule: 'schema',
    data: undefined,
  };
}

/**
 * The fence's findings for a report whose check threw: what its own files already say (layout, report.yaml,
 * goals.yaml) and one internal-error finding on its report.yaml (or its folder), so the rest of the team is untouched.
 */
export function reportFenceFindings(r: ReportEntry, e: unknown): Finding[] {
  const file = r.profile ? r.profile.file.path : r.layoutFindings.some((f) => f.file === `${r.id}/${REPORT_FILE_NAME}`) ? `${r.id}/${REPORT_FILE_NAME}` : r.path;
  let own: Finding[] = [];
  try {
    own = [...r.layoutFindings, ...(r.profile?.file.findings ?? []), ...(r.goals?.file.findings ?? [])];
  } catch {
    own = [];
  }
  return [...own, internalErrorFinding(file, e)];
}

export class TeamIndex {
  private teamFile: Parsed<TeamConfig> | undefined;
  private readonly entries = new Map<string, MutableReport>();
  /** Files and folders at the top level that are not part of the layout. */
  private topFindings: Finding[] = [];
  /** Why team.yaml could not be read (the team's defaults apply meanwhile). */
  private teamReadFailure: Finding | undefined;
  /** Unsaved editor text by path: it takes the place of the file on disk until it is saved or closed. */
  private readonly overlays = new Map<string, string>();
  /** Counts of what was read, for the benchmark and tests: the index must not read more than it needs. */
  readonly stats = { filesRead: 0, filesParsed: 0, meetingsParsed: 0, directoriesListed: 0, slowestParseMs: 0 };
  private versionValue = 0;

  private constructor(private readonly fs: TeamFileSystem, private readonly slice: Slice) {}

  /**
   * Lists the team folder and reads the small per-report files. Meeting files are not read here. `slice` is awaited
   * before each file's parse and each folder's listing is taken in (src/core/slice.ts): the extension's host thread
   * stays free for the UI while a load or a rescan runs.
   */
  static async open(fs: TeamFileSystem, options: { readonly rowsFirst?: boolean; readonly slice?: Slice } = {}): Promise<TeamIndex> {
    const index = new TeamIndex(fs, options.slice ?? noSlice);
    // Rows first (the extension's first paint, issue #17): only the listing, team.yaml and each report.yaml now; the
    // goals and the meeting listings wait for `finishLoad`.
    if (options.rowsFirst) index.deferred = [];
    await index.reloadAll();
    index.deferring = false;
    return index;
  }

  /** Set while `open` reads the rows only; the rest of each report waits in `deferred`. */
  private deferring = true;
  private deferred: Array<readonly [string, () => Promise<void>]> | undefined;

  /**
   * Reads what an open with `rowsFirst` left for later: each report's goals.yaml and its meetings folder's listing;
   * with `only`, just those reports' (a thread of the CLI's check reads its own share of the reports: the others'
   * are then never read). Nothing to do after a plain open, or when done once.
   */
  async finishLoad(only?: (reportId: string) => boolean): Promise<void> {
    const rest = this.deferred;
    this.deferred = undefined;
    if (!rest || rest.length === 0) return;
    this.versionValue++;
    await mapLimit(only ? rest.filter(([id]) => only(id)) : rest, IO_CONCURRENCY, ([, read]) => read());
    this.versionValue++;
  }

  /**
   * Bumped whenever what the index answers may have changed: a change or overlay (when it starts and when it ends,
   * so a read in between is never mistaken for the result), a reload, a meeting parse kept in the cache. The query
   * layer caches what it derives per version.
   */
  get version(): number {
    return this.versionValue;
  }

  get team(): TeamConfig {
    return this.teamFile?.value ?? TEAM_DEFAULTS;
  }

  get teamParsed(): Parsed<TeamConfig> | undefined {
    return this.teamFile;
  }

  get topLevelFindings(): readonly Finding[] {
    return this.topFindings;
  }

  reports(): ReportEntry[] {
    return [...this.entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  report(id: string): ReportEntry | undefined {
    return this.entries.get(id);
  }

  /** The display name: the `name` in report.yaml, else the folder id. */
  displayName(report: ReportEntry): string {
    return report.profile?.value?.name || report.id;
  }

  /** The parsed meeting, if it was loaded. */
  loadedMeeting(reportId: string, fileName: string): LoadedMeeting | undefined {
    return this.entries.get(reportId)?.loaded.get(fileName);
  }

  /** Forgets a report's parsed meetings (the CLI's streamed check, once the report is checked): memory stays bounded. */
  dropMeetings(reportId: string): void {
    const r = this.entries.get(reportId);
    if (!r || r.loaded.size === 0) return;
    r.loaded.clear();
    this.versionValue++;
  }

  /**
   * Parses the given meetings (those not cached yet; with `revalidate`, also those whose file changed on disk since
   * they were read, by mtime and size) and returns them in the given order.
   */
  async loadMeetings(reportId: string, refs: readonly MeetingRef[], options: { revalidate?: boolean } = {}): Promise<LoadedMeeting[]> {
    const r = this.entries.get(reportId);
    if (!r) return [];
    return mapLimit(refs, IO_CONCURRENCY, async (ref) => {
      const cached = r.loaded.get(ref.fileName);
      if (cached && !options.revalidate) return cached;
      if (options.revalidate) {
        // Read the version before the content: a write in between makes the next revalidation read again.
        const st = await this.fs.stat(ref.path);
        if (cached && st && cached.version !== undefined && st.version === cached.version) return cached;
        return this.readMeeting(r, ref, st?.version);
      }
      return this.readMeeting(r, ref, undefined);
    });
  }

  private async readMeeting(r: MutableReport, ref: MeetingRef, statVersion: string | undefined): Promise<LoadedMeeting> {
    const path = ref.path;
    let text = '';
    let version: string | undefined;
    let failure: Finding | undefined;
    try {
      const content = await this.read(path);
      text = content.text;
      version = content.version ?? statVersion;
    } catch (e) {
      const kind = failureKind(e);
      // Missing: deleted between the listing and the read; the watcher's delete event follows and removes it.
      if (kind !== 'missing') failure = kind ? readFailureFinding(path, kind) : internalErrorFinding(path, e);
    }
    await this.slice();
    this.stats.meetingsParsed++;
    this.stats.filesParsed++;
    let parsed: Parsed<Meeting>;
    const started = performance.now();
    try {
      parsed = parseMeetingFile(path, text, ref.date);
      if (failure) parsed = readFailed(parsed, failure);
    } catch (e) {
      parsed = readFailed(parseMeetingFile(path, '', ref.date), internalErrorFinding(path, e));
    }
    addEncodingFinding(parsed);
    this.timed(started);
    const loaded: LoadedMeeting = { ...parsed, ref, version };
    // Only keep it if the file is still listed (a delete may have raced with the read).
    if (r.meetings.includes(ref)) {
      r.loaded.set(ref.fileName, loaded);
      this.versionValue++;
    }
    return loaded;
  }

  /** Parses every meeting file of every report (the CLI's full check). */
  async loadAllMeetings(): Promise<void> {
    for (const r of this.entries.values()) await this.loadMeetings(r.id, r.meetings);
  }

  /** Applies one change reported by a file watcher. Paths are relative to the team folder. */
  async applyChange(path: string, kind: ChangeKind): Promise<ChangeEffect> {
    this.versionValue++;
    try {
      return await this.applyChangeNow(path, kind);
    } finally {
      this.versionValue++;
    }
  }

  private async applyChangeNow(path: string, kind: ChangeKind): Promise<ChangeEffect> {
    const parts = path.split('/').filter((p) => p !== '');
    if (parts.length === 0) {
      await this.reloadAll();
      return { reports: 'all' };
    }
    if (parts.length === 1) {
      if (parts[0] === TEAM_FILE_NAME) {
        await this.reloadTopLevel(true);
        return { reports: 'all' };
      }
      // A report folder appeared or went (or a stray top-level file).
      const before = this.entries.has(parts[0]);
      await this.reloadTopLevel();
      const after = this.entries.has(parts[0]);
      return { reports: new Set(before || after ? [parts[0]] : []) };
    }
    const id = parts[0];
    let refused = false;
    if (/\.ya?ml$/.test(path) && !this.isListedChange(parts, kind)) {
      // The event is a hint, the disk decides: events arrive late and out of order (a delete reported after the file
      // was written again, by a checkout or after a rescan), and a late "deleted" must not drop a file that is there.
      // As in the first load, only plain files are read: a symbolic link (or anything else) is not, and says so.
      const st = await this.fs.stat(path);
      if (!st || st.kind !== 'file') kind = 'deleted';
      else if (kind === 'deleted') kind = 'changed';
      refused = st !== undefined && st.kind !== 'file';
    }
    const r = this.entries.get(id);
    if (!r) {
      // A file inside a folder we did not know yet: the folder is new.
      await this.reloadTopLevel();
      return { reports: new Set([id]) };
    }
    try {
      await this.applyReportChange(r, parts, kind, refused);
    } catch (e) {
      // The fence, for changes: one report's failure is said on that report and the rest of the team is untouched.
      fenced(r, e);
      this.refreshLayoutFindings(r);
    }
    return { reports: new Set([id]) };
  }

  /**
   * A "changed" event for a 1:1 file the index lists as a plain file: all it does is drop the file's cached parse
   * (read again when needed; a file gone meanwhile reads as missing, and its "deleted" event removes it), so the disk
   * need not be asked first. A `git pull` rewriting 52,600 files sends as many such events: a stat each cost the host
   * about a second (issue #17).
   */
  private isListedChange(parts: readonly string[], kind: ChangeKind): boolean {
    if (kind !== 'changed' || parts.length !== 3 || parts[1] !== MEETINGS_DIR) return false;
    const r = this.entries.get(parts[0]);
    return r !== undefined && r.meetings.some((m) => m.fileName === parts[2]);
  }

  private async applyReportChange(r: MutableReport, parts: readonly string[], kind: ChangeKind, refused: boolean): Promise<void> {
    const id = r.id;
    const rest = parts.slice(1).join('/');
    if (rest === REPORT_FILE_NAME || rest === GOALS_FILE_NAME) {
      const path2 = joinPath(id, rest);
      r.readFailures.delete(path2);
      if (rest === REPORT_FILE_NAME) r.profile = kind === 'deleted' ? undefined : await this.readParsedInto(r, path2, parseReportFile);
      else r.goals = kind === 'deleted' ? undefined : await this.readParsedInto(r, path2, parseGoalsFile);
      if (refused) r.readFailures.set(path2, readFailureFinding(path2, 'not-regular'));
      this.refreshLayoutFindings(r);
    } else if (rest === MEETINGS_DIR) {
      await this.listMeetings(r);
      this.refreshLayoutFindings(r);
    } else if (parts.length === 3 && parts[1] === MEETINGS_DIR) {
      this.meetingChanged(r, parts[2], kind);
    }
  }

  private meetingChanged(r: MutableReport, fileName: string, kind: ChangeKind): void {
    r.loaded.delete(fileName);
    const existing = r.meetings.findIndex((m) => m.fileName === fileName);
    // A name added or removed: the folder's version from its last listing no longer vouches for the listing held.
    if (kind !== 'changed' || existing < 0) this.versionsRead.delete(joinPath(r.path, MEETINGS_DIR));
    if (kind === 'deleted') {
      if (existing >= 0) r.meetings.splice(existing, 1);
      r.layoutFindings = r.layoutFindings.filter((f) => f.file !== joinPath(r.path, MEETINGS_DIR, fileName));
      return;
    }
    if (existing >= 0) return; // changed: dropping the cached parse is enough; it is re-read when needed
    const ref = this.meetingRef(r, fileName);
    if (!ref) {
      this.refreshLayoutFindings(r);
      return;
    }
    // Insert in order: a binary search keeps a one-file change cheap in a history of thousands.
    let lo = 0;
    let hi = r.meetings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareRefsNewestFirst(r.meetings[mid], ref) < 0) lo = mid + 1;
      else hi = mid;
    }
    r.meetings.splice(lo, 0, ref);
  }

  private meetingRef(r: MutableReport, fileName: string): MeetingRef | undefined {
    const parsed = meetingFileDate(fileName);
    if (!parsed) return undefined;
    return new ListedMeeting(r.path, parsed);
  }

  private async reloadAll(): Promise<void> {
    this.versionValue++;
    this.entries.clear();
    this.teamFile = undefined;
    await this.reloadTopLevel();
  }

  /** Lists the team folder; loads reports that are new, forgets those that went. Known reports are kept as they are. */
  private async reloadTopLevel(rereadTeamFile = false): Promise<void> {
    const entries = await this.fs.readDirectory('');
    this.stats.directoriesListed++;
    const found = new Set<string>();
    const top: Finding[] = [];
    const toLoad: string[] = [];
    let hasTeamFile = false;
    for (const [name, kind] of entries) {
      if (name.startsWith('.')) continue; // .git, .vscode, editor droppings
      if (kind === 'file' && name === TEAM_FILE_NAME) {
        hasTeamFile = true;
      } else if (kind === 'other' || (name === TEAM_FILE_NAME && kind !== 'file')) {
        // A link, a pipe or a socket (or a folder named team.yaml) is never opened: said, not silently skipped.
        top.push(readFailureFinding(name, 'not-regular'));
      } else if (kind === 'directory') {
        if (!REPORT_ID.test(name)) {
          top.push(layoutFinding(name, `Folder \`${name}\` is not read: report folders are named with lower-case letters, digits and dashes (e.g. \`${suggestId(name)}\`).`, { suggestion: suggestId(name) }));
          continue;
        }
        found.add(name);
        if (!this.entries.has(name)) toLoad.push(name);
      }
    }
    for (const id of [...this.entries.keys()]) if (!found.has(id)) this.entries.delete(id);
    if (hasTeamFile && (!this.teamFile || rereadTeamFile)) {
      const { parsed, failure } = await this.readParsedOrFailure(TEAM_FILE_NAME, parseTeamFile);
      this.teamFile = parsed;
      this.teamReadFailure = failure;
    }
    if (!hasTeamFile) {
      this.teamFile = undefined;
      this.teamReadFailure = undefined;
    }
    if (this.teamReadFailure) top.push(this.teamReadFailure);
    this.topFindings = top;
    await mapLimit(toLoad, IO_CONCURRENCY, (id) => this.loadReport(id));
  }

  private async loadReport(id: string): Promise<void> {
    const r: MutableReport = {
      id, path: id, profile: undefined, goals: undefined, meetings: [], layoutFindings: [], loaded: new Map(), historyUnreadable: false, readFailures: new Map(),
    };
    try {
      let names: ReadonlyArray<readonly [string, string]> = [];
      try {
        names = await this.fs.readDirectory(id);
        this.stats.directoriesListed++;
      } catch (e) {
        const kind = failureKind(e);
        if (kind === 'missing') return; // gone already
        if (!kind) throw e;
        // Not silently gone: the report stays in the team, with what happened.
        r.readFailures.set(id, readFailureFinding(id, kind));
        r.historyUnreadable = true;
        this.refreshLayoutFindings(r);
        this.entries.set(id, r);
        return;
      }
      const kindOf = (n: string): string | undefined => names.find(([name]) => name === n)?.[1];
      for (const [n, want] of [[REPORT_FILE_NAME, 'file'], [GOALS_FILE_NAME, 'file'], [MEETINGS_DIR, 'directory']] as const) {
        const k = kindOf(n);
        if (k !== undefined && k !== want) r.readFailures.set(joinPath(id, n), readFailureFinding(joinPath(id, n), 'not-regular'));
      }
      // The goals and the 1:1 listing, fenced on their own: whether read now or after the rows (`rowsFirst`), a
      // failure there keeps the report.yaml read beside it.
      const rest = async (): Promise<void> => {
        try {
          const [goals] = await Promise.all([
            kindOf(GOALS_FILE_NAME) === 'file' ? this.readParsedInto(r, joinPath(id, GOALS_FILE_NAME), parseGoalsFile) : undefined,
            kindOf(MEETINGS_DIR) === 'directory' ? this.listMeetings(r) : undefined,
          ]);
          r.goals = goals;
        } catch (e) {
          fenced(r, e);
        }
      };
      const later = this.deferring ? this.deferred : undefined;
      const [profile] = await Promise.all([
        kindOf(REPORT_FILE_NAME) === 'file' ? this.readParsedInto(r, joinPath(id, REPORT_FILE_NAME), parseReportFile) : undefined,
        later ? undefined : rest(),
      ]);
      r.profile = profile;
      later?.push([id, async () => {
        await rest();
        this.refreshLayoutFindings(r);
      }]);
    } catch (e) {
      // The fence around one report's loading: whatever went wrong, the other reports load, and this one says so.
      fenced(r, e);
    }
    this.refreshLayoutFindings(r);
    this.entries.set(id, r);
  }

  private async listMeetings(r: MutableReport): Promise<void> {
    let names: ReadonlyArray<readonly [string, string]> = [];
    const dir = joinPath(r.path, MEETINGS_DIR);
    r.readFailures.delete(dir);
    r.historyUnreadable = false;
    this.versionsRead.delete(dir);
    try {
      // The folder's version before its listing (a name added in between leaves an older version: not trusted later).
      const version = (await this.fs.stat(dir))?.version;
      names = await this.fs.readDirectory(dir);
      if (version !== undefined) this.versionsRead.set(dir, version);
      this.stats.directoriesListed++;
    } catch (e) {
      const kind = failureKind(e);
      if (kind === undefined) throw e;
      names = [];
      if (kind !== 'missing') {
        // A history we cannot see is not an empty history: say so, and keep the cadence rules quiet.
        r.readFailures.set(dir, readFailureFinding(dir, kind));
        r.historyUnreadable = true;
      }
    }
    await this.slice(); // a listing of a few hundred names is taken in at once, but not many of them back to back
    const { refs, bad } = this.listingOf(r, names);
    // Keep cached parses of files that are still there.
    const keep = new Set(refs.map((m) => m.fileName));
    for (const name of [...r.loaded.keys()]) if (!keep.has(name)) r.loaded.delete(name);
    r.meetings = refs;
    r.layoutFindings = [...r.layoutFindings.filter((f) => !f.file.startsWith(joinPath(r.path, MEETINGS_DIR) + '/')), ...bad];
  }

  /** A meetings folder's names as the index takes them: the 1:1s, newest first, and the findings about the others. */
  private listingOf(r: MutableReport, names: ReadonlyArray<readonly [string, string]>): { refs: MeetingRef[]; bad: Finding[] } {
    const dir = joinPath(r.path, MEETINGS_DIR);
    const refs: MeetingRef[] = [];
    const bad: Finding[] = [];
    // The refs the index has already are kept (a rescan lists every folder again: no new object per known file).
    const oldByName = new Map(r.meetings.map((m) => [m.fileName, m]));
    for (const [name, kind] of names) {
      if (name.startsWith('.')) continue;
      if (kind !== 'file') {
        // A folder, link or pipe named like a 1:1 is refused on purpose, and said so.
        if (name.endsWith('.yaml') || name.endsWith('.yml')) bad.push(readFailureFinding(joinPath(dir, name), 'not-regular'));
        continue;
      }
      const ref = oldByName.get(name) ?? this.meetingRef(r, name);
      if (ref) refs.push(ref);
      else if (name.endsWith('.yaml') || name.endsWith('.yml')) {
        const path = joinPath(r.path, MEETINGS_DIR, name);
        bad.push(layoutFinding(path, `\`${name}\` is not read as a 1:1: meeting files are named \`YYYY-MM-DD.yaml\` (a second one that day \`YYYY-MM-DD-2.yaml\`) with a date from ${MIN_DATE} to ${MAX_DATE}.`));
      }
    }
    refs.sort(compareRefsNewestFirst);
    return { refs, bad };
  }

  /**
   * Vouches again for a meetings folder whose listing the index changed one event at a time (its version from the
   * first listing no longer says anything): lists it, and when the names and their findings are those the index
   * holds, records the folder's version taken before the listing (the warm start's next record can then keep the
   * report). Nothing changes in the index either way.
   */
  async revouchListing(id: string): Promise<void> {
    const r = this.entries.get(id);
    const dir = joinPath(id, MEETINGS_DIR);
    if (!r || r.historyUnreadable || this.versionsRead.has(dir) || r.meetings.length === 0) return;
    const st = await this.fs.stat(dir);
    if (!st || st.kind !== 'directory') return;
    let names: ReadonlyArray<readonly [string, string]>;
    try {
      names = await this.fs.readDirectory(dir);
    } catch {
      return;
    }
    const { refs, bad } = this.listingOf(r, names);
    const key = (fs: readonly Finding[]): string => fs.map((f) => `${f.file}\u0000${f.message}`).sort().join('\u0001');
    const same = refs.length === r.meetings.length && refs.every((m, i) => m === r.meetings[i])
      && key(bad) === key(r.layoutFindings.filter((f) => f.file.startsWith(`${dir}/`)));
    if (same && this.entries.get(id) === r) this.versionsRead.set(dir, st.version);
  }

  private refreshLayoutFindings(r: MutableReport): void {
    const meetingFindings = r.layoutFindings.filter((f) => f.file.startsWith(joinPath(r.path, MEETINGS_DIR) + '/'));
    const own: Finding[] = [...r.readFailures.values()];
    if (!r.profile && !r.readFailures.has(joinPath(r.path, REPORT_FILE_NAME)) && !r.readFailures.has(r.path)) {
      own.push({
        ...layoutFinding(r.path, `Report folder \`${r.id}\` has no \`report.yaml\`: add one with at least \`name:\`.`),
        rule: 'schema',
        data: undefined,
      });
    }
    r.layoutFindings = [...own, ...meetingFindings];
  }

  /** The text of a file: the editor's unsaved text when there is one, else the file on disk. */
  private async read(path: string): Promise<{ text: string; version?: string }> {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return { text: overlay, version: `overlay:${overlay.length}:${hash(overlay)}` };
    const content = await this.fs.readFile(path);
    this.stats.filesRead++;
    return content;
  }

  /**
   * Uses `text` in place of the file on disk (an editor's unsaved changes), or the disk again with `undefined`.
   * Re-checks like a change of that file.
   */
  async setOverlay(path: string, text: string | undefined): Promise<ChangeEffect> {
    if (text === undefined) this.overlays.delete(path);
    else this.overlays.set(path, text);
    return this.applyChange(path, 'changed');
  }

  /** Reads and parses a file, and records why the file could not be read in the report's findings. */
  private async readParsedInto<T>(r: MutableReport, path: string, parse: (path: string, text: string) => Parsed<T>): Promise<Parsed<T> | undefined> {
    const { parsed, failure } = await this.readParsedOrFailure(path, parse);
    if (failure) r.readFailures.set(path, failure);
    else r.readFailures.delete(path);
    return parsed;
  }

  /** A file read and parsed, or why not: missing (undefined, no finding), unreadable, refused, or a parser bug. */
  private async readParsedOrFailure<T>(path: string, parse: (path: string, text: string) => Parsed<T>): Promise<{ parsed?: Parsed<T>; failure?: Finding }> {
    let text: string;
    this.versionsRead.delete(path);
    try {
      const content = await this.read(path);
      text = content.text;
      if (content.version !== undefined) this.versionsRead.set(path, content.version);
    } catch (e) {
      const kind = failureKind(e);
      if (kind === 'missing') return {};
      return { failure: kind ? readFailureFinding(path, kind) : internalErrorFinding(path, e) };
    }
    await this.slice();
    this.stats.filesParsed++;
    const started = performance.now();
    try {
      const parsed = parse(path, text);
      addEncodingFinding(parsed);
      return { parsed };
    } catch (e) {
      return { failure: internalErrorFinding(path, e) };
    } finally {
      this.timed(started);
    }
  }

  /**
   * The version (e.g. `mtime:size`, or an overlay's) of team.yaml, a report.yaml or a goals.yaml as last read, or of
   * a meetings folder as last listed (taken before the listing), when the file system gave one; undefined when it did
   * not, or the read failed. What the warm start (src/core/warm/) compares with the disk: a file or folder whose
   * version differs from the one its kept results were built on is not trusted.
   */
  versionRead(path: string): string | undefined {
    return this.versionsRead.get(path);
  }

  private readonly versionsRead = new Map<string, string>();

  /** Whether a report has files or folders that could not be read (its results depend on more than its versions). */
  hasReadFailures(id: string): boolean {
    const r = this.entries.get(id);
    return r === undefined || r.readFailures.size > 0 || r.historyUnreadable;
  }

  /** Records how long one file's parse held the thread (it runs in one go): the in-host test's budget per file. */
  private timed(started: number): void {
    this.stats.slowestParseMs = Math.max(this.stats.slowestParseMs, performance.now() - started);
  }

  // ---- Rescan (issue #17): what the watcher did not say, found by comparing the folder with the index ---------------

  /** The version (mtime:size) at which team.yaml, a report.yaml or a goals.yaml last matched its parse. */
  private readonly rescanVersions = new Map<string, string>();

  /**
   * Compares the team folder with what the index holds and takes in every difference: folders and meeting files
   * that appeared or went (from the listings), and files the index holds parsed whose version changed (read again
   * only then). For when watcher events were dropped or too many came at once: nothing the index relies on can stay
   * stale. The cost grows with the folders and the parsed files, not with the 1:1 history; returns the reports whose
   * rules must run again (all of them when team.yaml changed).
   */
  async rescan(): Promise<ChangeEffect> {
    // A new version before and after, as for any change: the query layer's cache keys on it.
    this.versionValue++;
    try {
      return await this.rescanNow();
    } finally {
      this.versionValue++;
    }
  }

  private async rescanNow(): Promise<ChangeEffect> {
    const touched = new Set<string>();
    const before = new Set(this.entries.keys());
    const teamChanged = await this.rescanFileChanged(TEAM_FILE_NAME, this.teamFile, this.teamReadFailure !== undefined);
    await this.reloadTopLevel(teamChanged);
    for (const id of before) if (!this.entries.has(id)) touched.add(id);
    const kept: MutableReport[] = [];
    for (const [id, r] of this.entries) {
      if (before.has(id)) kept.push(r);
      else touched.add(id);
    }
    await mapLimit(kept, IO_CONCURRENCY, async (r) => {
      let changed: boolean;
      try {
        changed = await this.rescanReport(r);
      } catch (e) {
        // The fence, as for a change: this report says what happened, the others are rescanned as usual.
        r.readFailures.set(joinPath(r.id, REPORT_FILE_NAME), internalErrorFinding(joinPath(r.id, REPORT_FILE_NAME), e));
        this.refreshLayoutFindings(r);
        changed = true;
      }
      if (changed) touched.add(r.id);
    });
    return { reports: teamChanged ? 'all' : touched };
  }

  /** Whether one report's files differ from what the index holds; takes the differences in. */
  private async rescanReport(r: MutableReport): Promise<boolean> {
    const reload = async (): Promise<boolean> => {
      this.entries.delete(r.id);
      await this.loadReport(r.id);
      return true;
    };
    // A report that could not be read fully is read again: the reason may have gone.
    if (r.readFailures.size > 0 || r.historyUnreadable) return reload();
    let names: ReadonlyArray<readonly [string, EntryKind]>;
    try {
      names = await this.fs.readDirectory(r.id);
      this.stats.directoriesListed++;
    } catch {
      return reload();
    }
    const kindOf = (n: string): EntryKind | undefined => names.find(([name]) => name === n)?.[1];
    const profileKind = kindOf(REPORT_FILE_NAME);
    const goalsKind = kindOf(GOALS_FILE_NAME);
    const meetingsKind = kindOf(MEETINGS_DIR);
    // Anything but "the same files are there, of the right kinds" is a new report as far as the index knows.
    if ((profileKind === 'file') !== (r.profile !== undefined) || (goalsKind === 'file') !== (r.goals !== undefined)) return reload();
    if ((profileKind ?? 'file') !== 'file' || (goalsKind ?? 'file') !== 'file' || (meetingsKind ?? 'directory') !== 'directory') return reload();
    let changed = false;
    const profilePath = joinPath(r.id, REPORT_FILE_NAME);
    if (r.profile && (await this.rescanFileChanged(profilePath, r.profile, false))) {
      r.profile = await this.readParsedInto(r, profilePath, parseReportFile);
      changed = true;
    }
    const goalsPath = joinPath(r.id, GOALS_FILE_NAME);
    if (r.goals && (await this.rescanFileChanged(goalsPath, r.goals, false))) {
      r.goals = await this.readParsedInto(r, goalsPath, parseGoalsFile);
      changed = true;
    }
    if (meetingsKind === 'directory' || r.meetings.length > 0) {
      const meetingDir = joinPath(r.path, MEETINGS_DIR) + '/';
      const listedBefore = r.meetings.map((m) => m.fileName).join('/');
      const badBefore = r.layoutFindings.filter((f) => f.file.startsWith(meetingDir)).map((f) => f.file).join('/');
      await this.listMeetings(r);
      const badAfter = r.layoutFindings.filter((f) => f.file.startsWith(meetingDir)).map((f) => f.file).join('/');
      if (listedBefore !== r.meetings.map((m) => m.fileName).join('/') || badBefore !== badAfter) changed = true;
    }
    // The parsed 1:1s: same version, kept; else dropped, and parsed again when the rules' window needs them.
    const loaded = [...r.loaded.values()];
    const stale = await mapLimit(loaded, IO_CONCURRENCY, (m) => this.rescanMeetingStale(r, m));
    for (let i = 0; i < loaded.length; i++) {
      if (!stale[i]) continue;
      // Only if the entry is still the one compared (a change applied meanwhile has dropped or replaced it).
      if (r.loaded.get(loaded[i].ref.fileName) === loaded[i]) r.loaded.delete(loaded[i].ref.fileName);
      changed = true;
    }
    if (changed) this.refreshLayoutFindings(r);
    return changed;
  }

  /** Whether a parsed meeting no longer matches its file. One stat; a read only when no version was known yet. */
  private async rescanMeetingStale(r: MutableReport, m: LoadedMeeting): Promise<boolean> {
    if (this.overlays.has(m.ref.path)) return false; // the editor's text stands for the file until saved or closed
    const st = await this.fs.stat(m.ref.path);
    if (!st || st.kind !== 'file') return true;
    if (m.version !== undefined) return st.version !== m.version;
    // Read without a version (the adapter gave none): the text decides, and the version is kept for next time.
    // The version is taken before the read, so a write in between makes the next rescan read again.
    try {
      const content = await this.fs.readFile(m.ref.path);
      this.stats.filesRead++;
      if (content.text !== m.file.text) return true;
    } catch {
      return true;
    }
    if (r.loaded.get(m.ref.fileName) === m) r.loaded.set(m.ref.fileName, { ...m, version: st.version });
    return false;
  }

  /** Whether team.yaml, a report.yaml or a goals.yaml differs from its parse (or failed, and may read now). */
  private async rescanFileChanged(path: string, parsed: Parsed<unknown> | undefined, failed: boolean): Promise<boolean> {
    if (this.overlays.has(path)) return false;
    const st = await this.fs.stat(path);
    if (!st) return parsed !== undefined || failed;
    if (failed || !parsed || st.kind !== 'file') return true;
    if (this.rescanVersions.get(path) === st.version) return false;
    let text: string;
    try {
      text = (await this.fs.readFile(path)).text;
      this.stats.filesRead++;
    } catch {
      return true;
    }
    if (text !== parsed.file.text) {
      this.rescanVersions.delete(path);
      return true;
    }
    this.rescanVersions.set(path, st.version);
    return false;
  }
}

/** A short, cheap fingerprint of a text (FNV-1a), for overlay versions. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** A folder name turned into a valid report id: `Alice Smith` → `alice-smith`. */
export function suggestId(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'report';
}

/** A parse of a file that could not be read: no value, and only the finding that says why. */
function readFailed<T>(parsed: Parsed<T>, failure: Finding): Parsed<T> {
  parsed.file.findings.splice(0, parsed.file.findings.length, failure);
  return { file: parsed.file, value: undefined };
}

/**
 * Bytes that are not UTF-8 reach the core as U+FFFD: the file's text is then not what is on disk, and an edit would
 * write the replacement back. Said once per file, where it first happens; likewise a NUL character.
 */
function addEncodingFinding(parsed: Parsed<unknown>): void {
  const say = (at: number, message: string): void => {
    parsed.file.findings.push({ file: parsed.file.path, range: parsed.file.lines.range([at, at + 1]), rule: 'schema', message });
  };
  const bad = parsed.file.text.indexOf('\uFFFD');
  if (bad >= 0) say(bad, 'This file holds bytes that are not UTF-8 (shown as \uFFFD): save it as UTF-8.');
  // YAML allows no NUL character; a file holding one is most likely not a text file at all.
  const nul = parsed.file.text.indexOf('\u0000');
  if (nul >= 0) say(nul, 'This file holds a NUL character, which YAML does not allow: is it a binary file?');
}
