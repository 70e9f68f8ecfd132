/**
 * The team folder's layout, known in one place: what a team-relative path is (team.yaml, a report's files, one of
 * its 1:1s, ...) and which report it belongs to. Everything that asks "is this a meeting file?" or "whose file is
 * this?" asks here instead of splitting the path itself.
 */
import { meetingFileDate } from './format/files';
import { REPORT_ID } from './format/schema';

/** Names of the layout (docs/format.md). */
export const TEAM_FILE_NAME = 'team.yaml';
export const REPORT_FILE_NAME = 'report.yaml';
export const GOALS_FILE_NAME = 'goals.yaml';
export const MEETINGS_DIR = 'meetings';

export type PathKind = 'team' | 'report-dir' | 'report-profile' | 'goals' | 'meetings-dir' | 'meeting' | 'other';

export type PathInfo =
  | { readonly kind: 'team' }
  | { readonly kind: 'report-dir' | 'report-profile' | 'goals' | 'meetings-dir'; readonly reportId: string }
  | {
    readonly kind: 'meeting';
    readonly reportId: string;
    readonly fileName: string;
    /** From a name `YYYY-MM-DD.yaml` or `YYYY-MM-DD-N.yaml`; undefined for any other `.yaml` name in `meetings/`. */
    readonly date: string | undefined;
    /** 1 for `2026-11-24.yaml`, 2 for `2026-11-24-2.yaml`; undefined with `date`. */
    readonly seq: number | undefined;
  }
  /** Outside the layout; `reportId` when it still lies inside a report's folder (e.g. `ana/notes.txt`). */
  | { readonly kind: 'other'; readonly reportId?: string };

const OTHER: PathInfo = { kind: 'other' };

/**
 * What a path relative to the team folder (`/` separators, as the core uses them) is in the layout. Hidden names
 * (`.git`, editor droppings) and folder names that are not report ids are outside it, as the index reads them.
 * A meeting is a `.yaml` file directly in a report's `meetings/` folder, named by its date or not (a badly named
 * one is still that report's 1:1 file, which the form opens and the index reports as misnamed).
 */
export function classifyPath(path: string): PathInfo {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.some((p) => p.startsWith('.') || p === '..')) return OTHER;
  const [first, second, third] = parts;
  if (parts.length === 1 && first === TEAM_FILE_NAME) return { kind: 'team' };
  if (!REPORT_ID.test(first)) return OTHER;
  const reportId = first;
  if (parts.length === 1) return { kind: 'report-dir', reportId };
  if (parts.length === 2) {
    if (second === REPORT_FILE_NAME) return { kind: 'report-profile', reportId };
    if (second === GOALS_FILE_NAME) return { kind: 'goals', reportId };
    if (second === MEETINGS_DIR) return { kind: 'meetings-dir', reportId };
    return { kind: 'other', reportId };
  }
  if (parts.length === 3 && second === MEETINGS_DIR && third.endsWith('.yaml')) {
    const dated = meetingFileDate(third);
    return { kind: 'meeting', reportId, fileName: third, date: dated?.date, seq: dated?.seq };
  }
  return { kind: 'other', reportId };
}

/** The report a path belongs to (its folder or anything in it), or undefined for team.yaml and the rest. */
export function reportIdOf(path: string): string | undefined {
  const info = classifyPath(path);
  return info.kind === 'team' ? undefined : info.reportId;
}

/** True for a 1:1 file of a report (see `classifyPath`). */
export function isMeetingPath(path: string): boolean {
  return classifyPath(path).kind === 'meeting';
}
