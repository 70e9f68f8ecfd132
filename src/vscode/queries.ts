/**
 * Where the adapters get the query layer from (the service's), and ask what a file is.
 */
import type * as vscode from 'vscode';
import { isMeetingPath } from '../core/paths';
import { DashboardQuery } from '../core/dashboard/query';
import type { TeamQueries } from '../core/query/queries';
import { teamPath } from './teamFs';
import type { TeamService } from './teamService';

export function queriesOf(service: TeamService): TeamQueries | undefined {
  return service.queries;
}

const dashboards = new WeakMap<object, DashboardQuery>();

/** The team dashboard's query (issue #14) over the service's current checker: one per checker, so its cache lives on. */
export function dashboardOf(service: TeamService): DashboardQuery | undefined {
  const checker = service.checker;
  if (!checker) return undefined;
  let q = dashboards.get(checker);
  if (!q) dashboards.set(checker, (q = new DashboardQuery(checker)));
  return q;
}

/** True for a 1:1 file of a report in the team folder (classifyPath); anything else, e.g. `meetings/` elsewhere, not. */
export function isTeamMeetingFile(service: TeamService, uri: vscode.Uri): boolean {
  const root = service.root;
  const rel = root ? teamPath(root, uri) : undefined;
  return rel !== undefined && isMeetingPath(rel);
}
