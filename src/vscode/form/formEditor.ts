/**
 * The 1:1 form: a custom text editor for meeting files. It edits the TextDocument, so undo/redo, dirty state, save,
 * hot exit and "file changed on disk" are VS Code's own. The webview sends field edits (src/shared/formProtocol.ts);
 * each becomes one minimal WorkspaceEdit computed from the document's current text.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isIsoDate } from '../../core/dates';
import { YamlEditError } from '../../core/edit/yamlEdit';
import { refusalOf } from '../../core/form/accept';
import { loadFormContext } from '../../core/form/context';
import { FormEditError, formEditToTextEdit } from '../../core/form/fields';
import { buildFormState, listLengths, withProblems } from '../../core/form/model';
import type { FormContext } from '../../core/form/model';
import { dayHasNote, moveDateEdit, MoveRefused } from '../../core/form/move';
import { meetingFileDate } from '../../core/format/files';
import type { FormEdit, FormState, HostMessage, ListId, ViewState } from '../../shared/formProtocol';
import { fieldsOf, itemOf, parseWebviewMessage } from '../../shared/formProtocol';
import { errorKind } from '../errors';
import { teamPath, teamUri } from '../teamFs';
import type { TeamService } from '../teamService';
import { applyDocumentEdit, renameWithEdit, WriteRefused } from '../writes';
import { formHtml } from './formHtml';

export const FORM_VIEW_TYPE = 'oneOnOnes.meetingForm';

/** Typing in the text editor updates the form after this pause. */
const RENDER_AFTER_TYPING_MS = 80;
/** States kept by document version, to check an edit made on an older one. */
const KEPT_STATES = 30;

const MEETING_PATH = /^[^/]+\/meetings\/[^/]+\.yaml$/;

export class FormEditorProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly sessions = new Set<FormSession>();

  constructor(private readonly service: TeamService, private readonly extensionUri: vscode.Uri) {}

  register(): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(FORM_VIEW_TYPE, this, {
      // The form's state comes from the document; a hidden tab is rebuilt from it when shown again.
      webviewOptions: { retainContextWhenHidden: false, enableFindWidget: true },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const assets = vscode.Uri.joinPath(this.extensionUri, 'out', 'webview');
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [assets] };
    panel.webview.html = formHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'form.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(assets, 'form.css')).toString(),
    });
    const session = new FormSession(document, panel, this.service);
    this.sessions.add(session);
    panel.onDidDispose(() => {
      this.sessions.delete(session);
      session.dispose();
    });
  }

  /** The open form of a document (for the integration tests). */
  sessionFor(uri: vscode.Uri): FormSession | undefined {
    for (const s of this.sessions) if (s.document.uri.toString() === uri.toString()) return s;
    return undefined;
  }

  dispose(): void {
    for (const s of this.sessions) s.dispose();
    this.sessions.clear();
  }
}

/** Which items of a list an own edit moved: indices from `from` on (an insert or a removal), or `from`..`to` (a move). */
interface Shift {
  readonly list: ListId;
  readonly from: number;
  readonly to?: number;
}

function shiftOf(edit: FormEdit): Shift | undefined {
  switch (edit.op) {
    case 'set':
      return undefined;
    case 'add':
      return edit.after === undefined ? undefined : { list: edit.list, from: edit.after + 1 };
    case 'remove':
      return { list: edit.list, from: edit.index };
    case 'move':
      return { list: edit.list, from: Math.min(edit.index, edit.to), to: Math.max(edit.index, edit.to) };
  }
}

/** The list and the item indices an edit names (an add names the item it goes after). */
function indicesOf(edit: FormEdit): { list: ListId; indices: number[] } | undefined {
  switch (edit.op) {
    case 'set': {
      const item = itemOf(edit.field);
      return item ? { list: item.list, indices: [item.index] } : undefined;
    }
    case 'add':
      return edit.after === undefined ? undefined : { list: edit.list, indices: [edit.after] };
    case 'remove':
      return { list: edit.list, indices: [edit.index] };
    case 'move':
      return { list: edit.list, indices: [edit.index, edit.to] };
  }
}

function moves(shift: Shift, i: number): boolean {
  return shift.to === undefined ? i >= shift.from : i >= shift.from && i <= shift.to;
}

/** The value of a field as a state shows it. */
function fieldValue(s: FormState, id: string): string | boolean | undefined {
  return fieldsOf(s).find((f) => f.id === id)?.value;
}

/**
 * The number of items of each list in the text a state was built from. Equal to `listLengths` of that text for
 * every list the form edits (a list written through an alias, counted differently, is not editable).
 */
function lengthsOf(s: FormState): Record<ListId, number> {
  return { feedback: s.feedback.length, managerTopics: s.managerTopics.length, reportTopics: s.reportTopics.length, actions: s.actions.length };
}

/** Keeps the newest `KEPT_STATES` entries of a map keyed by version (maps iterate in insertion order). */
function keepNewest<V>(map: Map<number, V>): void {
  for (const v of map.keys()) if (map.size > KEPT_STATES) map.delete(v);
}

/** One open form: its webview, its document, and the messages between them. */
export class FormSession implements vscode.Disposable {
  private ready = false;
  private ackSeq = 0;
  private readonly states = new Map<number, FormState>();
  /**
   * Document versions that this form's own edits produced (the webview knows those changes), with the list whose
   * items they added, removed or moved (which shifts the indices later edits of that list name).
   */
  private readonly ownVersions = new Map<number, Shift | undefined>();
  /** Counts changes of the index and of workspace trust: the context is read again after one. */
  private generation = 0;
  /** The context read for a generation, and its content as text (what decides whether the state changes). */
  private context: { readonly generation: number; readonly value: FormContext | undefined; readonly key: string } | undefined;
  /**
   * The last state built (without the checker's problems, placed on it at each render): it is built again only for
   * another document version, another context or another read-only reason, never once per render.
   */
  private built: { readonly version: number; readonly contextKey: string; readonly readOnly: string | undefined; readonly state: ViewState } | undefined;
  /** The context of the last state (the report's goals): a stale check reads the file as the form showed it. */
  private lastContext: FormContext | undefined;
  /** What the webview was last sent: the same state, problems and ackSeq are not sent twice. */
  private posted: { readonly state: ViewState; readonly problems: string; readonly ackSeq: number } | undefined;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Messages and renders queued and not yet dealt with. */
  private pending = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** The last state sent, and the last refusal (for the integration tests; never logged). */
  lastState: ViewState | undefined;
  lastRefusal: string | undefined;
  /** How many times a state was built, i.e. the file parsed for the form (for the integration tests). */
  builds = 0;

  constructor(readonly document: vscode.TextDocument, private readonly panel: vscode.WebviewPanel, private readonly service: TeamService) {
    this.disposables.push(
      // Registered once, for the panel's life.
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length > 0) this.scheduleRender(RENDER_AFTER_TYPING_MS);
      }),
      service.onDidChange((change) => {
        const rel = this.relPath();
        if (!change.files || !change.reports || (rel && (change.files.has(rel) || change.reports.has(rel.split('/')[0])))) {
          this.generation++;
          this.scheduleRender(0);
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.generation++;
        this.scheduleRender(0);
      }),
      // Ctrl+S in the form sends the last keystrokes first; the save waits for the edits already on their way.
      vscode.workspace.onWillSaveTextDocument((e) => {
        if (e.document === document) e.waitUntil(this.queue);
      }),
    );
  }

  /** Handles one message from the webview; anything that is not exactly a protocol message is ignored. */
  receive(raw: unknown): Promise<void> {
    const msg = parseWebviewMessage(raw);
    if (!msg) return Promise.resolve();
    if (msg.type === 'openText' || msg.type === 'addGoal') return this.runCommand(msg);
    return this.enqueue(async () => {
      switch (msg.type) {
        case 'ready':
          // A (re)loaded webview counts its edits from 1 again, and has been sent nothing yet.
          this.ready = true;
          this.ackSeq = 0;
          this.posted = undefined;
          await this.render();
          return;
        case 'edit':
          await this.edit(msg.seq, msg.version, msg.edit);
          return;
        case 'moveDate':
          await this.moveDate(msg.date);
          return;
      }
    });
  }

  /** Resolves once no render is pending and every message has been dealt with (for the integration tests). */
  async idle(): Promise<void> {
    while (this.renderTimer !== undefined || this.pending > 0) {
      if (this.renderTimer !== undefined) await new Promise((r) => setTimeout(r, RENDER_AFTER_TYPING_MS));
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
      : rel ? vscode.commands.executeCommand('oneOnOnes.addGoal', rel.split('/')[0], { show: false }) : Promise.resolve();
    return Promise.resolve(run).then(() => undefined, (e: unknown) => console.error(`First-Class 1:1s: form command failed (${errorKind(e)})`));
  }

  private relPath(): string | undefined {
    const root = this.service.root;
    const rel = root ? teamPath(root, this.document.uri) : undefined;
    return rel !== undefined && MEETING_PATH.test(rel) ? rel : undefined;
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
    try {
      const reason = this.readOnlyReason(rel);
      if (reason) throw new WriteRefused(reason);
      const root = this.service.root!;
      if (version > this.document.version) throw new WriteRefused('The form is ahead of the file; your last change was not applied.');
      // Only what the form offered: a field it sent as editable, a list it sent as editable (issue #11).
      const notOffered = refusalOf(edit, this.states.get(version), this.currentState());
      if (notOffered) throw new WriteRefused(notOffered);
      const made = await applyDocumentEdit(root, this.document, (text) => {
        // Checked right before the edit is computed, on the text it is computed on.
        if (version !== this.document.version) this.checkStale(version, edit);
        // The lists' lengths of this very text: from its state when built (no parse), else read from the text.
        const current = this.currentState();
        const lengths = current ? lengthsOf(current) : listLengths(text);
        return formEditToTextEdit(text, edit, (l) => lengths[l]);
      });
      if (made !== undefined) {
        this.ownVersions.set(made, shiftOf(edit));
        keepNewest(this.ownVersions);
      }
    } catch (e) {
      await this.refuse(seq, e, 'The change could not be made; use the text editor.');
    }
    this.ackSeq = Math.max(this.ackSeq, seq);
    await this.render();
  }

  /** Tells the webview why a change was not made; expected refusals carry a message, anything else its kind only. */
  private async refuse(seq: number, e: unknown, fallback: string): Promise<void> {
    const expected = e instanceof WriteRefused || e instanceof FormEditError || e instanceof YamlEditError || e instanceof MoveRefused;
    if (!expected) console.error(`First-Class 1:1s: form edit failed (${errorKind(e)})`);
    const message = expected ? (e as Error).message : fallback;
    this.lastRefusal = message;
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
      if (reason || !rel) throw new WriteRefused(reason ?? 'This file cannot be moved from the form.');
      const root = this.service.root!;
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

  /**
   * An edit made on an older version of the file is applied to the current text only if what it addresses is
   * unchanged. The form's own edits since then are known to the webview, unless they moved the items this edit
   * names by index (a double click on ✕). For other changes (the text editor), the field, or the list of the
   * item, must read as it did in the form. Otherwise the edit is refused with a message; never silently dropped
   * or applied to the wrong item.
   */
  private checkStale(version: number, edit: FormEdit): void {
    const refused = new WriteRefused('The 1:1 changed in the text editor meanwhile, so your last change in the form was not applied. The form now shows the file as it is.');
    const named = indicesOf(edit);
    // The form's own edits right after `version`: known, unless they moved an item this edit names.
    let base = version;
    while (base < this.document.version && this.ownVersions.has(base + 1)) {
      const shift = this.ownVersions.get(base + 1);
      if (shift && named && shift.list === named.list && named.indices.some((i) => moves(shift, i))) {
        throw new WriteRefused('The list changed before this change arrived, so it was not applied. The form now shows the file as it is.');
      }
      base++;
    }
    if (base === this.document.version) return;
    // Changes from elsewhere: compare with the form as it was after its own edits.
    const old = this.states.get(base) ?? (base === version ? undefined : this.states.get(version));
    if (!old) throw refused;
    // The state of the text as it is now: the one already built for it, else one built for this check only.
    const now = this.currentState() ?? buildFormState({ path: this.statePath(), text: this.document.getText(), version: this.document.version, context: this.lastContext, problems: [] });
    if (now.kind !== 'form') throw refused;
    const list = edit.op === 'set' ? named?.list : edit.list;
    if (!list) {
      // A field of its own (notes, status, a check-in): applied, unless that very field changed.
      if (edit.op === 'set' && fieldValue(old, edit.field) !== fieldValue(now, edit.field)) throw refused;
      return;
    }
    // The rows as the file has them (what was carried over comes from other files and does not count).
    const rowsOf = (s: FormState): string => JSON.stringify(s[list].rows, (k, v: unknown) => (k === 'carriedFrom' ? undefined : v));
    if (rowsOf(old) !== rowsOf(now)) throw refused;
  }

  private scheduleRender(delay: number): void {
    if (this.disposed) return;
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      void this.enqueue(() => this.render());
    }, delay);
  }

  /** Builds the state of the document as it is now (counted, kept by version for later stale checks). */
  private build(context: FormContext | undefined, contextKey: string, readOnly: string | undefined): ViewState {
    this.builds++;
    const state = buildFormState({ path: this.statePath(), text: this.document.getText(), version: this.document.version, context, problems: [], readOnlyReason: readOnly });
    if (state.kind === 'form') {
      this.states.set(state.version, state);
      keepNewest(this.states);
    }
    this.built = { version: state.version, contextKey, readOnly, state };
    return state;
  }

  /**
   * Sends the webview the state of the document as it is now. The renders one change causes (the form's own, the
   * text change's, the checker's after it) reuse the state built for that version and context, and only place the
   * checker's problems on it again; a message the webview already has is not sent twice.
   */
  private async render(): Promise<void> {
    if (!this.ready || this.disposed) return;
    const rel = this.relPath();
    const checker = this.service.checker;
    let ctx = this.context;
    if (!ctx || ctx.generation !== this.generation) {
      const generation = this.generation;
      const value = rel && checker ? await loadFormContext(checker.index, rel) : undefined;
      if (this.disposed) return;
      // A few small parsed 1:1s and goals: comparing them as text is cheap next to parsing the file again.
      ctx = { generation, value, key: JSON.stringify(value) ?? '' };
      this.context = ctx;
      this.lastContext = value;
    }
    const readOnly = this.readOnlyReason(rel);
    const b = this.built;
    const base = b && b.version === this.document.version && b.contextKey === ctx.key && b.readOnly === readOnly ? b.state : this.build(ctx.value, ctx.key, readOnly);
    const state = base.kind === 'form' ? withProblems(base, rel && checker ? checker.problemsOf(rel) : []) : base;
    this.lastState = state;
    this.setTitle(state);
    const problems = state.kind === 'form' ? JSON.stringify(state.problems) : '';
    const p = this.posted;
    if (p && p.state === base && p.problems === problems && p.ackSeq === this.ackSeq) return;
    this.posted = { state: base, problems, ackSeq: this.ackSeq };
    await this.post({ type: 'state', state, ackSeq: this.ackSeq });
  }

  /** The tab names the person and the day (`Ana Ruiz · 2026-11-24`), not just the file name. */
  private setTitle(state: ViewState): void {
    const rel = this.relPath();
    const fileName = this.document.uri.path.split('/').pop() ?? '';
    const day = meetingFileDate(fileName)?.date ?? (state.kind === 'form' && state.header.date !== '' ? state.header.date : undefined);
    const name = state.kind === 'form' ? state.header.reportName : this.lastContext?.reportName;
    if (!rel || !name || !day) return;
    const title = `${name} · ${day}`;
    if (this.panel.title !== title) this.panel.title = title;
  }

  private async post(message: HostMessage): Promise<void> {
    if (this.disposed) return;
    // A hidden webview drops messages; it asks again with `ready` when it is shown.
    await this.panel.webview.postMessage(message);
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
    this.disposed = true;
    if (this.renderTimer) clearTimeout(this.renderTimer);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }
}
