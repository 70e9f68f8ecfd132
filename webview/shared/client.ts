/**
 * The page side of the envelope every webview shares (src/shared/webviewProtocol.ts): VS Code's webview API, typed
 * with the app's messages; the host's messages checked before the app sees them; and the ready handshake, sent
 * once the app listens. Any page of the extension starts with `createClient`.
 */
import { readyMessage } from '../../src/shared/webviewProtocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface Client<Out, In, UiState> {
  post(message: Out): void;
  /** Listens to the host's messages that pass `parse` (anything else is dropped). */
  listen(handler: (message: In) => void): void;
  /** Tells the host the page is ready for its messages: call once, after `listen`. */
  ready(): void;
  /** What the page kept with `saveUi` before it was last hidden (layout only, never people data). */
  savedUi(): Partial<UiState> | undefined;
  saveUi(state: UiState): void;
}

export function createClient<Out, In, UiState>(parse: (raw: unknown) => In | undefined): Client<Out, In, UiState> {
  // VS Code allows one call per page: the client holds the one API object.
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    listen: (handler) => {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const m = parse(event.data);
        if (m !== undefined) handler(m);
      });
    },
    ready: () => api.postMessage(readyMessage()),
    savedUi: () => {
      const s = api.getState();
      return typeof s === 'object' && s !== null ? (s as Partial<UiState>) : undefined;
    },
    saveUi: (state) => api.setState(state),
  };
}
