import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { TeamChecker } from '../../src/core/checker';
import { addDays } from '../../src/core/dates';
import { loadFormContext } from '../../src/core/form/context';
import type { FileContent } from '../../src/core/fs';
import { meetingYaml, reportFiles, TODAY, weekly } from './helpers/builders';
import { MemoryFileSystem } from './helpers/memoryFs';

const d = (offset: number): string => addDays(TODAY, offset);
const ROOT = path.resolve(__dirname, '../../..');

/** A disk whose read of one file answers with what it held when asked, but only once the test lets it. */
class GatedFileSystem extends MemoryFileSystem {
  gated: string | undefined;
  private open: (() => void) | undefined;
  reached: Promise<void> | undefined;
  private reachedNow: (() => void) | undefined;

  arm(path: string): void {
    this.gated = path;
    this.reached = new Promise((r) => (this.reachedNow = r));
  }

  release(): void {
    this.open?.();
  }

  override async readFile(path: string): Promise<FileContent> {
    const content = await super.readFile(path);
    if (path !== this.gated) return content;
    this.gated = undefined;
    await new Promise<void>((r) => {
      this.open = r;
      this.reachedNow?.();
    });
    return content;
  }
}

describe('query layer', () => {
  const team = {
    ...reportFiles('ana', { name: 'Ana', meetings: weekly(d(-16), 3) }),
    ...reportFiles('bo', { name: 'Bo', meetings: weekly(d(-2), 3) }),
  };

  it('builds each report\'s snapshot once per version, however many views read it', async () => {
    const checker = await TeamChecker.open(new MemoryFileSystem(team), { today: TODAY });
    const q = checker.queries;
    const before = q.stats.snapshotsBuilt;
    for (let i = 0; i < 3; i++) {
      q.report('ana');
      q.report('bo');
      q.weekAhead();
      q.overdue();
      q.goalGroups();
      q.byUrgency();
    }
    assert.equal(q.stats.snapshotsBuilt - before, 2);
    assert.equal(q.report('nobody'), undefined);
    assert.equal(q.report('ana'), q.report('ana'), 'the same snapshot object until a change');
  });

  it('a change to one report rebuilds that report\'s snapshot only; the others are kept (a step of the load, a save)', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 30; i++) Object.assign(many, reportFiles(`r${i}`, { name: `R ${i}`, meetings: weekly(d(i % 3 === 0 ? -20 : -2), 3) }));
    const fs = new MemoryFileSystem(many);
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const q = checker.queries;
    const overdueBefore = q.overdue().map((s) => s.id);
    const kept = q.report('r1');
    const built = q.stats.snapshotsBuilt;
    fs.write(`r0/meetings/${d(-1)}.yaml`, meetingYaml(d(-1)));
    await checker.applyChange(`r0/meetings/${d(-1)}.yaml`, 'created');
    // The status bar, the trees and the dashboard read every report again after the change.
    const overdueAfter = q.overdue().map((s) => s.id);
    q.byUrgency();
    assert.equal(q.stats.snapshotsBuilt - built, 1, 'only r0 built again');
    assert.equal(q.report('r1'), kept, 'r1 is the same snapshot');
    assert.deepEqual(overdueAfter, overdueBefore.filter((id) => id !== 'r0'), 'r0 is no longer overdue: its snapshot is new');
    // A new day is a new snapshot for everyone (days since the last 1:1 changed).
    await checker.setToday(d(1));
    q.overdue();
    assert.equal(q.stats.snapshotsBuilt - built, 31);
    // A report that goes takes its snapshot with it.
    for (const f of Object.keys(many)) if (f.startsWith('r2/')) fs.delete(f);
    await checker.applyChange('r2', 'deleted');
    assert.equal(q.report('r2'), undefined);
  });

  it('a change, a new day or new settings give a new version and new answers', async () => {
    const fs = new MemoryFileSystem(team);
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const q = checker.queries;
    assert.deepEqual(q.overdue().map((s) => s.id), ['ana']);
    let v = q.version;
    fs.write(`ana/meetings/${d(-1)}.yaml`, meetingYaml(d(-1)));
    await checker.applyChange(`ana/meetings/${d(-1)}.yaml`, 'created');
    assert.notEqual(q.version, v);
    assert.deepEqual(q.overdue().map((s) => s.id), []);
    assert.equal(q.report('ana')!.view.description, 'last 1:1 yesterday · weekly');
    v = q.version;
    await checker.setToday(d(20));
    assert.notEqual(q.version, v);
    assert.deepEqual(q.overdue().map((s) => s.id), ['bo', 'ana'], 'most overdue first');
    v = q.version;
    await checker.setSettings({ severities: { 'cadence-overdue': 'off' } });
    assert.notEqual(q.version, v);
    assert.deepEqual(q.problems().filter((p) => p.rule === 'cadence-overdue'), []);
    assert.deepEqual(q.overdue().map((s) => s.id), ['bo', 'ana'], 'health does not depend on the settings');
  });

  it('a history page parsed while a change waits is never kept over the change (one line for both)', async () => {
    const old = d(-16 - 7 * 30);
    const files = reportFiles('ana', { meetings: weekly(d(-2), 40) });
    const fs = new GatedFileSystem(files);
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const q = checker.queries;
    const file = `ana/meetings/${old}.yaml`;
    assert.ok(!fs.reads.includes(file), 'outside the rules\' window');
    fs.arm(file);
    const first = q.historyPage('ana', 50);
    await fs.reached; // the page's read of the old 1:1 has started, and holds the file as it was
    fs.write(file, meetingYaml(old, { status: 'skipped' }));
    const change = checker.applyChange(file, 'changed');
    await new Promise((r) => setTimeout(r, 10)); // the change gets every chance to run now
    fs.release();
    const [page] = await Promise.all([first, change]);
    assert.equal(page!.rows.find((r) => r.file === file)!.state, 'held', 'the page asked before the change shows the file before it');
    const after = await q.historyPage('ana', 50);
    assert.equal(after!.rows.find((r) => r.file === file)!.state, 'skipped', 'and the change is not lost behind it');
    assert.equal(after!.total, 40);
  });

  it('the form\'s context: what loadFormContext says, parsed once per version', async () => {
    const fs = new MemoryFileSystem(reportFiles('ana', { name: 'Ana', meetings: weekly(d(-2), 20) }));
    const checker = await TeamChecker.open(fs, { today: TODAY });
    const path = `ana/meetings/${d(-2 - 7 * 12)}.yaml`;
    const ctx = await checker.queries.formContext(path);
    assert.equal(ctx!.reportName, 'Ana');
    assert.equal(ctx!.earlier.length, 7);
    const reads = fs.reads.length;
    assert.deepEqual(await checker.queries.formContext(path), ctx);
    assert.equal(fs.reads.length, reads, 'not read again');
    assert.deepEqual(await loadFormContext(checker.index, path), ctx);
    assert.equal(await checker.queries.formContext('team.yaml'), undefined);
  });

  it('adapters (VS Code and the CLI) read through the queries only: no index and no checker outside the core and the service', () => {
    const pending = new Set<string>();
    const owner = new Set(['src/vscode/teamService.ts', 'src/vscode/queries.ts']);
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(path.join(ROOT, dir))) {
        const rel = `${dir}/${name}`;
        if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel);
        else if (rel.endsWith('.ts')) files.push(rel);
      }
    };
    walk('src/vscode');
    walk('src/cli');
    files.push('src/extension.ts', 'src/cli.ts');
    // The service's own parts (src/vscode/team/) drive the checker: they change it, the adapters read it.
    const offenders = files.filter((f) => !pending.has(f) && !owner.has(f) && !f.startsWith('src/vscode/team/')).filter((f) => {
      const code = readFileSync(path.join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return /\bindex\s*[?!]?\.\s*(report|reports|team|loadMeetings|loadedMeeting|displayName)\b|\.checker\b|checker[?!]?\.index\b/.test(code);
    });
    assert.deepEqual(offenders, []);
  });
});
