/**
 * What the extension's API object tells about its open forms (the integration tests read it; nothing else relies on
 * it): per document, the last state and refusal sent to the page, and how many times the form rendered, parsed the
 * file, and sent the page a state. It watches the forms through their observer hook, so no production class keeps
 * a field for the tests. It keeps what the page was sent, in memory only, and forgets it when the form closes.
 */
import type * as vscode from 'vscode';
import type { HostMessage, ViewState } from '../../shared/formProtocol';
import type { FormEditorProvider, FormObserver, FormSession } from './formEditor';

/** What one open form did, counted from when it opened. */
export interface FormRecord {
  /** The last state the page was sent. */
  lastState: ViewState | undefined;
  /** The last refusal the page was sent; a test may clear it to see the next one. */
  lastRefusal: string | undefined;
  /** Times a page said it is ready (the integration tests play one; VS Code's own page says it too). */
  readies: number;
  /** States built: the file parsed for the form. */
  builds: number;
  /** Renders run: the document's state compared with what the page has. */
  renders: number;
  /** States sent to the page (each one redraws the form). */
  states: number;
}

/** An open form as the API gives it: its session (to play the page) and its record. */
export interface FormHandle {
  readonly document: vscode.TextDocument;
  readonly lastState: ViewState | undefined;
  /** Settable: a test clears it to see the next refusal. */
  lastRefusal: string | undefined;
  readonly readies: number;
  readonly builds: number;
  readonly renders: number;
  readonly states: number;
  receive(message: unknown): Promise<void>;
  /** Resolves once no render is pending and every message has been dealt with. */
  idle(): Promise<void>;
}

export interface FormsApi {
  sessionFor(uri: vscode.Uri): FormHandle | undefined;
}

export class FormProbe implements FormObserver {
  private readonly records = new Map<string, FormRecord>();

  record(uri: vscode.Uri): FormRecord {
    const key = uri.toString();
    let r = this.records.get(key);
    if (!r) {
      r = { lastState: undefined, lastRefusal: undefined, readies: 0, builds: 0, renders: 0, states: 0 };
      this.records.set(key, r);
    }
    return r;
  }

  ready(uri: vscode.Uri): void {
    this.record(uri).readies++;
  }

  built(uri: vscode.Uri): void {
    this.record(uri).builds++;
  }

  rendered(uri: vscode.Uri): void {
    this.record(uri).renders++;
  }

  posted(uri: vscode.Uri, message: HostMessage): void {
    const r = this.record(uri);
    if (message.type === 'state') {
      r.lastState = message.state;
      r.states++;
    } else {
      r.lastRefusal = message.message;
    }
  }

  closed(uri: vscode.Uri): void {
    this.records.delete(uri.toString());
  }
}

/** The forms as the extension's API object shows them. */
export function formsApi(provider: FormEditorProvider, probe: FormProbe): FormsApi {
  return {
    sessionFor: (uri) => {
      const session = provider.sessionFor(uri);
      return session ? handle(session, probe.record(uri)) : undefined;
    },
  };
}

function handle(session: FormSession, record: FormRecord): FormHandle {
  return {
    document: session.document,
    receive: (m) => session.receive(m),
    idle: () => session.idle(),
    get lastState() {
      return record.lastState;
    },
    get lastRefusal() {
      return record.lastRefusal;
    },
    set lastRefusal(v) {
      record.lastRefusal = v;
    },
    get readies() {
      return record.readies;
    },
    get builds() {
      return record.builds;
    },
    get renders() {
      return record.renders;
    },
    get states() {
      return record.states;
    },
  };
}
