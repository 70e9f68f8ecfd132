/**
 * What a rule or the parser finds, before the settings give it a severity (or switch it off). A finding is typed by
 * its rule: `rule` is one of the registry's ids and `data` is that rule's own data (rules/registry.ts), so a reader
 * that checks `rule` gets typed facts, never an untyped bag.
 */
import type { RuleDataMap } from './rules/registry';
import type { Range } from './types';

interface FindingBase {
  /** Path relative to the team folder, with `/` separators (e.g. `alice/meetings/2026-11-24.yaml`). */
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/**
 * The finding of one rule of a data map (rule id → the data it attaches). A rule whose data may be `undefined` may
 * leave `data` out; a rule with data always attaches it.
 */
export type FindingFor<M, K extends keyof M> = FindingBase & { readonly rule: K } & (undefined extends M[K] ? { readonly data?: M[K] } : { readonly data: M[K] });

/** Any finding of the rules of one data map: a union discriminated by `rule`. */
export type FindingsOf<M> = { [K in keyof M]: FindingFor<M, K> }[keyof M];

/**
 * A `schema` finding: a value the format cannot hold. Any check may report one (e.g. a goal whose computed end is
 * past the last supported date); the rule itself is declared with the file rules (rules/file.ts).
 */
export type SchemaFinding = FindingBase & { readonly rule: 'schema'; readonly data?: undefined };

/** Any finding of any rule the registry knows. */
export type Finding = FindingsOf<RuleDataMap>;

/** Findings or problems grouped by file, each file's in their order (into `into`, when given, after what it holds). */
export function byFile<T extends { readonly file: string }>(items: readonly T[], into = new Map<string, T[]>()): Map<string, T[]> {
  for (const p of items) {
    const list = into.get(p.file);
    if (list) list.push(p);
    else into.set(p.file, [p]);
  }
  return into;
}
