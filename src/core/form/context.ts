/** What the form shows around one meeting file, read from the index (the few 1:1s before it are parsed lazily). */
import { buddyGoalsById } from '../career';
import { parseDuration } from '../dates';
import { meetingFileDate } from '../format/files';
import { MEETINGS_DIR } from '../index/teamIndex';
import type { TeamIndex } from '../index/teamIndex';
import type { FormContext } from './model';

/** 1:1s before this one that are read: enough for the last five held ones with a skipped one or two between. */
const EARLIER = 8;

/** The context of the meeting file at `path` (relative to the team folder); undefined outside a report's meetings. */
export async function loadFormContext(index: TeamIndex, path: string): Promise<FormContext | undefined> {
  const [id, dir, fileName, ...rest] = path.split('/');
  if (dir !== MEETINGS_DIR || !fileName || rest.length > 0) return undefined;
  const r = index.report(id);
  if (!r) return undefined;
  const own = meetingFileDate(fileName);
  const pos = r.meetings.findIndex((m) => m.fileName === fileName);
  const older = pos >= 0
    ? r.meetings.slice(pos + 1)
    : r.meetings.filter((m) => own !== undefined && (m.date < own.date || (m.date === own.date && m.seq < own.seq)));
  const loaded = await index.loadMeetings(r.id, older.slice(0, EARLIER));
  const team = index.team;
  const profile = r.profile?.value;
  const cadence = profile?.cadence ?? team.cadence;
  return {
    reportName: index.displayName(r),
    cadence,
    cadenceDays: parseDuration(cadence) ?? 7,
    earlier: loaded.map((m) => ({ date: m.ref.date, meeting: m.value })),
    goals: r.goals?.value ?? [],
    goalLengthDays: parseDuration(team.goalLength) ?? 56,
    aspirations: profile?.aspirations ?? [],
    paused: profile?.paused ?? [],
    buddyOf: buddyOf(index, r.id),
  };
}

/** Goals of other reports on the team whose `buddy` is this report (one pass over the team's parsed goals). */
function buddyOf(index: TeamIndex, id: string): Array<{ name: string; title: string }> {
  // The form has no today: a report with `left` written is leaving or gone, and asks no buddy for help any more.
  const owners = index.reports().map((r) => ({ id: r.id, name: index.displayName(r), goals: r.goals?.value ?? [], hasLeft: r.profile?.value?.left !== undefined, goalsFile: undefined }));
  return (buddyGoalsById(owners).get(id) ?? []).map((b) => ({ name: b.ownerName, title: b.title }));
}
