// What every webview page test shares: the page served as the extension serves it (webviewHtml: the same shell, CSP
// and bundle from out/webview/<app>.js and .css) over a local HTTP origin, and one headless Chromium for the suite,
// whose profile folder in .vscode-test/runs/ goes with a pass like every run folder (.ci/run checks it).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { launchBrowser, makeRunDir } from '../../scripts/vscode/server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { webviewHtml } = require(path.join(ROOT, 'build/src/vscode/webview/html.js'));

/**
 * Registers the suite's `before` and `after` (call it inside the `describe`): serves `page` (a WebviewPage: app, title,
 * loading) at `${served.origin}/${app}.html` and launches the browser as `served.browser`.
 */
export function servePage(page) {
  const served = { origin: undefined, browser: undefined };
  let server;
  let runDir;
  before(async () => {
    const assets = { [`/${page.app}.js`]: 'text/javascript', [`/${page.app}.css`]: 'text/css' };
    server = http.createServer((req, res) => {
      if (req.url === `/${page.app}.html`) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const origin = served.origin;
        res.end(webviewHtml({ ...page, cspSource: origin, nonce: randomBytes(16).toString('base64'), scriptUri: `${origin}/${page.app}.js`, styleUri: `${origin}/${page.app}.css` }));
      } else if (Object.hasOwn(assets, req.url)) {
        res.writeHead(200, { 'content-type': assets[req.url] });
        res.end(fs.readFileSync(path.join(ROOT, 'out/webview', req.url)));
      } else if (req.url === '/favicon.ico') {
        res.writeHead(204).end(); // VS Code's webviews have none either
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    served.origin = `http://127.0.0.1:${server.address().port}`;
    runDir = makeRunDir(ROOT);
    served.browser = await launchBrowser({ runDir });
  });
  after(async function () {
    await served.browser?.close();
    server?.close();
    const anyFailed = (suite) => suite.tests.some((t) => t.state === 'failed') || suite.suites.some(anyFailed);
    const failed = this.test?.parent ? anyFailed(this.test.parent) : true;
    if (runDir && !failed) fs.rmSync(runDir, { recursive: true, force: true });
  });
  return served;
}

// Accessibility: the four default themes, captured from code-server (test/webview/themes/*.json, by capture.mjs).
export const THEMES = ['light-modern', 'dark-modern', 'dark-high-contrast', 'light-high-contrast'];
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Puts a captured theme on the page as VS Code does (its variables, body class and data, and VS Code's default webview
 * stylesheet as a constructed sheet, since the CSP allows no inline style), painted on the editor background (a
 * webview is transparent). Returns the theme.
 */
export async function applyTheme(browserPage, name) {
  const theme = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/webview/themes', `${name}.json`), 'utf8'));
  await browserPage.evaluate((t) => {
    for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(k, v);
    document.body.className = t.bodyClass;
    for (const [k, v] of Object.entries(t.bodyData)) document.body.dataset[k] = v;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(t.defaultStyles);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    document.documentElement.style.background = 'var(--vscode-editor-background)';
  }, theme);
  return theme;
}

/** axe-core's violations of every kind on the page as it is, one readable line per rule with its nodes. */
export async function axeViolations(browserPage) {
  await browserPage.evaluate(AXE);
  const result = await browserPage.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')}`);
}
