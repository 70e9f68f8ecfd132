/**
 * The command palette actions (category "1:1s"). Each prompt can also be answered by an argument, so a keybinding,
 * a quick fix or a test can run the command without the prompts.
 */
import * as vscode from 'vscode';
import { acceptSuggestion } from '../core/quickPick';
import { markSkippedEdit } from '../core/edit/meetingEdits';
import { stringify } from 'yaml';
import { addDays, isIsoDate, parseDuration } from '../core/dates';
import type { IsoDate } from '../core/dates';
import { appendItem, setValue, YamlEditError } from '../core/edit/yamlEdit';
import { GOALS_FILE_NAME, MEETINGS_DIR, REPORT_FILE_NAME } from '../core/paths';
import { dayChoices, dayLabel, parseTypedDay, plannedMeetings } from '../core/planning';
import type { DayChoice } from '../core/planning';
import type { TeamQueries } from '../core/query/queries';
import type { ReportContext } from '../core/rules/context';
import { careerMeetingText, GOAL_SUGGESTIONS, newGoalItem, newMeetingText, newReportId, newReportText, newTeamText, nextMeetingFileName } from '../core/templates';
import type { GoalView } from '../core/views/model';
import { goalIndex } from './codeActions';
import { contextKeys } from './contextKeys';
import { errorKind } from './errors';
import { FORM_VIEW_TYPE } from './form/formEditor';
import { queriesOf } from './queries';
import type { ReportsTreeProvider } from './trees';
import { teamUri } from './teamFs';
import { teamFolderUri } from './teamService';
import type { TeamService } from './teamService';
import { createFile, editFile, refuseLinks, requireTrust, WriteRefused } from './writes';

/** What a command receives as "which report": an id, or a tree node with an id. */
export type ReportArg = string | { readonly id?: string; readonly kind?: string } | undefined;

export interface StartNoteOptions {
  /** The day of the 1:1 (`YYYY-MM-DD`); asked when absent. */
  readonly date?: string;
}
export interface AddReportOptions {
  readonly name?: string;
  readonly role?: string;
  readonly cadence?: string;
  /** When they started reporting to you; default today. */
  readonly since?: string;
  readonly aspirations?: readonly string[];
}
/**
 * `show: false` leaves goals.yaml closed (the form adds a goal and shows it itself). `aspiration: null` means none;
 * an aspiration the report does not have yet is added to their report.yaml too.
 */
export interface AddGoalOptions { readonly title?: string; readonly aspiration?: string | null; readonly show?: boolean }
export interface CreateTeamOptions { readonly manager?: string }
export interface MarkLeftOptions { readonly date?: string }
/** A goal row of a tree (its view), or the report id and goal id. */
export type GoalArg = { readonly view?: GoalView } | { readonly reportId: string; readonly goalId: string } | undefined;
export interface SkipOptions { readonly reason?: string }
export interface PauseOptions { readonly from?: string; readonly to?: string | null; readonly reason?: string }

class Cancelled extends Error {}

/** Commands whose success sets `oneOnOnes.done.<name>`: the walkthrough's completion events. */
const DONE_KEYS = new Set(['oneOnOnes.createTeamFolder', 'oneOnOnes.addReport', 'oneOnOnes.startNote', 'oneOnOnes.addGoal']);

/**
 * Shows a quick pick until an Enter gives an answer: `accept` returns `{ value }` to close with it, or undefined to
 * keep the picker open (an item that is refused, an example put into the box to edit). `itemsFor`, when given, turns
 * the typed text into the items shown. Hiding the picker cancels the command; it is disposed in every case.
 */
async function askQuickPick<T extends vscode.QuickPickItem, R>(
  qp: vscode.QuickPick<T>,
  accept: () => { readonly value: R } | undefined,
  itemsFor?: (typed: string) => T[],
): Promise<R> {
  try {
    return await new Promise<R>((resolve, reject) => {
      if (itemsFor) {
        qp.onDidChangeValue((v) => {
          qp.items = itemsFor(v);
        });
      }
      qp.onDidAccept(() => {
        const answer = accept();
        if (answer) resolve(answer.value);
      });
      qp.onDidHide(() => reject(new Cancelled()));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}

/** What the commands need of the Reports view: to show the item a command just made. */
export interface RevealReport {
  (reportId: string): Promise<void>;
}

export class Commands {
  constructor(
    private readonly service: TeamService,
    private readonly tree: ReportsTreeProvider,
    private readonly extensionUri: vscode.Uri,
    private readonly revealReport: RevealReport = async () => undefined,
  ) {}

  register(): vscode.Disposable[] {
    const cmd = (id: string, fn: (...args: never[]) => Promise<unknown>): vscode.Disposable =>
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          const result = await fn.apply(this, args);
          // What the Get Started walkthrough's steps wait for: the thing done, not the command opened.
          if (result !== undefined && DONE_KEYS.has(id)) void contextKeys.set(`oneOnOnes.done.${id.slice('oneOnOnes.'.length)}`, true);
          return result;
        } catch (e) {
          if (e instanceof Cancelled) return undefined;
          if (e instanceof WriteRefused || e instanceof YamlEditError) void vscode.window.showErrorMessage(e.message);
          else {
            void vscode.window.showErrorMessage(`First-Class 1:1s: ${(e as Error).message}`);
            // The code or name only: messages of file errors hold paths, and paths hold people's names.
            console.error(`First-Class 1:1s: command ${id} failed (${errorKind(e)})`);
          }
          return undefined;
        }
      });
    return [
      cmd('oneOnOnes.startNote', this.startNote),
      cmd('oneOnOnes.startCareerConversation', this.startCareerConversation),
      cmd('oneOnOnes.addReport', this.addReport),
      cmd('oneOnOnes.addGoal', this.addGoal),
      cmd('oneOnOnes.markSkipped', this.markSkipped),
      cmd('oneOnOnes.pauseCadence', this.pauseCadence),
      cmd('oneOnOnes.markLeft', this.markLeft),
      cmd('oneOnOnes.markGoalDone', async (arg?: GoalArg) => this.setGoalStatus(arg, 'done')),
      cmd('oneOnOnes.dropGoal', async (arg?: GoalArg) => this.setGoalStatus(arg, 'dropped')),
      cmd('oneOnOnes.openTeamFolder', this.openTeamFolder),
      cmd('oneOnOnes.refresh', this.refresh),
      cmd('oneOnOnes.createTeamFolder', this.createTeamFolder),
      cmd('oneOnOnes.openReportFile', this.openReportFile),
      cmd('oneOnOnes.showMoreHistory', async (id: string) => this.tree.showMore(id)),
      cmd('oneOnOnes.openForm', this.openForm),
      cmd('oneOnOnes.openDocs', this.openDocs),
    ];
  }

  private async team(): Promise<{ root: vscode.Uri; queries: TeamQueries }> {
    await this.service.ready();
    // Changes the watcher has reported but the debounce still holds: a command must see them.
    await this.service.flush();
    const root = this.service.root;
    const queries = queriesOf(this.service);
    if (!root || !queries) {
      void vscode.window.showInformationMessage('No team folder in this workspace yet. Create one from the 1:1s view.');
      throw new Cancelled();
    }
    return { root, queries };
  }

  /** A report's context as of now; a report gone meanwhile (a file deleted under the prompt) is said, not a crash. */
  private contextOf(queries: TeamQueries, id: string): ReportContext {
    const ctx = queries.report(id)?.context;
    if (!ctx) throw new WriteRefused(`No report \`${id}\` in the team folder.`);
    return ctx;
  }

  /** The report a command is about: from its argument, else a quick pick with overdue reports first. */
  private async pickReport(arg: ReportArg, title: string): Promise<string> {
    const { queries } = await this.team();
    const id = typeof arg === 'string' ? arg : arg?.id;
    if (id) {
      if (!queries.has(id)) throw new WriteRefused(`No report \`${id}\` in the team folder.`);
      return id;
    }
    // Reports who left the team are not offered: nothing is planned with them any more.
    const views = queries.byUrgency();
    if (views.length === 0) throw new WriteRefused('The team folder has no reports yet: add one first (1:1s: Add Report).');
    const picked = await vscode.window.showQuickPick(
      views.map((v) => ({ label: v.label, description: v.description, id: v.id, iconPath: new vscode.ThemeIcon(v.health === 'overdue' ? 'warning' : 'person') })),
      { title, placeHolder: 'Report (most overdue first)', matchOnDescription: true },
    );
    return required(picked).id;
  }

  /** Re-checks a file we just wrote, without waiting for the watcher. */
  private async written(path: string, kind: 'created' | 'changed'): Promise<void> {
    await this.service.touch(path, kind);
  }

  /** A short notification of what a command did, with buttons; never waited for (the command is done). */
  private tell(message: string, ...buttons: Array<{ title: string; run: () => unknown }>): void {
    void vscode.window.showInformationMessage(message, ...buttons.map((b) => b.title)).then((picked) => {
      const b = buttons.find((x) => x.title === picked);
      if (b) void Promise.resolve(b.run()).catch(() => undefined);
    });
  }

  /**
   * Plans (or opens) a 1:1 with a report for a day: the day is asked after the report, the next due date first.
   * A planned 1:1 on that day is opened instead of making a second note for the same day.
   */
  async startNote(arg?: ReportArg, options: StartNoteOptions = {}): Promise<vscode.Uri> {
    return this.planMeeting(arg, options, 'Start 1:1 Note', (ctx, day, queries) => newMeetingText(ctx, day, { buddyOf: queries.buddyGoals(ctx.report.id) }));
  }

  /**
   * Plans (or opens) a career 1:1: the same report and day pickers as Start 1:1 Note, and a `kind: career` note
   * prepared with their aspirations, every goal so far and the essay's prompts (src/core/career.ts).
   */
  async startCareerConversation(arg?: ReportArg, options: StartNoteOptions = {}): Promise<vscode.Uri> {
    return this.planMeeting(arg, options, 'Start Career Conversation', (ctx, day) => careerMeetingText(ctx, day));
  }

  private async planMeeting(arg: ReportArg, options: StartNoteOptions, title: string, text: (ctx: ReportContext, day: IsoDate, queries: TeamQueries) => string): Promise<vscode.Uri> {
    requireTrust();
    const { root, queries } = await this.team();
    const id = await this.pickReport(arg, title);
    const ctx = this.contextOf(queries, id);
    let date = options.date;
    let open: string | undefined;
    if (date === undefined) {
      const choice = await this.pickDay(ctx, title);
      date = choice.date;
      open = choice.open;
    }
    if (!isIsoDate(date)) throw new WriteRefused(`${date} is not a calendar date (YYYY-MM-DD).`);
    const day = date;
    open ??= plannedMeetings(ctx, day).find((p) => p.date === day)?.file;
    if (open) {
      const uri = teamUri(root, open);
      await vscode.commands.executeCommand('vscode.openWith', uri, FORM_VIEW_TYPE, { preview: false });
      return uri;
    }
    const path = `${id}/${MEETINGS_DIR}/${nextMeetingFileName(ctx.report.meetings, day)}`;
    const uri = await createFile(root, path, text(ctx, day, queries));
    await this.written(path, 'created');
    await vscode.commands.executeCommand('vscode.openWith', uri, FORM_VIEW_TYPE, { preview: false });
    return uri;
  }

  /**
   * "For which day?": the report's planned 1:1s (to open), the next due date, today, tomorrow, the weekdays after;
   * a typed `YYYY-MM-DD` becomes its own item, and a typed text that is not a calendar date is refused in the box.
   */
  private async pickDay(ctx: ReportContext, title: string): Promise<DayChoice> {
    type Item = vscode.QuickPickItem & { readonly choice?: DayChoice };
    const base: Item[] = dayChoices(ctx).map((c) => ({
      label: c.label,
      description: c.detail,
      iconPath: new vscode.ThemeIcon(c.open ? 'go-to-file' : 'calendar'),
      choice: c,
    }));
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = `${title} with ${ctx.name}: for which day?`;
    qp.placeholder = 'Pick a day, or type one as YYYY-MM-DD';
    qp.items = base;
    qp.matchOnDescription = true;
    const typed = (value: string): Item[] => {
      if (!/^\s*\d/.test(value)) return base;
      const r = parseTypedDay(value);
      if ('error' in r) return [{ label: `$(error) ${r.error}`, alwaysShow: true }];
      const existing = base.find((i) => i.choice?.date === r.date);
      if (existing) return [{ ...existing, alwaysShow: true }];
      return [{ label: dayLabel(r.date), description: 'the day you typed', alwaysShow: true, iconPath: new vscode.ThemeIcon('calendar'), choice: { date: r.date, label: dayLabel(r.date), detail: 'typed' } }];
    };
    return askQuickPick(qp, () => {
      const choice = qp.selectedItems[0]?.choice ?? qp.activeItems[0]?.choice;
      return choice ? { value: choice } : undefined; // an error item (no choice) keeps the picker open
    }, typed);
  }

  async addReport(options: AddReportOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, queries } = await this.team();
    const steps = 5;
    const name = (options.name ?? required(await vscode.window.showInputBox({
      title: `Add Report (1/${steps})`, prompt: 'Their name', placeHolder: 'e.g. Marta Nowak', ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'A name is needed.' : v.length > 100 ? 'Keep it under 100 characters.' : undefined),
    }))).trim();
    if (name === '') throw new WriteRefused('A report needs a name.');
    const role = (options.role ?? required(await vscode.window.showInputBox({ title: `Add Report (2/${steps})`, prompt: 'Their role (optional)', placeHolder: 'e.g. Senior Backend Engineer', ignoreFocusOut: true }))).trim();
    let cadence = options.cadence;
    if (cadence === undefined) {
      const team = queries.team().cadence;
      const pick = required(await vscode.window.showQuickPick([
        { label: `Team default (${team})`, value: '' },
        { label: 'weekly', value: 'weekly' },
        { label: 'biweekly', value: 'biweekly' },
      ], { title: `Add Report (3/${steps}): how often do you meet?`, ignoreFocusOut: true }));
      cadence = pick.value;
    }
    if (cadence && parseDuration(cadence) === undefined) throw new WriteRefused(`\`${cadence}\` is not a cadence: use weekly, biweekly, Nd or Nw.`);
    const today = this.service.today;
    const since = (options.since ?? required(await vscode.window.showInputBox({
      title: `Add Report (4/${steps}): since when do they report to you?`, value: today, prompt: 'YYYY-MM-DD (today if they join your team now)', ignoreFocusOut: true,
      validateInput: (v) => (isIsoDate(v.trim()) ? undefined : 'A calendar date YYYY-MM-DD'),
    }))).trim();
    if (!isIsoDate(since)) throw new WriteRefused(`${since} is not a calendar date (YYYY-MM-DD).`);
    const aspirations = options.aspirations ?? (await this.askAspirations(name, steps));
    const id = newReportId(name, new Set(queries.reports().map((r) => r.id)));
    const path = `${id}/${REPORT_FILE_NAME}`;
    const uri = await createFile(root, path, newReportText({ name, role: role || undefined, cadence: cadence || undefined, since, aspirations }));
    await this.written(path, 'created');
    await this.revealReport(id);
    this.tell(
      `Added ${name}. Plan your first 1:1 with them.`,
      { title: 'Start 1:1 Note', run: () => vscode.commands.executeCommand('oneOnOnes.startNote', id) },
      { title: 'Open report.yaml', run: () => vscode.window.showTextDocument(uri, { preview: false }) },
    );
    return uri;
  }

  /** Their aspirations, one per box, until an empty one: optional, several. */
  private async askAspirations(name: string, steps: number): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const v = required(await vscode.window.showInputBox({
        title: `Add Report (5/${steps}): ${name}'s aspirations${out.length > 0 ? ` (${out.length} so far)` : ''}`,
        prompt: out.length === 0 ? 'What do they want to grow towards? Leave empty to skip; you can add them later.' : 'Another one, or leave empty to finish.',
        placeHolder: 'e.g. Move into management',
        ignoreFocusOut: true,
      })).trim();
      if (v === '') return out;
      out.push(v);
    }
  }

  async addGoal(arg?: ReportArg, options: AddGoalOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, queries } = await this.team();
    const id = await this.pickReport(arg, 'Add Two-Month Goal');
    const ctx = this.contextOf(queries, id);
    const title = (options.title ?? (await this.pickGoalTitle(ctx.name))).trim();
    if (title === '') throw new WriteRefused('A goal needs a title.');
    const theirs = ctx.profile?.aspirations ?? [];
    const aspiration = options.aspiration === null ? undefined : options.aspiration ?? (await this.pickAspiration(ctx.name, theirs));
    if (aspiration !== undefined && !theirs.includes(aspiration) && ctx.profile) {
      // A new aspiration is theirs from now on: the career 1:1 and the next goals see it.
      const reportPath = `${id}/${REPORT_FILE_NAME}`;
      await editFile(root, reportPath, (t) => appendItem(t, ['aspirations'], aspiration));
      await this.written(reportPath, 'changed');
    }
    const item = newGoalItem({ title, aspiration, start: this.service.today, goalLength: queries.team().goalLength }, new Set(ctx.goals.map((g) => g.id)));
    const path = `${id}/${GOALS_FILE_NAME}`;
    let uri: vscode.Uri;
    if (ctx.report.goals) {
      uri = (await editFile(root, path, (t) => appendItem(t, ['goals'], item))).uri;
      await this.written(path, 'changed');
    } else {
      uri = await createFile(root, path, stringify({ goals: [item] }, { lineWidth: 0 }));
      await this.written(path, 'created');
    }
    const said = `Added the two-month goal “${title}” for ${ctx.name}, ending ${dayLabel(String(item.end))}.`;
    if (options.show === false) {
      this.tell(said);
      return uri;
    }
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const at = editor.document.getText().lastIndexOf(`id: ${String(item.id)}`);
    if (at >= 0) editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at));
    this.tell(said);
    return uri;
  }

  /**
   * The goal's title: typed, or one of the essay's examples. Picking an example puts it in the box to make it theirs
   * (Enter again takes it as it stands); it never goes into the file unseen.
   */
  private async pickGoalTitle(name: string): Promise<string> {
    const qp = vscode.window.createQuickPick();
    qp.title = `Add Two-Month Goal for ${name} (1/2)`;
    qp.placeholder = 'A step they can take in two months: type it, or pick an example to edit';
    qp.items = GOAL_SUGGESTIONS.map((label) => ({ label }));
    return askQuickPick(qp, () => {
      const answer = acceptSuggestion(qp.value, qp.selectedItems[0]?.label ?? qp.activeItems[0]?.label);
      if (answer && 'put' in answer) {
        qp.value = answer.put; // into the box, to edit; the next Enter takes it
        return undefined;
      }
      // Text typed beyond the example (made theirs) is taken as typed, even while the example is still highlighted.
      return answer ? { value: answer.take } : undefined;
    });
  }

  /** Which aspiration the goal serves: one of theirs, a new one typed in, or none. Always asked. */
  private async pickAspiration(name: string, theirs: readonly string[]): Promise<string | undefined> {
    type Item = vscode.QuickPickItem & { readonly value?: string; readonly none?: boolean };
    const none: Item = { label: 'No aspiration', description: 'a goal of its own', none: true, alwaysShow: true };
    const base: Item[] = [...theirs.map((a) => ({ label: a, value: a, description: 'theirs' })), none];
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = `Add Two-Month Goal for ${name} (2/2): which aspiration is it a step towards?`;
    qp.placeholder = theirs.length > 0 ? 'Pick one of theirs, or type a new one' : 'Type their aspiration (e.g. Move into management), or pick No aspiration';
    qp.items = base;
    return askQuickPick(qp, () => {
      const picked = qp.selectedItems[0] ?? qp.activeItems[0];
      return picked ? { value: picked.none ? undefined : picked.value } : undefined;
    }, (typed) => {
      const t = typed.trim();
      return t === '' || theirs.includes(t) ? base : [...base, { label: `New aspiration: ${t}`, value: t, alwaysShow: true, iconPath: new vscode.ThemeIcon('add') }];
    });
  }

  /** Marks a goal done or dropped (from the trees' goal rows), found by its id in the file as it is now. */
  async setGoalStatus(arg: GoalArg, status: 'done' | 'dropped'): Promise<vscode.Uri> {
    requireTrust();
    const { root, queries } = await this.team();
    const ref = arg && 'view' in arg && arg.view ? { reportId: arg.view.reportId, goalId: arg.view.goalId } : arg && 'reportId' in arg ? arg : undefined;
    if (!ref) throw new WriteRefused('Pick a goal in the Goals view or under a report.');
    const ctx = queries.report(ref.reportId)?.context;
    const goal = ctx?.goals.find((g) => g.id === ref.goalId);
    if (!ctx || !goal) throw new WriteRefused('That goal is no longer in goals.yaml.');
    const path = `${ref.reportId}/${GOALS_FILE_NAME}`;
    const doc = await editFile(root, path, (t) => {
      const index = goalIndex(t, ref.goalId);
      if (index === undefined) throw new WriteRefused('That goal is no longer in goals.yaml.');
      return setValue(t, ['goals', index, 'status'], status);
    });
    await this.written(path, 'changed');
    this.tell(`${status === 'done' ? 'Marked done' : 'Dropped'}: “${goal.title}” (${ctx.name}).`, { title: 'Open goals.yaml', run: () => vscode.window.showTextDocument(doc.uri, { preview: false }) });
    return doc.uri;
  }

  async markSkipped(arg?: ReportArg, options: SkipOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, queries } = await this.team();
    const id = await this.pickReport(arg, 'Mark 1:1 Skipped');
    const reason = (options.reason ?? required(await vscode.window.showInputBox({ title: 'Mark 1:1 Skipped', prompt: 'Why was it skipped? (kept for you)', placeHolder: 'e.g. I was ill' }))).trim();
    const ctx = this.contextOf(queries, id);
    const today = this.service.today;
    const planned = ctx.meetings.find((m) => m.value?.status === 'planned' && m.ref.date <= today && !m.file.syntaxErrors);
    let uri: vscode.Uri;
    if (planned) {
      // Status and reason in one composed edit: one save, one Undo.
      await editFile(root, planned.ref.path, (t) => markSkippedEdit(t, reason));
      await this.written(planned.ref.path, 'changed');
      uri = teamUri(root, planned.ref.path);
    } else {
      const path = `${id}/${MEETINGS_DIR}/${nextMeetingFileName(ctx.report.meetings, today)}`;
      const doc: Record<string, string> = { date: today, status: 'skipped' };
      if (reason) doc['skip-reason'] = reason;
      uri = await createFile(root, path, stringify(doc));
      await this.written(path, 'created');
    }
    const date = planned?.ref.date ?? today;
    this.tell(`Marked the 1:1 of ${dayLabel(date)} with ${ctx.name} skipped. Plan the next one soon: a skipped 1:1 still counts against the cadence.`, {
      title: 'Open', run: () => vscode.commands.executeCommand('vscode.openWith', uri, FORM_VIEW_TYPE, { preview: false }),
    });
    return uri;
  }

  async pauseCadence(arg?: ReportArg, options: PauseOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, queries } = await this.team();
    const id = await this.pickReport(arg, 'Pause Cadence (Leave)');
    const dateInput = async (title: string, value: string, optional: boolean): Promise<string> => required(await vscode.window.showInputBox({
      title, value, prompt: optional ? 'YYYY-MM-DD, or empty while the leave goes on' : 'YYYY-MM-DD',
      validateInput: (v) => ((optional && v.trim() === '') || isIsoDate(v.trim()) ? undefined : 'A calendar date YYYY-MM-DD'),
    })).trim();
    const from = options.from ?? (await dateInput('Leave starts on', this.service.today, false));
    const to = options.to === null ? '' : options.to ?? (await dateInput('Leave ends on (last day)', addDays(from, 14), true));
    if (!isIsoDate(from) || (to !== '' && (!isIsoDate(to) || to < from))) throw new WriteRefused('The leave needs a start date, and an end date on or after it.');
    const reason = (options.reason ?? required(await vscode.window.showInputBox({ title: 'Reason (optional, kept for you)', placeHolder: 'e.g. parental leave' }))).trim();
    const period: Record<string, string> = { from };
    if (to) period.to = to;
    if (reason) period.reason = reason;
    const path = `${id}/${REPORT_FILE_NAME}`;
    if (!queries.report(id)?.context.report.profile) throw new WriteRefused(`${id} has no report.yaml.`);
    const doc = await editFile(root, path, (t) => appendItem(t, ['paused'], period));
    await this.written(path, 'changed');
    const name = queries.report(id)?.context.name ?? id;
    this.tell(`Paused ${name}'s cadence from ${from}${to ? ` to ${to}` : ' until you end the leave'}: those days do not count against it.`, {
      title: 'Open report.yaml', run: () => vscode.window.showTextDocument(doc.uri, { preview: false }),
    });
    return doc.uri;
  }

  /**
   * A report who leaves the team (moved team, left the company) is not deleted: `left: <date>` in report.yaml stops
   * every cadence and goal rule from that day, and the tree lists them under Former reports. Their notes stay.
   */
  async markLeft(arg?: ReportArg, options: MarkLeftOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, queries } = await this.team();
    const id = await this.pickReport(arg, 'Mark Report as Left');
    const ctx = this.contextOf(queries, id);
    if (!ctx.profile) throw new WriteRefused(`${id} has no report.yaml.`);
    const date = (options.date ?? required(await vscode.window.showInputBox({
      title: `Mark ${ctx.name} as Left`, value: this.service.today, ignoreFocusOut: true,
      prompt: 'Their last day on your team (YYYY-MM-DD). Their notes stay; from that day no 1:1 falls due.',
      validateInput: (v) => (isIsoDate(v.trim()) ? undefined : 'A calendar date YYYY-MM-DD'),
    }))).trim();
    if (!isIsoDate(date)) throw new WriteRefused(`${date} is not a calendar date (YYYY-MM-DD).`);
    const path = `${id}/${REPORT_FILE_NAME}`;
    const doc = await editFile(root, path, (t) => setValue(t, ['left'], date));
    await this.written(path, 'changed');
    this.tell(`${ctx.name} is marked as left on ${date}: no 1:1 falls due from that day, and their notes stay under Former reports.`, {
      title: 'Open report.yaml', run: () => vscode.window.showTextDocument(doc.uri, { preview: false }),
    });
    return doc.uri;
  }

  async openTeamFolder(): Promise<void> {
    const { root } = await this.team();
    await vscode.commands.executeCommand('revealInExplorer', root);
  }

  async refresh(): Promise<void> {
    await this.service.reload();
  }

  /** Creates the team folder with team.yaml (the manager's name and the defaults); reports are added one by one. */
  async createTeamFolder(options: CreateTeamOptions = {}): Promise<vscode.Uri | undefined> {
    requireTrust();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('Open a folder first: the team folder lives inside it.');
      return undefined;
    }
    const root = teamFolderUri(folder.uri);
    if (!root) throw new WriteRefused('The team folder setting must name a folder inside the workspace folder.');
    await refuseLinks(folder.uri, root);
    const manager = (options.manager ?? required(await vscode.window.showInputBox({
      title: 'Create Team Folder', prompt: 'Your name, as the manager of this team (written to team.yaml)', placeHolder: 'e.g. Kim Park', ignoreFocusOut: true,
      validateInput: (v) => (v.length > 100 ? 'Keep it under 100 characters.' : undefined),
    }))).trim();
    const teamYaml = await createFile(root, 'team.yaml', newTeamText(manager));
    await this.service.reload();
    this.tell(
      'Your team folder is ready: one folder per report, one file per 1:1. Add your first report next.',
      { title: 'Add Report', run: () => vscode.commands.executeCommand('oneOnOnes.addReport') },
      { title: 'Open team.yaml', run: () => vscode.window.showTextDocument(teamYaml, { preview: false }) },
    );
    return root;
  }

  async openReportFile(arg?: ReportArg): Promise<void> {
    const { root } = await this.team();
    const id = await this.pickReport(arg, 'Open report.yaml');
    await vscode.window.showTextDocument(teamUri(root, `${id}/${REPORT_FILE_NAME}`), { preview: false });
  }

  /** Opens a meeting file in the 1:1 form (the active editor's file when no file is given). */
  async openForm(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) throw new WriteRefused('Open a meeting file first.');
    await vscode.commands.executeCommand('vscode.openWith', target, FORM_VIEW_TYPE, { preview: false });
  }

  async openDocs(): Promise<void> {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(this.extensionUri, 'docs', 'format.md'));
  }
}
