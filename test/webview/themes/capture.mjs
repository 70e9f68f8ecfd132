#!/usr/bin/env node
// Captures the theme a webview really gets from VS Code, for the form's Chromium tests (axe-core audit): for each of
// the four default themes, code-server (real VS Code) opens a 1:1 of the demo team in the form, and this reads off the
// webview page what VS Code put there: the `--vscode-*` custom properties on <html>, the theme classes and data
// attributes of <body>, and VS Code's default stylesheet for webviews. One JSON file per theme, next to this script.
//
//   npm run build && node test/webview/themes/capture.mjs [THEME…]   (once per VS Code update; the files are committed)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, launchBrowser, makeRunDir } from '../../../scripts/vscode/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
export const THEMES = {
  'light-modern': 'Default Light Modern',
  'dark-modern': 'Default Dark Modern',
  'dark-high-contrast': 'Default High Contrast',
  'light-high-contrast': 'Default High Contrast Light',
};

async function capture(file, theme) {
  const runDir = makeRunDir(ROOT);
  const workspace = path.join(runDir, 'demo-team');
  fs.cpSync(path.join(ROOT, 'examples/demo-team'), workspace, { recursive: true });
  const server = await startCodeServer({ root: ROOT, runDir, workspace, extensionDevelopmentPath: ROOT, idleTimeoutSeconds: 120, settings: { 'workbench.colorTheme': theme } });
  const browser = await launchBrowser({ runDir });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const report = fs.readdirSync(workspace).find((n) => fs.existsSync(path.join(workspace, n, 'meetings')));
    const meeting = fs.readdirSync(path.join(workspace, report, 'meetings')).find((n) => /^\d{4}-\d{2}-\d{2}\.yaml$/.test(n));
    // Quick Open with the file's name: a meeting file opens in the 1:1 form (the custom editor's default).
    await page.locator('.part.editor').click();
    await page.keyboard.press('Control+p');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`${report}/meetings/${meeting}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: meeting }).first().waitFor({ timeout: 45_000 });
    await page.keyboard.press('Enter');
    let form;
    const until = Date.now() + 60_000;
    while (!form && Date.now() < until) {
      for (const f of page.frames()) if (await f.locator('main#app h1').count().catch(() => 0)) form = f;
      if (!form) await page.waitForTimeout(200);
    }
    if (!form) throw new Error('the form did not open');
    const got = await form.evaluate(() => {
      const vars = {};
      const style = document.documentElement.style;
      for (let i = 0; i < style.length; i++) {
        const name = style.item(i);
        if (name.startsWith('--vscode-')) vars[name] = style.getPropertyValue(name).trim();
      }
      const data = {};
      for (const [k, v] of Object.entries(document.body.dataset)) if (k.startsWith('vscode')) data[k] = v;
      return { bodyClass: document.body.className, bodyData: data, defaultStyles: document.getElementById('_defaultStyles')?.textContent ?? '', vars };
    });
    const keys = Object.keys(got.vars).sort();
    const out = { theme, bodyClass: got.bodyClass, bodyData: got.bodyData, defaultStyles: got.defaultStyles, vars: Object.fromEntries(keys.map((k) => [k, got.vars[k]])) };
    fs.writeFileSync(path.join(HERE, `${file}.json`), `${JSON.stringify(out, null, 1)}\n`);
    process.stdout.write(`${file}: ${keys.length} variables, body "${got.bodyClass}"\n`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

// `node capture.mjs light-high-contrast` captures that one theme only.
const only = process.argv.slice(2);
for (const [file, theme] of Object.entries(THEMES)) if (only.length === 0 || only.includes(file)) await capture(file, theme);
