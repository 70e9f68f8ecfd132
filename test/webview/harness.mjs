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
