/**
 * The first load (issue #17, time to tree): the report rows come from the listing and the profiles, before the rules
 * have run; the problems follow. And the rescan when the window comes back after a long absence.
 */
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../../src/extension';
import { api, d, diagnostics, eventually, resetTeam, write } from './helpers';

describe('the first load', () => {
  before(resetTeam);

  it('shows the report rows, named from report.yaml, before the rules have run; the problems follow', async () => {
    const a: ExtensionApi = await api();
    let release: () => void = () => undefined;
    a.holdFullCheck(new Promise<void>((resolve) => (release = resolve)));
    const loading = a.service.reload();
    try {
      // The reload has reached the hold (it waits in the index's queue behind earlier work first).
      await eventually(() => assert.ok(a.service.timeline.time('rows') !== undefined && a.service.timeline.time('checked') === undefined));
      // The rules are held: the rows must show all the same, with the names from the profiles.
      await eventually(async () => {
        const rows = (await a.reports.getChildren()).flatMap((n) => (n.kind === 'report' ? [n.id] : []));
        assert.deepEqual(rows, ['ana-ferreira', 'bo-chen', 'cy']);
      });
      assert.equal(a.reports.getTreeItem({ kind: 'report', id: 'ana-ferreira' }).label, 'Ana Lúcia Ferreira');
      assert.equal(a.service.timeline.time('checked'), undefined, 'the full check has not run yet');
      // No facts from an unread history meanwhile: Cy's "no 1:1 yet" is not claimed before the rules say so.
      assert.deepEqual(diagnostics('cy/report.yaml', 'no-first-meeting'), []);
    } finally {
      release();
      a.holdFullCheck(undefined);
    }
    await loading;
    assert.notEqual(a.service.timeline.time('checked'), undefined);
    await eventually(() => assert.equal(diagnostics('cy/report.yaml', 'no-first-meeting').length, 1));
    await eventually(() => assert.equal(diagnostics('ana-ferreira/goals.yaml', 'goal-expired').length, 1));
    assert.match(String(a.reports.getTreeItem({ kind: 'report', id: 'cy' }).description), /no 1:1 yet/);
  });
});

describe('back after a long absence', () => {
  before(resetTeam);

  it('the window coming back after five minutes away rescans the folder: a change whose event was lost shows', async () => {
    const a = await api();
    const target = 'cy/report.yaml';
    // The reset's events arrive late and may arm a rescan: wait until they have stopped, then take that rescan now,
    // so that nothing rescans by itself from here.
    for (let seen = -1; seen !== a.service.timeline.watcherEvents;) {
      seen = a.service.timeline.watcherEvents;
      await new Promise((r) => setTimeout(r, 1500));
    }
    await a.service.flush();
    a.dropWatcherEvents((p) => p === target);
    try {
      await write(target, `name: Cy\nsince: ${d(-20)}\nfavourite-colour: teal\n`);
      // Nothing told the extension (the event was dropped, as while a laptop sleeps).
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(diagnostics(target, 'unknown-key').length, 0);
      const clock = Date.now();
      a.service.windowFocusChanged(false, clock);
      a.service.windowFocusChanged(true, clock + 4 * 60_000); // back after four minutes: no rescan
      await a.service.idle();
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(diagnostics(target, 'unknown-key').length, 0, 'no rescan after a short absence');
      a.service.windowFocusChanged(false, clock);
      a.service.windowFocusChanged(true, clock + 5 * 60_000);
      await eventually(() => assert.ok(diagnostics(target, 'unknown-key').some((x) => x.message.includes('favourite-colour')), 'the rescan found the change'));
    } finally {
      a.dropWatcherEvents(undefined);
    }
  });
});
