/**
 * The dashboard's two ways out of the editor, for a report to the manager's manager: the team summary as Markdown and
 * the heatmap as an SVG file. Both are made from the summary alone (numbers, dates, names), so no note, feedback text,
 * topic or `private` text can reach them; names are escaped for the format they land in.
 */
import type { IsoDate } from '../dates';
import type { DashboardSummary, ReportRow } from './summary';
import type { WeekCell, WeekState } from './weeks';

/** The words a cell's state is read as (screen readers, tests, the legend). */
export const STATE_LABEL: Readonly<Record<WeekState, string>> = {
  held: 'held',
  skipped: 'skipped',
  missed: 'missed',
  leave: 'leave',
  planned: 'planned',
  'not-due': 'not due',
};

/** `Ben Okafor, week of 2026-11-02: missed` (`, career` when a career 1:1 was held that week). */
export function cellName(name: string, cell: WeekCell): string {
  return `${name}, week of ${cell.week}: ${STATE_LABEL[cell.state]}${cell.career ? ', career' : ''}`;
}

const pct = (n: number | undefined): string => (n === undefined ? '–' : `${n} %`);

/** Text in a Markdown table cell: one line, pipes and markup characters escaped, HTML not interpreted. */
export function markdownCell(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .trim();
}

function lastText(r: ReportRow): string {
  if (r.daysSinceLast === undefined) return 'no 1:1 yet';
  const ago = r.daysSinceLast === 0 ? 'today' : `${r.daysSinceLast} d ago`;
  return r.overdueBy > 0 ? `${ago} (overdue ${r.overdueBy} d)` : ago;
}

/** The team summary as Markdown: totals and a row per report. No notes, no feedback texts, no goal titles. */
export function summaryMarkdown(s: DashboardSummary, teamName?: string): string {
  const t = s.totals;
  const lines = [
    `# 1:1s${teamName ? ` — ${markdownCell(teamName)}` : ''}, ${s.today}`,
    '',
    `- Reports: ${t.reports}`,
    `- Cadence adherence: ${pct(t.adherence13)} over 13 weeks, ${pct(t.adherence26)} over 26 weeks (held of due, leave excluded)`,
    `- Overdue now: ${t.overdue}`,
    `- Without an active goal: ${t.withoutActiveGoal}`,
    `- Career 1:1 overdue: ${t.careerOverdue}`,
    `- Prepared 1:1s: ${pct(t.prepRate)} (manager feedback or topics written down, last 26 weeks)`,
    `- Feedback balance: ${t.positive} positive : ${t.negative} negative (last ${10} held 1:1s per report)`,
    '',
    '| Report | Cadence | Last 1:1 | Next due | Adherence 13 w | Adherence 26 w | Last career 1:1 | Their topics | Prepared | Feedback + : − | Open actions | Active goals |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...s.reports.map((r) => `| ${[
      markdownCell(r.name),
      markdownCell(r.cadence),
      lastText(r),
      r.onLeave ? 'on leave' : r.nextDue ?? '–',
      pct(r.adherence13),
      pct(r.adherence26),
      `${r.lastCareer ?? 'none'}${r.careerOverdue ? ' (overdue)' : ''}`,
      pct(r.reportTopicShare),
      pct(r.prepRate),
      `${r.positive} : ${r.negative}`,
      String(r.openActions),
      String(r.goals.filter((g) => !g.expired).length),
    ].join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

/** Colours of the SVG file (a file leaves the editor's theme behind: a light palette that prints well). */
export const SVG_COLOURS: Readonly<Record<WeekState, string>> = {
  held: '#2e7d32',
  skipped: '#f9a825',
  missed: '#c62828',
  leave: '#90a4ae',
  planned: '#1565c0',
  'not-due': '#eceff1',
};

/** Text in SVG (XML): the five characters with meaning escaped, control characters dropped. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const CELL = 14;
const GAP = 2;
const NAME_WIDTH = 180;
const TOP = 40;

/** The heatmap as a standalone SVG document: a row per report, a cell per week, a legend; each cell titled. */
export function heatmapSvg(s: DashboardSummary): string {
  const width = NAME_WIDTH + s.weeks.length * (CELL + GAP) + 20;
  const height = TOP + s.reports.length * (CELL + GAP) + 50;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d">`,
    `<title id="t">1:1 cadence, ${s.weeks.length} weeks to ${xmlText(s.today)}</title>`,
    `<desc id="d">One row per report, one cell per week (Monday to Sunday): held, skipped, missed, leave, planned or not due; a ring marks a career 1:1.</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g font-family="sans-serif" font-size="11" fill="#1f2328">`,
    `<text x="0" y="14" font-weight="bold">1:1 cadence — ${s.weeks.length} weeks to ${xmlText(s.today)}</text>`,
    ...weekLabels(s.weeks),
  ];
  s.reports.forEach((r, row) => {
    const y = TOP + row * (CELL + GAP);
    out.push(`<text x="0" y="${y + CELL - 3}">${xmlText(clip(r.name, 28))}</text>`);
    r.cells.forEach((c, col) => {
      const x = NAME_WIDTH + col * (CELL + GAP);
      out.push(`<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" rx="2" fill="${SVG_COLOURS[c.state]}" stroke="${c.career ? '#6a1b9a' : 'none'}" stroke-width="${c.career ? 2 : 0}"><title>${xmlText(cellName(r.name, c))}</title></rect>`);
    });
  });
  const legendY = TOP + s.reports.length * (CELL + GAP) + 20;
  let x = 0;
  for (const state of Object.keys(SVG_COLOURS) as WeekState[]) {
    out.push(`<rect x="${x}" y="${legendY}" width="${CELL}" height="${CELL}" rx="2" fill="${SVG_COLOURS[state]}" stroke="#90a4ae" stroke-width="0.5"/>`);
    out.push(`<text x="${x + CELL + 4}" y="${legendY + CELL - 3}">${STATE_LABEL[state]}</text>`);
    x += CELL + 4 + STATE_LABEL[state].length * 7 + 12;
  }
  out.push(`<rect x="${x}" y="${legendY}" width="${CELL}" height="${CELL}" rx="2" fill="#ffffff" stroke="#6a1b9a" stroke-width="2"/>`);
  out.push(`<text x="${x + CELL + 4}" y="${legendY + CELL - 3}">career 1:1</text>`);
  out.push('</g>', '</svg>', '');
  return out.join('\n');
}

function weekLabels(weeks: readonly IsoDate[]): string[] {
  const out: string[] = [];
  weeks.forEach((w, i) => {
    // A label at each month's first Monday.
    if (i === 0 || w.slice(5, 7) !== weeks[i - 1].slice(5, 7)) {
      out.push(`<text x="${NAME_WIDTH + i * (CELL + GAP)}" y="${TOP - 6}" font-size="9">${w.slice(0, 7)}</text>`);
    }
  });
  return out;
}

function clip(text: string, n: number): string {
  const chars = [...text];
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}
