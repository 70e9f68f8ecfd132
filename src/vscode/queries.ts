/**
 * Where the adapters get the query layer from, and ask what a file is. The one bridge to the service: once
 * TeamService exposes `queries` itself (issue #12, the service split), this returns `service.queries`.
 */
import type * as vscode from 'vscode';
import { isMeetingPath } from '../core/paths';
import type { TeamQueries } from '../core/query/queries';
import { teamPath } from './teamFs';
import type { TeamService } from './teamService';

export function queriesOf(service: TeamService): TeamQueries | undefined {
  return service.checker?.queries;
}

/** True for a 1:1 file of a report in the team folder (classifyPath); anything else, e.g. `meetings/` elsewhere, not. */
export function isTeamMeetingFile(service: TeamService, uri: vscode.Uri): boolean {
  const root = service.root;
  const rel = root ? teamPath(root, uri) : undefined;
  return rel !== undefined && isMeetingPath(rel);
}
