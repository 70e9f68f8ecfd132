/**
 * The export commands (issue #15): agenda, calendar, handbook, review and handoff, as the CLI makes them
 * (src/core/export). Each asks what it needs (the report, the day or period with the defaults filled in, whether to
 * name undelivered feedback or private notes), then where to save with a sensible default name, writes the file and
 * opens it: Markdown in an editor, the .ics revealed in the Explorer.
 *
 * Writes: inside the workspace through a WorkspaceEdit (undoable, lands in an open editor); outside it atomically (a
 * temporary file beside the target, then a rename). Never inside a `.git` folder, never over a file of the team
 * folder's layout, never through a symbolic link. Restricted Mode: the exports are not offered and refuse to run,
 * like every command that writes a file (docs/exports.md): an export writes a file the user may not expect from an
 * untrusted folder, and the point of Restricted Mode is that opening a folder writes nothing.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { addDays } from '../core/dates';
import { isIsoDate } from '../core/dates';
import { agendaTarget } from '../core/export/agenda';
import { CalendarError } from '../core/export/calendar';
import { defaultFileName, extensionOf, ExportRequestError, runExport } from '../core/export/exports';
import type { ExportKind, ExportOptions } from '../core/export/exports';
import { classifyPath } from '../core/paths';
import { writeFileAtomically } from '../node/atomicWrite';
import type { TeamQueries } from '../core/query/queries';
import { errorKind } from './errors';
import { queriesOf } from './queries';
import { teamPath } from './teamFs';
import type { TeamService } from './teamService';
import { requireTrust, WriteRefused } from './writes';

/** What a command's first argument may be: a report id, or a Reports tree node (it has the report's `id`). */
type ReportArg = string | { readonly id?: string } | undefined;

/** Answers already given (a test, or another command): what is given is not asked. */
export interface ExportAnswers {
  readonly date?: string;
  readonly from?: string;
  readonly to?: string;
  readonly includeFeedback?: boolean;
  readonly includePrivate?: boolean;
}

export type SaveTarget = (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>;

class Cancelled extends Error {}

const required = <T>(v: T | undefined): T => {
  if (v === undefined) throw new Cancelled();
  return v;
};

export const EXPORT_COMMANDS: ReadonlyArray<readonly [string, ExportKind]> = [
  ['oneOnOnes.exportAgenda', 'agenda'],
  ['oneOnOnes.exportCalendar', 'calendar'],
  ['oneOnOnes.exportHandbook', 'handbook'],
  ['oneOnOnes.exportReview', 'review'],
  ['oneOnOnes.exportHandoff', 'handoff'],
];

export class ExportCommands {
  constructor(private readonly service: TeamService, private readonly askSaveTarget: SaveTarget = (o) => vscode.window.showSaveDialog(o)) {}

  register(): vscode.Disposable[] {
    return EXPORT_COMMANDS.map(([id, kind]) => vscode.commands.registerCommand(id, async (arg?: ReportArg, answers?: ExportAnswers) => {
      try {
        return await this.run(kind, arg, answers ?? {});
      } catch (e) {
        if (e instanceof Cancelled) return undefined;
        if (e instanceof WriteRefused || e instanceof ExportRequestError || e instanceof CalendarError) void vscode.window.showErrorMessage(e.message);
        else {
          void vscode.window.showErrorMessage('First-Class 1:1s: the export failed.');
          // The kind only: a message could hold a path, and paths hold people's names.
          console.error(`First-Class 1:1s: command ${id} failed (${errorKind(e)})`);
        }
        return undefined;
      }
    }));
  }

  /** Makes the export, saves it where the user chooses, opens it; resolves to the file written. */
  async run(kind: ExportKind, arg: ReportArg, answers: ExportAnswers): Promise<vscode.Uri> {
    requireTrust();
    await this.service.ready();
    await this.service.flush();
    const root = this.service.root;
    const queries = queriesOf(this.service);
    if (!root || !queries) throw new WriteRefused('No team folder in this workspace yet. Create one from the 1:1s view.');
    // The VTIMEZONE texts are a file of their own, loaded on first read of `getVtimezoneComponent` (scripts/build.mjs):
    // read it when a calendar with a time zone asks, not with every export.
    const vtimezone = (zone: string): string | null => getVtimezoneComponent(zone);
    const options: ExportOptions = { teamKey: nodePath.basename(root.path), vtimezone, ...(await this.ask(kind, queries, arg, answers)) };
    const text = await runExport(kind, queries, options);
    const target = await this.askSaveTarget({
      defaultUri: vscode.Uri.joinPath(vscode.workspace.getWorkspaceFolder(root)?.uri ?? root, defaultFileName(kind, options, queries.today)),
      filters: kind === 'calendar' ? { 'iCalendar': ['ics'] } : { Markdown: ['md'] },
      saveLabel: 'Export',
      title: TITLES[kind],
    });
    const uri = required(target);
    await this.write(root, uri, text);
    await this.open(kind, uri);
    return uri;
  }

  private async ask(kind: ExportKind, queries: TeamQueries, arg: ReportArg, answers: ExportAnswers): Promise<ExportOptions> {
    if (kind === 'calendar' || kind === 'handbook') return {};
    const report = await this.pickReport(queries, arg, TITLES[kind], kind !== 'agenda');
    if (kind === 'handoff') return { report };
    if (kind === 'agenda') {
      const history = await queries.history(report);
      const suggested = history ? agendaTarget(history).date : queries.today;
      const date = answers.date ?? required(await askDate('The 1:1\'s day (the next planned or due one is filled in)', suggested));
      const includeFeedback = answers.includeFeedback ?? required(await askYesNo('Feedback in the agenda', 'Delivered feedback only', 'Also feedback not delivered yet'));
      return { report, date, includeFeedback };
    }
    const to = answers.to ?? required(await askDate('Review period: last day', queries.today));
    const from = answers.from ?? required(await askDate('Review period: first day', addDays(to, -182)));
    const includePrivate = answers.includePrivate ?? required(await askYesNo('Private notes', 'No private notes', 'Include private notes and undelivered feedback (for you only)'));
    return { report, from, to, includePrivate };
  }

  private async pickReport(queries: TeamQueries, arg: ReportArg, title: string, formerToo: boolean): Promise<string> {
    const id = typeof arg === 'string' ? arg : arg?.id;
    if (id) {
      if (!queries.has(id)) throw new WriteRefused(`No report \`${id}\` in the team folder.`);
      return id;
    }
    // A review or a handoff may be about someone who has left; an agenda is for a 1:1 still to come.
    const rows = queries.reports().filter((r) => formerToo || !r.hasLeft);
    if (rows.length === 0) throw new WriteRefused('The team folder has no reports yet.');
    const picked = await vscode.window.showQuickPick(rows.map((r) => ({ label: r.name, description: r.hasLeft ? 'former report' : undefined, id: r.id })), { title, placeHolder: 'Report' });
    return required(picked).id;
  }

  /** Refuses a .git folder, a file of the team folder's layout, a symbolic link; then writes. */
  private async write(root: vscode.Uri, uri: vscode.Uri, text: string): Promise<void> {
    if (uri.path.split('/').includes('.git')) throw new WriteRefused('Not exported: choose a place outside the .git folder.');
    const rel = uri.scheme === root.scheme && uri.authority === root.authority ? teamPath(root, uri) : undefined;
    if (rel !== undefined && (rel === '' || classifyPath(rel).kind !== 'other' || rel.endsWith('.yaml'))) {
      throw new WriteRefused('Not exported: that is a file of the team folder. Choose another name or place.');
    }
    const st = await vscode.workspace.fs.stat(uri).then((s) => s, () => undefined);
    if (st && st.type & vscode.FileType.SymbolicLink) throw new WriteRefused('Not exported: the chosen file is a symbolic link.');
    if (st && st.type & vscode.FileType.Directory) throw new WriteRefused('Not exported: the chosen place is a folder.');
    const bytes = new TextEncoder().encode(text);
    if (vscode.workspace.getWorkspaceFolder(uri)) {
      // Inside the workspace: a WorkspaceEdit, so an open editor of the file shows the new text and it can be undone.
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { overwrite: true, contents: bytes });
      if (!(await vscode.workspace.applyEdit(edit))) throw new WriteRefused('Could not write the export.');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc?.isDirty) await doc.save();
      return;
    }
    if (uri.scheme !== 'file') {
      await vscode.workspace.fs.writeFile(uri, bytes);
      return;
    }
    // Outside the workspace, on disk: a temporary file beside the target, then a rename (never half a file).
    await writeFileAtomically(uri.fsPath, bytes);
  }

  private async open(kind: ExportKind, uri: vscode.Uri): Promise<void> {
    if (extensionOf(kind) === 'md') {
      await vscode.window.showTextDocument(uri, { preview: false });
      return;
    }
    // A calendar file is for a calendar app: shown in the Explorer (inside the workspace), else offered to open.
    if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
    else {
      void vscode.window.showInformationMessage('Exported the 1:1 calendar. Import the .ics file into your calendar app.', 'Reveal File').then((b) => {
        if (b) void vscode.commands.executeCommand('revealFileInOS', uri);
      });
    }
  }
}

const TITLES: Readonly<Record<ExportKind, string>> = {
  agenda: 'Export 1:1 Agenda',
  calendar: 'Export 1:1 Calendar (.ics)',
  handbook: 'Export Handbook ("How our 1:1s work")',
  review: 'Export Review Digest',
  handoff: 'Export Handoff',
};

function askDate(title: string, value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, value, prompt: 'YYYY-MM-DD', validateInput: (v) => (isIsoDate(v.trim()) ? undefined : 'A date as YYYY-MM-DD') }).then((v) => v?.trim());
}

async function askYesNo(title: string, no: string, yes: string): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick([{ label: no, value: false }, { label: yes, value: true }], { title });
  return picked?.value;
}
