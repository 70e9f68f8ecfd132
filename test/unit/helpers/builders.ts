/** Small builders for team folders in tests: plain objects in, YAML text out. */
import { stringify } from 'yaml';
import { TeamChecker } from '../../../src/core/checker';
import type { RuleSettings } from '../../../src/core/rules/registry';
import type { Problem } from '../../../src/core/types';
import { addDays } from '../../../src/core/dates';
import { MemoryFileSystem } from './memoryFs';

export const TODAY = '2026-11-24';

export type Files = Record<string, string>;

export function yaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

export interface MeetingSpec {
  status?: 'planned' | 'held' | 'skipped';
  kind?: 'regular' | 'career';
  feedback?: Array<{ type: 'positive' | 'negative'; text: string; delivered?: boolean }>;
  topics?: string[];
  reportTopics?: string[];
  goals?: Record<string, string>;
  notes?: string;
  actions?: Array<{ text: string; owner: 'report' | 'manager'; due?: string; done?: boolean }>;
  extra?: Record<string, unknown>;
}

/** A well-prepared held 1:1: balanced feedback, topics on both sides. Override what a test is about. */
export function meetingYaml(date: string, spec: MeetingSpec = {}): string {
  const doc: Record<string, unknown> = { date, status: spec.status ?? 'held' };
  if (spec.kind) doc.kind = spec.kind;
  doc.prep = {
    manager: {
      feedback: spec.feedback ?? [
        { type: 'positive', text: 'Clear design doc for the importer', delivered: true },
        { type: 'negative', text: 'Code reviews waited two days', delivered: true },
      ],
      topics: spec.topics ?? ['How is the on-call load?'],
    },
    report: { topics: spec.reportTopics ?? ['Conference budget'] },
  };
  if (spec.goals) doc.goals = spec.goals;
  if (spec.notes) doc.notes = spec.notes;
  if (spec.actions) doc.actions = spec.actions;
  Object.assign(doc, spec.extra ?? {});
  return yaml(doc);
}

export interface ReportSpec {
  name?: string;
  since?: string;
  cadence?: string;
  paused?: Array<{ from: string; to?: string; reason?: string }>;
  aspirations?: string[];
  goals?: Array<Record<string, unknown>> | null;
  /** Meeting dates → spec; default: none. */
  meetings?: Record<string, MeetingSpec>;
}

/** The files of one report; by default a healthy one with an active goal discussed every week. */
export function reportFiles(id: string, spec: ReportSpec = {}): Files {
  const files: Files = {};
  const profile: Record<string, unknown> = { name: spec.name ?? `Person ${id}` };
  if (spec.since) profile.since = spec.since;
  if (spec.cadence) profile.cadence = spec.cadence;
  if (spec.paused) profile.paused = spec.paused;
  if (spec.aspirations) profile.aspirations = spec.aspirations;
  files[`${id}/report.yaml`] = yaml(profile);
  if (spec.goals !== null) {
    files[`${id}/goals.yaml`] = yaml({ goals: spec.goals ?? [{ id: 'g1', title: 'Lead the billing feature', start: addDays(TODAY, -20) }] });
  }
  for (const [date, m] of Object.entries(spec.meetings ?? {})) files[`${id}/meetings/${date}.yaml`] = meetingYaml(date, m);
  return files;
}

/** Weekly held 1:1s going back from `last`, each checking in on goal g1 and career every 8 weeks. */
export function weekly(last: string, count: number, each: (date: string, i: number) => MeetingSpec = () => ({})): Record<string, MeetingSpec> {
  const out: Record<string, MeetingSpec> = {};
  for (let i = 0; i < count; i++) {
    const date = addDays(last, -7 * i);
    out[date] = { goals: { g1: 'Moving: the API draft is out' }, kind: i % 8 === 0 ? 'career' : 'regular', ...each(date, i) };
  }
  return out;
}

export async function check(files: Files, options: { today?: string; settings?: RuleSettings } = {}): Promise<{ problems: Problem[]; checker: TeamChecker; fs: MemoryFileSystem }> {
  const fs = new MemoryFileSystem(files);
  const checker = await TeamChecker.open(fs, { today: options.today ?? TODAY, settings: options.settings });
  return { problems: checker.problems(), checker, fs };
}

export function ofRule(problems: readonly Problem[], rule: string): Problem[] {
  return problems.filter((p) => p.rule === rule);
}
