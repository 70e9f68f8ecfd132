/**
 * Where the adapters get the query layer from (the service's), and ask what a file is.
 */
import type * as vscode from 'vscode';
import { isMeetingPath } from '../core/paths';
import type { TeamQueries } from '../core/query/queries';
import { teamPath } from './teamFs';
import type { TeamService } from './teamService';

export function queriesOf(service: TeamService): TeamQueries | undefined {
  return service.queries;
}

/** True for a 1:1 file of a report in the team folder (classifyPath); anything else, e.g. `meetings/` elsewhere, not. */
export function isTeamMeetingFile(service: TeamService, uri: vscode.Uri): boolean {
  const root = service.root;
  const rel = root ? teamPath(root, uri) : undefined;
  return rel !== undefined && isMeetingPath(rel);
}
