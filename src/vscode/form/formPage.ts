/** The 1:1 form's page (no `vscode` import: the Chromium test serves the very same page). */
import type { WebviewPage } from '../webview/html';

export const FORM_PAGE: WebviewPage = { app: 'form', title: '1:1 form', loading: 'Loading the 1:1…' };
