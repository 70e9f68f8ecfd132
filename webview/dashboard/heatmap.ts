/**
 * The cadence heatmap: an SVG grid, a row per report and a cell per week, each cell a focusable `gridcell` named
 * exactly as `cellName` says (screen readers and tests read the same words). One roving tab stop: Tab enters the grid
 * at the last cell focused, arrows move, Home/End go to the row's ends (Ctrl for the grid's), Enter or Space opens.
 */
import { cellName } from '../../src/core/dashboard/share';
import type { DashboardSummary } from '../../src/core/dashboard/summary';
import { WEEK_STATES } from '../../src/core/dashboard/weeks';
import type { WeekState } from '../../src/core/dashboard/weeks';
import { STATE_LABEL } from '../../src/core/dashboard/share';
import { el } from '../shared/dom';

const SVG = 'http://www.w3.org/2000/svg';
const CELL = 16;
const GAP = 3;
const NAME_W = 160;
const HEAD_H = 18;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export interface HeatmapActions {
  openWeek(id: string, week: string): void;
}

/** Where the roving tab stop is, by report id and week (kept across redraws, so a live update keeps the focus). */
let focusAt: { id: string; week: string } | undefined;

export function heatmap(s: DashboardSummary, actions: HeatmapActions): HTMLElement {
  const wrap = el('div', 'heatmap-wrap');
  const width = NAME_W + s.weeks.length * (CELL + GAP);
  const height = HEAD_H + s.reports.length * (CELL + GAP);
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'grid', tabindex: -1, 'aria-label': 'Cadence heatmap: a row per report, a cell per week', class: 'heatmap' });
  // Month marks over the weeks where a month starts (the first column too).
  const head = svgEl('g', { 'aria-hidden': 'true' });
  s.weeks.forEach((w, i) => {
    if (i === 0 || w.slice(5, 7) !== s.weeks[i - 1].slice(5, 7)) {
      const t = svgEl('text', { x: NAME_W + i * (CELL + GAP), y: 12, class: 'axis' });
      t.textContent = w.slice(0, 7);
      head.append(t);
    }
  });
  svg.append(head);
  const cells: SVGRectElement[][] = [];
  s.reports.forEach((r, ri) => {
    const row = svgEl('g', { role: 'row' });
    const y = HEAD_H + ri * (CELL + GAP);
    const name = svgEl('text', { x: 0, y: y + CELL - 4, role: 'rowheader', class: 'name' });
    // Long names are cut to fit the column; the full name is the row header's title and in every cell's name.
    name.textContent = r.name.length > 22 ? `${r.name.slice(0, 21)}…` : r.name;
    if (r.name.length > 22) name.setAttribute('aria-label', r.name);
    row.append(name);
    const line: SVGRectElement[] = [];
    r.cells.forEach((c, ci) => {
      const x = NAME_W + ci * (CELL + GAP);
      const rect = svgEl('rect', { x, y, width: CELL, height: CELL, rx: 2, role: 'gridcell', tabindex: -1, class: `cell ${c.state}` });
      rect.setAttribute('aria-label', cellName(r.name, c));
      rect.dataset.id = r.id;
      rect.dataset.week = c.week;
      const title = svgEl('title');
      title.textContent = cellName(r.name, c);
      rect.append(title);
      row.append(rect);
      if (c.career) row.append(svgEl('circle', { cx: x + CELL / 2, cy: y + CELL / 2, r: 3, class: 'career', 'aria-hidden': 'true' }));
      line.push(rect);
    });
    cells.push(line);
    svg.append(row);
  });
  // The tab stop: where the focus was, else the newest week of the first report.
  let stop = cells.flat().find((c) => c.dataset.id === focusAt?.id && c.dataset.week === focusAt?.week) ?? cells[0]?.[cells[0].length - 1];
  stop?.setAttribute('tabindex', '0');
  const move = (to: SVGRectElement | undefined): void => {
    if (!to) return;
    stop?.setAttribute('tabindex', '-1');
    to.setAttribute('tabindex', '0');
    stop = to;
    focusAt = { id: to.dataset.id ?? '', week: to.dataset.week ?? '' };
    to.focus();
  };
  svg.addEventListener('keydown', (e) => {
    const target = e.target as SVGRectElement;
    const ri = cells.findIndex((l) => l.includes(target));
    if (ri < 0) return;
    const ci = cells[ri].indexOf(target);
    const last = cells[ri].length - 1;
    const keys: Record<string, () => SVGRectElement | undefined> = {
      ArrowRight: () => cells[ri][Math.min(last, ci + 1)],
      ArrowLeft: () => cells[ri][Math.max(0, ci - 1)],
      ArrowDown: () => cells[Math.min(cells.length - 1, ri + 1)][ci],
      ArrowUp: () => cells[Math.max(0, ri - 1)][ci],
      Home: () => (e.ctrlKey ? cells[0][0] : cells[ri][0]),
      End: () => (e.ctrlKey ? cells[cells.length - 1][last] : cells[ri][last]),
    };
    if (keys[e.key]) {
      e.preventDefault();
      move(keys[e.key]());
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      actions.openWeek(target.dataset.id ?? '', target.dataset.week ?? '');
    }
  });
  svg.addEventListener('focusin', (e) => {
    const t = e.target as SVGRectElement;
    if (t.dataset?.id) focusAt = { id: t.dataset.id, week: t.dataset.week ?? '' };
  });
  svg.addEventListener('click', (e) => {
    const t = e.target as SVGElement;
    const rect = t instanceof SVGRectElement ? t : undefined;
    if (rect?.dataset.id) {
      move(rect);
      actions.openWeek(rect.dataset.id, rect.dataset.week ?? '');
    }
  });
  wrap.append(svg, legend());
  return wrap;
}

function legend(): HTMLElement {
  const list = el('ul', 'legend');
  list.setAttribute('aria-label', 'Legend');
  const item = (cls: string, label: string, mark?: boolean): void => {
    const li = el('li');
    const sw = svgEl('svg', { width: CELL, height: CELL, 'aria-hidden': 'true' });
    sw.append(svgEl('rect', { x: 0, y: 0, width: CELL, height: CELL, rx: 2, class: `cell ${cls}` }));
    if (mark) sw.append(svgEl('circle', { cx: CELL / 2, cy: CELL / 2, r: 3, class: 'career' }));
    li.append(sw, document.createTextNode(` ${label}`));
    list.append(li);
  };
  for (const s of WEEK_STATES as readonly WeekState[]) item(s, STATE_LABEL[s]);
  item('held', 'career 1:1', true);
  return list;
}
