// The 1:1 form's webview page in real Chromium (playwright-core + Debian's /usr/bin/chromium), with a test host in
// place of VS Code: the very page the extension serves (webviewHtml with FORM_PAGE, the same CSP and bundle), `acquireVsCodeApi`
// stubbed to record what the page sends, and states built by the real core from meeting files.
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { applyTheme, axeViolations, servePage, THEMES } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const { FORM_PAGE } = require(path.join(ROOT, 'build/src/vscode/form/formPage.js'));
const { buildFormState } = require(path.join(ROOT, 'build/src/core/form/model.js'));
const { NAUGHTY_STRINGS } = require(path.join(ROOT, 'build/test/support/naughty.js'));
const { stringify } = require('yaml');

const MEETING = {
  date: '2026-11-24',
  status: 'planned',
  prep: {
    manager: {
      feedback: [
        { type: 'positive', text: 'Clear outage write-up', delivered: false },
        { type: 'negative', text: 'Answered for Sam twice', delivered: false },
      ],
      topics: ['How is mentoring going?'],
    },
    report: { topics: ['Lead planning'] },
  },
  goals: { 'mentor-sam': 'Two pairing sessions' },
  notes: 'Shared line\n',
  private: 'Consider for team lead\n',
  actions: [{ text: 'Share the planning template', owner: 'manager', due: '2026-11-26' }],
};

const CONTEXT = {
  reportName: 'Marta Nowak',
  cadence: 'weekly',
  cadenceDays: 7,
  earlier: [],
  goals: [{ id: 'mentor-sam', title: 'Mentor Sam', start: '2026-10-05', end: '2026-11-30', status: 'active', index: 0 }],
  goalLengthDays: 56,
  aspirations: ['Move into management'],
};

/**
 * The host's state for a meeting, as the real model builds it. The page's tests of other sections see the date as
 * text (`movable: false`); the header's own tests below ask for a movable 1:1.
 */
function state(meeting, { version = 1, context = CONTEXT, problems = [], readOnlyReason } = {}) {
  const s = buildFormState({ path: 'marta/meetings/2026-11-24.yaml', text: stringify(meeting), version, context, problems, readOnlyReason });
  return s.kind === 'form' ? { ...s, header: { ...s.header, movable: false } } : s;
}

describe('The 1:1 form page in Chromium', function () {
  this.timeout(60_000);
  const served = servePage(FORM_PAGE);
  let page;

  /** A fresh page with the stubbed VS Code API; it records messages, setState calls and CSP violations. */
  async function open() {
    page = await served.browser.newPage();
    const consoleErrors = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.addInitScript(() => {
      window.__sent = [];
      window.__setStates = [];
      window.__violations = [];
      // What VS Code's webview script does: a bubbling keydown listener on the window forwards every key to the
      // workbench ('did-keydown'), whatever defaultPrevented says. Here it records them.
      window.__forwarded = [];
      window.addEventListener('keydown', (e) => window.__forwarded.push(`${e.ctrlKey ? 'Control+' : ''}${e.altKey ? 'Alt+' : ''}${e.metaKey ? 'Meta+' : ''}${e.shiftKey ? 'Shift+' : ''}${e.key}`));
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__sent.push(JSON.parse(JSON.stringify(m))),
        getState: () => undefined,
        setState: (s) => window.__setStates.push(JSON.parse(JSON.stringify(s))),
      });
    });
    await page.goto(`${served.origin}/form.html`);
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
    return consoleErrors;
  }

  const host = (message) => page.evaluate((m) => window.postMessage(m, '*'), message);
  const sent = () => page.evaluate(() => window.__sent);
  const edits = async () => (await sent()).filter((m) => m.type === 'edit').map((m) => m.edit);
  /** Sends a state and waits until the page shows it (messages are delivered asynchronously). */
  async function show(s, ackSeq = 0) {
    await host({ type: 'state', state: s, ackSeq });
    await page.waitForSelector(`main[data-version="${s.version}"]:not([aria-busy])`);
  }

  afterEach(async () => {
    if (page) {
      const violations = await page.evaluate(() => window.__violations);
      await page.close();
      page = undefined;
      assert.deepEqual(violations, [], 'no CSP violation');
    }
  });

  it('sends ready, then renders every section of the meeting from the host’s state', async () => {
    const errors = await open();
    assert.equal((await sent())[0].type, 'ready');
    await show(state(MEETING));
    assert.equal(await page.textContent('h1'), 'Marta Nowak');
    assert.match(await page.textContent('.section-header .meta'), /1:1 on 2026-11-24 · no earlier 1:1 · cadence: every week/);
    const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(headings, ['Your prep', 'Their topics', 'Two-month goals', 'Notes', 'Action items']);
    assert.equal(await page.locator('vscode-text-field[aria-label="Feedback 2"]').evaluate((e) => e.value), 'Answered for Sam twice');
    assert.equal(await page.locator('vscode-text-area[aria-label="Shared notes"]').evaluate((e) => e.value), 'Shared line\n');
    assert.match(await page.textContent('.private-label'), /only for you/i);
    assert.match(await page.textContent('.goal'), /Mentor Sam · ends 2026-11-30 · 6 days left/);
    assert.equal(await page.locator('vscode-text-field[aria-label="Check-in on Mentor Sam"]').evaluate((e) => e.value), 'Two pairing sessions');
    assert.deepEqual(errors, []);
  });

  it('sends field edits addressed by the host’s ids: typing, checkboxes, choices, Enter, add, remove, Alt+↓', async () => {
    await open();
    const base = state(MEETING);
    await show(base);
    let version = 1;
    /** The host's answer to the last edit (the same file here): list edits wait for it. */
    const ack = async () => {
      const last = (await sent()).filter((m) => m.type === 'edit').pop();
      version += 1;
      await show({ ...base, version }, last.seq);
    };
    const count = (n) => page.waitForFunction((k) => window.__sent.filter((m) => m.type === 'edit').length >= k, n);
    await page.locator('vscode-text-area[aria-label="Shared notes"] textarea').click();
    await page.keyboard.press('End');
    await page.keyboard.type('We agreed on a plan.');
    await count(1);
    await page.locator('vscode-checkbox', { hasText: 'Delivered' }).first().click();
    await count(2);
    await page.locator('vscode-text-field[aria-label="Your topics 1"] input').press('Enter');
    await count(3);
    await ack();
    await page.locator('vscode-button', { hasText: '+ Add action item' }).click();
    await count(4);
    await ack();
    await page.locator('vscode-button[aria-label="Remove feedback 2"]').click();
    await count(5);
    await ack();
    await page.locator('vscode-dropdown[aria-label="Status"]').click();
    await page.locator('vscode-option[value="held"]').click();
    await count(6);
    await page.locator('vscode-text-field[aria-label="Feedback 1"] input').press('Alt+ArrowDown');
    await count(7);
    const got = await edits();
    assert.deepEqual(got[0], { op: 'set', field: 'notes', value: 'Shared line\nWe agreed on a plan.' });
    assert.deepEqual(got.slice(1), [
      { op: 'set', field: 'feedback/0/delivered', value: true },
      { op: 'add', list: 'managerTopics', after: 0 },
      { op: 'add', list: 'actions' },
      { op: 'remove', list: 'feedback', index: 1 },
      { op: 'set', field: 'status', value: 'held' },
      { op: 'move', list: 'feedback', index: 0, to: 1 },
    ]);
    const msgs = (await sent()).filter((m) => m.type === 'edit');
    assert.deepEqual(msgs.map((m) => m.seq), [1, 2, 3, 4, 5, 6, 7], 'each edit has the next seq');
    assert.deepEqual(msgs.map((m) => m.version), [1, 1, 1, 2, 3, 4, 4], 'edits name the version they were made on');
    assert.ok(msgs.every((m) => Object.keys(m).sort().join() === 'edit,seq,type,version'), 'no path, command or YAML in a message');
  });

  it('a double click on ✕ removes one item: list edits wait for the host’s answer', async () => {
    await open();
    await show(state(MEETING));
    await page.locator('vscode-button[aria-label="Remove feedback 1"]').dblclick();
    await page.locator('vscode-button[aria-label="Remove feedback 1"]').click();
    await page.waitForTimeout(300);
    assert.deepEqual(await edits(), [{ op: 'remove', list: 'feedback', index: 0 }]);
  });

  it('text typed while the layout changes is kept, keeps the focus, and is sent', async () => {
    await open();
    await show(state(MEETING));
    const notes = page.locator('vscode-text-area[aria-label="Shared notes"] textarea');
    await notes.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' and');
    // Meanwhile an action item is added in the text editor: the form is rebuilt while the typing is not sent yet.
    await show(state({ ...MEETING, actions: [...MEETING.actions, { text: 'From the text editor', owner: 'report' }] }, { version: 2 }), 0);
    await page.keyboard.type(' more');
    assert.equal(await page.locator('vscode-text-area[aria-label="Shared notes"] textarea').inputValue(), 'Shared line\n and more');
    assert.equal(await page.locator('vscode-text-field[aria-label="Action item 2"]').evaluate((e) => e.value), 'From the text editor');
    await page.waitForFunction(() => window.__sent.filter((m) => m.type === 'edit').length >= 2);
    const got = (await sent()).filter((m) => m.type === 'edit');
    assert.deepEqual(got[0], { type: 'edit', seq: 1, version: 1, edit: { op: 'set', field: 'notes', value: 'Shared line\n and' } }, 'what was typed before the rebuild is sent for the version it was typed on');
    assert.deepEqual(got[1].edit, { op: 'set', field: 'notes', value: 'Shared line\n and more' });
  });

  it('keys typed right after Enter go into the new item, not the one Enter was pressed in', async () => {
    await open();
    await show(state(MEETING));
    await page.locator('vscode-text-field[aria-label="Their topics 1"] input').press('Enter');
    await page.keyboard.type('Budget');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit' && m.edit.op === 'add'));
    const add = (await sent()).filter((m) => m.type === 'edit').pop();
    await show(state({ ...MEETING, prep: { ...MEETING.prep, report: { topics: ['Lead planning', ''] } } }, { version: 2 }), add.seq);
    await page.keyboard.type(' for the conference');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit' && m.edit.field === 'reportTopics/1'));
    assert.equal(await page.locator('vscode-text-field[aria-label="Their topics 1"] input').inputValue(), 'Lead planning');
    assert.equal(await page.locator('vscode-text-field[aria-label="Their topics 2"] input').inputValue(), 'Budget for the conference');
    const edits2 = (await edits()).filter((e) => e.op === 'set');
    assert.deepEqual(edits2.map((e) => e.field), ['reportTopics/1'], 'nothing was sent for the first topic');
    assert.equal(edits2[0].value, 'Budget for the conference');
  });

  it('typing names the version it started on, even after states came in meanwhile', async () => {
    await open();
    await show(state(MEETING));
    const notes = page.locator('vscode-text-area[aria-label="Shared notes"] textarea');
    await notes.click();
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    // Someone else changes the notes (the text editor) while the user types: the field keeps the typing...
    await show(state({ ...MEETING, notes: 'Changed elsewhere\n' }, { version: 2 }), 0);
    await page.keyboard.type('y');
    assert.equal(await notes.inputValue(), 'Shared line\nxy');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit'));
    // ...and the edit says it was made on version 1, so the host can see that the notes changed under it.
    assert.deepEqual((await sent()).filter((m) => m.type === 'edit').map((m) => [m.version, m.edit.value]), [[1, 'Shared line\nxy']]);
  });

  it('a checkbox ticked while the layout changes is sent once', async () => {
    await open();
    await show(state(MEETING));
    await page.locator('vscode-checkbox', { hasText: 'Done' }).first().click();
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit'));
    // An item is added in the text editor before the tick comes back: the form is rebuilt with the tick kept.
    await show(state({ ...MEETING, status: 'skipped' }, { version: 2 }), 0);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('vscode-checkbox', { hasText: 'Done' }).first().evaluate((e) => e.checked), true);
    assert.deepEqual(await edits(), [{ op: 'set', field: 'actions/0/done', value: true }]);
  });

  it('the nudge goes when the first feedback is typed, without disturbing the typing', async () => {
    await open();
    const noFeedback = { ...MEETING, prep: { ...MEETING.prep, manager: { feedback: [{ type: 'positive', text: '' }], topics: [] } } };
    await show(state(noFeedback));
    assert.equal(await page.locator('#nudge').isVisible(), true);
    await page.locator('vscode-text-field[aria-label="Feedback 1"] input').click();
    await page.keyboard.type('Clear');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit'));
    const first = (await sent()).filter((m) => m.type === 'edit')[0];
    await show(state({ ...noFeedback, prep: { ...noFeedback.prep, manager: { feedback: [{ type: 'positive', text: first.edit.value }], topics: [] } } }, { version: 2 }), first.seq);
    await page.keyboard.type(' write-up');
    assert.equal(await page.locator('#nudge').isVisible(), false);
    assert.equal(await page.locator('vscode-text-field[aria-label="Feedback 1"] input').inputValue(), 'Clear write-up');
  });

  it('a record full of naughty strings renders as text and runs nothing', async () => {
    const errors = await open();
    const n = NAUGHTY_STRINGS;
    const meeting = {
      ...MEETING,
      'skip-reason': n[0],
      status: 'skipped',
      kind: 'career',
      // Copies, so that the YAML has no anchors: every value is written out (and editable).
      prep: { manager: { feedback: n.map((t, i) => ({ type: i % 2 ? 'negative' : 'positive', text: t })), topics: [...n] }, report: { topics: [...n] } },
      goals: Object.fromEntries(n.slice(0, 8).map((t, i) => [`g${i}`, t])),
      notes: n.join('\n'),
      private: n.join('\n'),
      actions: n.map((t) => ({ text: t, owner: 'report', due: '2026-11-30' })),
    };
    const context = { ...CONTEXT, reportName: n[0], aspirations: n, goals: n.slice(0, 8).map((t, i) => ({ id: `g${i}`, title: t, start: '2026-11-01', status: i % 3 ? 'active' : 'done', aspiration: n[1], index: i })) };
    const problems = [{ file: 'marta/meetings/2026-11-24.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, rule: 'schema', severity: 'error', message: n[1] }];
    await show(state(meeting, { context, problems }));
    assert.equal(await page.textContent('h1'), n[0], 'the name is shown as the text it is');
    assert.deepEqual(await page.$$eval('.aspirations li', (ls) => ls.map((l) => l.textContent)), n, 'a career 1:1 shows the aspirations');
    assert.equal(await page.locator('.all-goals li').count(), 8, 'and all goals, active and past');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, script:not([src]), svg, iframe').length), 0, 'no element made from user text');
    const values = await page.$$eval('vscode-text-field[aria-label^="Their topics"]', (es) => es.map((e) => [e.value, e.disabled]));
    assert.deepEqual(values, n.map((t) => [t, false]));
    assert.equal(await page.locator('vscode-text-area[aria-label="Private notes (only for you)"]').evaluate((e) => e.value), n.join('\n'));
    const body = await page.evaluate(() => document.body.textContent);
    for (const s of n.slice(0, 6)) assert.ok(body.includes(s.replace(/\n/g, '')) || body.includes(s), `shown literally: ${s}`);
    assert.deepEqual(errors, []);
  });

  it('while the user types, a state from before their edit does not overwrite the field; the acknowledged one keeps it', async () => {
    await open();
    await show(state(MEETING));
    const notes = page.locator('vscode-text-area[aria-label="Shared notes"] textarea');
    await notes.click();
    await page.keyboard.press('End');
    await page.keyboard.type('typing');
    // The text editor changed another field meanwhile: the host sends a state that does not have the typing yet.
    await show(state({ ...MEETING, private: 'Changed in the text editor\n' }, { version: 2 }), 0);
    assert.equal(await notes.inputValue(), 'Shared line\ntyping');
    // The toolkit draws a value set from code on its next frame: wait for it before reading.
    const priv = page.locator('vscode-text-area[aria-label="Private notes (only for you)"] textarea');
    await priv.evaluate((e, want) => new Promise((resolve) => {
      let frames = 120; // about two seconds at most; the assertion below says what was there
      const check = () => (e.value === want || --frames <= 0 ? resolve() : requestAnimationFrame(check));
      check();
    }), 'Changed in the text editor\n');
    assert.equal(await priv.inputValue(), 'Changed in the text editor\n', 'the other field follows the file');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit'));
    const seq = (await sent()).filter((m) => m.type === 'edit').pop().seq;
    await show(state({ ...MEETING, notes: 'Shared line\ntyping', private: 'Changed in the text editor\n' }, { version: 3 }), seq);
    assert.equal(await notes.inputValue(), 'Shared line\ntyping');
    assert.ok(await notes.evaluate((e) => e.getRootNode().activeElement === e), 'focus stays in the field');
    assert.equal((await edits()).length, 1, 'the state coming back sends nothing');
  });

  it('every control is reachable with Tab; after Enter in a list item, the new item has the focus', async () => {
    await open();
    await show(state(MEETING));
    await page.locator('vscode-button', { hasText: 'Open in Text Editor' }).focus();
    const reached = new Set();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const a = document.activeElement;
        return a ? a.getAttribute('aria-label') || a.textContent.trim() : '';
      });
      reached.add(label);
    }
    for (const label of ['Status', 'Kind of 1:1', 'Feedback 1', 'Feedback 1: positive or negative', 'Delivered', 'Your topics 1', 'Their topics 1', 'Check-in on Mentor Sam', 'Shared notes', 'Private notes (only for you)', 'Action item 1', 'Action item 1: who', 'Action item 1: due date', 'Done', '+ Add feedback', '+ Add action item']) {
      assert.ok(reached.has(label), `Tab reaches ${label}; reached: ${[...reached].join(' | ')}`);
    }
    await page.locator('vscode-text-field[aria-label="Their topics 1"] input').press('Enter');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit' && m.edit.op === 'add'));
    const seq = (await sent()).filter((m) => m.type === 'edit').pop().seq;
    await show(state({ ...MEETING, prep: { ...MEETING.prep, report: { topics: ['Lead planning', ''] } } }, { version: 2 }), seq);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Their topics 2');
    await page.keyboard.type('Conference budget');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit' && m.edit.field === 'reportTopics/1'));
    assert.deepEqual((await edits()).pop(), { op: 'set', field: 'reportTopics/1', value: 'Conference budget' });
  });

  it('a file that does not parse shows its errors and a way to the text editor, and no form', async () => {
    await open();
    await show({ kind: 'broken', version: 4, errors: [{ line: 3, message: 'Missing closing "quote' }] });
    assert.match(await page.textContent('.broken'), /Line 3: Missing closing "quote/);
    assert.equal(await page.locator('vscode-text-field, vscode-text-area').count(), 0);
    await page.locator('vscode-button', { hasText: 'Open in Text Editor' }).click();
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'openText'));
  });

  it('read-only in Restricted Mode; a refused edit is shown; setState holds no people data', async () => {
    await open();
    await show(state(MEETING, { readOnlyReason: 'Restricted Mode: trust this workspace.' }));
    assert.match(await page.textContent('.readonly'), /Restricted Mode/);
    assert.equal(await page.locator('vscode-text-area[aria-label="Shared notes"]').evaluate((e) => e.disabled), true);
    assert.equal(await page.locator('vscode-button', { hasText: '+ Add feedback' }).count(), 0);
    await host({ type: 'refused', seq: 1, message: 'The 1:1 changed in the text editor meanwhile.' });
    assert.match(await page.textContent('#banner'), /changed in the text editor/);
    await page.evaluate(() => window.scrollTo(0, 400));
    await page.waitForFunction(() => window.__setStates.length > 0);
    const saved = await page.evaluate(() => window.__setStates);
    assert.ok(saved.every((s) => Object.keys(s).join() === 'scrollY' && typeof s.scrollY === 'number'), JSON.stringify(saved));
  });

  it('shows each problem next to its field, and file problems at the top', async () => {
    await open();
    const text = stringify(MEETING);
    const at = (needle) => {
      const lines = text.slice(0, text.indexOf(needle)).split('\n');
      return { line: lines.length - 1, character: lines[lines.length - 1].length };
    };
    const problem = (needle, rule, severity, message) => ({ file: 'marta/meetings/2026-11-24.yaml', range: { start: at(needle), end: at(needle) }, rule, severity, message });
    const s = buildFormState({
      path: 'marta/meetings/2026-11-24.yaml', text, version: 1, context: CONTEXT,
      problems: [
        problem('How is mentoring', 'status-update', 'hint', 'Reads like a status update.'),
        problem('due:', 'schema', 'error', 'Bad due date.'),
        problem('date:', 'prep-missing', 'warning', 'No prep yet.'),
        { file: 'marta/meetings/2026-11-24.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, rule: 'unknown-key', severity: 'hint', message: 'About the file.' },
      ],
    });
    await show(s);
    const where = (message) => page.locator('.problem', { hasText: message }).evaluate((e) => e.closest('[data-target]').dataset.target);
    assert.equal(await where('Reads like a status update.'), 'managerTopics/0');
    assert.equal(await where('Bad due date.'), 'actions/0/due');
    assert.equal(await where('No prep yet.'), 'prep');
    assert.match(await page.locator('.problem', { hasText: 'Bad due date.' }).textContent(), /^Error: /);
  });

  it('ignores messages that are not the host’s protocol', async () => {
    await open();
    await show(state(MEETING));
    await host({ type: 'state', state: '<img src=x onerror=window.__pwned=1>' });
    await host({ type: 'html', html: '<img src=x onerror=window.__pwned=1>' });
    await host('<img src=x onerror=window.__pwned=1>');
    assert.equal(await page.textContent('h1'), 'Marta Nowak');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Keys: a chord never changes a value, and still reaches VS Code; a dropdown changes only when the user confirms.

  /** Every control's visible value, as a user would read it off the page. */
  const snapshot = () => page.evaluate(() => [...document.querySelectorAll('vscode-text-field, vscode-text-area, vscode-dropdown, vscode-checkbox')]
    .map((e) => `${e.tagName}|${e.getAttribute('aria-label') ?? e.textContent.trim()}|${e.tagName === 'VSCODE-CHECKBOX' ? e.checked : e.value}|${e.tagName === 'VSCODE-DROPDOWN' ? e.displayValue : ''}`));
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  /** What left the page besides `ready`; typing not yet sent goes out first, as when the user leaves the page. */
  const leftThePage = async () => {
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    return (await sent()).filter((m) => m.type !== 'ready');
  };

  const CHORDS = ['Control+s', 'Control+Shift+s', 'Control+z', 'Control+Shift+z', 'Control+y', 'Meta+z', 'Control+Shift+p', 'Control+p', 'Control+h',
    'Control+n', 'Control+k', 'Alt+s', 'Alt+h', 'Meta+s', 'Control+Space', 'Alt+Space', 'Control+Enter', 'Alt+Enter', 'Meta+Enter', 'Control+ArrowDown', 'Control+End', 'Control+c'];
  const HELD = { ...MEETING, status: 'held' };
  const CONTROLS = {
    'the Status dropdown': 'vscode-dropdown[aria-label="Status"]',
    'the Kind dropdown': 'vscode-dropdown[aria-label="Kind of 1:1"]',
    'a feedback type dropdown': 'vscode-dropdown[aria-label="Feedback 1: positive or negative"]',
    'an action owner dropdown': 'vscode-dropdown[aria-label="Action item 1: who"]',
    'the Delivered checkbox': 'vscode-checkbox >> nth=0',
    'the Done checkbox': 'vscode-checkbox:has-text("Done")',
    'a text field': 'vscode-text-field[aria-label="Feedback 1"] input',
    'a due date field': 'vscode-text-field[aria-label="Action item 1: due date"] input',
    'a text area': 'vscode-text-area[aria-label="Shared notes"] textarea',
    'a remove button': 'vscode-button[aria-label="Remove feedback 1"]',
    'a move button': 'vscode-button[aria-label="Move feedback 1 down"]',
    'an add button': 'vscode-button:has-text("+ Add feedback")',
    'the Open in Text Editor button': 'vscode-button:has-text("Open in Text Editor")',
  };

  for (const [name, selector] of Object.entries(CONTROLS)) {
    it(`no chord changes a value from ${name}, and every chord still reaches VS Code`, async () => {
      await open();
      await show(state(HELD));
      await frames();
      const control = page.locator(selector);
      if (/ (input|textarea)$/.test(selector)) {
        // Something typed first, so that the browser's own undo (Ctrl+Z in a text field) would have a value to change.
        await control.focus();
        await page.keyboard.press('End');
        await page.keyboard.type(' typed');
      }
      const already = (await leftThePage()).length;
      const before = await snapshot();
      for (const chord of CHORDS) {
        await control.focus();
        await page.keyboard.press(chord);
      }
      await frames();
      assert.deepEqual((await leftThePage()).slice(already), [], 'no edit (nor any other message) left the page');
      assert.deepEqual(await snapshot(), before, 'no visible value changed');
      const forwarded = await page.evaluate(() => window.__forwarded);
      for (const chord of CHORDS) {
        const want = chord.replace('Space', ' ');
        assert.ok(forwarded.includes(want), `${chord} reached the window's bubbling listener (VS Code's forwarding); got ${JSON.stringify(forwarded)}`);
      }
    });
  }

  it('Ctrl+S on the Status dropdown of a held 1:1 keeps held; typing s there still picks Skipped (type-ahead stays)', async () => {
    await open();
    await show(state(HELD));
    await frames();
    await page.locator('vscode-dropdown[aria-label="Status"]').focus();
    await page.keyboard.press('Control+s');
    await frames();
    assert.deepEqual(await leftThePage(), []);
    assert.equal(await page.locator('vscode-dropdown[aria-label="Status"]').evaluate((e) => e.value), 'held');
    await page.keyboard.press('s');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'edit'));
    assert.deepEqual(await edits(), [{ op: 'set', field: 'status', value: 'skipped' }]);
  });

  const DROPDOWNS = [
    ['Status', 'status'],
    ['Kind of 1:1', 'kind'],
    ['Feedback 1: positive or negative', 'feedback/0/type'],
    ['Action item 1: who', 'actions/0/owner'],
  ];
  /** The arrow key that highlights another option than the current one, and that option's value. */
  const another = (label) => page.locator(`vscode-dropdown[aria-label="${label}"]`).evaluate((e) => {
    const values = [...e.querySelectorAll('vscode-option')].map((o) => o.getAttribute('value'));
    const i = values.indexOf(e.value);
    return i + 1 < values.length ? ['ArrowDown', values[i + 1]] : ['ArrowUp', values[i - 1]];
  });

  for (const [label, field] of DROPDOWNS) {
    it(`Escape (or Tab, or leaving it) closes the ${label} dropdown with the value it had when opened`, async () => {
      await open();
      await show(state(HELD));
      await frames();
      const before = await snapshot();
      const dropdown = page.locator(`vscode-dropdown[aria-label="${label}"]`);
      const [arrow] = await another(label);
      for (const close of ['Escape', 'Tab', 'leave']) {
        await dropdown.focus();
        await page.keyboard.press('Space');
        await page.waitForFunction((l) => document.querySelector(`vscode-dropdown[aria-label="${l}"]`).open, label);
        await page.keyboard.press(arrow);
        if (close === 'leave') await page.locator('vscode-text-area[aria-label="Shared notes"] textarea').click();
        else await page.keyboard.press(close);
        await frames();
        assert.equal(await dropdown.evaluate((e) => e.open), false, `${close} closed the list`);
        assert.deepEqual(await snapshot(), before, `after ${close}, the dropdown shows the value it had`);
      }
      assert.deepEqual(await leftThePage(), [], `no edit of ${field} was sent`);
    });

    it(`Enter, Space on an option and a click still change the ${label} dropdown`, async () => {
      await open();
      await show(state(HELD));
      await frames();
      const dropdown = page.locator(`vscode-dropdown[aria-label="${label}"]`);
      const original = await dropdown.evaluate((e) => e.value);
      const [arrow, other] = await another(label);
      await dropdown.focus();
      await page.keyboard.press('Space');
      await page.keyboard.press(arrow);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__sent.filter((m) => m.type === 'edit').length >= 1);
      assert.equal(await dropdown.evaluate((e) => e.value), other);
      // Back with Space on the highlighted option (after the type-ahead pause Space is a confirm, not a letter).
      await page.keyboard.press('Space');
      await page.keyboard.press(arrow === 'ArrowDown' ? 'ArrowUp' : 'ArrowDown');
      await page.waitForTimeout(1100); // FAST's type-ahead window (1 s): until it ends, Space is typed as a letter
      await page.keyboard.press('Space');
      await page.waitForFunction(() => window.__sent.filter((m) => m.type === 'edit').length >= 2);
      await dropdown.click();
      await dropdown.locator(`vscode-option[value="${other}"]`).click();
      await page.waitForFunction(() => window.__sent.filter((m) => m.type === 'edit').length >= 3);
      assert.deepEqual(await edits(), [
        { op: 'set', field, value: other },
        { op: 'set', field, value: original },
        { op: 'set', field, value: other },
      ]);
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The header: move the 1:1 to another day, leave days, no nudge for a skipped 1:1.

  /** A state whose header says what the host says of a 1:1 that can be moved (a dated file, an editable form). */
  const movable = (meeting = MEETING, version = 1, extra = {}) => {
    const s = state(meeting, { version });
    return { ...s, header: { ...s.header, movable: true, ...extra } };
  };
  const dateInput = () => page.locator('vscode-text-field[aria-label="Date of this 1:1 (YYYY-MM-DD)"] input');
  const moves = async () => (await sent()).filter((m) => m.type === 'moveDate');

  it('a movable 1:1 shows its date as a field; a bad date is shown as invalid and not sent; a good one is sent on Enter, once', async () => {
    await open();
    await show(state(MEETING));
    assert.equal(await dateInput().count(), 0, 'no date field when the host says the 1:1 cannot be moved');
    assert.match(await page.textContent('.section-header .meta'), /1:1 on 2026-11-24/);
    await show(movable(MEETING, 2));
    assert.equal(await dateInput().inputValue(), '2026-11-24');
    assert.equal(await page.locator('.date-invalid').isVisible(), false);
    for (const bad of ['2026-02-30', '2026-1-5', 'next week', '']) {
      await dateInput().fill(bad);
      await dateInput().press('Enter');
      assert.equal(await page.locator('.date-invalid').isVisible(), true, `${JSON.stringify(bad)} is shown as not a date`);
      assert.equal(await page.locator('vscode-text-field[aria-label="Date of this 1:1 (YYYY-MM-DD)"]').getAttribute('aria-invalid'), 'true');
    }
    await dateInput().fill('2026-11-26');
    assert.equal(await page.locator('.date-invalid').isVisible(), false, 'a date stops looking bad as soon as it is one');
    await dateInput().press('Enter');
    await page.keyboard.press('Tab'); // leaving the field after Enter does not send it again
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'moveDate'));
    await frames();
    assert.deepEqual(await moves(), [{ type: 'moveDate', date: '2026-11-26' }]);
    assert.deepEqual(await edits(), [], 'a move is no field edit');
    // The host moved it: the new state has the new date, and the field shows it.
    await show(movable({ ...MEETING, date: '2026-11-26' }, 3));
    assert.equal(await dateInput().inputValue(), '2026-11-26');
  });

  it('leaving the date field confirms a new date; a refusal shows in the banner and the field returns to the 1:1’s date', async () => {
    await open();
    await show(movable());
    await dateInput().fill('2026-12-01');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'moveDate'));
    assert.deepEqual(await moves(), [{ type: 'moveDate', date: '2026-12-01' }]);
    await host({ type: 'refused', seq: 0, message: 'Marta already has a 1:1 note on 2026-12-01.' });
    await page.waitForFunction(() => document.getElementById('banner')?.textContent.includes('already has'));
    assert.equal(await page.locator('#banner').isVisible(), true);
    // The toolkit draws a value set from code on its next frame.
    await page.waitForFunction(() => document.querySelector('vscode-text-field[aria-label="Date of this 1:1 (YYYY-MM-DD)"]')?.shadowRoot?.querySelector('input')?.value === '2026-11-24', null, { timeout: 5000 })
      .catch(() => undefined);
    assert.equal(await dateInput().inputValue(), '2026-11-24');
    // The same day can be asked for again (after, say, the other note was removed).
    await dateInput().fill('2026-12-01');
    await dateInput().press('Enter');
    await page.waitForFunction(() => window.__sent.filter((m) => m.type === 'moveDate').length === 2);
  });

  it('the date field is reachable with Tab, and read-only forms have none', async () => {
    await open();
    await show(movable());
    await page.locator('vscode-button', { hasText: 'Open in Text Editor' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Date of this 1:1 (YYYY-MM-DD)');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Status');
    const ro = state(MEETING, { version: 2, readOnlyReason: 'Restricted Mode: trust this workspace.' });
    await show({ ...ro, header: { ...ro.header, movable: true } });
    assert.equal(await dateInput().count(), 0);
  });

  it('the days since the previous 1:1 say how many days of leave were not counted', async () => {
    await open();
    const s = state(MEETING);
    await show({ ...s, header: { ...s.header, daysSincePrevious: 12, previousDate: '2026-10-20', leaveDaysSincePrevious: 14 } });
    assert.match(await page.textContent('.section-header .meta'), /12 days since the previous 1:1 \(2026-10-20\), 14 days of leave not counted/);
    await show({ ...s, version: 2, header: { ...s.header, daysSincePrevious: 7, previousDate: '2026-11-17', leaveDaysSincePrevious: 0 } });
    const meta = await page.textContent('.section-header .meta');
    assert.match(meta, /7 days since the previous 1:1 \(2026-11-17\)/);
    assert.doesNotMatch(meta, /leave/);
    await show({ ...s, version: 3, header: { ...s.header, daysSincePrevious: 8, previousDate: '2026-11-15', leaveDaysSincePrevious: 1 } });
    assert.match(await page.textContent('.section-header .meta'), /8 days since the previous 1:1 \(2026-11-15\), 1 day of leave not counted/);
  });

  it('a skipped 1:1 shows no “no feedback prepared” nudge; a planned one does', async () => {
    await open();
    const noFeedback = { ...MEETING, prep: { ...MEETING.prep, manager: { feedback: [], topics: [] } } };
    await show(state(noFeedback));
    assert.equal(await page.locator('#nudge').isVisible(), true);
    await show(state({ ...noFeedback, status: 'skipped', 'skip-reason': 'Offsite' }, { version: 2 }));
    assert.equal(await page.locator('#nudge').isVisible(), false);
    await show(state({ ...noFeedback, status: 'planned' }, { version: 3 }));
    assert.equal(await page.locator('#nudge').isVisible(), true);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Career conversations (issue #15): a goal per aspiration once the career 1:1 is held, the question bank, buddies.
  const CAREER_CONTEXT = { ...CONTEXT, aspirations: ['Move into management', 'Talk <b>to</b> sales'], buddyOf: [{ name: 'Ana <i>', title: 'Ship a mobile change' }] };
  const offerButtons = () => page.locator('vscode-button.aspiration-goal');

  it('a held career 1:1 offers “Add a two-month goal for this aspiration” per aspiration, and sends which one', async () => {
    await open();
    await show(state({ ...MEETING, kind: 'career' }, { context: CAREER_CONTEXT }));
    assert.equal(await offerButtons().count(), 0, 'not while the career 1:1 is planned');
    await show(state({ ...MEETING, status: 'held' }, { context: CAREER_CONTEXT, version: 2 }));
    assert.equal(await offerButtons().count(), 0, 'not in a regular 1:1');
    await show(state({ ...MEETING, status: 'held', kind: 'career' }, { context: CAREER_CONTEXT, version: 3 }));
    assert.equal(await offerButtons().count(), 2);
    assert.deepEqual(await page.$$eval('.aspirations li', (ls) => ls.map((l) => l.firstChild.textContent)), ['Move into management', 'Talk <b>to</b> sales'], 'aspirations as text');
    assert.equal(await offerButtons().nth(1).getAttribute('aria-label'), 'Add a two-month goal for this aspiration: Talk <b>to</b> sales');
    await offerButtons().nth(1).click();
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'addGoalForAspiration'));
    assert.deepEqual((await sent()).filter((m) => m.type === 'addGoalForAspiration'), [{ type: 'addGoalForAspiration', index: 1 }]);
    // Keyboard: Tab reaches the first offer, Enter sends it.
    await page.locator('vscode-text-field[aria-label="Action item 1: due date"]').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Add a two-month goal for this aspiration: Move into management');
    }
    assert.ok(reached, 'Tab reaches the offer');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.filter((m) => m.type === 'addGoalForAspiration').length === 2);
    assert.deepEqual((await sent()).filter((m) => m.type === 'addGoalForAspiration').pop(), { type: 'addGoalForAspiration', index: 0 });
    // Read-only (Restricted Mode): nothing offered.
    await show(state({ ...MEETING, status: 'held', kind: 'career' }, { context: CAREER_CONTEXT, version: 4, readOnlyReason: 'Restricted Mode' }));
    assert.equal(await offerButtons().count(), 0);
  });

  it('“Add from question bank…” asks the host for the bank, by mouse and by keyboard; a read-only form has none', async () => {
    await open();
    await show(state(MEETING, { context: CAREER_CONTEXT }));
    const bank = page.locator('vscode-button', { hasText: 'Add from question bank…' });
    assert.equal(await bank.count(), 1);
    await bank.click();
    await bank.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__sent.filter((m) => m.type === 'questionBank').length === 2);
    assert.deepEqual((await sent()).filter((m) => m.type === 'questionBank'), [{ type: 'questionBank' }, { type: 'questionBank' }]);
    // The goals a report is the buddy on are shown with the goals, as text.
    assert.deepEqual(await page.$$eval('.buddy-of li', (ls) => ls.map((l) => l.textContent)), ['buddy for Ana <i>: Ship a mobile change']);
    await show(state(MEETING, { context: CAREER_CONTEXT, version: 2, readOnlyReason: 'Restricted Mode' }));
    assert.equal(await page.locator('vscode-button', { hasText: 'Add from question bank…' }).count(), 0);
  });

  // Accessibility: an axe-core audit in the four default themes, with the theme VS Code really gives a webview
  // (test/webview/themes/*.json, captured from code-server by capture.mjs there).

  /** A form with every section: a career 1:1, problems of each kind, a one-sided balance, private notes, carried actions, a read-only field. */
  function fullForm() {
    const meeting = { ...MEETING, kind: 'career', notes: ['a list', 'where text belongs'], prep: { ...MEETING.prep, manager: { feedback: [], topics: ['How is mentoring going?'] } },
      actions: [...MEETING.actions, { text: 'Book the conference', owner: 'report', due: '2026-11-20', done: false }] };
    const context = { ...CONTEXT, goals: [...CONTEXT.goals, { id: 'talk', title: 'Give a talk', start: '2026-08-01', end: '2026-09-26', status: 'done', index: 1 },
      { id: 'blog', title: 'Write a blog post', start: '2026-06-01', end: '2026-07-27', status: 'dropped', index: 2 }] };
    const text = stringify(meeting);
    const at = (needle) => {
      const lines = text.slice(0, text.indexOf(needle)).split('\n');
      return { line: lines.length - 1, character: lines[lines.length - 1].length };
    };
    const problem = (needle, rule, severity, message) => ({ file: 'marta/meetings/2026-11-24.yaml', range: { start: at(needle), end: at(needle) }, rule, severity, message });
    const s = buildFormState({ path: 'marta/meetings/2026-11-24.yaml', text, version: 1, context, problems: [
      problem('How is mentoring', 'status-update', 'hint', 'Reads like a status update: ask about growth instead.'),
      problem('due:', 'schema', 'error', 'Bad due date.'),
      problem('date:', 'prep-missing', 'warning', 'No feedback prepared yet.'),
      problem('Book the', 'overdue-action', 'info', 'Was due before this 1:1.'),
    ] });
    return {
      ...s,
      header: { ...s.header, movable: true, daysSincePrevious: 12, previousDate: '2026-10-20', leaveDaysSincePrevious: 14 },
      balance: { positive: 4, negative: 0, meetings: 3 },
      actions: { ...s.actions, rows: s.actions.rows.map((r, i) => (i === 1 ? { ...r, carriedFrom: '2026-11-10' } : r)) },
    };
  }

  for (const theme of THEMES) {
    it(`axe-core finds no violation of any kind in ${theme}, for a form with every section`, async () => {
      await open();
      await applyTheme(page, theme);
      const s = fullForm();
      await show(s);
      assert.equal(await page.locator('vscode-text-area[aria-label="Shared notes"]').evaluate((e) => e.disabled), true, 'a read-only field is there');
      assert.equal(await page.locator('.balance.one-sided').count(), 1);
      assert.equal(await page.locator('.badge', { hasText: 'carried over from 2026-11-10' }).count(), 1, 'a carried action');
      assert.equal(await page.locator('.section-career').count(), 1);
      // A bad date shown as such, and a banner, are part of the page too.
      await dateInput().fill('2026-02-30');
      await dateInput().press('Enter');
      await host({ type: 'refused', seq: 1, message: 'The 1:1 changed in the text editor meanwhile.' });
      await page.waitForSelector('#banner');
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.activeElement?.blur());
      await frames();
      for (const severity of ['error', 'warning', 'info', 'hint']) assert.ok(await page.locator(`.problem.severity-${severity}`).count() > 0, `a problem line of ${severity}`);
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe-core in ${theme}:\n${violations.join('\n')}`);
      if (process.env.FORM_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.FORM_SCREENSHOTS, `form-${theme}.png`), fullPage: true });
    });
  }

  for (const theme of THEMES) {
    it(`axe-core finds no violation in ${theme} for a held career 1:1 with its offers, the question bank and buddy rows`, async () => {
      await open();
      await applyTheme(page, theme);
      await show(state({ ...MEETING, status: 'held', kind: 'career' }, { context: CAREER_CONTEXT }));
      assert.equal(await offerButtons().count(), 2);
      assert.equal(await page.locator('.buddy-of li').count(), 1);
      await page.mouse.move(0, 0);
      await frames();
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe-core in ${theme}:\n${violations.join('\n')}`);
      if (process.env.FORM_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.FORM_SCREENSHOTS, `career-${theme}.png`), fullPage: true });
    });
  }
});
