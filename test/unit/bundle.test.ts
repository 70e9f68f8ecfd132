import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as IcalGenerator from 'ical-generator';

/**
 * What the extension's load (require() of out/extension.js, before activate) pays for (issue #17): the packages only
 * some commands use are files of their own, out/lazy/<chunk>.js, loaded on first use (scripts/build.mjs).
 */
const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(ROOT, 'out', 'extension.js');
const load = createRequire(__filename);
const LAZY = { 'ical-generator': 'ical-generator', 'ical-timezones': '@touch4it/ical-timezones' } as const;

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

function bundleInputs(): string[] {
  const file = path.join(ROOT, 'out', 'extension.meta.json');
  assert.ok(existsSync(file), 'out/extension.meta.json: run npm run build first');
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Metafile;
  const out = Object.entries(meta.outputs).find(([name]) => name.endsWith('out/extension.js'));
  assert.ok(out, 'the metafile describes out/extension.js');
  return Object.keys(out[1].inputs);
}

/** In a fresh Node process: require() the bundle with a stand-in `vscode`, and report what that loaded. */
function loadBundle(): { files: string[]; builtins: string[] } {
  const script = `
    const Module = require('module');
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? new Proxy({}, { get: () => new Proxy(function () {}, { get: () => undefined }) }) : load.call(this, request, ...rest); };
    const before = new Set(process.moduleLoadList);
    require(${JSON.stringify(BUNDLE)});
    const builtins = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));
    process.stdout.write(JSON.stringify({ files: Object.keys(require.cache).filter((f) => f !== __filename), builtins }));`;
  // A script file, not `node -e`: -e loads node:crypto itself.
  const dir = mkdtempSync(path.join(tmpdir(), 'oneonones-bundle-'));
  try {
    writeFileSync(path.join(dir, 'load.js'), script);
    const r = spawnSync(process.execPath, [path.join(dir, 'load.js')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { files: string[]; builtins: string[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the extension bundle (out/extension.js)', () => {
  it('leaves out the calendar writer and its time-zone texts: each is out/lazy/<chunk>.js, required from the bundle', () => {
    const inputs = bundleInputs();
    assert.deepEqual(inputs.filter((f) => f.includes('node_modules/ical-generator/')), [], 'ical-generator is not in the bundle');
    // The VTIMEZONE texts (inlined by the build); the zone name table, which the team.yaml check reads, stays in.
    assert.deepEqual(inputs.filter((f) => f.startsWith('ical-timezones-inline:') || (f.includes('node_modules/@touch4it/ical-timezones/') && !f.endsWith('/zones.js'))), []);
    assert.ok(inputs.some((f) => f.endsWith('node_modules/@touch4it/ical-timezones/zones.js')), 'the name table is in');
    // The readers the index needs are in.
    assert.ok(inputs.some((f) => f.includes('node_modules/js-yaml/')), 'js-yaml is in');
    assert.ok(inputs.some((f) => f.includes('node_modules/yaml/')), 'yaml is in');
    const text = readFileSync(BUNDLE, 'utf8');
    assert.ok(!text.includes('BEGIN:VTIMEZONE'), 'no VTIMEZONE text in the bundle');
    for (const chunk of Object.keys(LAZY)) {
      assert.ok(text.includes(`require("./lazy/${chunk}.js")`), `the bundle requires ./lazy/${chunk}.js`);
      assert.ok(existsSync(path.join(ROOT, 'out', 'lazy', `${chunk}.js`)), `out/lazy/${chunk}.js is built`);
    }
  });

  it('copies the exports of `vscode` and of each node module into one namespace, not one per importing module', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    // (esbuild's copy is a getter per export: the API object VS Code hands an extension has about 200.)
    for (const external of ['vscode', 'node:fs', 'node:path']) {
      const requires = text.split(`require(${JSON.stringify(external)})`).length - 1;
      assert.ok(requires >= 1 && requires <= 2, `${external} is required ${requires} times (its namespace and its default export)`);
    }
  });

  it('loads none of them when required, nor node:crypto', () => {
    const loaded = loadBundle();
    assert.deepEqual(loaded.files.filter((f) => f !== BUNDLE), [], 'require() of the bundle loads no other file');
    assert.ok(!loaded.builtins.includes('crypto'), `node:crypto is not loaded (loaded: ${loaded.builtins.join(', ')})`);
  });

  it('each lazy chunk is the package itself, complete on its own', () => {
    const chunk = (name: keyof typeof LAZY): Record<string, unknown> => load(path.join(ROOT, 'out', 'lazy', `${name}.js`)) as Record<string, unknown>;
    // (The time-zone chunk is the build's inlined stand-in for that package: the two functions the bundles use.)
    const exported = Object.keys(chunk('ical-generator')).filter((k) => k !== '__esModule' && k !== 'default').sort();
    const own = Object.keys(load('ical-generator') as object).filter((k) => k !== '__esModule' && k !== 'default').sort();
    assert.deepEqual(exported, own, "ical-generator: the package's exports");
    const zones = chunk('ical-timezones') as unknown as { getVtimezoneComponent(zone: string): string | null };
    assert.match(zones.getVtimezoneComponent('Europe/Berlin') ?? '', /^BEGIN:VTIMEZONE\r?\nTZID:Europe\/Berlin/);
    assert.equal(zones.getVtimezoneComponent('Nowhere/Atlantis'), null);
    const ical = chunk('ical-generator') as unknown as typeof IcalGenerator;
    const cal = new ical.ICalCalendar({ prodId: '//x//y//EN' });
    cal.createEvent({ start: new Date(Date.UTC(2026, 0, 5, 9)), end: new Date(Date.UTC(2026, 0, 5, 10)), summary: '1:1' });
    assert.match(cal.toString(), /BEGIN:VEVENT[\s\S]*SUMMARY:1:1[\s\S]*END:VEVENT/);
  });
});
