#!/usr/bin/env node
// The extension as a manager gets it: package the VSIX (the same vsce arguments as `npm run package`, from the
// current build in out/), install it with code-server's `--install-extension` into an empty extensions folder (no
// development path, no symlink to this checkout), open a copy of examples/demo-team, and check in the real workbench
// (code-server + headless Chromium) that the walkthrough opens on first install, the extension activates, the Reports
// tree shows the demo's reports, and a 1:1 opens in the form.
//
// Last stdout line: `vsix: N passed, N failed`; with $TEST_REPORT_DIR the counts also go to <dir>/vsix.json. The run
// folder (.vscode-test/runs/<stamp>) is removed after a pass and kept (server log, screenshot) after a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { provisionCodeServer } from '../../scripts/vscode/provision.mjs';
import { startCodeServer, launchBrowser, makeRunDir } from '../../scripts/vscode/server.mjs';
import { createChecks, expect } from '../support/checks.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { parse } = require('yaml');

const TIMEOUT_MS = Number(process.env.ONEONONES_VSIX_TIMEOUT_MS ?? 300_000);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** Only the files the package is made of: vsce walks the whole folder, and this checkout has large ones. */
function stagePackage(dir) {
  for (const f of ['package.json', '.vscodeignore', 'README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'LICENSE', 'out/extension.js', 'out/lazy', 'out/webview', 'media', 'schemas', 'docs']) {
    expect(fs.existsSync(path.join(ROOT, f)), `${f} is missing (run npm run build first)`);
    fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  }
  const vsix = path.join(dir, `${pkg.name}-${pkg.version}.vsix`);
  const args = pkg.scripts.package.replace(/^.*node_modules\/@vscode\/vsce\/vsce /, '').replace(/ --out .*$/, '').split(' ');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), ...args, '--out', vsix], { cwd: dir, encoding: 'utf8' });
  expect(r.status === 0, `vsce package failed: ${r.stderr}${r.stdout}`);
  return vsix;
}

/** code-server's own installer, with everything it writes kept inside the run folder. */
async function installVsix(vsix, runDir) {
  const { nodeBin, entry } = await provisionCodeServer({ root: ROOT });
  const dirs = { ext: path.join(runDir, 'extensions'), user: path.join(runDir, 'user-data'), home: path.join(runDir, 'home'), tmp: path.join(runDir, 'install-tmp') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|CODE_SERVER_|CS_|NODE_OPTIONS$|ELECTRON_RUN_AS_NODE$)/.test(k)));
  Object.assign(env, { HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_DATA_HOME: path.join(dirs.home, '.local/share'), XDG_CACHE_HOME: path.join(dirs.home, '.cache') });
  const r = spawnSync(nodeBin, [entry, '--install-extension', vsix, '--extensions-dir', dirs.ext, '--user-data-dir', dirs.user], { cwd: runDir, env, encoding: 'utf8', timeout: 120_000 });
  expect(r.status === 0, `--install-extension failed (${r.status}): ${r.stderr}${r.stdout}`);
  fs.rmSync(dirs.tmp, { recursive: true, force: true });
  return dirs.ext;
}

async function main() {
  const runDir = makeRunDir(ROOT);
  const workspace = path.join(runDir, 'demo-team');
  fs.cpSync(path.join(ROOT, 'examples/demo-team'), workspace, { recursive: true });
  let server;
  let browser;
  let page;
  const { check, finish } = createChecks({
    suite: 'vsix',
    runDir,
    timeoutMs: TIMEOUT_MS,
    cleanup: async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
    },
    // What the user would have seen when a check failed, for whoever reads the failure.
    onFailure: async (n) => void (await page?.screenshot({ path: path.join(runDir, `failure-${n}.png`) })),
  });

  try {
    let extDir;
    await check('the VSIX installs with code-server --install-extension into an empty extensions folder', async () => {
      const stage = path.join(runDir, 'package');
      fs.mkdirSync(stage);
      const vsix = stagePackage(stage);
      extDir = await installVsix(vsix, runDir);
      const installed = fs.readdirSync(extDir).filter((n) => n.toLowerCase().startsWith(EXTENSION_ID));
      expect(installed.length === 1, `installed: ${JSON.stringify(fs.readdirSync(extDir))}`);
      const folder = path.join(extDir, installed[0]);
      // A real copy unpacked from the VSIX, not a link to this checkout, and only what the package holds.
      expect(!fs.lstatSync(folder).isSymbolicLink() && !fs.realpathSync(folder).startsWith(path.join(ROOT, 'out')), 'the extension is a copy');
      for (const f of ['out/extension.js', 'out/webview/form.js', 'out/webview/dashboard.js', 'schemas/meeting.schema.json', 'media/icon.png']) expect(fs.existsSync(path.join(folder, f)), `${f} installed`);
      for (const f of ['src', 'node_modules', 'test', 'out/cli.js']) expect(!fs.existsSync(path.join(folder, f)), `${f} not installed`);
      // What the bundle loads on first use (out/lazy/, the calendar export's): installed, and each loads on its own.
      const lazy = [...fs.readFileSync(path.join(folder, 'out/extension.js'), 'utf8').matchAll(/require\("\.\/(lazy\/[\w.-]+\.js)"\)/g)].map((m) => `out/${m[1]}`);
      expect(lazy.length >= 2, `the bundle requires its lazy chunks: ${JSON.stringify(lazy)}`);
      for (const f of lazy) {
        const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(folder, f))})`], { encoding: 'utf8' });
        expect(r.status === 0, `${f} is installed and loads: ${r.stderr}`);
      }
      fs.rmSync(stage, { recursive: true, force: true });
    });
    if (!extDir) return finish(1);

    // No extensionDevelopmentPath: VS Code loads the installed copy from the run's extensions folder. The harness
    // sets no startup editor, so a Welcome tab can only be the walkthrough the extension opens on first start.
    server = await startCodeServer({ root: ROOT, runDir, workspace, idleTimeoutSeconds: 120 });
    browser = await launchBrowser({ runDir });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // A loaded machine (CI shares it) can take long for the first page.
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 120_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });

    const reports = fs.readdirSync(workspace, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(workspace, e.name, 'report.yaml')))
      .map((e) => ({ id: e.name, name: parse(fs.readFileSync(path.join(workspace, e.name, 'report.yaml'), 'utf8')).name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const names = reports.map((r) => r.name);
    const reportsView = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Reports' }) });

    await check('the extension activates: the 1:1s icon is in the activity bar and opens the Reports view', async () => {
      const icon = page.locator('.activitybar .action-item[role="tab"]').filter({ has: page.locator('a[aria-label="1:1s"]') });
      await icon.waitFor({ timeout: 60_000 });
      await icon.click();
      await reportsView.locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });
    });

    await check('the walkthrough opens once, on the first start after install', async () => {
      const editor = page.locator('.part.editor');
      await editor.getByText(pkg.contributes.walkthroughs[0].title).first().waitFor({ timeout: 30_000 });
      // Its steps, not just its name in a list of walkthroughs.
      await editor.getByText(pkg.contributes.walkthroughs[0].steps[0].title).first().waitFor({ timeout: 10_000 });
    });

    await check('the Reports tree shows every report of the demo team by name', async () => {
      await page.waitForFunction(
        (n) => [...document.querySelectorAll('.pane .monaco-list-row')].filter((e) => (e.getAttribute('aria-label') ?? '').includes('\nCadence: ')).length >= n,
        names.length, { timeout: 30_000 });
      const rows = (await reportsView.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')))
        .filter((l) => l.includes('\nCadence: ')).map((l) => l.split('\n')[0]);
      expect(JSON.stringify(rows) === JSON.stringify(names), `rows ${JSON.stringify(rows)} ≠ reports ${JSON.stringify(names)}`);
    });

    await check('a 1:1 of the demo opens in the 1:1 form', async () => {
      const { id, name } = reports.find((r) => fs.existsSync(path.join(workspace, r.id, 'meetings')));
      const latest = fs.readdirSync(path.join(workspace, id, 'meetings')).filter((n) => n.endsWith('.yaml')).sort().at(-1);
      // Quick Open: the form is the default editor of meeting files.
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`${id}/meetings/${latest}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: latest }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      let form;
      const until = Date.now() + 30_000;
      while (!form && Date.now() < until) {
        for (const f of page.frames()) {
          if (await f.locator('main#app h1').count().catch(() => 0)) form = f;
        }
        if (!form) await page.waitForTimeout(200);
      }
      expect(form, 'the 1:1 form rendered in a webview');
      const h1 = (await form.locator('h1').textContent())?.trim();
      expect(h1 === name, `the form shows ${JSON.stringify(h1)}, expected the report's name`);
    });

    await check('a second start (the window reloaded) does not open the walkthrough again', async () => {
      const title = pkg.contributes.walkthroughs[0].title;
      // Close every editor first, so that a walkthrough after the reload can only be the extension opening it again.
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>View: Close All Editors');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Close All Editors' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.tabs-container .tab').length === 0, null, { timeout: 10_000 });
      // Reload as a user does (Developer: Reload Window): the workbench shuts down properly, its state saved. A browser
      // reload can cut off that save, and then any state of the last seconds is lost, not only this extension's.
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Developer: Reload Window');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: 10_000 });
      await Promise.all([page.waitForNavigation({ timeout: 120_000 }), page.keyboard.press('Enter')]);
      await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
      // The extension is active again (its tree is filled), and had the time to open the walkthrough if it would.
      await page.locator('.activitybar .action-item[role="tab"]').filter({ has: page.locator('a[aria-label="1:1s"]') }).waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => [...document.querySelectorAll('.pane .monaco-list-row')].some((e) => (e.getAttribute('aria-label') ?? '').includes('\nCadence: ')), null, { timeout: 60_000 });
      await page.waitForTimeout(10_000);
      const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
      expect(!(await page.locator('.part.editor').getByText(title).count()), `the walkthrough opened again; tabs: ${JSON.stringify(tabs)}`);
    });
  } catch (e) {
    process.stdout.write(`  ✖ ${String(e?.message ?? e)}\n`);
    await finish(1);
  }
  await finish(0);
}

await main();
