/** action-stale: action items that are followed up, not forgotten. */
import { daysBetween } from '../dates';
import type { FindingsOf } from '../findings';
import { anchorIn } from './context';
import type { ReportContext } from './context';
import type { RuleModule } from './rule';

/** The data action-stale attaches: the newest meeting that lists the action, and its index there. */
export interface ActionsData {
  'action-stale': { readonly report: string; readonly meeting: string; readonly index: number };
}
type Found = FindingsOf<ActionsData>;

export const ACTION_RULES: RuleModule<ActionsData> = {
  family: 'actions',
  rules: {
    'action-stale': {
      severity: 'info',
      summary: 'An open action past its due date, or open across two later held 1:1s.',
      on: 'the action in the newest meeting that lists it',
    },
  },
  check: actionRules,
};

/** An open action seen across this many later held 1:1s is stale even without a due date. */
const STALE_AFTER_HELD = 2;

export function actionRules(ctx: ReportContext): Found[] {
  const out: Found[] = [];
  for (const open of ctx.openActions) {
    const a = open.action;
    const due = a.due;
    const overdue = due !== undefined && due < ctx.today;
    if (!overdue && open.heldSince < STALE_AFTER_HELD) continue;
    const who = a.owner === 'manager' ? 'your' : `${ctx.name}'s`;
    const why = overdue
      ? `was due ${due} (${daysBetween(due, ctx.today)} days ago)`
      : `has stayed open through ${open.heldSince} 1:1s since ${open.firstSeen.ref.date}`;
    out.push({
      file: open.meeting.file.path,
      range: anchorIn(open.meeting.file, ['actions', a.index, 'text'], ['actions', a.index]),
      rule: 'action-stale',
      message: `Open action (${who}) "${clip(a.text)}" ${why}: finish it, re-plan it, or drop it.`,
      data: { report: ctx.report.id, meeting: open.meeting.ref.fileName, index: a.index },
    });
  }
  return out;
}

function clip(text: string): string {
  const one = text.trim().replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}
