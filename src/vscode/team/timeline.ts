/**
 * When the load's milestones happened in this extension host, and how many watcher events came: what the end-to-end
 * benchmark (bench/e2e/) reads through the API object. Times only (ms since the epoch), never a path or a name.
 */

/** The load's milestones, each kept at its first occurrence. */
export type Milestone =
  /** `activate()` was called. */
  | 'activate'
  /** The team folder was found (or found missing): the listing starts. */
  | 'folder'
  /** The index's listing and profiles are in: the report rows can be shown. */
  | 'rows'
  /** The Reports tree first answered VS Code with report rows. */
  | 'treeRows'
  /** The warm start's rows and problems (kept from the last window) were shown. */
  | 'warm'
  /** The Problems panel first held the warm start's problems. */
  | 'warmProblems'
  /** The rules have run over every report once. */
  | 'checked'
  /** The Problems panel holds the full check's problems. */
  | 'problems';

export class Timeline {
  private readonly at = new Map<Milestone, number>();
  /** Watcher events received (after the dot-folder filter), for the bulk benchmark. */
  watcherEvents = 0;

  /** Records a milestone the first time it happens; later calls keep the first time. */
  mark(m: Milestone, now: number = Date.now()): void {
    if (!this.at.has(m)) this.at.set(m, now);
  }

  /** A milestone's time, if it happened. */
  time(m: Milestone): number | undefined {
    return this.at.get(m);
  }

  /** Forgets the load's milestones (a reload of the team folder starts them again, except `activate`). */
  restartLoad(): void {
    for (const m of [...this.at.keys()]) if (m !== 'activate') this.at.delete(m);
  }
}
