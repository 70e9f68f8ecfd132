/**
 * The team dashboard, inside the webview: draws the summary the host sends (totals, heatmap, per-report table with
 * goal timelines) and sends back what the user asks to open, copy or save. A new summary redraws in place: the scroll
 * position, the sort and the focused heatmap cell stay. It keeps only layout in `setState` (scroll and sort).
 */
import type { DashboardSummary } from '../../src/core/dashboard/summary';
import { parseDashboardHostMessage } from '../../src/shared/dashboardProtocol';
import type { DashboardHostMessage, DashboardPageMessage, DashboardUiState } from '../../src/shared/dashboardProtocol';
import { showBanner } from '../shared/banner';
import { createClient } from '../shared/client';
import { el } from '../shared/dom';
import { guardChords } from '../shared/keys';
import { heatmap } from './heatmap';
import { reportTable, totals } from './tables';
import type { Sort } from './tables';

guardChords(window);

const client = createClient<DashboardPageMessage, DashboardHostMessage, DashboardUiState>(parseDashboardHostMessage);
const app = document.getElementById('app') as HTMLElement;
const saved = client.savedUi();
let sort: Sort = saved?.sort ?? { column: 'name', descending: false };
let summary: DashboardSummary | undefined;
let restoreScroll = saved?.scrollY;

function save(): void {
  client.saveUi({ scrollY: Math.round(window.scrollY), sort });
}

function section(title: string, id: string, ...content: Node[]): HTMLElement {
  const s = el('section', 'section');
  s.setAttribute('aria-labelledby', id);
  const h = el('h2', undefined, title);
  h.id = id;
  s.append(h, ...content);
  return s;
}

function draw(): void {
  if (!summary) return;
  const s = summary;
  const scrollY = window.scrollY;
  // What had the focus: a heatmap cell keeps it through the heatmap's own memory; a button by its data.
  const active = document.activeElement as HTMLElement | null;
  const refocus = active?.dataset?.column ? `button[data-column="${CSS.escape(active.dataset.column)}"]` : undefined;
  const hadCell = active instanceof SVGElement && active.getAttribute('role') === 'gridcell';
  const header = el('header', 'top');
  header.append(el('h1', undefined, 'Team dashboard'), el('p', 'meta', `${s.totals.reports} report${s.totals.reports === 1 ? '' : 's'}, as of ${s.today}`));
  const tools = el('div', 'toolbar');
  const copy = el('button', 'action', 'Copy summary as Markdown');
  copy.type = 'button';
  copy.addEventListener('click', () => client.post({ type: 'copyMarkdown' }));
  const saveSvg = el('button', 'action', 'Save heatmap as SVG…');
  saveSvg.type = 'button';
  saveSvg.addEventListener('click', () => client.post({ type: 'saveSvg' }));
  tools.append(copy, saveSvg);
  header.append(tools);
  const body: Node[] = [header, section('Team totals', 'h-totals', totals(s))];
  if (s.reports.length === 0) body.push(el('p', 'meta', 'No current reports.'));
  else {
    body.push(
      section('Cadence, last 26 weeks', 'h-heatmap', heatmap(s, { openWeek: (id, week) => client.post({ type: 'openWeek', id, week }) })),
      section('Per report', 'h-reports', reportTable(s, sort, {
        openReport: (id) => client.post({ type: 'openReport', id }),
        openGoal: (id, goal) => client.post({ type: 'openGoal', id, goal }),
        sorted: (next) => {
          sort = next;
          save();
          draw();
        },
      })),
    );
  }
  app.replaceChildren(...body);
  app.setAttribute('aria-busy', 'false');
  if (refocus) (app.querySelector(refocus) as HTMLElement | null)?.focus();
  else if (hadCell) (app.querySelector('rect[tabindex="0"]') as SVGElement | null)?.focus();
  window.scrollTo(0, restoreScroll ?? scrollY);
  restoreScroll = undefined;
}

client.listen((m) => {
  if (m.type === 'notice') {
    showBanner(m.text);
    return;
  }
  summary = m.summary;
  draw();
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  if (scrollTimer) clearTimeout(scrollTimer);
  scrollTimer = setTimeout(save, 200);
});

client.ready();
