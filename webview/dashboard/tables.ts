/**
 * The team totals and the per-report table: sortable by every column (a button in each header, `aria-sort` on the
 * sorted one), names as buttons that open the report, active goals as timeline bars (start → end, a today marker,
 * expired ones marked) that open the goal. Text only through textContent.
 */
import type { DashboardSummary, ReportRow } from '../../src/core/dashboard/summary';
import { el } from '../shared/dom';

const SVG = 'http://www.w3.org/2000/svg';
const pct = (n: number | undefined): string => (n === undefined ? '–' : `${n} %`);

export interface TableActions {
  openReport(id: string): void;
  openGoal(id: string, goal: string): void;
  sorted(sort: Sort): void;
}

export interface Sort {
  readonly column: string;
  readonly descending: boolean;
}

interface Column {
  readonly id: string;
  readonly label: string;
  /** The sort key: undefined sorts last. */
  readonly key: (r: ReportRow) => string | number | undefined;
  readonly text: (r: ReportRow) => string;
}

const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Report', key: (r) => r.name.toLocaleLowerCase(), text: (r) => r.name },
  {
    id: 'last', label: 'Last 1:1', key: (r) => r.daysSinceLast,
    text: (r) => (r.daysSinceLast === undefined ? 'none yet' : `${r.daysSinceLast} d ago (every ${r.cadenceDays} d)${r.overdueBy > 0 ? `, overdue ${r.overdueBy} d` : ''}`),
  },
  { id: 'next', label: 'Next due', key: (r) => r.nextDue, text: (r) => r.nextDue ?? (r.onLeave ? 'on leave' : '–') },
  { id: 'a13', label: 'Adherence 13 w', key: (r) => r.adherence13, text: (r) => pct(r.adherence13) },
  { id: 'a26', label: 'Adherence 26 w', key: (r) => r.adherence26, text: (r) => pct(r.adherence26) },
  { id: 'career', label: 'Last career 1:1', key: (r) => r.lastCareer, text: (r) => `${r.lastCareer ?? 'none'}${r.careerOverdue ? ' (overdue)' : ''}` },
  { id: 'topics', label: 'Their topics', key: (r) => r.reportTopicShare, text: (r) => pct(r.reportTopicShare) },
  { id: 'balance', label: 'Feedback + : −', key: (r) => r.positive - r.negative, text: (r) => `${r.positive} : ${r.negative}` },
  { id: 'actions', label: 'Open actions', key: (r) => r.openActions, text: (r) => String(r.openActions) },
  { id: 'goals', label: 'Active goals', key: (r) => r.goals.filter((g) => !g.expired).length, text: () => '' },
];

export function totals(s: DashboardSummary): HTMLElement {
  const t = s.totals;
  const list = el('dl', 'totals');
  const add = (label: string, value: string, warn = false): void => {
    const box = el('div', warn ? 'total warn' : 'total');
    box.append(el('dt', undefined, label), el('dd', undefined, value));
    list.append(box);
  };
  add('Adherence, 13 weeks', pct(t.adherence13));
  add('Adherence, 26 weeks', pct(t.adherence26));
  add('Overdue now', String(t.overdue), t.overdue > 0);
  add('Without an active goal', String(t.withoutActiveGoal), t.withoutActiveGoal > 0);
  add('Career 1:1 overdue', String(t.careerOverdue), t.careerOverdue > 0);
  add('Prepared 1:1s', pct(t.prepRate));
  add('Feedback + : −', `${t.positive} : ${t.negative}`);
  return list;
}

function compare(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

export function reportTable(s: DashboardSummary, sort: Sort, actions: TableActions): HTMLElement {
  const table = el('table', 'reports');
  table.append(el('caption', undefined, 'Sort by any column with its header button.'));
  const col = COLUMNS.find((c) => c.id === sort.column) ?? COLUMNS[0];
  const rows = [...s.reports].sort((a, b) => {
    const k = compare(col.key(a), col.key(b));
    // Undefined stays last whichever way; names break ties.
    const signed = col.key(a) === undefined || col.key(b) === undefined ? k : sort.descending ? -k : k;
    return signed || a.name.localeCompare(b.name);
  });
  const head = el('tr');
  for (const c of COLUMNS) {
    const th = el('th');
    th.scope = 'col';
    if (c.id === col.id) th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
    const b = el('button', 'sort', c.label);
    b.type = 'button';
    b.dataset.column = c.id;
    if (c.id === col.id) b.append(el('span', 'arrow', sort.descending ? ' ▼' : ' ▲'));
    b.addEventListener('click', () => actions.sorted({ column: c.id, descending: c.id === col.id ? !sort.descending : false }));
    th.append(b);
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  table.append(thead, el('tbody'));
  for (const r of rows) {
    const tr = el('tr');
    tr.dataset.id = r.id;
    for (const c of COLUMNS) {
      if (c.id === 'name') {
        const th = el('th');
        th.scope = 'row';
        const b = el('button', 'link', r.name);
        b.type = 'button';
        b.addEventListener('click', () => actions.openReport(r.id));
        th.append(b);
        tr.append(th);
      } else if (c.id === 'goals') {
        const td = el('td');
        const list = el('div', 'goals');
        for (const g of r.goals) list.append(goalBar(r, g, s.today, actions));
        if (r.goals.length === 0) list.textContent = 'none';
        td.append(list);
        tr.append(td);
      } else {
        tr.append(el('td', c.id === 'last' && r.overdueBy > 0 ? 'warn' : undefined, c.text(r)));
      }
    }
    table.tBodies[0].append(tr);
  }
  return table;
}

/** Days from `a` to `b` (ISO dates, UTC). */
const days = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

function goalBar(r: ReportRow, g: ReportRow['goals'][number], today: string, actions: TableActions): HTMLElement {
  const b = el('button', g.expired ? 'goal expired' : 'goal');
  b.type = 'button';
  b.addEventListener('click', () => actions.openGoal(r.id, g.id));
  // The bar's scale: the goal's span and today, whichever is wider, so the today marker is always on it.
  const from = g.start < today ? g.start : today;
  const to = g.end > today ? g.end : today;
  const span = Math.max(1, days(from, to));
  const W = 120;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(W));
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const bar = document.createElementNS(SVG, 'rect');
  const x0 = (days(from, g.start) / span) * W;
  const x1 = (days(from, g.end) / span) * W;
  for (const [k, v] of Object.entries({ x: x0, y: 2, width: Math.max(2, x1 - x0), height: 6, rx: 2, class: 'bar' })) bar.setAttribute(k, String(v));
  const mark = document.createElementNS(SVG, 'line');
  const xt = (days(from, today) / span) * W;
  for (const [k, v] of Object.entries({ x1: xt, x2: xt, y1: 0, y2: 10, class: 'today' })) mark.setAttribute(k, String(v));
  svg.append(bar, mark);
  // All of it visible text (the button's accessible name): the title, the span, and whether it expired.
  b.append(svg, el('span', 'goal-title', g.title), el('span', 'goal-end', ` ${g.start} → ${g.end}${g.expired ? ', expired' : ''}`));
  return b;
}
