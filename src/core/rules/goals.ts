/** goal-expired, goal-too-long, no-active-goal, goal-not-discussed, unknown-goal: two-month goals kept alive. */
import { daysBetween, describeDuration, MAX_DATE } from '../dates';
import type { Finding } from '../findings';
import { nearest, rangeOfPath } from '../format/parse';
import { anchorIn, goalEndOf, reportAnchor } from './context';
import type { ReportContext } from './context';

/** A goal may run this much longer than the goal length before `goal-too-long` says so. */
const TOO_LONG_SLACK_DAYS = 14;
/** `goal-not-discussed` looks at this many held 1:1s since the goal started. */
const DISCUSS_WITHIN = 2;

export function goalRules(ctx: ReportContext): Finding[] {
  const out: Finding[] = [];
  const gf = ctx.goalsFile;
  for (const goal of ctx.unsupportedGoals) {
    if (!gf) break;
    // The value that leads there is the start: a computed end the format cannot hold is said, never computed with.
    out.push({
      file: gf.path,
      range: anchorIn(gf, ['goals', goal.index, 'start'], ['goals', goal.index, 'id']),
      rule: 'schema',
      message: `Goal "${goal.title}" would end on ${goalEndOf(ctx, goal)}, after ${MAX_DATE} (the last date the format supports): give it an earlier \`start\` or an \`end\`. The goal rules skip it until then.`,
      data: { report: ctx.report.id, goal: goal.id, index: goal.index },
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

function unknownGoals(ctx: ReportContext): Finding[] {
  const out: Finding[] = [];
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
