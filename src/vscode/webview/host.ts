/**
 * The host side of any webview of the extension (the 1:1 form today, the team dashboard next): the page with its
 * strict CSP and a fresh nonce, the ready handshake, messages queued until the page is ready, posting that never
 * outlives the panel, the one place messages from the page are checked, and the panel's lifecycle. A webview is
 * then its protocol file (src/shared/), its page (webview/<app>/) and what it does with its messages.
 */
import * as vscode from 'vscode';
import { isReady } from '../../shared/webviewProtocol';
import { errorKind } from '../errors';
import { webviewHtml } from './html';
import type { WebviewPage } from './html';

/** Messages kept for a page that is not ready yet; a page that never loads does not grow the host without bound. */
const MAX_QUEUED = 100;

export interface WebviewHandlers<In> {
  /**
   * The message, when it is exactly one of the app's protocol (the validation hook); undefined for anything else,
   * which is then ignored. The page is untrusted: it shows user text.
   */
  parse(raw: unknown): In | undefined;
  /** The page is ready: first load, or a reload when a hidden tab is shown again (it has nothing then). */
  ready(): Promise<void>;
  message(message: In): Promise<void>;
  /** The panel was closed; the host has already stopped posting. */
  closed(): void;
}

export class WebviewHost<In, Out> implements vscode.Disposable {
  private isReadyNow = false;
  private queued: Out[] = [];
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    page: WebviewPage,
    private readonly handlers: WebviewHandlers<In>,
  ) {
    const assets = vscode.Uri.joinPath(extensionUri, 'out', 'webview');
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [assets] };
    webview.html = webviewHtml({
      ...page,
      cspSource: webview.cspSource,
      // Web Crypto's generator (the same CSPRNG as node:crypto's): loading node:crypto at the extension's load costs
      // about 6 ms (issue #17); this loads it with the first page.
      nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, `${page.app}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(assets, `${page.app}.css`)).toString(),
    });
    this.disposables.push(
      // Registered once, for the panel's life.
      webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      // A hidden page without retained context is gone, and drops what it is sent: wait for its next `ready`.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.isReadyNow = false;
      }),
      panel.onDidDispose(() => {
        this.dispose();
        handlers.closed();
      }),
    );
  }

  /** True once the page said it is ready, until it is hidden or the panel is closed. */
  get ready(): boolean {
    return this.isReadyNow && !this.disposed;
  }

  /**
   * Handles one message from the page: the handshake here, the app's messages through its check. Resolves when it
   * has been dealt with; a failure is logged by its kind only (never text of the page, which holds people data).
   */
  async receive(raw: unknown): Promise<void> {
    if (this.disposed) return;
    try {
      if (isReady(raw)) {
        this.isReadyNow = true;
        const queued = this.queued;
        this.queued = [];
        for (const m of queued) await this.send(m);
        await this.handlers.ready();
        return;
      }
      const message = this.handlers.parse(raw);
      if (message !== undefined) await this.handlers.message(message);
    } catch (e) {
      console.error(`First-Class 1:1s: webview message failed (${errorKind(e)})`);
    }
  }

  /** Posts now when the page is ready, else when it is; never after the panel is closed. */
  async post(message: Out): Promise<void> {
    if (this.disposed) return;
    if (!this.isReadyNow) {
      this.queued.push(message);
      if (this.queued.length > MAX_QUEUED) this.queued.shift();
      return;
    }
    await this.send(message);
  }

  private async send(message: Out): Promise<void> {
    if (this.disposed) return;
    try {
      await this.panel.webview.postMessage(message);
    } catch (e) {
      // The panel went away between the check and the post: nothing to tell.
      if (!this.disposed) console.error(`First-Class 1:1s: webview post failed (${errorKind(e)})`);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.queued = [];
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }
}
