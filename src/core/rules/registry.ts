/**
 * Every rule the core knows, from one list of rule modules: each module (one file) declares its rules' ids, default
 * severities, summaries, typed data and quick fixes, and its family's check. Everything else is derived from
 * RULE_MODULES: the rule ids (a string-literal union), the findings' types, the checks the checker runs, the severity
 * settings in package.json and the table in docs/rules.md (`npm run schemas`; unit tests fail when they are stale).
 * Settings switch a rule off or change its severity by id; docs/rules.md has one section per id.
 */
import type { Finding } from '../findings';
import type { Severity, SeveritySetting } from '../types';
import { ACTION_RULES } from './actions';
import { BUDDY_RULES } from './buddy';
import { CADENCE_RULES } from './cadence';
import type { ReportContext } from './context';
import { FILE_RULES } from './file';
import { GOAL_RULES } from './goals';
import { PREP_RULES } from './prep';
import type { FixEnv, QuickFix, RuleModule, RuleSpec } from './rule';
import { STATUS_UPDATE_RULES } from './statusUpdate';

/** The rule modules, in the order their checks run and their rules are listed. Adding a module is one line here. */
export const RULE_MODULES = [CADENCE_RULES, GOAL_RULES, BUDDY_RULES, PREP_RULES, ACTION_RULES, STATUS_UPDATE_RULES, FILE_RULES] as const;

type DataOf<T> = T extends RuleModule<infer M> ? M : never;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Rule id → the data its findings attach, for every rule of every module. */
export type RuleDataMap = UnionToIntersection<DataOf<(typeof RULE_MODULES)[number]>>;
/** Every rule id, as a string-literal union. */
export type RuleId = keyof RuleDataMap & string;
export type RuleData<R extends RuleId> = RuleDataMap[R];
export type RuleFamily = (typeof RULE_MODULES)[number]['family'];

export interface RuleInfo {
  readonly id: RuleId;
  readonly family: RuleFamily;
  readonly severity: Severity;
  /** One line, for settings and `--help`. */
  readonly summary: string;
  /** Where the finding goes (docs/rules.md's table). */
  readonly on: string;
  /** The titles of the quick fixes it offers (`<x>` stands for a part that varies). */
  readonly fixTitles: readonly string[];
}

/** A family of rules: a pure function of what one report's context holds. */
export type RuleFamilyCheck = (ctx: ReportContext) => Finding[];

function specs(): Array<[RuleId, RuleFamily, RuleSpec<unknown>]> {
  const out: Array<[RuleId, RuleFamily, RuleSpec<unknown>]> = [];
  for (const m of RULE_MODULES) {
    for (const [id, spec] of Object.entries(m.rules) as Array<[RuleId, RuleSpec<unknown>]>) out.push([id, m.family, spec]);
  }
  return out;
}

const SPECS: ReadonlyMap<RuleId, RuleSpec<unknown>> = new Map(specs().map(([id, , spec]) => [id, spec]));

/** Keyed by string so that any text can be looked up (`RULES.has(arg)`); `isRuleId` narrows it. */
export const RULES: ReadonlyMap<string, RuleInfo> = new Map(
  specs().map(([id, family, s]) => [id, { id, family, severity: s.severity, summary: s.summary, on: s.on, fixTitles: s.fixTitles ?? [] }]),
);

/** The family checks, in the order their findings are listed. */
export const RULE_FAMILIES: readonly RuleFamilyCheck[] = RULE_MODULES.flatMap((m) => ('check' in m && m.check ? [m.check as RuleFamilyCheck] : []));

/**
 * The rule id a value names, or undefined. For what comes from outside the core (a diagnostic's `code` handed back
 * by VS Code, a command-line argument): only an own id of the registry passes (not `toString`, not `__proto__`).
 */
export function ruleIdOf(value: unknown): RuleId | undefined {
  const v = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
  return typeof v === 'string' && RULES.has(v as RuleId) ? (v as RuleId) : undefined;
}

export function isRuleId(value: string): value is RuleId {
  return RULES.has(value as RuleId);
}

/** The finding's data when it is of this rule (typed), else undefined. */
export function dataOf<R extends RuleId>(finding: Finding, rule: R): RuleData<R> | undefined {
  return finding.rule === rule ? (finding.data as RuleData<R>) : undefined;
}

/** The quick fixes a rule offers for one finding, from its typed data, today and the file's current text. */
export function quickFixesFor(finding: Finding, env: FixEnv): QuickFix[] {
  const fixes = SPECS.get(finding.rule)?.fixes;
  return fixes ? fixes(finding.data, env) : [];
}

export interface RuleSettings {
  /** Per rule id: a severity, or `off`. Rules not named keep their default (unknown ids are ignored). */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** The status-update heuristic can be switched off as a whole (same as `status-update: off`). */
  readonly statusUpdateHeuristic?: boolean;
}

/** The severity a rule reports with under the settings, or undefined when it is off. */
export function severityOf(rule: RuleId, settings: RuleSettings): Severity | undefined {
  if (rule === 'status-update' && settings.statusUpdateHeuristic === false) return undefined;
  const s = settings.severities?.[rule];
  if (s === 'off') return undefined;
  return s ?? RULES.get(rule)?.severity ?? 'warning';
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];
