/**
 * What a rule module declares. A module (one file under rules/) owns a family of rules: for each rule its id, default
 * severity, one-line summary, where its finding goes, the typed data it attaches and the quick fixes it offers; and
 * the family's check, a pure function of one report's context. The registry lists the modules once; the settings
 * schema in package.json and the table in docs/rules.md are generated from it (`npm run schemas`).
 */
import type { IsoDate } from '../dates';
import type { TextEdit } from '../edit/yamlEdit';
import type { FindingsOf, SchemaFinding } from '../findings';
import type { Severity } from '../types';
import type { ReportContext } from './context';

/** What a quick fix needs besides the finding: today, and the file's text as it is now (maybe unsaved). */
export interface FixEnv {
  readonly today: IsoDate;
  readonly text: string;
}

/** Stands for the document the fix is offered in, as a command argument (the adapter passes its URI). */
export const THIS_DOCUMENT = 'oneOnOnes:thisDocument';

/** The commands a quick fix may run, with their arguments (checked by the compiler, built only here). */
export type FixCommand =
  | { readonly command: 'oneOnOnes.startNote'; readonly args: readonly [report: string, options: { readonly date: IsoDate }] }
  | { readonly command: 'oneOnOnes.pauseCadence'; readonly args: readonly [report: string] }
  | { readonly command: 'oneOnOnes.openForm'; readonly args: readonly [typeof THIS_DOCUMENT] };

/**
 * A quick fix as plain data: a command to run, or an edit computed from the file's current text. An edit may throw
 * the editor's YamlEditError (the file does not parse right now): the fix is then not offered.
 */
export type QuickFix = { readonly title: string; readonly preferred?: boolean } & (
  | ({ readonly kind: 'command' } & FixCommand)
  | { readonly kind: 'edit'; readonly edit: (text: string) => TextEdit }
);

export interface RuleSpec<D> {
  readonly severity: Severity;
  /** One line, for the settings and the table in docs/rules.md (Markdown). */
  readonly summary: string;
  /** Where the finding goes, for the table in docs/rules.md (Markdown). */
  readonly on: string;
  /** The titles of the quick fixes it offers, for docs/rules.md; `<x>` stands for a part that varies. */
  readonly fixTitles?: readonly string[];
  /** The quick fixes for one finding (its titles match `fixTitles`). */
  readonly fixes?: (data: D, env: FixEnv) => QuickFix[];
}

/** One rule module: its family name, its rules (id → spec, typed by the data map M) and its check, if it has one. */
export interface RuleModule<M> {
  /** The family, as the docs and `--help` name it. */
  readonly family: string;
  /** Ids in the order the docs list them. */
  readonly rules: { readonly [K in keyof M]: RuleSpec<M[K]> };
  /**
   * The check run per report, in the registry's order; absent for rules the parser or the index report (file rules),
   * which declare their ids and data here all the same.
   */
  readonly check?: (ctx: ReportContext) => Array<FindingsOf<M> | SchemaFinding>;
}
