/**
 * How `one-on-ones check` prints problems: text for a person (grouped by report, colour on a terminal), JSON for
 * scripts, SARIF 2.1.0 for code scanning, and GitHub Actions workflow commands for annotations. Every string that
 * comes from the team folder (names, keys, quoted values, file names) is escaped for the format it goes into.
 */
import { RULES } from '../core/rules/registry';
import type { IsoDate } from '../core/dates';
import type { Problem, Severity } from '../core/types';
import { escapeText, safeJson } from '../node/terminalText';
import type { TeamFacts } from './summary';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** Where the docs live for links in SARIF (one place to change when the project gets its public home). */
export const PROJECT_URL = 'https://github.com/first-class-one-on-ones/first-class-one-on-ones';
const RULES_DOC_URL = `${PROJECT_URL}/blob/main/docs/rules.md`;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1)
      : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------------------
// Text

export interface TextStyle {
  readonly color: boolean;
}

const SGR: Readonly<Record<Severity | 'bold' | 'dim', string>> = { error: '31', warning: '33', info: '36', hint: '2', bold: '1', dim: '2' };

function paint(style: TextStyle, code: keyof typeof SGR, text: string): string {
  return style.color ? `\u001b[${SGR[code]}m${text}\u001b[0m` : text;
}

/**
 * Whether to colour: `FORCE_COLOR` wins when set (`0` or `false` means no), then `NO_COLOR` (any non-empty value
 * means no, https://no-color.org), then whether the output is a terminal that is not `dumb`.
 */
export function useColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/**
 * The report a problem belongs to: its first path segment (a report's folder), or the team itself for `team.yaml`
 * and other files at the top. Team-relative paths, as the index gives them.
 */
function groupOf(file: string): string {
  const slash = file.indexOf('/');
  return slash >= 0 ? file.slice(0, slash) : file;
}

/**
 * One header per report (`dana: 3 problems`), then its problems as `path:line:col severity message [rule]`, each at
 * the start of its line (terminals, editors' problem matchers and grep read them as before), then the counts by
 * severity and by rule. Problems must be sorted (a report's problems are then together).
 */
export function formatText(problems: readonly Problem[], style: TextStyle): string {
  if (problems.length === 0) return 'No problems.\n';
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(groupOf(p.file), (counts.get(groupOf(p.file)) ?? 0) + 1);
  const out: string[] = [];
  let group: string | undefined;
  for (const p of problems) {
    const g = groupOf(p.file);
    if (g !== group) {
      if (group !== undefined) out.push('');
      const n = counts.get(g) ?? 0;
      out.push(paint(style, 'bold', `${escapeText(g)}: ${n} problem${n === 1 ? '' : 's'}`));
      group = g;
    }
    const where = `${escapeText(p.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}`;
    out.push(`${where} ${paint(style, p.severity, p.severity)} ${escapeText(p.message)} ${paint(style, 'dim', `[${escapeText(p.rule)}]`)}`);
  }
  out.push('', ...summaryLines(problems, style));
  return `${out.join('\n')}\n`;
}

/** `5 problems (1 error, 3 warnings, 1 info)` and `by rule: schema 1, …` (most frequent first). */
export function summaryLines(problems: readonly Problem[], style: TextStyle = { color: false }): string[] {
  if (problems.length === 0) return ['No problems.'];
  const bySeverity = SEVERITIES.map((s) => [s, problems.filter((p) => p.severity === s).length] as const).filter(([, n]) => n > 0);
  const parts = bySeverity.map(([s, n]) => paint(style, s, `${n} ${s}${n === 1 ? '' : 's'}`));
  const byRule = new Map<string, number>();
  for (const p of problems) byRule.set(p.rule, (byRule.get(p.rule) ?? 0) + 1);
  const rules = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${escapeText(r)} ${n}`);
  return [`${problems.length} problem${problems.length === 1 ? '' : 's'} (${parts.join(', ')})`, `by rule: ${rules.join(', ')}`];
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

export interface JsonProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
}

export function toJsonProblem(p: Problem): JsonProblem {
  return {
    file: p.file,
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
    severity: p.severity,
    rule: p.rule,
    message: p.message,
  };
}

/** What `check --format json` writes: its `kind` tells the roll-up (`one-on-ones summary`) what it reads. */
export const CHECK_JSON_KIND = 'one-on-ones-check';

/**
 * One object: the problems, and the team's counts as `summary --format json` gives a team (none for `--staged`, which
 * reads only the staged reports), so that a team's CI result is also its input to the roll-up across teams.
 */
export function formatJson(problems: readonly Problem[], today: IsoDate, summary: TeamFacts | undefined): string {
  return `${safeJson({ kind: CHECK_JSON_KIND, version: 1, today, problems: problems.map(toJsonProblem), ...(summary ? { summary } : {}) })}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub Actions workflow commands

/** A workflow command's message: `%`, CR and LF encoded as the runner decodes them (so no line can start a command). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus `:` and `,`, which would end the value. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * One `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message` per problem. `prefix` turns a
 * team-relative path into one relative to the repository root (annotations are placed by that path). Other control
 * characters, which the runner would print raw into the log, are shown as escapes first.
 */
export function formatGithub(problems: readonly Problem[], prefix: string): string {
  return problems.map((p) => {
    const props = [
      `file=${escapeProperty(visible(prefix + p.file))}`,
      `line=${p.range.start.line + 1}`,
      `col=${p.range.start.character + 1}`,
      `endLine=${p.range.end.line + 1}`,
      `endColumn=${p.range.end.character + 1}`,
      `title=${escapeProperty(visible(p.rule))}`,
    ];
    return `::${GITHUB_LEVEL[p.severity]} ${props.join(',')}::${escapeData(visible(p.message))}\n`;
  }).join('');
}

/** Controls other than CR/LF (which the workflow escaping encodes) and bidi marks as visible escapes. */
function visible(s: string): string {
  return s.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// SARIF 2.1.0

const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A path relative to the repository root as a URI reference: each segment percent-encoded, `/` kept. */
export function relativeUri(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(s)).join('/');
}

/**
 * A SARIF log with one run: the tool with every rule (id, summary, help link, default level), and one result per
 * problem located relative to the repository root (`%SRCROOT%`), as GitHub code scanning expects.
 */
export function formatSarif(problems: readonly Problem[], prefix: string, version: string): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'one-on-ones',
          semanticVersion: version,
          version,
          informationUri: PROJECT_URL,
          rules: [...RULES.values()].map((r) => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.summary },
            helpUri: `${RULES_DOC_URL}#${r.id}`,
            defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository that holds the team folder.' } } },
      results: problems.map((p) => {
        return {
          ruleId: p.rule,
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: relativeUri(prefix + p.file), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: p.range.start.line + 1,
                startColumn: p.range.start.character + 1,
                endLine: p.range.end.line + 1,
                endColumn: p.range.end.character + 1,
              },
            },
          }],
        };
      }),
    }],
  };
  return `${safeJson(log)}\n`;
}
