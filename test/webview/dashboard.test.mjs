// The team dashboard's webview page in real Chromium (playwright-core + /usr/bin/chromium), with a test host in place
// of VS Code: the very page the extension serves (webviewHtml with the same CSP and bundle), `acquireVsCodeApi`
// stubbed to record what the page sends, and a summary built by the real core (dashboardSummary) from fixture inputs.
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { applyTheme, axeViolations, servePage, THEMES } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { dashboardSummary } = require(path.join(ROOT, 'build/src/core/dashboard/summary.js'));
const { cellName } = require(path.join(ROOT, 'build/src/core/dashboard/share.js'));
const { addDays } = require(path.join(ROOT, 'build/src/core/dates.js'));

const TODAY = '2026-11-24';
const HTML_NAME = 'Eve <img src=x onerror="window.__pwned=1"> Stone';
const tue = (n) => addDays(TODAY, -7 * n);
const held = (date, kind = 'regular') => ({ date, seq: 1, status: 'held', kind });
const heldFact = (date, kind = 'regular', i = 0) => ({ date, kind, managerPrepared: i % 2 === 0, reportTopics: true, positive: 1, negative: i % 3 === 0 ? 1 : 0 });

function input(id, name, meetings, extra = {}) {
  const heldOnes = meetings.filter((m) => m.status === 'held').sort((a, b) => (a.date < b.date ? 1 : -1));
  return {
    id,
    name,
    cadence: 'weekly',
    graceDays: 2,
    careerEveryDays: 60,
    facts: { since: '2025-01-06', cadenceDays: 7, paused: [] },
    meetings,
    held: heldOnes.map((m, i) => heldFact(m.date, m.kind, i)),
    nextDue: addDays(TODAY, 3),
    overdueBy: 0,
    onLeave: false,
    openActions: 2,
    goals: [{ id: 'g1', title: 'Lead the billing feature', start: addDays(TODAY, -30), end: addDays(TODAY, 26) }],
    reportFile: `${id}/report.yaml`,
    ...extra,
  };
}

/** Ana: every week held, a career 1:1 four weeks ago. Ben: missed weeks, overdue, an expired goal. Eve: a name with HTML. */
function summary() {
  const ana = Array.from({ length: 30 }, (_, i) => held(tue(i + 1), i === 3 ? 'career' : 'regular'));
  const ben = Array.from({ length: 30 }, (_, i) => held(tue(i + 6)));
  const eve = Array.from({ length: 10 }, (_, i) => held(tue(i * 2 + 1)));
  return dashboardSummary([
    input('ana', 'Ana Ruiz', ana),
    input('ben', 'Ben Okafor', ben, { overdueBy: 30, openActions: 0, goals: [{ id: 'old', title: 'Old goal', start: addDays(TODAY, -90), end: addDays(TODAY, -10) }] }),
    input('eve', HTML_NAME, eve, { openActions: 5 }),
  ], TODAY);
}

describe('The team dashboard page in Chromium', function () {
  this.timeout(60_000);
  const served = servePage({ app: 'dashboard', title: 'Team dashboard', loading: 'Loading…' });
  let page;

  let consoleErrors;
  async function open(s = summary()) {
    page = await served.browser.newPage({ viewport: { width: 1300, height: 900 } });
    consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.addInitScript(() => {
      window.__sent = [];
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__sent.push(JSON.parse(JSON.stringify(m))),
        getState: () => undefined,
        setState: () => undefined,
      });
    });
    await page.goto(`${served.origin}/dashboard.html`);
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
    await host({ type: 'summary', summary: s });
    await page.waitForSelector('main[aria-busy="false"] [role="grid"]');
  }
  const host = (message) => page.evaluate((m) => window.postMessage(m, '*'), message);
  const sent = () => page.evaluate(() => window.__sent.filter((m) => m.type !== 'ready'));
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

  afterEach(async () => {
    if (page) {
      const violations = await page.evaluate(() => window.__violations);
      assert.deepEqual(violations, [], 'no CSP violation');
      assert.deepEqual(consoleErrors, [], 'no console error');
      await page.close();
      page = undefined;
    }
  });

  it('every cell is a gridcell named as cellName says; the career 1:1 and a missed week read so', async () => {
    const s = summary();
    await open(s);
    const names = await page.locator('[role="gridcell"]').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')));
    assert.equal(names.length, 3 * 26);
    const expected = s.reports.flatMap((r) => r.cells.map((c) => cellName(r.name, c)));
    assert.deepEqual(names, expected);
    assert.ok(names.includes(`Ana Ruiz, week of ${addDays('2026-11-23', -28)}: held, career`));
    assert.ok(names.includes('Ben Okafor, week of 2026-11-02: missed'));
    assert.equal(await page.locator('[role="row"]').count(), 3);
    assert.equal(await page.locator('.legend li').count(), 7, 'a legend entry per state and the career mark');
  });

  it('a name with HTML in it is shown as text, nowhere as markup', async () => {
    await open();
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('table.reports th[scope="row"] button', { hasText: HTML_NAME }).count(), 1);
    assert.ok((await page.locator('[role="gridcell"]').last().getAttribute('aria-label')).startsWith(`${HTML_NAME}, week of `));
  });

  it('the grid is one tab stop; arrows, Home and End move; Enter opens the week', async () => {
    await open();
    assert.equal(await page.locator('[role="gridcell"][tabindex="0"]').count(), 1);
    await page.locator('button.action').last().focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(), 'Ana Ruiz, week of 2026-11-23: not due');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focusedName(), 'Ana Ruiz, week of 2026-11-16: held');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedName(), 'Ben Okafor, week of 2026-11-16: missed');
    await page.keyboard.press('Home');
    assert.equal(await focusedName(), 'Ben Okafor, week of 2026-06-01: held');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedName(), 'Ana Ruiz, week of 2026-11-23: not due');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    assert.deepEqual(await sent(), [{ type: 'openWeek', id: 'ben', week: '2026-11-16' }]);
    assert.equal(await page.locator('[role="gridcell"][tabindex="0"]').count(), 1, 'still one tab stop');
  });

  it('the table sorts by each column from its header button, with aria-sort; report and goal buttons open them', async () => {
    await open();
    const order = () => page.locator('table.reports tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
    assert.deepEqual(await order(), ['ana', 'ben', 'eve']);
    assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Report ▲');
    await page.locator('button.sort[data-column="actions"]').click();
    assert.deepEqual(await order(), ['ben', 'ana', 'eve']);
    assert.equal(await page.locator('th[aria-sort]').count(), 1);
    assert.equal(await page.locator('th[aria-sort="ascending"] button').getAttribute('data-column'), 'actions');
    await page.keyboard.press('Enter');
    assert.deepEqual(await order(), ['eve', 'ana', 'ben'], 'again: descending, with the keyboard (focus kept on the button)');
    assert.equal(await page.locator('th[aria-sort="descending"] button').getAttribute('data-column'), 'actions');
    await page.locator('button.sort[data-column="a26"]').click();
    assert.deepEqual(await order(), ['eve', 'ben', 'ana'], 'lowest adherence first');
    await page.locator('table.reports th[scope="row"] button', { hasText: 'Ana Ruiz' }).click();
    await page.locator('button.goal.expired').click();
    assert.equal(await page.locator('button.goal.expired').textContent(), `Old goal ${addDays(TODAY, -90)} → ${addDays(TODAY, -10)}, expired`);
    await page.locator('button.action', { hasText: 'Copy summary as Markdown' }).click();
    await page.locator('button.action', { hasText: 'Save heatmap as SVG' }).click();
    assert.deepEqual(await sent(), [{ type: 'openReport', id: 'ana' }, { type: 'openGoal', id: 'ben', goal: 'old' }, { type: 'copyMarkdown' }, { type: 'saveSvg' }]);
  });

  it('a new summary updates in place: scroll, sort and the focused cell are kept', async () => {
    const s = summary();
    await open(s);
    await page.locator('button.sort[data-column="actions"]').click();
    await page.setViewportSize({ width: 700, height: 300 });
    await page.evaluate(() => window.scrollTo(0, 200));
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 0);
    await page.locator('[role="gridcell"]').nth(30).focus();
    const name = await focusedName();
    await host({ type: 'summary', summary: { ...s, totals: { ...s.totals, overdue: 2 } } });
    await page.waitForFunction(() => [...document.querySelectorAll('.total dd')].some((d) => d.textContent === '2'));
    assert.equal(await page.evaluate(() => window.scrollY), y);
    assert.equal(await focusedName(), name);
    assert.equal(await page.locator('th[aria-sort="ascending"] button').getAttribute('data-column'), 'actions');
  });

  // VS Code shows its quick picks in the workbench, outside the webview's frame, and closes a quick pick that loses the
  // focus: a live update drawn while the manager types in one must leave the focus there, even when a heatmap cell or
  // a sort button had it before (the redraw puts the focus back on them only while the page has it). The page is in a
  // frame of another origin, as in VS Code, beside an input standing for the quick pick's.
  for (const [what, focusIn] of [
    ['a heatmap cell', (frame) => frame.locator('[role="gridcell"]').nth(30).focus()],
    ['a sort button', (frame) => frame.locator('button.sort[data-column="actions"]').focus()],
  ]) {
    it(`a new summary drawn while a quick pick has the focus leaves it there (${what} had it before)`, async () => {
      const s = summary();
      page = await served.browser.newPage({ viewport: { width: 1300, height: 900 } });
      consoleErrors = [];
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      await page.addInitScript(() => {
        window.__sent = [];
        window.__violations = [];
        window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => undefined });
      });
      // The workbench: on localhost, another origin than the page's 127.0.0.1 (both local, so Chromium lets it frame it).
      const workbench = http.createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>workbench</title><input id="quick" aria-label="quick pick"><iframe title="Team dashboard" width="1200" height="700" src="${served.origin}/dashboard.html"></iframe>`);
      });
      await new Promise((resolve) => workbench.listen(0, '127.0.0.1', resolve));
      try {
        await page.goto(`http://localhost:${workbench.address().port}/`);
        const frame = page.frames().find((f) => f.url().startsWith(served.origin));
        await frame.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
        const post = (m) => frame.evaluate((x) => window.postMessage(x, '*'), m);
        await post({ type: 'summary', summary: s });
        await frame.waitForSelector('main[aria-busy="false"] [role="grid"]');
        await focusIn(frame);
        assert.equal(await frame.evaluate(() => document.hasFocus() && document.activeElement !== document.body), true, `${what} has the focus`);
        await page.locator('#quick').focus();
        await page.keyboard.type('Kwa');
        await post({ type: 'summary', summary: { ...s, totals: { ...s.totals, overdue: 2 } } });
        await frame.waitForFunction(() => [...document.querySelectorAll('.total dd')].some((d) => d.textContent === '2'));
        await page.keyboard.type('me');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'quick', 'the focus stayed in the quick pick');
        assert.equal(await page.locator('#quick').inputValue(), 'Kwame', 'every key went to the quick pick');
      } finally {
        workbench.close();
      }
    });
  }

  it('messages that are not the protocol are dropped', async () => {
    await open();
    await host({ type: 'summary', summary: { today: TODAY, weeks: [], totals: {}, reports: [{ id: 'x', name: 5, cells: [], goals: [] }] } });
    await host({ type: 'notice', text: 'Copied.' });
    await page.waitForSelector('#banner');
    assert.equal(await page.locator('[role="row"]').count(), 3, 'the bad summary was not drawn');
  });


  for (const theme of THEMES) {
    it(`axe-core finds no violation in ${theme}; the heatmap's states take the theme's chart colours`, async () => {
      await open();
      const t = await applyTheme(page, theme);
      assert.ok(t.bodyClass.includes('vscode-'), 'a theme class on the body');
      const fills = await page.evaluate(() => Object.fromEntries(['held', 'missed'].map((s) => [s, getComputedStyle(document.querySelector(`rect.cell.${s}`)).fill])));
      assert.notEqual(fills.held, fills.missed);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe-core in ${theme}:\n${violations.join('\n')}`);
      if (process.env.DASHBOARD_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.DASHBOARD_SCREENSHOTS, `dashboard-${theme}.png`), fullPage: true });
    });
  }
});
