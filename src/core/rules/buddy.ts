/**
 * unknown-buddy: a goal's `buddy` written like a report id (lower-case, digits, dashes) that names no report of the
 * team. A buddy who is a report shows under that report too (tree, next 1:1's prep); one that names nobody would
 * silently show nowhere. Free text ("Priya (has mentored before)") is someone outside the team and is left alone.
 */
import { looksLikeReportId } from '../career';
import { setValue } from '../edit/yamlEdit';
import type { FindingsOf } from '../findings';
import { nearest } from '../format/parse';
import { anchorIn } from './context';
import type { ReportContext } from './context';
import { goalIndex } from './fixes';
import type { FixEnv, QuickFix, RuleModule } from './rule';

/** The data unknown-buddy attaches. */
export interface BuddyData {
  'unknown-buddy': {
    readonly report: string;
    /** The goal's id: the fix finds the goal by it in the text as it is now. */
    readonly goal: string;
    readonly buddy: string;
    /** The nearest report id, when the buddy looks like a typo of it. */
    readonly suggestion?: string;
  };
}
type Found = FindingsOf<BuddyData>;

const FIX_TITLE = 'Change buddy to `<suggestion>`';

function buddyFixes(data: BuddyData['unknown-buddy'], env: FixEnv): QuickFix[] {
  const suggestion = data.suggestion;
  if (suggestion === undefined) return [];
  const index = goalIndex(env.text, data.goal);
  if (index === undefined) return [];
  return [{ kind: 'edit', title: `Change buddy to \`${suggestion}\``, preferred: true, edit: (t) => setValue(t, ['goals', index, 'buddy'], suggestion) }];
}

export const BUDDY_RULES: RuleModule<BuddyData> = {
  family: 'buddy',
  rules: {
    'unknown-buddy': {
      severity: 'warning',
      summary: 'A goal\'s `buddy` written like a report id that names no report of the team; suggests the nearest id.',
      on: 'the goal\'s `buddy`',
      fixTitles: [FIX_TITLE],
      fixes: buddyFixes,
    },
  },
  check: buddyRules,
};

export function buddyRules(ctx: ReportContext): Found[] {
  const gf = ctx.goalsFile;
  if (!gf) return [];
  const out: Found[] = [];
  let ids: readonly string[] | undefined;
  for (const goal of ctx.goals) {
    const buddy = goal.buddy;
    if (buddy === undefined || !looksLikeReportId(buddy) || ctx.isTeamReport(buddy)) continue;
    ids ??= ctx.teamReportIds().filter((id) => id !== ctx.report.id);
    const suggestion = nearest(buddy, ids);
    out.push({
      file: gf.path,
      range: anchorIn(gf, ['goals', goal.index, 'buddy'], ['goals', goal.index, 'id']),
      rule: 'unknown-buddy',
      message: `No report \`${buddy}\` in the team folder${suggestion ? `. Did you mean \`${suggestion}\`?` : ''}: a buddy written as an id must name a report's folder. For someone outside your team, write their name (e.g. "Priya Shah").`,
      data: suggestion ? { report: ctx.report.id, goal: goal.id, buddy, suggestion } : { report: ctx.report.id, goal: goal.id, buddy },
    });
  }
  return out;
}
