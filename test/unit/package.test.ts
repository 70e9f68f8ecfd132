import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';

const ROOT = path.resolve(__dirname, '../../..');
const VSCE = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  icon: string;
  scripts: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    walkthroughs: Array<{ id: string; title: string; steps: Array<{ id: string; title: string; description: string; media: Record<string, unknown>; completionEvents?: string[] }> }>;
    views: Record<string, Array<{ id: string }>>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
  };
}
const manifest = (): Manifest => JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/**
 * A copy of the project without what never belongs in a package and is large (node_modules, the VS Code test
 * installs, git), plus a decoy in every place that must stay out of the package: vsce walks the whole tree.
 */
function projectCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oneonones-package-'));
  for (const name of readdirSync(ROOT)) {
    if (['node_modules', '.vscode-test', '.git', 'bench'].includes(name) || name.endsWith('.vsix')) continue;
    cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true, dereference: false });
  }
  const decoys = ['out/cli.js', 'out/extension.js.map', 'out/extension.meta.json', 'out/lazy/ical-generator.js.map', 'out/bench.js', 'src/extension.ts', 'build/src/cli.js', 'test/unit/x.test.ts', 'examples/demo-team/a/report.yaml',
    'bench/results.json', 'bench/cache/x.yaml', 'scripts/build.mjs', '.vscode-test/runs/x.log', '.ci/run', 'tsconfig.json', 'eslint.config.mjs', 'test-results/tree.png',
    'webview/form/main.ts', 'out/webview/form.js.map', 'build/test/webview/x.js', 'node_modules/yaml/package.json', 'schemas/notes.txt', 'docs/draft.txt', 'old.vsix'];
  for (const f of decoys) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    if (!existsSync(path.join(dir, f))) writeFileSync(path.join(dir, f), 'decoy');
  }
  return dir;
}

function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** What the package must hold besides the fixed files: everything of these folders that is in the project. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const abs = path.join(ROOT, dir);
  return readdirSync(abs).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(path.join(ROOT, rel)).isDirectory() ? filesUnder(rel, keep) : keep(name) ? [rel] : [];
  });
}

describe('the extension package (VSIX)', () => {
  it('`npm run package` builds one-on-ones-<version>.vsix with vsce, without dependencies', () => {
    const script = manifest().scripts.package;
    assert.match(script, /node_modules\/@vscode\/vsce\/vsce package --no-dependencies /);
    assert.match(script, /--out one-on-ones-\$npm_package_version\.vsix$/);
  });

  it('holds exactly the bundle, webview assets, media, schemas, docs, README, CONTRIBUTING, CHANGELOG and LICENSE, and is small', async function () {
    this.timeout(120_000);
    for (const f of ['out/extension.js', 'out/lazy/ical-generator.js', 'out/webview/form.js', 'out/webview/form.css', 'out/webview/dashboard.js', 'out/webview/dashboard.css']) assert.ok(existsSync(path.join(ROOT, f)), `${f}: run npm run build first`);
    const dir = projectCopy();
    try {
      // The same vsce arguments as `npm run package`, into a file of the test's own.
      const args = manifest().scripts.package.replace(/^.*node_modules\/@vscode\/vsce\/vsce /, '').replace(/ --out .*$/, '').split(' ');
      const vsix = path.join(dir, 'test.vsix');
      const r = spawnSync(process.execPath, [VSCE, ...args, '--out', vsix], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr + r.stdout);
      const entries = (await zipEntries(vsix)).filter((e) => !e.endsWith('/')).sort();
      const expected = [
        '[Content_Types].xml', 'extension.vsixmanifest',
        'extension/LICENSE.txt', 'extension/changelog.md', 'extension/CONTRIBUTING.md', 'extension/package.json', 'extension/readme.md',
        'extension/out/extension.js', 'extension/out/lazy/ical-generator.js', 'extension/out/lazy/ical-timezones.js', 'extension/out/webview/dashboard.css', 'extension/out/webview/dashboard.js', 'extension/out/webview/form.css', 'extension/out/webview/form.js',
        ...filesUnder('media', () => true).map((f) => `extension/${f}`),
        ...filesUnder('schemas', (n) => n.endsWith('.schema.json')).map((f) => `extension/${f}`),
        ...filesUnder('docs', (n) => n.endsWith('.md') || n.endsWith('.svg')).map((f) => `extension/${f}`),
      ].sort();
      assert.deepEqual(entries, expected);
      // Spot checks that the lists above are not empty by accident.
      for (const f of ['extension/media/icon.png', 'extension/schemas/meeting.schema.json', 'extension/docs/rules.md']) assert.ok(entries.includes(f), f);
      const size = statSync(vsix).size;
      assert.ok(size < 2 * 1024 * 1024, `the VSIX is ${size} bytes; keep it under 2 MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has an icon of 128×128 pixels and the files the manifest names', () => {
    const m = manifest();
    const png = readFileSync(path.join(ROOT, m.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});

describe('the walkthrough', () => {
  const commandIds = (): Set<string> => new Set(manifest().contributes.commands.map((c) => c.command));

  it('has five steps, each completed by doing it (a command or a view), never by just opening the step', () => {
    const [w] = manifest().contributes.walkthroughs;
    assert.equal(w.steps.length, 5);
    const views = new Set(Object.values(manifest().contributes.views).flat().map((v) => v.id));
    for (const step of w.steps) {
      assert.ok(step.completionEvents && step.completionEvents.length > 0, `${step.id} has completion events`);
      assert.ok(!step.completionEvents.includes('onStepSelected'), `${step.id} is not done by opening it`);
      // The step's own button runs what completes it.
      // (`onContext:oneOnOnes.done.<name>` is set when the command `oneOnOnes.<name>` succeeds.)
      const commandOf = (e: string): string => e.split(':')[1].replace(/^oneOnOnes\.done\./, 'oneOnOnes.');
      assert.ok(step.completionEvents.some((e) => step.description.includes(`(command:${commandOf(e)}`) || (e.startsWith('onView:') && step.description.includes(`(command:${e.slice(7)}.focus`))), `${step.id}: its button completes it`);
      for (const e of step.completionEvents) {
        const [kind, target] = e.split(':');
        if (kind === 'onCommand') assert.ok(commandIds().has(target) || target.startsWith('workbench.'), `${step.id}: ${e} names a command of the manifest`);
        else if (kind === 'onView') assert.ok(views.has(target), `${step.id}: ${e} names a view of the manifest`);
        else assert.equal(kind, 'onContext', `${step.id}: ${e}`);
      }
    }
  });

  it('every command a step links to exists, and every image or markdown it shows is in the package folders', () => {
    const ids = commandIds();
    const views = new Set(Object.values(manifest().contributes.views).flat().map((v) => v.id));
    for (const step of manifest().contributes.walkthroughs[0].steps) {
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)/g)) {
        // Our own commands, the focus command VS Code makes for each of our views, or a built-in workbench command
        // (the in-host test checks those are registered).
        assert.ok(ids.has(id) || views.has(id.replace(/\.focus$/, '')) || id.startsWith('workbench.'), `${step.id} links to ${id}`);
      }
      const media = step.media as { image?: string | Record<string, string>; markdown?: string; svg?: string };
      const files = [media.markdown, media.svg, ...(typeof media.image === 'string' ? [media.image] : Object.values(media.image ?? {}))].filter((f): f is string => !!f);
      assert.ok(files.length > 0, `${step.id} has media`);
      for (const f of files) {
        assert.ok(existsSync(path.join(ROOT, f)), `${step.id}: ${f} exists`);
        assert.match(f, /^(media|docs)\//, `${step.id}: ${f} is in a folder that is packaged`);
      }
    }
  });

  it('opens from the palette (1:1s: Open Walkthrough, with a codicon)', () => {
    const cmd = manifest().contributes.commands.find((c) => c.command === 'oneOnOnes.openWalkthrough');
    assert.ok(cmd);
    assert.equal(cmd.category, '1:1s');
    assert.match(cmd.icon ?? '', /^\$\([\w-]+\)$/);
  });
});

describe('the welcome views', () => {
  it('say the next step in plain words with a button for it, and wait for the search before saying "no team folder"', () => {
    const m = manifest();
    const commands = new Set(m.contributes.commands.map((c) => c.command));
    const views = new Set(Object.values(m.contributes.views).flat().map((v) => v.id));
    const src = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(ROOT, 'src', f), 'utf8'))
      .join('\n');
    assert.ok(m.contributes.viewsWelcome.length >= 3);
    for (const w of m.contributes.viewsWelcome) {
      assert.ok(views.has(w.view), `${w.view} is a view`);
      // A welcome view renders Markdown links as buttons but no code spans: a backtick would show as is.
      assert.ok(!w.contents.includes('`'), `no backticks: ${w.contents}`);
      const links = [...w.contents.matchAll(/\]\(command:([\w.]+)\)/g)].map((x) => x[1]);
      assert.ok(links.length > 0, `a button: ${w.contents}`);
      for (const id of links) assert.ok(commands.has(id), `${id} is a command`);
      // Every context key a welcome waits for is one the extension sets.
      for (const key of (w.when ?? '').match(/oneOnOnes\.[\w.]+/g) ?? []) assert.ok(src.includes(`'${key}'`), `${key} is set by the extension`);
    }
    const reports = m.contributes.viewsWelcome.filter((w) => w.view === 'oneOnOnes.reports');
    const noFolder = reports.find((w) => w.contents.includes('command:oneOnOnes.createTeamFolder'));
    assert.match(noFolder?.when ?? '', /oneOnOnes\.searched && !oneOnOnes\.hasTeamFolder/);
    const empty = reports.find((w) => w.contents.includes('command:oneOnOnes.addReport'));
    assert.match(empty?.when ?? '', /oneOnOnes\.hasTeamFolder && oneOnOnes\.emptyTeam/);
  });
});
