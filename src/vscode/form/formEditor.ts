/**
 * The 1:1 form: a custom text editor for meeting files. It edits the TextDocument, so undo/redo, dirty state, save,
 * hot exit and "file changed on disk" are VS Code's own. The page runs on the shared webview host
 * (src/vscode/webview/host.ts) and sends field edits (src/shared/formProtocol.ts); each becomes one minimal
 * WorkspaceEdit computed from the document's current text. The bookkeeping (versions, stale edits) is the core's
 * (src/core/form/sync.ts).
 *
 * Renders: an edit of the form renders once, when the document has it (its text change renders nothing more); a
 * change typed in the text editor, of the team (the checker's problems, goals) or of workspace trust asks for one
 * debounced render. A render builds the state (parses the file) only for a new version, context or read-only
 * reason, and sends it only when the page does not have it. The form reads the team in one place: `teamFacts`.
 */
import * as vscode from 'vscode';
import { isIsoDate } from '../../core/dates';
import { YamlEditError } from '../../core/edit/yamlEdit';
import { isMeetingPath, reportIdOf } from '../../core/paths';
import { queriesOf } from '../queries';
import { FormEditError, formEditToTextEdit } from '../../core/form/fields';
import { questionBank } from '../../core/career';
import { buildFormState, listLengths, withProblems } from '../../core/form/model';
import type { FormContext } from '../../core/form/model';
import { dayHasNote, moveDateEdit, MoveRefused } from '../../core/form/move';
import { FormSync, lengthsOf } from '../../core/form/sync';
import { meetingFileDate } from '../../core/format/files';
import type { Problem } from '../../core/types';
import type { FormEdit, FormState, HostMessage, ViewState, WebviewMessage } from '../../shared/formProtocol';
import { parseWebviewMessage } from '../../shared/formProtocol';
import { errorKind } from '../errors';
import { teamPath, teamUri } from '../teamFs';
import type { TeamService } from '../teamService';
import { WebviewHost } from '../webview/host';
import { applyDocumentEdit, renameWithEdit, WriteRefused } from '../writes';
import { FORM_PAGE } from './formPage';

export const FORM_VIEW_TYPE = 'oneOnOnes.meetingForm';

/** Changes that do not come from the form's own edits (typing in the text editor, the team) render after this pause. */
const RENDER_DEBOUNCE_MS = 80;


/**
 * What a form does, for whoever watches it: the extension's API object hands these to the integration tests
 * (formProbe.ts). Nothing here is logged.
 */
export interface FormObserver {
  /** The page said it is ready: it loaded (or loaded again) and is sent the state. */
  ready(uri: vscode.Uri): void;
  /** The form's state was built: the file's text parsed for the form. */
  built(uri: vscode.Uri): void;
  /** A render ran: the document's state as it is now was compared with what the page has. */
  rendered(uri: vscode.Uri): void;
  /** A message went to the page. */
  posted(uri: vscode.Uri, message: HostMessage): void;
  /** The form's panel was closed. */
  closed(uri: vscode.Uri): void;
}

/** What the form reads from the team's index. */
export interface FormFacts {
  /** The 1:1s before this one, the report's goals and cadence; undefined until the index is loaded. */
  context(rel: string): Promise<FormContext | undefined>;
  problems(rel: string): readonly Problem[];
}

/** The ONE place the form reads the team's index: the query layer of issue #12 takes its place. */
export function teamFacts(service: TeamService): FormFacts {
  return {
    // Through the query layer: the earlier 1:1s are parsed in the checker's one line of work, cached per version.
    context: async (rel) => queriesOf(service)?.formContext(rel),
    problems: (rel) => queriesOf(service)?.problemsOf(rel) ?? [],
  };
}

export class FormEditorProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly sessions = new Set<FormSession>();

  constructor(private readonly service: TeamService, private readonly extensionUri: vscode.Uri, private readonly observer?: FormObserver) {}

  register(): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(FORM_VIEW_TYPE, this, {
      // The form's state comes from the document; a hidden tab is rebuilt from it when shown again.
      webviewOptions: { retainContextWhenHidden: false, enableFindWidget: true },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const session: FormSession = new FormSession(document, panel, this.extensionUri, this.service, this.observer, () => {
      this.sessions.delete(session);
    });
    this.sessions.add(session);
  }

  /** The open form of a document. */
  sessionFor(uri: vscode.Uri): FormSession | undefined {
    for (const s of this.sessions) if (s.document.uri.toString() === uri.toString()) return s;
    return undefined;
  }

  dispose(): void {
    for (const s of this.sessions) s.dispose();
    this.sessions.clear();
  }
}

/** One open form: its page (on the shared webview host), its document, and the messages between them. */
export class FormSession implements vscode.Disposable {
  private readonly sync = new FormSync();
  private readonly host: WebviewHost<WebviewMessage, HostMessage>;
  private readonly facts: FormFacts;
  /** Counts changes of the index and of workspace trust: the context is read again after one. */
  private generation = 0;
  /** The context read for a generation, and its content as text (what decides whether the state changes). */
  private context: { readonly generation: number; readonly value: FormContext | undefined; readonly key: string } | undefined;
  /**
   * The last state built (without the checker's problems, placed on it at each render): it is built again only for
   * another document version, another context or another read-only reason, never once per render.
   */
  private built: { readonly version: number; readonly contextKey: string; readonly readOnly: string | undefined; readonly state: ViewState } | undefined;
  /** What the page was last sent: the same state, problems and ackSeq are not sent twice. */
  private posted: { readonly state: ViewState; readonly problems: string; readonly ackSeq: number } | undefined;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Messages and renders queued and not yet dealt with. */
  private pending = 0;
  /**
   * The form's own edit on its way into the document: the version it makes, and whether VS Code has applied it.
   * `applyEdit` may resolve before the document has the change: the text change then renders, at once; if it came
   * first, the edit renders. Either way one render, of the new version.
   */
  private ownEdit: { readonly version: number; applied: boolean } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly service: TeamService,
    private readonly observer: FormObserver | undefined,
    private readonly onClosed: () => void,
  ) {
    this.facts = teamFacts(service);
    this.host = new WebviewHost<WebviewMessage, HostMessage>(panel, extensionUri, FORM_PAGE, {
      parse: parseWebviewMessage,
      ready: () => this.enqueue(async () => {
        this.observer?.ready(document.uri);
        // A (re)loaded page counts its edits from 1 again, and has been sent nothing yet.
        this.sync.restart();
        this.posted = undefined;
        await this.render();
      }),
      message: (m) => this.handle(m),
      closed: () => this.dispose(),
    });
    this.disposables.push(
      this.host,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== document || e.contentChanges.length === 0) return;
        const own = this.ownEdit;
        if (own && document.version >= own.version) {
          this.ownEdit = undefined;
          if (own.applied) void this.enqueue(() => this.render());
          return;
        }
        this.scheduleRender();
      }),
      service.onDidChange((change) => {
        const rel = this.relPath();
        if (!change.files || !change.reports || (rel && (change.files.has(rel) || change.reports.has(reportIdOf(rel) ?? '')))) {
          this.generation++;
          this.scheduleRender();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.generation++;
        this.scheduleRender();
      }),
      // Ctrl+S in the form sends the last keystrokes first; the save waits for the edits already on their way.
      vscode.workspace.onWillSaveTextDocument((e) => {
        if (e.document === document) e.waitUntil(this.queue);
      }),
    );
  }

  /**
   * Handles one message from the page, as the page's channel does (the integration tests play the page through
   * it); anything that is not exactly a protocol message is ignored.
   */
  receive(raw: unknown): Promise<void> {
    return this.host.receive(raw);
  }

  private handle(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return Promise.resolve(); // the host's handshake
      case 'openText':
      case 'addGoal':
        return this.runCommand(msg);
      case 'edit':
        return this.enqueue(() => this.edit(msg.seq, msg.version, msg.edit));
      case 'moveDate':
        return this.enqueue(() => this.moveDate(msg.date));
      case 'addGoalForAspiration':
        return this.addGoalForAspiration(msg.index);
      case 'questionBank':
        return this.questionBank();
    }
  }

  /**
   * Add a two-month goal for this aspiration: only when the form as it is now offers it (a held career 1:1, the
   * aspiration at that index); runs Add Two-Month Goal with the aspiration preset, beside the queue (it asks for the
   * title in a quick pick).
   */
  private async addGoalForAspiration(index: number): Promise<void> {
    await this.enqueue(() => this.render());
    const rel = this.relPath();
    const career = this.currentState()?.career;
    const aspiration = career?.offerGoals ? career.aspirations[index] : undefined;
    if (!rel || aspiration === undefined) {
      await this.refuse(0, new WriteRefused('This 1:1 does not offer a goal for that aspiration (it must be a held career 1:1).'), '');
      return;
    }
    try {
      await vscode.commands.executeCommand('oneOnOnes.addGoal', reportIdOf(rel), { aspiration, show: false });
    } catch (e) {
      console.error(`First-Class 1:1s: form command failed (${errorKind(e)})`);
    }
  }

  /**
   * Add from question bank…: the team's questions, then the default bank, in a quick pick that matches on the theme
   * too; the chosen one becomes your topic through the form's checked edit (formEditToTextEdit), one undo step.
   */
  private async questionBank(): Promise<void> {
    const queries = queriesOf(this.service);
    if (!queries || this.readOnlyReason(this.relPath())) return;
    type Item = vscode.QuickPickItem & { readonly question: string };
    const items: Item[] = questionBank(queries.team()).map((q) => ({ label: q.text, description: q.source === 'team' ? 'your team\'s bank' : q.theme, question: q.text }));
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Add from question bank',
      placeHolder: 'Type to filter (words of the question or its theme); Enter adds it to your topics',
      matchOnDescription: true,
    });
    if (!picked) return;
    await this.enqueue(() => this.hostEdit({ op: 'add', list: 'managerTopics', text: picked.question }));
  }

  /** An edit the host makes for the page (a question from the bank): checked and applied like the page's own. */
  private async hostEdit(edit: FormEdit): Promise<void> {
    const rel = this.relPath();
    const root = this.service.root;
    try {
      const reason = this.readOnlyReason(rel);
      if (reason || !root) throw new WriteRefused(reason ?? 'The team folder is not open.');
      await applyDocumentEdit(root, this.document, (text) => {
        const lengths = listLengths(text);
        return formEditToTextEdit(text, edit, (l) => lengths[l]);
      });
    } catch (e) {
      await this.refuse(0, e, 'The question could not be added; use the text editor.');
    }
    await this.render();
  }

  /** Resolves once no render is pending and every message has been dealt with. */
  async idle(): Promise<void> {
    while (this.renderTimer !== undefined || this.pending > 0 || this.ownEdit?.applied) {
      if (this.renderTimer !== undefined) await new Promise((r) => setTimeout(r, RENDER_DEBOUNCE_MS));
      await this.queue;
    }
  }

  /**
   * Commands the form starts run beside the queue, not in it: Add a two-month goal waits for the manager in a quick
   * pick, and edits (and a save waiting for them) must not wait with it.
   */
  private runCommand(msg: { type: 'openText' | 'addGoal' }): Promise<void> {
    const rel = this.relPath();
    const run = msg.type === 'openText'
      ? vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default', this.panel.viewColumn)
      : rel ? vscode.commands.executeCommand('oneOnOnes.addGoal', reportIdOf(rel), { show: false }) : Promise.resolve();
    return Promise.resolve(run).then(() => undefined, (e: unknown) => console.error(`First-Class 1:1s: form command failed (${errorKind(e)})`));
  }

  private relPath(): string | undefined {
    const root = this.service.root;
    const rel = root ? teamPath(root, this.document.uri) : undefined;
    return rel !== undefined && isMeetingPath(rel) ? rel : undefined;
  }

  /** The path the state is built for: team-relative, or `<report>/meetings/<file>` read off a file elsewhere. */
  private statePath(): string {
    return this.relPath() ?? this.document.uri.path.split('/').slice(-3).join('/');
  }

  private readOnlyReason(rel: string | undefined): string | undefined {
    if (!vscode.workspace.isTrusted) return 'Restricted Mode: trust this workspace to write 1:1 notes. The form is read-only.';
    if (!rel) return 'This file is not a meeting file of the team folder; the form is read-only here. Open it in the text editor to change it.';
    return undefined;
  }

  /** The state last built for the document as it is now, when it is a form. */
  private currentState(): FormState | undefined {
    const b = this.built;
    return b && b.version === this.document.version && b.state.kind === 'form' ? b.state : undefined;
  }

  private async edit(seq: number, version: number, edit: FormEdit): Promise<void> {
    const rel = this.relPath();
    const root = this.service.root;
    try {
      const reason = this.readOnlyReason(rel);
      if (reason || !root) throw new WriteRefused(reason ?? 'The team folder is not open.');
      // Only what the form offered: a field it sent as editable, a list it sent as editable (issue #11).
      const refused = this.sync.admit(edit, version, this.document.version, this.currentState());
      if (refused) throw new WriteRefused(refused);
      let made: number | undefined;
      try {
        made = await applyDocumentEdit(root, this.document, (text) => {
          // Checked right before the edit is computed, on the text it is computed on.
          const stale = this.sync.stale(edit, version, this.document.version, () => this.stateNow());
          if (stale) throw new WriteRefused(stale);
          // The lists' lengths of this very text: from its state (built once per version, and reused by the render).
          const now = this.stateNow();
          const lengths = now.kind === 'form' ? lengthsOf(now) : listLengths(text);
          const change = formEditToTextEdit(text, edit, (l) => lengths[l]);
          this.ownEdit = { version: this.document.version + 1, applied: false };
          return change;
        });
      } catch (e) {
        this.ownEdit = undefined;
        throw e;
      }
      if (made !== undefined) this.sync.madeBy(made, edit);
      else this.ownEdit = undefined; // nothing to change: no text change comes
    } catch (e) {
      await this.refuse(seq, e, 'The change could not be made; use the text editor.');
    }
    this.sync.acknowledge(seq);
    const own = this.ownEdit;
    if (own && this.document.version < own.version) {
      // The document does not have the change yet: its text change renders (a pause as a fallback, should none come).
      own.applied = true;
      this.scheduleRender();
      return;
    }
    this.ownEdit = undefined;
    await this.render();
  }

  /** Tells the page why a change was not made; expected refusals carry a message, anything else its kind only. */
  private async refuse(seq: number, e: unknown, fallback: string): Promise<void> {
    const expected = e instanceof WriteRefused || e instanceof FormEditError || e instanceof YamlEditError || e instanceof MoveRefused;
    if (!expected) console.error(`First-Class 1:1s: form edit failed (${errorKind(e)})`);
    const message = expected ? (e as Error).message : fallback;
    await this.post({ type: 'refused', seq, message });
  }

  /**
   * Moves this 1:1 to another day: renames `<date>.yaml` (or `<date>-N.yaml`) to `<new date>.yaml` and sets `date:`,
   * in one WorkspaceEdit (one undo). VS Code moves the form's tab with the file: this session's panel is replaced by
   * a new one on the new name (a new session), so nothing here outlives the move.
   */
  private async moveDate(date: string): Promise<void> {
    try {
      if (!isIsoDate(date)) throw new MoveRefused(`${date} is not a calendar date.`);
      const rel = this.relPath();
      const reason = this.readOnlyReason(rel);
      const root = this.service.root;
      if (reason || !rel || !root) throw new WriteRefused(reason ?? 'This file cannot be moved from the form.');
      const [report, meetings, fileName] = rel.split('/');
      const own = meetingFileDate(fileName);
      if (!own) throw new MoveRefused('Only a 1:1 whose file is named by its date (YYYY-MM-DD.yaml) can be moved from the form; rename it in the Explorer.');
      // The form as it is now must offer the move: a file that does not show as a form (it does not parse, or is
      // refused by the reader's limits) is not read again here.
      await this.render();
      if (!this.currentState()?.header.movable) throw new MoveRefused('This 1:1 cannot be moved from the form as the file is now; fix it in the text editor first.');
      if (own.date === date) throw new MoveRefused(`This 1:1 is already on ${date}.`);
      const folder = teamUri(root, `${report}/${meetings}`);
      const names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
      if (dayHasNote(names, date)) throw new MoveRefused(`${date} already has a 1:1 note; open that one, or pick another day.`);
      await renameWithEdit(root, this.document, teamUri(root, `${report}/${meetings}/${date}.yaml`), (text) => moveDateEdit(text, date));
    } catch (e) {
      await this.refuse(0, e, 'The 1:1 could not be moved; rename the file in the Explorer and change its date.');
      // The webview's date field shows the day it asked for: the state it gets puts the 1:1's own day back.
      this.posted = undefined;
      await this.render();
    }
  }

  /** Asks for a render after a pause; renders asked for meanwhile are this one. */
  private scheduleRender(): void {
    if (this.disposed) return;
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      void this.enqueue(() => this.render());
    }, RENDER_DEBOUNCE_MS);
  }

  /** The context of the current generation, read from the team once per generation. */
  private async currentContext(rel: string | undefined): Promise<NonNullable<FormSession['context']>> {
    const ctx = this.context;
    if (ctx && ctx.generation === this.generation) return ctx;
    const generation = this.generation;
    const value = rel ? await this.facts.context(rel) : undefined;
    // A few small parsed 1:1s and goals: comparing them as text is cheap next to parsing the file again.
    const next = { generation, value, key: JSON.stringify(value) ?? '' };
    this.context = next;
    return next;
  }

  /**
   * The state of the document as it is now, without the checker's problems: built (the file parsed) once per
   * version, context and read-only reason, and kept by version for later stale checks.
   */
  private stateNow(): ViewState {
    const ctx = this.context;
    const contextKey = ctx?.key ?? '';
    const readOnly = this.readOnlyReason(this.relPath());
    const b = this.built;
    if (b && b.version === this.document.version && b.contextKey === contextKey && b.readOnly === readOnly) return b.state;
    this.observer?.built(this.document.uri);
    const state = buildFormState({ path: this.statePath(), text: this.document.getText(), version: this.document.version, context: ctx?.value, problems: [], readOnlyReason: readOnly });
    if (state.kind === 'form') this.sync.keep(state);
    this.built = { version: state.version, contextKey, readOnly, state };
    return state;
  }

  /**
   * Sends the page the state of the document as it is now. A render asked for meanwhile is this one. The state is
   * reused for the same version and context, with the checker's problems placed on it again; a message the page
   * already has is not sent twice.
   */
  private async render(): Promise<void> {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    // The document has the form's own edit by now (its text change may still be on its way): this render shows it.
    if (this.ownEdit?.applied && this.document.version >= this.ownEdit.version) this.ownEdit = undefined;
    if (!this.host.ready || this.disposed) return;
    this.observer?.rendered(this.document.uri);
    const rel = this.relPath();
    await this.currentContext(rel);
    if (this.disposed) return;
    const base = this.stateNow();
    const state = base.kind === 'form' ? withProblems(base, rel ? [...this.facts.problems(rel)] : []) : base;
    this.setTitle(state);
    const problems = state.kind === 'form' ? JSON.stringify(state.problems) : '';
    const p = this.posted;
    const ackSeq = this.sync.ackSeq;
    if (p && p.state === base && p.problems === problems && p.ackSeq === ackSeq) return;
    this.posted = { state: base, problems, ackSeq };
    await this.post({ type: 'state', state, ackSeq });
  }

  /** The tab names the person and the day (`Ana Ruiz · 2026-11-24`), not just the file name. */
  private setTitle(state: ViewState): void {
    const rel = this.relPath();
    const fileName = this.document.uri.path.split('/').pop() ?? '';
    const day = meetingFileDate(fileName)?.date ?? (state.kind === 'form' && state.header.date !== '' ? state.header.date : undefined);
    const name = state.kind === 'form' ? state.header.reportName : this.context?.value?.reportName;
    if (!rel || !name || !day) return;
    const title = `${name} · ${day}`;
    if (this.panel.title !== title) this.panel.title = title;
  }

  private async post(message: HostMessage): Promise<void> {
    if (this.disposed) return;
    this.observer?.posted(this.document.uri, message);
    await this.host.post(message);
  }

  /** One message at a time, in order; a failure is logged by its kind only and never stops the queue. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    this.pending++;
    this.queue = this.queue.then(work).catch((e: unknown) => {
      console.error(`First-Class 1:1s: form update failed (${errorKind(e)})`);
    }).finally(() => {
      this.pending--;
    });
    return this.queue;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.renderTimer) clearTimeout(this.renderTimer);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.observer?.closed(this.document.uri);
    this.onClosed();
  }
}
