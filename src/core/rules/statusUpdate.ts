/**
 * status-update: 1:1s are not for status updates. A heuristic, documented in docs/rules.md and easy to switch off:
 * a topic or a line of the notes reads like a status update when it names a ticket (ABC-123), a pull or merge request
 * (PR #12, MR !3), says "in progress" / "WIP" / "blocked on", or starts like a stand-up list ("done:", "todo:",
 * "status:", "yesterday:", "today:").
 */
import type { FindingsOf } from '../findings';
import type { Span } from '../types';
import { pathKey } from '../format/parse';
import type { YamlFile } from '../format/parse';
import type { ReportContext } from './context';
import type { RuleModule } from './rule';

/** The data status-update attaches. */
export interface StatusUpdateData {
  'status-update': { readonly report: string; readonly meeting: string };
}
type Found = FindingsOf<StatusUpdateData>;

export const STATUS_UPDATE_RULES: RuleModule<StatusUpdateData> = {
  family: 'status-update',
  rules: {
    'status-update': { severity: 'hint', summary: 'A topic or note line that reads like a status update (heuristic).', on: 'the line' },
  },
  check: statusUpdateRules,
};

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b/, 'a ticket key'],
  [/\b(?:PR|MR|pull request|merge request)\s*[#!]\s?\d+/i, 'a pull request'],
  [/\b(?:in[- ]progress|WIP|blocked on|code review for|deployed to)\b/i, 'work status'],
  [/^\s*[-*]?\s*(?:done|todo|to do|doing|status|progress|yesterday|today|update)\s*:/i, 'a stand-up list'],
];

/**
 * The same patterns over a whole text (a stand-up list starts any line): a line that matches one also matches here, so
 * a text none matches has no such line and is not split (the CLI's full check reads every 1:1's notes).
 */
const ANYWHERE: readonly RegExp[] = PATTERNS.map(([re]) => new RegExp(re.source, `${re.flags}m`));

/** Why a line reads like a status update, or undefined. */
function statusUpdateReason(line: string): string | undefined {
  for (const [re, why] of PATTERNS) if (re.test(line)) return why;
  return undefined;
}

export function statusUpdateRules(ctx: ReportContext): Found[] {
  const out: Found[] = [];
  for (const m of ctx.checkedMeetings) {
    const v = m.value;
    if (!v || m.file.syntaxErrors) continue;
    const check = (text: string, path: (string | number)[]): void => {
      if (!ANYWHERE.some((re) => re.test(text))) return;
      const span = m.file.spans.get(pathKey(path));
      if (!span) return;
      for (const line of text.split('\n')) {
        const why = statusUpdateReason(line);
        if (!why) continue;
        out.push({
          file: m.file.path,
          range: m.file.lines.range(lineSpan(m.file, span, line), m.file.text, true),
          rule: 'status-update',
          message: `This reads like a status update (${why}): keep 1:1s for feedback, growth and their topics; status belongs elsewhere.`,
          data: { report: ctx.report.id, meeting: m.ref.fileName },
        });
      }
    };
    for (const t of v.managerTopics) check(t.text, ['prep', 'manager', 'topics', t.index]);
    for (const t of v.reportTopics) check(t.text, ['prep', 'report', 'topics', t.index]);
    if (v.notes) check(v.notes, ['notes']);
  }
  return out;
}

/** The span of one line of a (block) scalar inside the value's span; the whole value when it cannot be found. */
function lineSpan(file: YamlFile, value: Span, line: string): Span {
  const trimmed = line.trim();
  if (trimmed === '') return value;
  const at = file.text.indexOf(trimmed, value[0]);
  if (at < 0 || at >= value[1]) return value;
  return [at, at + trimmed.length];
}
