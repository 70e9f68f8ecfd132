/**
 * Where the adapters get the query layer from. The one bridge to the service: once TeamService exposes `queries`
 * itself (issue #12, the service split), this returns `service.queries` and nothing else changes.
 */
import type { TeamQueries } from '../core/query/queries';
import type { TeamService } from './teamService';

export function queriesOf(service: TeamService): TeamQueries | undefined {
  return service.checker?.queries;
}
