/**
 * The warm start (issue #17, src/core/warm/cache.ts) in the real extension host: a window reopened on an unchanged team
 * folder shows the last window's problems and rows before its own rules have run (its results for the day the window
 * is opened on, when that is a later day of the week); a file changed while the window was
 * closed makes its report wait for its own check; a corrupt cache is a cold load; the cache is kept in the
 * extension's storage, never in the team folder, and holds no private note.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { api, d, diagnostics, eventually, read, resetTeam, teamFile, write } from './helpers';

const CANARY = 'WARM-CANARY-41c9';

/**
 * Sets the modification time of every file and folder of the team folder (or only `only`) `minutesAgo` back: a file
 * or folder written just now is not vouched for (a second write within the clock's tick could keep its version).
 */
function backdate(minutesAgo: number, only?: string): void {
  const when = new Date(Date.now() - minutesAgo * 60_000);
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      if (!only || p === teamFile(only).fsPath) utimesSync(p, when, when);
    }
  };
  walk(teamFile('').fsPath);
}

/** Reopens the team as a new window would, with its rules held until `check` has looked at what shows meanwhile. */
async function reopenHeld(a: ExtensionApi, check: () => Promise<void>): Promise<void> {
  let release: () => void = () => undefined;
  a.holdFullCheck(new Promise<void>((resolve) => (release = resolve)));
  const loading = a.service.reload();
  try {
    await eventually(() => assert.ok(a.service.timeline.time('rows') !== undefined && a.service.timeline.time('checked') === undefined));
    await check();
    assert.equal(a.service.timeline.time('checked'), undefined, 'the rules were held throughout');
  } finally {
    release();
    a.holdFullCheck(undefined);
  }
  await loading;
}

/** The cache file once the load has written it (after its full check). */
async function cacheText(a: ExtensionApi): Promise<string> {
  const file = a.warmStartPath();
  assert.ok(file, 'the extension has storage on disk for this workspace');
  await a.service.idle();
  await eventually(() => assert.ok(existsSync(file)));
  return readFileSync(file, 'utf8');
}

describe('the warm start', () => {
  // A window of its own: no editor open on a team file (an old 1:1 open, or unsaved text, keeps that report out of
  // the warm start, by design: its problems cover more than the window, or the text is not on disk).
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetTeam();
  });

  it('a reopened, unchanged team shows the last problems and rows before its rules run; the cache is outside the team folder and holds no private note', async () => {
    const a = await api();
    const meeting = `ana-ferreira/meetings/${d(-12)}.yaml`;
    await write(meeting, `${await read(meeting)}private: ${CANARY} not for anyone else\n`);
    backdate(60);
    await a.service.reload(); // a cold load: it writes the warm start once its check is done
    const text = await cacheText(a);
    const file = a.warmStartPath() ?? '';
    for (const folder of vscode.workspace.workspaceFolders ?? []) assert.ok(!file.startsWith(folder.uri.fsPath + path.sep), 'not in the workspace');
    assert.deepEqual(Object.keys(JSON.parse(text).reports).sort(), ['ana-ferreira', 'bo-chen', 'cy'], 'every report\'s results are kept');
    assert.ok(text.includes('goal-expired'), 'Ana\'s expired goal among them');
    assert.ok(!text.includes(CANARY), 'no private note in the cache');

    await reopenHeld(a, async () => {
      await eventually(() => assert.notEqual(a.service.timeline.time('warm'), undefined));
      // The problems the last window found, in the Problems panel, with the rules still held.
      await eventually(() => {
        assert.equal(diagnostics('ana-ferreira/goals.yaml', 'goal-expired').length, 1);
        assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting').length, 1);
        assert.equal(diagnostics(`bo-chen/meetings/${d(-3)}.yaml`, 'unknown-key').length, 1);
      });
      // The rows say what they said, and the status bar counts Ana as overdue.
      assert.match(String(a.reports.getTreeItem({ kind: 'report', id: 'cy' }).description), /no 1:1 yet/);
      assert.match(String(a.reports.getTreeItem({ kind: 'report', id: 'ana-ferreira' }).description), /overdue/);
      await eventually(() => assert.equal(a.statusBar.text, '$(warning) 2 overdue 1:1s'));
    });
    // Then the real check: the same problems, its own.
    await eventually(() => {
      assert.equal(diagnostics('ana-ferreira/goals.yaml', 'goal-expired').length, 1);
      assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting').length, 1);
    });
  });

  it('a file changed while the window was closed: its report waits for its own check, the others show at once', async () => {
    const a = await api();
    backdate(60);
    await a.service.reload();
    await cacheText(a);
    // Changed "while the window was closed" (the reload below reads it afresh), an hour ago too: not the same version.
    await write('cy/report.yaml', `name: Cy\nsince: ${d(-20)}\nfavourite-colour: teal\n`);
    backdate(59, 'cy/report.yaml');
    await reopenHeld(a, async () => {
      await eventually(() => assert.equal(diagnostics('ana-ferreira/goals.yaml', 'goal-expired').length, 1));
      assert.deepEqual(diagnostics('cy/report.yaml'), [], 'nothing kept is shown for Cy: her report.yaml changed');
      assert.equal(a.reports.getTreeItem({ kind: 'report', id: 'cy' }).description, undefined, 'her row shows her name only');
    });
    await eventually(() => {
      assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting').length, 1);
      assert.ok(diagnostics('cy/report.yaml', 'unknown-key').some((x) => x.message.includes('favourite-colour')));
    });
  });

  it('a cache written earlier in the week: the window shows that cache\'s results for today, not those of the day it was written', async () => {
    const a = await api();
    backdate(60);
    await a.service.reload();
    const written = JSON.parse(await cacheText(a)) as { today: string; reports: Record<string, { days: unknown[] }> };
    // As if written three days ago: its first day says nothing is wrong, its fourth day (today) is what today's check found.
    const today = written.today;
    assert.equal(today, d(0));
    written.today = d(-3);
    for (const r of Object.values(written.reports)) {
      const first = r.days[0] as { findings: unknown[]; view: unknown };
      r.days = [{ ...first, findings: [] }, null, null, first];
    }
    writeFileSync(a.warmStartPath() ?? '', JSON.stringify(written));
    await reopenHeld(a, async () => {
      await eventually(() => assert.notEqual(a.service.timeline.time('warm'), undefined));
      await eventually(() => {
        assert.equal(diagnostics('ana-ferreira/goals.yaml', 'goal-expired').length, 1);
        assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting').length, 1);
      });
      await eventually(() => assert.equal(a.statusBar.text, '$(warning) 2 overdue 1:1s'));
    });
  });

  it('a corrupt cache is ignored (a cold load), and written anew after the load', async () => {
    const a = await api();
    const valid = await cacheText(a);
    const file = a.warmStartPath() ?? '';
    writeFileSync(file, valid.slice(0, Math.floor(valid.length / 2)));
    const corruptAt = statSync(file).mtimeMs;
    await reopenHeld(a, async () => {
      await eventually(async () => assert.equal((await a.reports.getChildren()).length, 3));
      // The cache is read right after the rows (milliseconds): a second is ample for it to have shown anything.
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(a.service.timeline.time('warm'), undefined, 'nothing was taken from it');
      assert.deepEqual(diagnostics('ana-ferreira/goals.yaml'), []);
    });
    await eventually(() => assert.equal(diagnostics('ana-ferreira/goals.yaml', 'goal-expired').length, 1));
    await eventually(() => assert.ok(statSync(file).mtimeMs > corruptAt && JSON.parse(readFileSync(file, 'utf8')).kind === 'one-on-ones-warm-start'));
  });
});
