#!/usr/bin/env node
// UI checks in a real VS Code workbench (code-server + headless Debian Chromium), as a user sees it:
// the activity-bar icon, the tree rows, a command run from the command palette, the Problems count, the 1:1 form
// filled in with clicks, typing and Tab and saved with Ctrl+S; Ctrl+S from the Status dropdown of a held 1:1 saves and
// keeps `held`; the team dashboard from the palette; and screenshots of the tree, the form and the dashboard
// (test-results/*.png; with UPDATE_SCREENSHOTS=1 also media/screenshot-*.png for the README). The workspace is a fresh copy of examples/demo-team. Expected values come from the demo's files and
// from the core engine, never typed in here.
//
// Last stdout line: `ui: N passed, N failed`; with $TEST_REPORT_DIR the counts also go to <dir>/ui.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startCodeServer, launchBrowser, makeRunDir } from '../../scripts/vscode/server.mjs';
import { createChecks, expect } from '../support/checks.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { parse } = require('yaml');
const { TeamChecker } = require(path.join(ROOT, 'build/src/core/checker.js'));
const { addDays, isoDateOf } = require(path.join(ROOT, 'build/src/core/dates.js'));
const { NodeTeamFileSystem } = require(path.join(ROOT, 'build/src/node/nodeFs.js'));

const TIMEOUT_MS = Number(process.env.ONEONONES_UI_TIMEOUT_MS ?? 240_000);

async function main() {
  const runDir = makeRunDir(ROOT);
  const workspace = path.join(runDir, 'demo-team');
  fs.cpSync(path.join(ROOT, 'examples/demo-team'), workspace, { recursive: true });
  let server;
  let browser;
  let page;
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const { check, finish } = createChecks({
    suite: 'ui',
    runDir,
    timeoutMs: TIMEOUT_MS,
    cleanup: async () => {
      await browser?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
    },
    // What the user would have seen when a check failed, for whoever reads the failure.
    onFailure: async (n) => void (await page?.screenshot({ path: path.join(ROOT, 'test-results', `ui-failure-${n}.png`) })),
  });

  try {
    server = await startCodeServer({ root: ROOT, runDir, workspace, extensionDevelopmentPath: ROOT, idleTimeoutSeconds: 120 });
    browser = await launchBrowser({ runDir });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

    const names = fs.readdirSync(workspace, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(workspace, e.name, 'report.yaml')) && /^[a-z0-9][a-z0-9-]*$/.test(e.name))
      .map((e) => parse(fs.readFileSync(path.join(workspace, e.name, 'report.yaml'), 'utf8')).name)
      .sort((a, b) => a.localeCompare(b));
    const reportsView = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Reports' }) });
    const rowNames = async () => (await reportsView.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '')))
      .filter((l) => l.includes('\nCadence: '))
      .map((l) => l.split('\n')[0]);

    /** Closes the Get Started tab if it is open, waiting up to `wait` ms for it to appear (it opens once, late). */
    const closeWelcome = async (wait = 0) => {
      const welcome = page.locator('.tabs-container .tab', { hasText: 'Welcome' });
      for (let i = 0; i < wait / 250 && (await welcome.count()) === 0; i++) await page.waitForTimeout(250);
      if (!(await welcome.count())) return;
      await welcome.first().hover();
      await welcome.first().locator('.tab-actions .action-label').first().click({ force: true });
      await welcome.first().waitFor({ state: 'detached', timeout: 10_000 });
    };
    /**
     * Puts the keyboard focus in the Reports view, as a click in its empty space would, and waits until it is there.
     * Before a command that asks with a picker, when a webview editor (the form, the dashboard) has the focus: once
     * the palette has closed, VS Code gives the editor's webview its focus back late (after 50 ms, by a message to
     * the webview's frame), and a picker the command has opened by then loses the focus and closes
     * (microsoft/vscode#93950). Seen here on a loaded machine: the Report picker of Export 1:1 Agenda closed under
     * the typing, over the dashboard. The dashboard page itself never takes the focus (test/webview/dashboard.test.mjs).
     */
    const focusReportsView = async () => {
      await reportsView.locator('.monaco-list').first().focus();
      await page.waitForFunction(() => document.activeElement?.closest('.pane')?.querySelector('.pane-header')?.textContent?.includes('Reports'), null, { timeout: 5_000 });
    };
    /**
     * Runs a command from the command palette (F1, its title, Enter). A page that takes the focus while the palette
     * opens (the walkthrough, late on a slow machine) closes it: then close that page and open the palette again.
     * For a command that asks with a picker, the focus must not be in a webview editor (see focusReportsView).
     */
    const palette = async (title) => {
      const input = page.locator('.quick-input-widget input');
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('F1');
        await input.waitFor({ timeout: 10_000 });
        await input.fill(`>${title}`);
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        try {
          await row.waitFor({ timeout: 5_000 });
          await page.keyboard.press('Enter');
          return;
        } catch (err) {
          if (attempt === 3) throw err;
          await page.keyboard.press('Escape');
          await closeWelcome();
        }
      }
    };

    await check('the activity bar has the 1:1s icon, and it opens the Reports view', async () => {
      const icon = page.locator('.activitybar .action-item[role="tab"]').filter({ has: page.locator('a[aria-label="1:1s"]') });
      await icon.waitFor({ timeout: 30_000 });
      await icon.click();
      await reportsView.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
      // A first start also opens the Get Started walkthrough (tested in test/vsix). Its page takes the keyboard focus
      // when it has loaded, even from an open input box: close it, as a manager who has seen it would.
      await closeWelcome(20_000);
    });

    await check('the Reports view lists every report of the team folder by name', async () => {
      await page.waitForFunction(
        (n) => [...document.querySelectorAll('.pane .monaco-list-row')].filter((e) => (e.getAttribute('aria-label') ?? '').includes('\nCadence: ')).length >= n,
        names.length, { timeout: 30_000 });
      const rows = await rowNames();
      expect(JSON.stringify(rows) === JSON.stringify(names), `rows ${JSON.stringify(rows)} ≠ reports ${JSON.stringify(names)}`);
    });

    await check('the Problems count in the status bar matches the rules for today', async () => {
      const fsys = new NodeTeamFileSystem(workspace);
      const checker = await TeamChecker.open(fsys, { today: isoDateOf(new Date()) });
      const problems = checker.problems();
      const n = (s) => problems.filter((p) => p.severity === s).length;
      const expected = `Errors: ${n('error')}, Warnings: ${n('warning')}, Infos: ${n('info')}`;
      await page.locator('.statusbar-item', { has: page.locator(`[aria-label="${expected}"]`) }).or(page.locator(`.statusbar-item[aria-label="${expected}"]`)).first()
        .waitFor({ timeout: 20_000 })
        .catch(async () => {
          const seen = await page.locator('.statusbar-item').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).filter((l) => l?.startsWith('Errors')));
          throw new Error(`expected "${expected}", status bar says ${JSON.stringify(seen)}`);
        });
    });

    await check('1:1s: Add Report from the command palette adds a report to the tree and the team folder', async () => {
      const input = page.locator('.quick-input-widget input');
      await palette('1:1s: Add Report');
      await page.locator('.quick-input-widget', { hasText: 'Their name' }).waitFor({ timeout: 10_000 });
      await input.fill('Priya Natarajan');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'Their role' }).waitFor({ timeout: 10_000 });
      await input.fill('Site Reliability Engineer');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'biweekly' }).waitFor({ timeout: 10_000 });
      await input.fill('biweekly');
      await page.keyboard.press('Enter');
      // Since when they report to you: today is offered; take it.
      await page.locator('.quick-input-widget', { hasText: 'since when' }).waitFor({ timeout: 10_000 });
      expect(await input.inputValue() === isoDateOf(new Date()), 'today is offered as the start');
      await page.keyboard.press('Enter');
      // Their aspirations, one per box, an empty one to finish.
      await page.locator('.quick-input-widget', { hasText: 'aspirations' }).waitFor({ timeout: 10_000 });
      await input.fill('Lead the on-call rotation');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: '1 so far' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      const file = path.join(workspace, 'priya-natarajan', 'report.yaml');
      const deadline = Date.now() + 15_000;
      while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fs.existsSync(file), 'priya-natarajan/report.yaml was created');
      const report = parse(fs.readFileSync(file, 'utf8'));
      expect(report.name === 'Priya Natarajan' && report.role === 'Site Reliability Engineer' && report.cadence === 'biweekly'
        && report.since === isoDateOf(new Date()) && JSON.stringify(report.aspirations) === '["Lead the on-call rotation"]', `report.yaml: ${JSON.stringify(report)}`);
      await page.waitForFunction(() => [...document.querySelectorAll('.pane .monaco-list-row')].some((e) => e.getAttribute('aria-label')?.startsWith('Priya Natarajan\n')), null, { timeout: 15_000 });
    });

    await check('1:1s: Add Two-Month Goal from the palette: an example title made theirs in the box, one of their aspirations, and a notification says what was added', async () => {
      const input = page.locator('.quick-input-widget input');
      // Add Report selected the new report in the tree and said so.
      await page.waitForFunction(() => [...document.querySelectorAll('.pane .monaco-list-row.selected')].some((e) => e.getAttribute('aria-label')?.startsWith('Priya Natarajan\n')), null, { timeout: 10_000 });
      await palette('1:1s: Add Two-Month Goal');
      // The command's own picker (its placeholder), not the palette that still lists the command's title.
      await page.locator('.quick-input-widget input[placeholder="Report (most overdue first)"]').waitFor({ timeout: 10_000 });
      await input.fill('Priya Natarajan');
      // Enter only once the list has filtered to her (the highlighted row), not while it still shows the whole team.
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Priya Natarajan' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      // The title: the first example goes into the box on Enter, to edit; the next Enter takes the edited text.
      await page.locator('.quick-input-widget', { hasText: '(1/2)' }).waitFor({ timeout: 10_000 });
      const example = (await page.locator('.quick-input-list .monaco-list-row .label-name').first().innerText()).trim();
      await page.keyboard.press('Enter');
      await page.waitForFunction((v) => document.querySelector('.quick-input-widget input')?.value === v, example, { timeout: 5_000 });
      await page.keyboard.press('End');
      await page.keyboard.type(' in on-call handovers');
      await page.keyboard.press('Enter');
      // The aspiration: hers first; Enter takes it.
      await page.locator('.quick-input-widget', { hasText: '(2/2)' }).waitFor({ timeout: 10_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Lead the on-call rotation' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      const file = path.join(workspace, 'priya-natarajan', 'goals.yaml');
      const deadline = Date.now() + 15_000;
      while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fs.existsSync(file), 'priya-natarajan/goals.yaml was created');
      const goal = parse(fs.readFileSync(file, 'utf8')).goals?.[0];
      expect(goal?.title === `${example} in on-call handovers` && goal?.aspiration === 'Lead the on-call rotation' && goal?.start === isoDateOf(new Date()),
        `goals.yaml: ${JSON.stringify(goal)}`);
      await page.locator('.tabs-container .tab', { hasText: 'goals.yaml' }).first().waitFor({ timeout: 10_000 });
      // What it did, in a notification (a toast hides itself after a while: read it in the notification centre).
      await palette('Notifications: Show Notifications');
      const said = page.locator('.notifications-center .notification-list-item', { hasText: `Added the two-month goal “${example} in on-call handovers” for Priya Natarajan` });
      await said.first().waitFor({ timeout: 10_000 }).catch(async (err) => {
        const all = await page.locator('.notification-list-item').allInnerTexts();
        throw new Error(`${err.message}; notifications: ${JSON.stringify(all)}`);
      });
      await palette('Notifications: Hide Notifications');
    });

    await check('screenshot of the tree with a report expanded', async () => {
      await page.keyboard.press('Escape');
      // A wider sidebar, so descriptions are readable: drag the tall vertical sash right of the sidebar.
      const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }));
      const i = sashes.findIndex(([x, , , h]) => x > 200 && x < 500 && h > 500);
      if (i >= 0) {
        const [x, y, w] = sashes[i];
        await page.mouse.move(x + w / 2, y + 300);
        await page.mouse.down();
        await page.mouse.move(x + w / 2 + 230, y + 300, { steps: 10 });
        await page.mouse.up();
      }
      // Expand the last report and its groups (a click toggles a row open).
      const rows = reportsView.locator('.monaco-list-row');
      const labelsNow = async () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      const person = names[names.length - 1];
      let labels = await labelsNow();
      const index = labels.findIndex((l) => l.startsWith(`${person}\n`));
      expect(index >= 0, `no row for ${person}`);
      await rows.nth(index).click();
      await page.waitForTimeout(300);
      for (const group of ['Goals', '1:1s']) {
        labels = await labelsNow();
        const g = labels.findIndex((l, k) => k > index && (l === group || l.startsWith(`${group} `) || l.startsWith(`${group},`)));
        if (g >= 0) {
          await rows.nth(g).click();
          await page.waitForTimeout(300);
        }
      }
      await page.mouse.move(1300, 800);
      await page.waitForTimeout(800);
      fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      const shot = path.join(ROOT, 'test-results', 'tree.png');
      // The activity bar and the sidebar only (the editor area shows whatever the previous check opened).
      const side = await page.locator('.part.sidebar').boundingBox();
      await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: Math.round((side?.x ?? 0) + (side?.width ?? 700)) + 2, height: 900 } });
      expect(fs.statSync(shot).size > 10_000, 'the screenshot has content');
      if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshot-tree.png'));
    });

    await check('the 1:1 form: Start 1:1 Note plans a future day typed in the day picker, opens it; a user fills it with clicks, typing and Tab, and saves', async () => {
      const person = names[0];
      const id = fs.readdirSync(workspace).find((n) => fs.existsSync(path.join(workspace, n, 'report.yaml')) && parse(fs.readFileSync(path.join(workspace, n, 'report.yaml'), 'utf8')).name === person);
      const before = new Set(fs.readdirSync(path.join(workspace, id, 'meetings')));
      const input = page.locator('.quick-input-widget input');
      await palette('1:1s: Start 1:1 Note');
      // The report picker (not the command palette, which also shows the command's name).
      await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.getAttribute('placeholder')?.startsWith('Report'), null, { timeout: 10_000 });
      await input.fill(person);
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: person }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      // For which day: a day that is not a calendar date is refused in the box; a good one three days ahead is taken.
      await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.getAttribute('placeholder')?.startsWith('Pick a day'), null, { timeout: 10_000 });
      await input.fill('2026-02-30');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'is not a calendar date' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      expect(await page.locator('.quick-input-widget').isVisible(), 'the picker stays open on a bad day');
      const day = addDays(isoDateOf(new Date()), 3);
      await input.fill(day);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: day }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      let created;
      const deadline = Date.now() + 15_000;
      while (!created && Date.now() < deadline) {
        created = fs.readdirSync(path.join(workspace, id, 'meetings')).find((n) => !before.has(n));
        if (!created) await new Promise((r) => setTimeout(r, 100));
      }
      expect(created === `${day}.yaml`, `the 1:1 is planned for ${day}: ${created}`);
      // The file is listed as soon as it is created; its text may land a moment later.
      let planned;
      while (!planned && Date.now() < deadline + 5_000) {
        planned = parse(fs.readFileSync(path.join(workspace, id, 'meetings', created), 'utf8'));
        if (!planned) await new Promise((r) => setTimeout(r, 100));
      }
      expect(planned?.status === 'planned', `it is planned: ${JSON.stringify(planned?.status)}`);
      const file = path.join(workspace, id, 'meetings', created);
      // The form is a webview: an iframe in the editor area with the page in an inner frame.
      let form;
      const until = Date.now() + 30_000;
      while (!form && Date.now() < until) {
        for (const f of page.frames()) {
          if (await f.locator('main#app h1').count().catch(() => 0)) form = f;
        }
        if (!form) await page.waitForTimeout(200);
      }
      expect(form, 'the 1:1 form rendered in a webview');
      expect((await form.locator('h1').textContent()) === person, 'the form shows the report\'s name');
      await form.locator('vscode-button', { hasText: '+ Add feedback' }).click();
      const feedback = form.locator('vscode-text-field[aria-label^="Feedback "]').last();
      await form.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Feedback ') && !document.activeElement.getAttribute('aria-label').includes(':'), null, { timeout: 10_000 });
      await page.keyboard.type('Your design review comments were specific and kind');
      await page.keyboard.press('Tab');
      await form.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Delivered', null, { timeout: 5_000 });
      await page.keyboard.press('Space');
      const notes = form.locator('vscode-text-area[aria-label="Shared notes"] textarea');
      await notes.click();
      await page.keyboard.type('Agreed: you lead the next planning session.');
      // Ctrl+S right after the last keystroke: the form sends what was typed, and the save waits for it.
      await page.keyboard.press('Control+s');
      const saved = Date.now() + 15_000;
      let meeting;
      while (Date.now() < saved) {
        meeting = parse(fs.readFileSync(file, 'utf8'));
        if (meeting?.notes && meeting.prep?.manager?.feedback?.some((f) => f.text.startsWith('Your design review'))) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(meeting?.notes === 'Agreed: you lead the next planning session.', `notes on disk: ${JSON.stringify(meeting?.notes)}`);
      const item = meeting.prep.manager.feedback.find((f) => f.text === 'Your design review comments were specific and kind');
      expect(item && item.type === 'positive' && item.delivered === true, `feedback on disk: ${JSON.stringify(meeting.prep.manager.feedback)}`);
      expect(await feedback.evaluate((e) => e.value) === item.text, 'the form still shows what was typed');
      await form.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(1300, 880);
      await page.waitForTimeout(500);
      const shot = path.join(ROOT, 'test-results', 'form.png');
      const editor = await page.locator('.part.editor').boundingBox();
      await page.screenshot({ path: shot, clip: editor ? { x: editor.x, y: 0, width: editor.width, height: 900 } : undefined });
      expect(fs.statSync(shot).size > 10_000, 'the screenshot has content');
      if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshot-form.png'));
    });

    await check('the 1:1 form: Ctrl+S on the Status dropdown of a held 1:1 saves it and keeps status: held', async () => {
      // The latest held 1:1 of the demo (a file named by its date, so Quick Open finds it by that name).
      const held = [];
      for (const id of fs.readdirSync(workspace)) {
        const dir = path.join(workspace, id, 'meetings');
        if (!fs.existsSync(dir)) continue;
        for (const n of fs.readdirSync(dir)) {
          if (!/^\d{4}-\d{2}-\d{2}\.yaml$/.test(n)) continue;
          let meeting;
          try {
            meeting = parse(fs.readFileSync(path.join(dir, n), 'utf8'));
          } catch {
            continue; // the demo has a broken file on purpose (it shows as such in the form)
          }
          if (meeting?.status === 'held') held.push({ id, name: n });
        }
      }
      held.sort((a, b) => a.name.localeCompare(b.name));
      const { id, name } = held[held.length - 1];
      const file = path.join(workspace, id, 'meetings', name);
      const person = parse(fs.readFileSync(path.join(workspace, id, 'report.yaml'), 'utf8')).name;
      // Quick Open (Ctrl+P: from the form of the previous check, the webview forwards it to VS Code).
      await page.keyboard.press('Control+p');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`${id}/meetings/${name}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 45_000 });
      await page.keyboard.press('Enter');
      // Its form: the webview whose page shows this person's held 1:1 (the previous check's form may still be there).
      let form;
      const until = Date.now() + 30_000;
      while (!form && Date.now() < until) {
        for (const f of page.frames()) {
          const shows = await f.evaluate(() => {
            const status = document.querySelector('vscode-dropdown[aria-label="Status"]');
            return status && status.value === 'held' && document.querySelector('main#app h1')?.textContent;
          }).catch(() => undefined);
          if (shows === person) form = f;
        }
        if (!form) await page.waitForTimeout(200);
      }
      expect(form, `the form of ${person}'s held 1:1 ${name} opened`);
      // A notes edit first, so the document is dirty and Ctrl+S has something to save.
      const line = 'Saved with Ctrl+S from the Status dropdown.';
      await form.locator('vscode-text-area[aria-label="Shared notes"] textarea').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(` ${line}`);
      await form.locator('vscode-dropdown[aria-label="Status"]').focus();
      await form.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Status', null, { timeout: 5_000 });
      await page.keyboard.press('Control+s');
      const deadline = Date.now() + 15_000;
      let meeting;
      while (Date.now() < deadline) {
        meeting = parse(fs.readFileSync(file, 'utf8'));
        if (String(meeting?.notes ?? '').includes(line)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(String(meeting?.notes ?? '').includes(line), `Ctrl+S reached VS Code and saved the notes: ${JSON.stringify(meeting?.notes)}`);
      expect(meeting.status === 'held', `status on disk after Ctrl+S on the Status dropdown: ${JSON.stringify(meeting.status)}`);
      expect(await form.locator('vscode-dropdown[aria-label="Status"]').evaluate((e) => e.value) === 'held', 'the form still shows held');
      const dirty = await page.locator('.tab.active.dirty').count();
      expect(dirty === 0, 'the tab is saved (not dirty)');
    });

    await check('1:1s: Open Team Dashboard from the command palette shows every current report in the heatmap', async () => {
      await page.keyboard.press('Escape');
      await palette('1:1s: Open Team Dashboard');
      const reports = fs.readdirSync(workspace).filter((n) => fs.existsSync(path.join(workspace, n, 'report.yaml')))
        .map((n) => parse(fs.readFileSync(path.join(workspace, n, 'report.yaml'), 'utf8')))
        .filter((r) => !r?.left || String(r.left) > isoDateOf(new Date())).map((r) => r.name);
      let dash;
      const until = Date.now() + 30_000;
      while (!dash && Date.now() < until) {
        for (const f of page.frames()) {
          const rows = await f.evaluate(() => (document.querySelector('[role="grid"]') ? document.querySelectorAll('[role="grid"] [role="row"]').length : undefined)).catch(() => undefined);
          if (rows !== undefined) dash = { frame: f, rows };
        }
        if (!dash) await page.waitForTimeout(200);
      }
      expect(dash, 'the dashboard page drew its heatmap');
      expect(dash.rows === reports.length, `a heatmap row per current report: ${dash.rows} of ${reports.length}`);
      const first = await dash.frame.locator('[role="gridcell"]').first().getAttribute('aria-label');
      expect(/, week of \d{4}-\d{2}-\d{2}: (held|skipped|missed|leave|planned|not due)(, career)?$/.test(first ?? ''), `a cell's name: ${first}`);
      await page.mouse.move(1300, 880);
      await page.waitForTimeout(500);
      const shot = path.join(ROOT, 'test-results', 'dashboard.png');
      const editor = await page.locator('.part.editor').boundingBox();
      await page.screenshot({ path: shot, clip: editor ? { x: editor.x, y: 0, width: editor.width, height: 900 } : undefined });
      expect(fs.statSync(shot).size > 10_000, 'the screenshot has content');
      if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'media', 'screenshot-dashboard.png'));
    });

    await check('1:1s: Export 1:1 Agenda from the palette, Enter at each question: the file is saved where offered, opened, and holds no private note', async () => {
      await page.keyboard.press('Escape');
      const input = page.locator('.quick-input-widget input');
      const id = 'kwame-asante';
      const { name } = parse(fs.readFileSync(path.join(workspace, id, 'report.yaml'), 'utf8'));
      // From the Reports view: the dashboard the previous check left focused is a webview (see focusReportsView).
      await focusReportsView();
      await palette('1:1s: Export 1:1 Agenda');
      await page.locator('.quick-input-widget input[placeholder="Report"]').waitFor({ timeout: 10_000 });
      await input.fill(name);
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      // The day: the next planned or due 1:1 is filled in; Enter takes it.
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'day' }).waitFor({ timeout: 10_000 });
      await page.waitForFunction(() => /^\d{4}-\d{2}-\d{2}$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), null, { timeout: 10_000 });
      const day = await input.inputValue();
      expect(/^\d{4}-\d{2}-\d{2}$/.test(day), `a day is offered: ${day}`);
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Delivered feedback only' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      // VS Code's save dialog (here its simple one, a path in the quick input): Enter takes the offered place.
      await page.waitForFunction(() => /agenda-[^/]+\.md$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), null, { timeout: 10_000 });
      await page.keyboard.press('Enter');
      const file = path.join(workspace, `agenda-${id}-${day}.md`);
      const deadline = Date.now() + 15_000;
      while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(fs.existsSync(file), `${path.basename(file)} was written where the dialog offered`);
      const agenda = fs.readFileSync(file, 'utf8');
      expect(agenda.includes(name), 'the agenda names the report');
      const privates = fs.readdirSync(path.join(workspace, id, 'meetings')).map((f) => parse(fs.readFileSync(path.join(workspace, id, 'meetings', f), 'utf8'))?.private)
        .filter((t) => typeof t === 'string' && t.trim().length > 8).map((t) => t.trim().split('\n')[0]);
      expect(privates.length > 0, 'the demo has private notes for this report');
      expect(privates.every((t) => !agenda.includes(t)), 'no private note is in the agenda');
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(file) }).waitFor({ timeout: 10_000 });
      const shot = path.join(ROOT, 'test-results', 'agenda.png');
      await page.screenshot({ path: shot });
    });
  } catch (e) {
    process.stdout.write(`  ✖ ui runner: ${String(e?.message ?? e)}\n`);
    await finish(1);
  }
  await finish(0);
}

await main();
