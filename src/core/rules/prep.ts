/** prep-missing, no-feedback, feedback-one-sided, report-silent: real preparation and real feedback, both ways. */
import { addDays, relativeDay } from '../dates';
import type { FindingsOf } from '../findings';
import { anchorIn, reportAnchor } from './context';
import type { ReportContext } from './context';
import { THIS_DOCUMENT } from './rule';
import type { RuleModule } from './rule';

interface MeetingRef {
  readonly report: string;
  /** The meeting's file name in the report's `meetings/` folder. */
  readonly meeting: string;
}

/** The data each prep and feedback rule attaches. */
export interface PrepData {
  'prep-missing': MeetingRef;
  'no-feedback': MeetingRef;
  'feedback-one-sided': { readonly report: string; readonly kind: 'positive' | 'negative' };
  'report-silent': { readonly report: string };
}
type Found = FindingsOf<PrepData>;

export const PREP_RULES: RuleModule<PrepData> = {
  family: 'prep',
  rules: {
    'prep-missing': {
      severity: 'warning',
      summary: 'A planned 1:1 today, tomorrow or past, with no feedback and no topics prepared.',
      on: 'the meeting file',
      fixTitles: ['Open the 1:1 form to prepare'],
      fixes: () => [{ kind: 'command', title: 'Open the 1:1 form to prepare', command: 'oneOnOnes.openForm', args: [THIS_DOCUMENT] }],
    },
    'no-feedback': { severity: 'info', summary: 'A held 1:1 with no feedback.', on: 'the meeting file' },
    'feedback-one-sided': {
      severity: 'info',
      summary: 'The last five held 1:1s gave three or more feedback items, all positive or all negative.',
      on: 'report.yaml',
    },
    'report-silent': { severity: 'info', summary: 'The report brought no topics to the last three held 1:1s.', on: 'report.yaml' },
  },
  check: prepRules,
};

const BALANCE_WINDOW = 5;
const BALANCE_MIN_ITEMS = 3;
const SILENT_WINDOW = 3;

export function prepRules(ctx: ReportContext): Found[] {
  const out: Found[] = [];
  const tomorrow = addDays(ctx.today, 1);
  for (const m of ctx.checkedMeetings) {
    const v = m.value;
    // A file with syntax errors shows those errors only: its content is a best guess.
    if (!v || m.file.syntaxErrors) continue;
    const data = { report: ctx.report.id, meeting: m.ref.fileName };
    if (v.status === 'planned' && m.ref.date <= tomorrow && v.feedback.length === 0 && v.managerTopics.length === 0) {
      const when = relativeDay(m.ref.date, ctx.today);
      const past = m.ref.date < ctx.today;
      out.push({
        file: m.file.path,
        range: anchorIn(m.file, ['status'], ['date']),
        rule: 'prep-missing',
        message: past
          ? `This 1:1 with ${ctx.name} (${when}) is still planned and has no prep: mark it held or skipped, and come prepared next time.`
          : `The 1:1 with ${ctx.name} ${when} (${m.ref.date}) has no prep: add the feedback you will give (positive and negative) or the topics you want to raise.`,
        data,
      });
    }
    if (v.status === 'held' && m.ref.date <= ctx.today && v.feedback.length === 0) {
      out.push({
        file: m.file.path,
        range: anchorIn(m.file, ['status'], ['date']),
        rule: 'no-feedback',
        message: `No feedback in this 1:1 with ${ctx.name}: bring at least one real piece of feedback, positive or negative, to every 1:1.`,
        data,
      });
    }
  }

  const recent = ctx.held.slice(0, BALANCE_WINDOW);
  // Undelivered feedback is carried into the next 1:1: the same item (type and text) counts once.
  const seen = new Set<string>();
  const items = recent.flatMap((m) => m.value?.feedback ?? []).filter((f) => {
    const key = `${f.type}\u0000${f.text.trim().toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (items.length >= BALANCE_MIN_ITEMS) {
    const positive = items.filter((f) => f.type === 'positive').length;
    if (positive === items.length || positive === 0) {
      const kind = positive === 0 ? 'negative' as const : 'positive' as const;
      const missing = positive === 0 ? 'what they do well' : 'what they could do better';
      out.push({
        ...reportAnchor(ctx),
        rule: 'feedback-one-sided',
        message: `All ${items.length} feedback items in the last ${recent.length} 1:1s with ${ctx.name} were ${kind}: real feedback includes ${missing}.`,
        data: { report: ctx.report.id, kind },
      });
    }
  }

  const lastFew = ctx.held.slice(0, SILENT_WINDOW);
  if (lastFew.length === SILENT_WINDOW && lastFew.every((m) => (m.value?.reportTopics.length ?? 0) === 0)) {
    out.push({
      ...reportAnchor(ctx),
      rule: 'report-silent',
      message: `${ctx.name} brought no topics to the last ${SILENT_WINDOW} 1:1s: the 1:1 is their platform; ask them to prepare their own topics.`,
      data: { report: ctx.report.id },
    });
  }
  return out;
}
