/**
 * The command palette actions (category "1:1s"). Each prompt can also be answered by an argument, so a keybinding,
 * a quick fix or a test can run the command without the prompts.
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { addDays, isIsoDate, parseDuration } from '../core/dates';
import { appendItem, setValue, YamlEditError } from '../core/edit/yamlEdit';
import { GOALS_FILE_NAME, MEETINGS_DIR, REPORT_FILE_NAME } from '../core/index/teamIndex';
import { GOAL_SUGGESTIONS, newGoalItem, newMeetingText, newReportId, newReportText, nextMeetingFileName } from '../core/templates';
import { reportView, sortByUrgency } from '../core/views/model';
import { errorKind } from './errors';
import { FORM_VIEW_TYPE } from './form/formEditor';
import type { ReportsTreeProvider } from './trees';
import { teamUri } from './teamFs';
import { teamFolderUri } from './teamService';
import type { TeamService } from './teamService';
import { createFile, editFile, refuseLinks, requireTrust, WriteRefused } from './writes';

/** What a command receives as "which report": an id, or a tree node with an id. */
export type ReportArg = string | { readonly id?: string; readonly kind?: string } | undefined;

export interface AddReportOptions { readonly name?: string; readonly role?: string; readonly cadence?: string }
/** `show: false` leaves goals.yaml closed (the form adds a goal and shows it itself). */
export interface AddGoalOptions { readonly title?: string; readonly aspiration?: string | null; readonly show?: boolean }
export interface SkipOptions { readonly reason?: string }
export interface PauseOptions { readonly from?: string; readonly to?: string | null; readonly reason?: string }

class Cancelled extends Error {}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}

export class Commands {
  constructor(
    private readonly service: TeamService,
    private readonly tree: ReportsTreeProvider,
    private readonly extensionUri: vscode.Uri,
  ) {}

  register(): vscode.Disposable[] {
    const cmd = (id: string, fn: (...args: never[]) => Promise<unknown>): vscode.Disposable =>
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await fn.apply(this, args);
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
      cmd('oneOnOnes.addReport', this.addReport),
      cmd('oneOnOnes.addGoal', this.addGoal),
      cmd('oneOnOnes.markSkipped', this.markSkipped),
      cmd('oneOnOnes.pauseCadence', this.pauseCadence),
      cmd('oneOnOnes.openTeamFolder', this.openTeamFolder),
      cmd('oneOnOnes.refresh', this.refresh),
      cmd('oneOnOnes.createTeamFolder', this.createTeamFolder),
      cmd('oneOnOnes.openReportFile', this.openReportFile),
      cmd('oneOnOnes.showMoreHistory', async (id: string) => this.tree.showMore(id)),
      cmd('oneOnOnes.openForm', this.openForm),
      cmd('oneOnOnes.openDocs', this.openDocs),
    ];
  }

  private async team(): Promise<{ root: vscode.Uri; checker: NonNullable<TeamService['checker']> }> {
    await this.service.ready();
    // Changes the watcher has reported but the debounce still holds: a command must see them.
    await this.service.flush();
    const root = this.service.root;
    const checker = this.service.checker;
    if (!root || !checker) {
      void vscode.window.showInformationMessage('No team folder in this workspace yet. Create one from the 1:1s view.');
      throw new Cancelled();
    }
    return { root, checker };
  }

  /** The report a command is about: from its argument, else a quick pick with overdue reports first. */
  private async pickReport(arg: ReportArg, title: string): Promise<string> {
    const { checker } = await this.team();
    const id = typeof arg === 'string' ? arg : arg?.id;
    if (id) {
      if (!checker.index.report(id)) throw new WriteRefused(`No report \`${id}\` in the team folder.`);
      return id;
    }
    const problems = checker.problems();
    const views = sortByUrgency(checker.index.reports().map((r) => reportView(checker.context(r.id)!, problems)));
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

  async startNote(arg?: ReportArg): Promise<vscode.Uri> {
    requireTrust();
    const { root, checker } = await this.team();
    const id = await this.pickReport(arg, 'Start 1:1 Note');
    const ctx = checker.context(id)!;
    const date = this.service.today;
    const path = `${id}/${MEETINGS_DIR}/${nextMeetingFileName(ctx.report.meetings, date)}`;
    const uri = await createFile(root, path, newMeetingText(ctx, date));
    await this.written(path, 'created');
    await vscode.commands.executeCommand('vscode.openWith', uri, FORM_VIEW_TYPE, { preview: false });
    return uri;
  }

  async addReport(options: AddReportOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, checker } = await this.team();
    const name = (options.name ?? required(await vscode.window.showInputBox({
      title: 'Add Report (1/3)', prompt: 'Their name', placeHolder: 'e.g. Marta Nowak',
      validateInput: (v) => (v.trim() === '' ? 'A name is needed.' : v.length > 100 ? 'Keep it under 100 characters.' : undefined),
    }))).trim();
    if (name === '') throw new WriteRefused('A report needs a name.');
    const role = (options.role ?? required(await vscode.window.showInputBox({ title: 'Add Report (2/3)', prompt: 'Their role (optional)', placeHolder: 'e.g. Senior Backend Engineer' }))).trim();
    let cadence = options.cadence;
    if (cadence === undefined) {
      const team = checker.index.team.cadence;
      const pick = required(await vscode.window.showQuickPick([
        { label: `Team default (${team})`, value: '' },
        { label: 'weekly', value: 'weekly' },
        { label: 'biweekly', value: 'biweekly' },
      ], { title: 'Add Report (3/3): 1:1 cadence' }));
      cadence = pick.value;
    }
    if (cadence && parseDuration(cadence) === undefined) throw new WriteRefused(`\`${cadence}\` is not a cadence: use weekly, biweekly, Nd or Nw.`);
    const id = newReportId(name, new Set(checker.index.reports().map((r) => r.id)));
    const path = `${id}/${REPORT_FILE_NAME}`;
    const uri = await createFile(root, path, newReportText({ name, role: role || undefined, cadence: cadence || undefined, since: this.service.today }));
    await this.written(path, 'created');
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }

  async addGoal(arg?: ReportArg, options: AddGoalOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, checker } = await this.team();
    const id = await this.pickReport(arg, 'Add Two-Month Goal');
    const ctx = checker.context(id)!;
    const title = (options.title ?? (await this.pickGoalTitle())).trim();
    if (title === '') throw new WriteRefused('A goal needs a title.');
    let aspiration = options.aspiration === null ? undefined : options.aspiration;
    if (options.aspiration === undefined && ctx.profile && ctx.profile.aspirations.length > 0) {
      const pick = required(await vscode.window.showQuickPick(
        [...ctx.profile.aspirations.map((a) => ({ label: a, value: a as string | undefined })), { label: 'No aspiration', value: undefined }],
        { title: 'Add Two-Month Goal: which aspiration is it a step towards?' },
      ));
      aspiration = pick.value;
    }
    const item = newGoalItem({ title, aspiration, start: this.service.today, goalLength: checker.index.team.goalLength }, new Set(ctx.goals.map((g) => g.id)));
    const path = `${id}/${GOALS_FILE_NAME}`;
    let uri: vscode.Uri;
    if (ctx.report.goals) {
      uri = (await editFile(root, path, (t) => appendItem(t, ['goals'], item))).uri;
      await this.written(path, 'changed');
    } else {
      uri = await createFile(root, path, stringify({ goals: [item] }, { lineWidth: 0 }));
      await this.written(path, 'created');
    }
    if (options.show === false) return uri;
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    const at = editor.document.getText().lastIndexOf(`id: ${String(item.id)}`);
    if (at >= 0) editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at));
    return uri;
  }

  private async pickGoalTitle(): Promise<string> {
    const qp = vscode.window.createQuickPick();
    qp.title = 'Add Two-Month Goal';
    qp.placeholder = 'A step they can take in two months — type your own or pick an example';
    qp.items = GOAL_SUGGESTIONS.map((label) => ({ label }));
    try {
      return await new Promise<string>((resolve, reject) => {
        qp.onDidAccept(() => resolve(qp.selectedItems[0]?.label ?? qp.value));
        qp.onDidHide(() => reject(new Cancelled()));
        qp.show();
      });
    } finally {
      qp.dispose();
    }
  }

  async markSkipped(arg?: ReportArg, options: SkipOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, checker } = await this.team();
    const id = await this.pickReport(arg, 'Mark 1:1 Skipped');
    const reason = (options.reason ?? required(await vscode.window.showInputBox({ title: 'Mark 1:1 Skipped', prompt: 'Why was it skipped? (kept for you)', placeHolder: 'e.g. I was ill' }))).trim();
    const ctx = checker.context(id)!;
    const today = this.service.today;
    const planned = ctx.meetings.find((m) => m.value?.status === 'planned' && m.ref.date <= today && !m.file.syntaxErrors);
    if (planned) {
      await editFile(root, planned.ref.path, (t) => setValue(t, ['status'], 'skipped'));
      if (reason) await editFile(root, planned.ref.path, (t) => setValue(t, ['skip-reason'], reason));
      await this.written(planned.ref.path, 'changed');
      return teamUri(root, planned.ref.path);
    }
    const path = `${id}/${MEETINGS_DIR}/${nextMeetingFileName(ctx.report.meetings, today)}`;
    const doc: Record<string, string> = { date: today, status: 'skipped' };
    if (reason) doc['skip-reason'] = reason;
    const uri = await createFile(root, path, stringify(doc));
    await this.written(path, 'created');
    return uri;
  }

  async pauseCadence(arg?: ReportArg, options: PauseOptions = {}): Promise<vscode.Uri> {
    requireTrust();
    const { root, checker } = await this.team();
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
    if (!checker.index.report(id)?.profile) throw new WriteRefused(`${id} has no report.yaml.`);
    const doc = await editFile(root, path, (t) => appendItem(t, ['paused'], period));
    await this.written(path, 'changed');
    return doc.uri;
  }

  async openTeamFolder(): Promise<void> {
    const { root } = await this.team();
    await vscode.commands.executeCommand('revealInExplorer', root);
  }

  async refresh(): Promise<void> {
    await this.service.reload();
  }

  async createTeamFolder(): Promise<vscode.Uri | undefined> {
    requireTrust();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('Open a folder first: the team folder lives inside it.');
      return undefined;
    }
    const root = teamFolderUri(folder.uri);
    if (!root) throw new WriteRefused('oneOnOnes.teamFolder must be inside the workspace folder.');
    await refuseLinks(folder.uri, root);
    const today = this.service.today;
    await createFile(root, 'team.yaml', '# Team defaults for First-Class 1:1s (see the format docs)\nmanager: ""\ncadence: weekly\ngrace-days: 2\ncareer-every: 8w\ngoal-length: 8w\n');
    const reportUri = await createFile(root, `example-report/${REPORT_FILE_NAME}`, newReportText({ name: 'Example Report', role: 'Engineer', since: today }).replace('aspirations: []', 'aspirations:\n  - Move into management'));
    await createFile(root, `example-report/${GOALS_FILE_NAME}`, stringify({ goals: [newGoalItem({ title: 'Mentor a new employee', aspiration: 'Move into management', start: today, goalLength: '8w' }, new Set())] }, { lineWidth: 0 }));
    await this.service.reload();
    await vscode.window.showTextDocument(reportUri, { preview: false });
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
