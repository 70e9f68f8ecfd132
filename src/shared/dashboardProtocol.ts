/**
 * The team dashboard's messages, on the envelope every webview shares (webviewProtocol.ts). The host sends the one
 * summary the page draws (numbers, dates, names and goal titles: never a note, a feedback text or a topic) and short
 * notices; the page asks to open a report, a week's 1:1 or a goal, to copy the summary or to save the heatmap. Both
 * sides check what they receive key by key: the page shows user text, the host trusts nothing it sends.
 */
import type { DashboardSummary } from '../core/dashboard/summary';
import { hasOnly, isObject } from './webviewProtocol';

export type DashboardHostMessage =
  | { readonly type: 'summary'; readonly summary: DashboardSummary }
  | { readonly type: 'notice'; readonly text: string };

export type DashboardPageMessage =
  | { readonly type: 'openReport'; readonly id: string }
  | { readonly type: 'openWeek'; readonly id: string; readonly week: string }
  | { readonly type: 'openGoal'; readonly id: string; readonly goal: string }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'saveSvg' };

/** What the page keeps across a hide (layout only, never people data). */
export interface DashboardUiState {
  readonly scrollY?: number;
  readonly sort?: { readonly column: string; readonly descending: boolean };
}

/** Ids and goal ids are short plain strings; anything else is not the protocol's. */
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function parseDashboardPageMessage(v: unknown): DashboardPageMessage | undefined {
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'openReport':
      return hasOnly(v, ['type', 'id']) && isId(v.id) ? { type: 'openReport', id: v.id } : undefined;
    case 'openWeek':
      return hasOnly(v, ['type', 'id', 'week']) && isId(v.id) && isDay(v.week) ? { type: 'openWeek', id: v.id, week: v.week } : undefined;
    case 'openGoal':
      return hasOnly(v, ['type', 'id', 'goal']) && isId(v.id) && isId(v.goal) ? { type: 'openGoal', id: v.id, goal: v.goal } : undefined;
    case 'copyMarkdown':
    case 'saveSvg':
      return hasOnly(v, ['type']) ? { type: v.type } : undefined;
    default:
      return undefined;
  }
}

const isStr = (v: unknown): boolean => typeof v === 'string';
const isArr = Array.isArray;

/**
 * The page's check of a host message: the shape it draws from (a summary with its arrays, rows with names and cells).
 * The host is the extension itself, so this guards against a stale page, not an attacker: the page still renders every
 * string as text.
 */
export function parseDashboardHostMessage(v: unknown): DashboardHostMessage | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'notice') return hasOnly(v, ['type', 'text']) && isStr(v.text) ? (v as DashboardHostMessage) : undefined;
  if (v.type !== 'summary' || !hasOnly(v, ['type', 'summary']) || !isObject(v.summary)) return undefined;
  const s = v.summary;
  if (!isStr(s.today) || !isArr(s.weeks) || !isObject(s.totals) || !isArr(s.reports)) return undefined;
  const rowsOk = s.reports.every((r) => isObject(r) && isStr(r.id) && isStr(r.name) && isArr(r.cells) && isArr(r.goals)
    && r.cells.every((c) => isObject(c) && isStr(c.week) && isStr(c.state)));
  return rowsOk ? (v as DashboardHostMessage) : undefined;
}
