/**
 * Red team of the warm start in the real extension host (issue #17): a forged cache file must never stop the load.
 * What the cache names is stat'ed through the extension's file system, which throws on a path that climbs out of the
 * team folder; an error there ended the load before the rules ran, and the cache that caused it was never rewritten.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { api, diagnostics, eventually, resetTeam, teamFile } from './helpers';

/** Sets every file of the team folder an hour back (a file written just now is not vouched for). */
function backdate(): void {
  const when = new Date(Date.now() - 60 * 60_000);
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) utimesSync(p, when, when);
    }
  };
  walk(teamFile('').fsPath);
}

describe('the warm start, red team', () => {
  before(resetTeam);

  it('a forged cache naming `../` as a kept 1:1: the load completes, the rules run, and the cache is written anew', async () => {
    const a = await api();
    backdate();
    await a.service.reload();
    const file = a.warmStartPath();
    assert.ok(file, 'the extension has storage on disk for this workspace');
    await a.service.idle();
    await eventually(() => assert.ok(JSON.parse(readFileSync(file, 'utf8')).reports['ana-ferreira']));
    const forged = JSON.parse(readFileSync(file, 'utf8'));
    forged.reports['ana-ferreira'].window.push(['../../cy/report.yaml', '1:1']);
    writeFileSync(file, JSON.stringify(forged));
    await a.service.reload();
    assert.notEqual(a.service.timeline.time('checked'), undefined, 'the rules ran');
    await eventually(() => assert.equal(diagnostics('ana-ferreira/goals.yaml', 'goal-expired').length, 1));
    await a.service.idle();
    await eventually(() => assert.ok(!readFileSync(file, 'utf8').includes('../../cy'), 'the forged cache is replaced'));
  });
});
