/**
 * The 1:1 form's model: a meeting file's text (plus what the index knows about the report) → the state the webview
 * shows. Pure: no VS Code, no DOM, no clock (the meeting's own date is the reference for "days left").
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import { countedDaysBetween, daysBetween, isIsoDate, pausedDaysBetween } from '../dates';
import type { Period } from '../dates';
import { goalEnd, meetingFileDate } from '../format/files';
import { formRefusal } from '../format/limits';
import { LineMap } from '../format/parse';
import { reportIdOf } from '../paths';
import type { Goal, Meeting, MeetingStatus, Problem } from '../types';
import { actionKey } from '../rules/context';
import type {
  ActionRow,
  BoolFieldState,
  CareerGoal,
  FeedbackRow,
  FormProblem,
  FormState,
  GoalCheckInRow,
  ListId,
  ListState,
  TextFieldState,
  TopicRow,
  ViewState,
} from '../../shared/formProtocol';
import { fieldId } from '../../shared/formProtocol';
import { LIST_PATHS } from './fields';
import { hasAnchors } from '../edit/yamlEdit';
import type { EditPath } from '../edit/yamlEdit';

/** What the index knows around one meeting file: the report, its goals, and the 1:1s before this one. */
export interface FormContext {
  readonly reportName: string;
  /** The cadence as written (`weekly`, `10d`). */
  readonly cadence: string;
  readonly cadenceDays: number;
  /** Meetings before this one, newest first (a handful: enough for the balance and carried-over actions). */
  readonly earlier: readonly { readonly date: string; readonly meeting: Meeting | undefined }[];
  readonly goals: readonly Goal[];
  readonly goalLengthDays: number;
  readonly aspirations: readonly string[];
  /** The report's leaves: days inside them do not count in "days since the previous 1:1", as for the cadence. */
  readonly paused?: readonly Period[];
  /** Active goals of other reports this report is the buddy on (the prep shows them). */
  readonly buddyOf?: readonly { readonly name: string; readonly title: string }[];
}

export interface FormInput {
  /** Path relative to the team folder (`alice/meetings/2026-11-24.yaml`), or just a file name outside one. */
  readonly path: string;
  readonly text: string;
  readonly version: number;
  readonly context: FormContext | undefined;
  /** The problems of this file (from the checker), with ranges in `text`. */
  readonly problems: readonly Problem[];
  readonly readOnlyReason?: string;
}

const BALANCE_MEETINGS = 5;

/** `<report>/meetings/<date>.yaml` or `<date>-N.yaml`: a file the form can move to another day. */
const MOVABLE_PATH = /^[^/]+\/meetings\/[^/]+$/;

/**
 * Date arithmetic on values read from a file: a date at the edge of the supported range (or a wrong one) gives
 * undefined rather than an exception that would leave the manager without a form.
 */
function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** A goal's end, or '' when it falls outside the calendar the format supports (a goal starting on 9999-12-31). */
function endOf(goal: Goal, goalLengthDays: number): string {
  const end = safely(() => goalEnd(goal, goalLengthDays));
  return end !== undefined && isIsoDate(end) ? end : '';
}

/** Days from the previous held 1:1 to this one as the cadence rule counts them, and the days of leave left out. */
export function daysSince(previous: string, date: string, paused: readonly Period[]): { counted: number; leave: number } | undefined {
  if (!isIsoDate(previous) || !isIsoDate(date)) return undefined;
  return safely(() => ({ counted: countedDaysBetween(previous, date, paused), leave: pausedDaysBetween(previous, date, paused) }));
}

export function describeCadence(cadence: string, days: number): string {
  if (cadence === 'weekly' || days === 7) return 'every week';
  if (cadence === 'biweekly' || days === 14) return 'every two weeks';
  return days % 7 === 0 ? `every ${days / 7} weeks` : `every ${days} days`;
}

type Registry = Array<{ target: string; span: readonly [number, number] }>;

class Reader {
  readonly targets: Registry = [];

  constructor(private readonly doc: Document.Parsed) {}

  /**
   * The node at `path`, aliases resolved at every step. `viaAlias` says the value is written elsewhere (under an
   * anchor): it is shown, but the form does not edit it, since an edit there would change every place using it.
   */
  lookup(path: EditPath): { node: unknown; viaAlias: boolean; blocked: boolean } {
    let n: unknown = this.doc.contents;
    let viaAlias = false;
    const resolve = (): void => {
      if (isAlias(n)) {
        viaAlias = true;
        n = n.resolve(this.doc);
      }
      // An anchored value is shared with its aliases: editing it here would change them too.
      if (n !== null && typeof n === 'object' && (n as { anchor?: string }).anchor) viaAlias = true;
    };
    resolve();
    for (const seg of path) {
      if (isMap(n)) n = (n.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(seg))?.value ?? undefined) as unknown;
      else if (isSeq(n) && typeof seg === 'number') n = n.items[seg] as unknown;
      else if (n === undefined || n === null || (isScalar(n) && n.value === null)) return { node: undefined, viaAlias, blocked: false };
      // Something else is on the way (a text where `prep` should be a mapping): the form must not replace it.
      else return { node: undefined, viaAlias, blocked: true };
      resolve();
    }
    return { node: n, viaAlias, blocked: false };
  }

  node(path: EditPath): unknown {
    return this.lookup(path).node;
  }

  /** Registers where a field is written (its key and value), for placing problems next to it. */
  mark(target: string, path: EditPath): void {
    const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(key));
      const k = (pair?.key as YamlNode | undefined)?.range;
      const v = (pair?.value as YamlNode | null | undefined)?.range;
      if (k) this.targets.push({ target, span: [k[0], v ? Math.max(v[1], k[1]) : k[1]] });
    } else if (isSeq(parent) && typeof key === 'number') {
      const r = (parent.items[key] as YamlNode | null | undefined)?.range;
      if (r) this.targets.push({ target, span: [r[0], r[1]] });
    }
  }

  text(id: string, path: EditPath): TextFieldState {
    this.mark(id, path);
    const { node: n, viaAlias, blocked } = this.lookup(path);
    if (n === undefined || n === null) return { id, value: '', editable: !viaAlias && !blocked };
    if (isScalar(n)) {
      const v = n.value;
      return { id, value: v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v), editable: !viaAlias };
    }
    // A list or mapping where a text belongs: shown, not editable (the text editor and the problem say why).
    return { id, value: '', editable: false };
  }

  bool(id: string, path: EditPath): BoolFieldState {
    this.mark(id, path);
    const { node: n, viaAlias, blocked } = this.lookup(path);
    if (n === undefined || n === null || (isScalar(n) && n.value === null)) return { id, value: false, editable: !viaAlias && !blocked };
    return isScalar(n) ? { id, value: n.value === true, editable: !viaAlias } : { id, value: false, editable: false };
  }

  /**
   * The list's items. `items` undefined: no list there, and one can be made; null: something else is there.
   * `editable` is false for a list written elsewhere (an alias).
   */
  items(list: ListId): { items: YamlNode[] | null | undefined; editable: boolean } {
    const path = LIST_PATHS[list];
    this.mark(list, path);
    const { node: n, viaAlias, blocked } = this.lookup(path);
    if (blocked) return { items: null, editable: false };
    if (n === undefined || n === null || (isScalar(n) && n.value === null)) return { items: undefined, editable: !viaAlias };
    if (!isSeq(n)) return { items: null, editable: false };
    // A list with anchors or aliases inside is shown, not edited: items are shared with other places.
    return { items: n.items as YamlNode[], editable: !viaAlias && !hasAnchors(n) };
  }
}

function listState<Row>(id: ListId, found: { items: YamlNode[] | null | undefined; editable: boolean }, row: (index: number) => Row | undefined): ListState<Row> {
  const { items, editable } = found;
  if (!items) return { id, rows: [], length: 0, editable };
  const rows: Row[] = [];
  items.forEach((_, index) => {
    const r = row(index);
    if (r) rows.push(r);
  });
  return { id, rows, length: items.length, editable };
}

/** The number of items in each of the form's lists in the current text (0 when there is no list). */
export function listLengths(text: string): Record<ListId, number> {
  if (formRefusal(text)) return { feedback: 0, managerTopics: 0, reportTopics: 0, actions: 0 }; // format/limits.ts
  const doc = parseDocument(text);
  const out = { feedback: 0, managerTopics: 0, reportTopics: 0, actions: 0 } as Record<ListId, number>;
  for (const list of Object.keys(out) as ListId[]) {
    const n = doc.getIn(LIST_PATHS[list], true);
    out[list] = isSeq(n) ? n.items.length : 0;
  }
  return out;
}

export function buildFormState(input: FormInput): ViewState {
  // The limits of format/limits.ts, before the parser (deep nesting can abort the process; big mappings are slow).
  const refused = formRefusal(input.text);
  if (refused) return { kind: 'broken', version: input.version, errors: [{ line: input.text.slice(0, refused.offset).split('\n').length, message: refused.message }] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter, prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
  const lines = new LineMap(lineCounter.lineStarts.length > 0 ? lineCounter.lineStarts : [0]);
  if (doc.errors.length > 0) {
    return {
      kind: 'broken',
      version: input.version,
      errors: doc.errors.map((e) => ({ line: lines.position(e.pos[0]).line + 1, message: e.message.split('\n')[0] })),
    };
  }
  const root = doc.contents;
  if (root !== null && !isMap(root) && !(isScalar(root) && root.value === null)) {
    return { kind: 'broken', version: input.version, errors: [{ line: 1, message: 'A meeting file is a mapping of keys (date, status, prep, …); this file is not.' }] };
  }

  const r = new Reader(doc);
  const ctx = input.context;
  const fileName = input.path.split('/').pop() ?? input.path;
  const date = meetingFileDate(fileName)?.date ?? (typeof doc.get('date') === 'string' ? (doc.get('date') as string) : '');
  const status = r.text('status', ['status']);
  const kind = r.text('kind', ['kind']);
  r.mark('header', ['date']);
  const statusValue = (status.value === '' && status.editable ? 'held' : status.value) as MeetingStatus | '';

  const feedback = listState<FeedbackRow>('feedback', r.items('feedback'), (index) => {
    const base: EditPath = [...LIST_PATHS.feedback, index];
    if (!isMap(r.node(base))) return undefined;
    r.mark(fieldId.item('feedback', index), base);
    return {
      index,
      type: r.text(fieldId.item('feedback', index, 'type'), [...base, 'type']),
      text: r.text(fieldId.item('feedback', index, 'text'), [...base, 'text']),
      delivered: r.bool(fieldId.item('feedback', index, 'delivered'), [...base, 'delivered']),
    };
  });
  const topics = (list: 'managerTopics' | 'reportTopics'): ListState<TopicRow> =>
    listState<TopicRow>(list, r.items(list), (index) => {
      const item = r.node([...LIST_PATHS[list], index]);
      if (item !== null && item !== undefined && !isScalar(item)) return undefined;
      return { index, text: r.text(fieldId.item(list, index), [...LIST_PATHS[list], index]) };
    });
  const managerTopics = topics('managerTopics');
  const reportTopics = topics('reportTopics');

  const earlier = ctx?.earlier ?? [];
  const carried = new Map<string, string>();
  for (const m of earlier) for (const a of m.meeting?.actions ?? []) carried.set(actionKey(a), m.date); // oldest wins
  const actions = listState<ActionRow>('actions', r.items('actions'), (index) => {
    const base: EditPath = [...LIST_PATHS.actions, index];
    if (!isMap(r.node(base))) return undefined;
    r.mark(fieldId.item('actions', index), base);
    const text = r.text(fieldId.item('actions', index, 'text'), [...base, 'text']);
    const owner = r.text(fieldId.item('actions', index, 'owner'), [...base, 'owner']);
    const from = text.value.trim() !== '' && (owner.value === 'report' || owner.value === 'manager')
      ? carried.get(actionKey({ index, text: text.value, owner: owner.value, done: false }))
      : undefined;
    return {
      index,
      text,
      owner,
      due: r.text(fieldId.item('actions', index, 'due'), [...base, 'due']),
      done: r.bool(fieldId.item('actions', index, 'done'), [...base, 'done']),
      ...(from ? { carriedFrom: from } : {}),
    };
  });

  // Goals: every active goal, and any goal this file already has a check-in for (also unknown ids: their problem
  // shows next to them).
  r.mark('goals', ['goals']);
  const checkIns = r.node(['goals']);
  const checkedIds: string[] = isMap(checkIns) ? checkIns.items.filter((p) => isScalar(p.key) && p.key.value !== null).map((p) => String((p.key as { value: unknown }).value)) : [];
  const goalsById = new Map((ctx?.goals ?? []).map((g) => [g.id, g]));
  const shownIds = [...(ctx?.goals ?? []).filter((g) => g.status === 'active').map((g) => g.id)];
  for (const id of checkedIds) if (!shownIds.includes(id)) shownIds.push(id);
  const goalLength = ctx?.goalLengthDays ?? 56;
  const goals: GoalCheckInRow[] = shownIds.map((id) => {
    const g = goalsById.get(id);
    const end = g ? endOf(g, goalLength) : '';
    const checkIn = isMap(checkIns) || checkIns === undefined || checkIns === null || (isScalar(checkIns) && checkIns.value === null)
      ? r.text(fieldId.goal(id), ['goals', id])
      : { id: fieldId.goal(id), value: '', editable: false };
    const daysLeft = end && isIsoDate(end) && isIsoDate(date) ? safely(() => daysBetween(date, end)) : undefined;
    return { goalId: id, title: g?.title ?? id, end, daysLeft: daysLeft ?? 0, checkIn };
  });

  const held = earlier.filter((m) => m.meeting?.status === 'held').slice(0, BALANCE_MEETINGS);
  const balance = {
    positive: held.reduce((n, m) => n + (m.meeting?.feedback.filter((f) => f.type === 'positive').length ?? 0), 0),
    negative: held.reduce((n, m) => n + (m.meeting?.feedback.filter((f) => f.type === 'negative').length ?? 0), 0),
    meetings: held.length,
  };
  const previous = held[0];
  const since = previous ? daysSince(previous.date, date, ctx?.paused ?? []) : undefined;

  const state: FormState = {
    kind: 'form',
    version: input.version,
    readOnly: input.readOnlyReason !== undefined,
    ...(input.readOnlyReason !== undefined ? { readOnlyReason: input.readOnlyReason } : {}),
    header: {
      reportName: ctx?.reportName ?? reportIdOf(input.path) ?? input.path,
      date,
      status: { ...status, value: statusValue },
      skipReason: r.text('skip-reason', ['skip-reason']),
      kind: { ...kind, value: kind.value === '' && kind.editable ? 'regular' : kind.value },
      ...(previous && since ? { daysSincePrevious: since.counted, leaveDaysSincePrevious: since.leave, previousDate: previous.date } : {}),
      cadence: ctx ? describeCadence(ctx.cadence, ctx.cadenceDays) : '',
      // The host renames `<date>.yaml` (or `<date>-N.yaml`) in a report's meetings folder; nothing else is moved.
      movable: input.readOnlyReason === undefined && MOVABLE_PATH.test(input.path) && meetingFileDate(fileName) !== undefined,
    },
    feedback,
    balance,
    managerTopics,
    reportTopics,
    goals,
    notes: r.text('notes', ['notes']),
    private: r.text('private', ['private']),
    actions,
    ...(kind.value === 'career' && ctx
      ? { career: { aspirations: [...ctx.aspirations], goals: careerGoals(ctx), offerGoals: statusValue === 'held' && input.readOnlyReason === undefined && ctx.aspirations.length > 0 } }
      : {}),
    ...(ctx?.buddyOf && ctx.buddyOf.length > 0 ? { buddyOf: ctx.buddyOf.map((b) => ({ name: b.name, title: b.title })) } : {}),
    problems: placeProblems(input.problems, r.targets, lines),
  };
  placers.set(state, (problems) => placeProblems(problems, r.targets, lines));
  return state;
}

/** Where each built state's fields are written, kept with the state so that new problems can be placed on it. */
const placers = new WeakMap<FormState, (problems: readonly Problem[]) => FormProblem[]>();

/**
 * The state with other problems (the checker's, which change when the file is checked again, at the same version):
 * placed as `buildFormState` would place them, without reading the file again. A state not built here shows them
 * for the file as a whole.
 */
export function withProblems(state: FormState, problems: readonly Problem[]): FormState {
  const place = placers.get(state);
  const placed = place ? place(problems) : problems.map((p) => ({ severity: p.severity, rule: p.rule, message: p.message }));
  const out: FormState = { ...state, problems: placed };
  if (place) placers.set(out, place);
  return out;
}

function careerGoals(ctx: FormContext): CareerGoal[] {
  return [...ctx.goals]
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0))
    .map((g) => ({ title: g.title, status: g.status, start: g.start, end: endOf(g, ctx.goalLengthDays), ...(g.aspiration ? { aspiration: g.aspiration } : {}) }));
}

/** Rules whose finding is about a section rather than the value it is anchored on. */
const RULE_TARGETS: Readonly<Record<string, string>> = {
  'prep-missing': 'prep',
  'no-feedback': 'feedback',
};

/** Each problem goes next to the smallest field whose text contains its start, else to the file as a whole. */
function placeProblems(problems: readonly Problem[], targets: Registry, lines: LineMap): FormProblem[] {
  return problems.map((p) => {
    const base = { severity: p.severity, rule: p.rule, message: p.message };
    const byRule = RULE_TARGETS[p.rule];
    if (byRule) return { ...base, target: byRule };
    const at = lines.offset(p.range.start);
    let best: Registry[number] | undefined;
    for (const t of targets) {
      if (t.span[0] <= at && at < Math.max(t.span[1], t.span[0] + 1) && (!best || t.span[1] - t.span[0] < best.span[1] - best.span[0])) best = t;
    }
    return best ? { ...base, target: best.target } : base;
  });
}
