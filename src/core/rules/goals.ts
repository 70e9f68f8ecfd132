/** goal-expired, goal-too-long, no-active-goal, goal-not-discussed, unknown-goal: two-month goals kept alive. */
import { addDays, daysBetween, describeDuration, MAX_DATE } from '../dates';
import type { IsoDate } from '../dates';
import { setValue } from '../edit/yamlEdit';
import type { FindingsOf, SchemaFinding } from '../findings';
import { nearest, rangeOfPath } from '../format/parse';
import { anchorIn, goalEndOf, reportAnchor } from './context';
import type { ReportContext } from './context';
import { goalIndex } from './fixes';
import type { FixEnv, QuickFix, RuleModule } from './rule';

interface GoalRef {
  readonly report: string;
  /** The goal's id: fixes find the goal by it in the text as it is now (the list may have changed since). */
  readonly goal: string;
  readonly index: number;
}

/** The data each goal rule attaches. */
export interface GoalsData {
  'goal-expired': GoalRef & { readonly end: IsoDate };
  'goal-too-long': GoalRef;
  'no-active-goal': { readonly report: string };
  'goal-not-discussed': GoalRef;
  'unknown-goal': { readonly goal: string; readonly suggestion?: string };
}
type Found = FindingsOf<GoalsData> | SchemaFinding;

const ON_GOAL = 'the goal in goals.yaml';
const EXPIRED_FIXES = ['Mark goal done', 'Extend by 2 weeks', 'Drop goal'] as const;
/** How far Extend moves a goal's end: from the later of its end and today, so it is not expired again at once. */
const EXTEND_DAYS = 14;

function expiredFixes(data: GoalsData['goal-expired'], env: FixEnv): QuickFix[] {
  const index = goalIndex(env.text, data.goal);
  if (index === undefined) return [];
  const from = data.end > env.today ? data.end : env.today;
  const extended = addDays(from, EXTEND_DAYS);
  return [
    { kind: 'edit', title: EXPIRED_FIXES[0], edit: (t) => setValue(t, ['goals', index, 'status'], 'done'), preferred: true },
    // A goal extended past the last date the format holds would be a new error: not offered.
    ...(extended <= MAX_DATE ? [{ kind: 'edit', title: EXPIRED_FIXES[1], edit: (t: string) => setValue(t, ['goals', index, 'end'], extended) } as const] : []),
    { kind: 'edit', title: EXPIRED_FIXES[2], edit: (t) => setValue(t, ['goals', index, 'status'], 'dropped') },
  ];
}

export const GOAL_RULES: RuleModule<GoalsData> = {
  family: 'goals',
  rules: {
    'goal-expired': { severity: 'warning', summary: 'An active goal whose end date has passed.', on: ON_GOAL, fixTitles: EXPIRED_FIXES, fixes: expiredFixes },
    'goal-too-long': { severity: 'info', summary: 'A goal longer than the goal length plus two weeks.', on: ON_GOAL },
    'no-active-goal': { severity: 'info', summary: 'A report with no active two-month goal.', on: 'report.yaml' },
    'goal-not-discussed': { severity: 'warning', summary: 'An active goal with no check-in in the last two held 1:1s since it started.', on: ON_GOAL },
    'unknown-goal': { severity: 'error', summary: 'A check-in names a goal id that goals.yaml does not have.', on: 'the check-in in the meeting file' },
  },
  check: goalRules,
};

/** A goal may run this much longer than the goal length before `goal-too-long` says so. */
const TOO_LONG_SLACK_DAYS = 14;
/** `goal-not-discussed` looks at this many held 1:1s since the goal started. */
const DISCUSS_WITHIN = 2;

export function goalRules(ctx: ReportContext): Found[] {
  const out: Found[] = [];
  const gf = ctx.goalsFile;
  for (const goal of ctx.unsupportedGoals) {
    if (!gf) break;
    // The value that leads there is the start: a computed end the format cannot hold is said, never computed with.
    out.push({
      file: gf.path,
      range: anchorIn(gf, ['goals', goal.index, 'start'], ['goals', goal.index, 'id']),
      rule: 'schema',
      message: `Goal "${goal.title}" would end on ${goalEndOf(ctx, goal)}, after ${MAX_DATE} (the last date the format supports): give it an earlier \`start\` or an \`end\`. The goal rules skip it until then.`,
    });
  }
  // From the day a report left, no goal rule nags about them (a check-in naming no goal is still an error).
  if (ctx.hasLeft) return [...out, ...unknownGoals(ctx)];
  for (const goal of ctx.activeGoals) {
    if (!gf) break;
    const end = goalEndOf(ctx, goal);
    const title = `Goal "${goal.title}"`;
    const data = { report: ctx.report.id, goal: goal.id, index: goal.index };
    if (end < ctx.today) {
      const ago = daysBetween(end, ctx.today);
      out.push({
        file: gf.path,
        range: anchorIn(gf, ['goals', goal.index, 'end'], ['goals', goal.index, 'id']),
        rule: 'goal-expired',
        message: `${title} ended on ${end} (${ago} day${ago === 1 ? '' : 's'} ago) and is still active: mark it done, extend it, or drop it.`,
        data: { ...data, end },
      });
    }
    const length = daysBetween(goal.start, end);
    if (length > ctx.goalLengthDays + TOO_LONG_SLACK_DAYS) {
      out.push({
        file: gf.path,
        range: anchorIn(gf, ['goals', goal.index, 'end'], ['goals', goal.index, 'id']),
        rule: 'goal-too-long',
        message: `${title} runs ${length} days (${goal.start} → ${end}); goals work best in ${describeDuration(ctx.team.goalLength)} steps: split it into smaller ones.`,
        data,
      });
    }
    if (goal.start <= ctx.today) {
      const since = ctx.held.filter((m) => m.ref.date >= goal.start).slice(0, DISCUSS_WITHIN);
      const discussed = since.some((m) => m.value?.goals.some((c) => c.goalId === goal.id && c.text.trim() !== ''));
      if (since.length === DISCUSS_WITHIN && !discussed) {
        out.push({
          file: gf.path,
          range: anchorIn(gf, ['goals', goal.index, 'id']),
          rule: 'goal-not-discussed',
          message: `${title} had no check-in in the last ${DISCUSS_WITHIN} held 1:1s (${since.map((m) => m.ref.date).join(', ')}): revisit it in every 1:1.`,
          data,
        });
      }
    }
  }
  if (ctx.activeGoals.length === 0 && ctx.profile) {
    const aspiration = ctx.profile.aspirations[0];
    out.push({
      ...reportAnchor(ctx),
      rule: 'no-active-goal',
      message: aspiration
        ? `${ctx.name} has no active two-month goal: turn "${aspiration}" into a step they can take in the next two months.`
        : `${ctx.name} has no active two-month goal: ask about their aspirations and agree on a first step.`,
      data: { report: ctx.report.id },
    });
  }
  out.push(...unknownGoals(ctx));
  return out;
}

function unknownGoals(ctx: ReportContext): Found[] {
  const out: Found[] = [];
  const ids = ctx.goals.map((g) => g.id);
  const known = new Set(ids);
  for (const m of ctx.checkedMeetings) {
    if (m.file.syntaxErrors) continue;
    for (const c of m.value?.goals ?? []) {
      if (known.has(c.goalId)) continue;
      const suggestion = nearest(c.goalId, ids);
      const where = ctx.goalsFile ? `${ctx.report.id}/goals.yaml` : `${ctx.report.id} (there is no goals.yaml)`;
      out.push({
        file: m.file.path,
        range: rangeOfPath(m.file, ['goals', c.goalId], 'key'),
        rule: 'unknown-goal',
        message: `No goal \`${c.goalId}\` in ${where}${suggestion ? `. Did you mean \`${suggestion}\`?` : '.'}`,
        data: suggestion ? { goal: c.goalId, suggestion } : { goal: c.goalId },
      });
    }
  }
  return out;
}
