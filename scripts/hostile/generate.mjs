#!/usr/bin/env node
// The hostile corpus (issue #11): team folders that try to crash, hang, blind or fool the checker.
//
//   node scripts/hostile/generate.mjs --corpus DIR   one team folder per case under DIR, plus DIR/manifest.json
//   node scripts/hostile/generate.mjs --team DIR     one team folder holding every case (for the in-host suite);
//                                                    no FIFOs there (the harness copies the workspace);
//                                                    `--core-only` leaves out the YAML readers' cases (sizes, nesting)
//
// Small hostile files are committed under test/fixtures/hostile/<case>/ (the case name is the report id; each file
// ends in `.in`, dropped by the copy, so no fixture walker mistakes it for a healthy YAML file); large or
// odd ones (10 MB, 32,000 aliases, deep nesting, odd names, links, FIFOs, unreadable modes) are made here, from a
// fixed seed, so every run builds the same bytes. Every case's team also holds two healthy control reports whose
// findings are known exactly (CONTROL_FINDINGS): the test checks they are still fully checked next to the hostile one.
import { chmodSync, cpSync, linkSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/hostile');
export const TODAY = '2026-11-24';

/** mulberry32: a tiny seeded PRNG, so generated files are the same on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function put(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function meeting(date, { career = false, goal = 'g1' } = {}) {
  return [
    `date: ${date}`,
    'status: held',
    ...(career ? ['kind: career'] : []),
    'prep:',
    '  manager:',
    '    feedback:',
    '      - type: positive',
    '        text: Clear design doc for the importer',
    '        delivered: true',
    '      - type: negative',
    '        text: Code reviews waited two days',
    '        delivered: true',
    '    topics: [How is the on-call load?]',
    '  report:',
    '    topics: [Conference budget]',
    'goals:',
    `  ${goal}: Moving along`,
    '',
  ].join('\n');
}

/** Two healthy reports: control-a has one expired goal, control-b is overdue for a 1:1. Nothing else. */
export function writeControls(team) {
  put(path.join(team, 'control-a/report.yaml'), 'name: Control A\nsince: 2026-01-05\naspirations: [Lead a team]\n');
  put(path.join(team, 'control-a/goals.yaml'), 'goals:\n  - id: g1\n    title: Ship the importer\n    start: 2026-08-03\n    end: 2026-09-25\n');
  for (let i = 0; i < 8; i++) {
    const date = addDays('2026-11-23', -7 * i);
    put(path.join(team, `control-a/meetings/${date}.yaml`), meeting(date, { career: i === 1 }));
  }
  put(path.join(team, 'control-b/report.yaml'), 'name: Control B\nsince: 2026-01-05\naspirations: [Data science]\n');
  put(path.join(team, 'control-b/goals.yaml'), 'goals:\n  - id: g1\n    title: Learn the data stack\n    start: 2026-10-01\n    end: 2026-11-30\n');
  for (let i = 0; i < 6; i++) {
    const date = addDays('2026-10-20', -7 * i);
    put(path.join(team, `control-b/meetings/${date}.yaml`), meeting(date, { career: i === 1 }));
  }
}

/** What the CLI finds in the controls on TODAY, as `file rule`: exactly this, whatever else is in the team. */
export const CONTROL_FINDINGS = ['control-a/goals.yaml goal-expired', 'control-b/report.yaml cadence-overdue'];

const deepFlow = (n) => `${'['.repeat(n)}${']'.repeat(n)}\n`;
const deepBlock = (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n';

/**
 * The cases. `files`: path in the case's team → content (a string, a Buffer, or a special: {fifo}, {symlink},
 * {hardlink}, {dir}, {mode}); `hostile`: the files that must each get a diagnostic (with `line` when it is known).
 * `owner: 'readers'` marks the classes fixed in the YAML readers (another branch): nesting, aliases, sizes, keys.
 */
export function cases(outside) {
  const r = rng(11);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'note', 'plan', 'talk', 'idea'];
  const sentence = (n) => Array.from({ length: n }, () => words[Math.floor(r() * words.length)]).join(' ');
  const list = [];
  const committed = (name, hostile, owner) => list.push({ name, committed: true, files: {}, hostile, owner });

  committed('alias-bomb', [{ file: 'alias-bomb/goals.yaml' }], 'readers');
  committed('merge-loop', [{ file: 'merge-loop/report.yaml', line: 2 }, { file: 'merge-loop/goals.yaml' }]);
  committed('custom-tags', [{ file: 'custom-tags/report.yaml', line: 1 }]);
  committed('multi-doc', [{ file: 'multi-doc/report.yaml', line: 2 }]);
  committed('yaml11-scalars', [{ file: 'yaml11-scalars/report.yaml', line: 4 }, { file: 'yaml11-scalars/meetings/2026-11-20.yaml', line: 8 }]);
  committed('proto-keys', [{ file: 'proto-keys/report.yaml', line: 2 }, { file: 'proto-keys/meetings/2026-11-20.yaml', line: 3 }, { file: 'proto-keys/goals.yaml', line: 8 }]);
  committed('dates-edges', [
    { file: 'dates-edges/report.yaml', line: 2 }, { file: 'dates-edges/goals.yaml', line: 4 },
    { file: 'dates-edges/meetings/0000-01-01.yaml' }, { file: 'dates-edges/meetings/9999-12-31.yaml' },
    { file: 'dates-edges/meetings/2026-02-30.yaml' }, { file: 'dates-edges/meetings/2026-11-20.yaml', line: 5 },
  ]);
  committed('nul-bytes', [{ file: 'nul-bytes/report.yaml', line: 1 }]);
  committed('invalid-utf8', [{ file: 'invalid-utf8/report.yaml', line: 1 }]);
  committed('bom', [{ file: 'bom/report.yaml', line: 3 }]);
  committed('crlf', [{ file: 'crlf/report.yaml', line: 3 }]);
  // The readers refuse lone-CR files: an error at the first lone CR (line 1), and only syntax errors are shown.
  committed('lone-cr', [{ file: 'lone-cr/report.yaml', line: 1 }], 'readers');

  // Generated: sizes, nesting and counts past any sane file.
  const big = ['date: 2026-11-20', 'notes: |'];
  let size = 0;
  while (size < 10 * 1024 * 1024) {
    const line = `  ${sentence(12)}`;
    big.push(line);
    size += line.length + 1;
  }
  list.push({ name: 'size-10mb', files: { 'size-10mb/report.yaml': 'name: Big\n', 'size-10mb/meetings/2026-11-20.yaml': `${big.join('\n')}\n` }, hostile: [{ file: 'size-10mb/meetings/2026-11-20.yaml', line: 1 }], owner: 'readers' });
  const aliases = ['goals:', '  - &a {id: g1, title: T, start: 2026-11-01}'];
  for (let i = 0; i < 32000; i++) aliases.push('  - *a');
  list.push({ name: 'alias-count', files: { 'alias-count/report.yaml': 'name: Aliases\n', 'alias-count/goals.yaml': `${aliases.join('\n')}\n` }, hostile: [{ file: 'alias-count/goals.yaml' }], owner: 'readers' });
  const keys = ['name: Keys'];
  for (let i = 0; i < 50000; i++) keys.push(`k${i}: v`);
  keys.push('k7: duplicate');
  list.push({ name: 'many-keys', files: { 'many-keys/report.yaml': `${keys.join('\n')}\n` }, hostile: [{ file: 'many-keys/report.yaml' }], owner: 'readers' });
  // Just under the size and entry limits, declined by the fast reader (one anchor, one tab): `yaml` would take a few
  // hundred ms on the host's thread for each, so past MAX_VALUES_NOT_PLAIN values they are refused, at the anchor/tab.
  const flowItems = (n) => Array.from({ length: n }, (_, i) => `  - {title: "topic ${i} ${sentence(12)}", note: "${sentence(2)}"}`);
  const nearAnchor = ['date: 2026-11-20', 'prep:', '  manager:', '    topics:', ...flowItems(1900).map((l) => `  ${l}`)];
  nearAnchor[4] = nearAnchor[4].replace('{title', '&first {title');
  list.push({ name: 'near-limit-anchor', files: { 'near-limit-anchor/report.yaml': 'name: Near the limit\n', 'near-limit-anchor/meetings/2026-11-20.yaml': `${nearAnchor.join('\n')}\n` }, hostile: [{ file: 'near-limit-anchor/meetings/2026-11-20.yaml', line: 5 }], owner: 'readers' });
  const nearTab = ['goals:', ...Array.from({ length: 1900 }, (_, i) => `  - {id: g${i}, title: "${sentence(14)}", start: 2026-01-05}`)];
  nearTab[1000] = nearTab[1000].replace('title: ', 'title:\t');
  list.push({ name: 'near-limit-tab', files: { 'near-limit-tab/report.yaml': 'name: Tabbed\n', 'near-limit-tab/goals.yaml': `${nearTab.join('\n')}\n` }, hostile: [{ file: 'near-limit-tab/goals.yaml', line: 1001 }], owner: 'readers' });
  list.push({ name: 'deep-flow', files: { 'deep-flow/report.yaml': deepFlow(1000) }, hostile: [{ file: 'deep-flow/report.yaml', line: 1 }], owner: 'readers' });
  list.push({ name: 'deep-block', files: { 'deep-block/report.yaml': `name: Deep\n${deepBlock(1000)}` }, hostile: [{ file: 'deep-block/report.yaml' }], owner: 'readers' });
  list.push({
    name: 'deep-across',
    files: { 'deep-across/report.yaml': deepFlow(1000), 'deep-across/goals.yaml': deepFlow(1000), 'deep-across/meetings/2026-11-20.yaml': deepFlow(1000) },
    hostile: [{ file: 'deep-across/report.yaml', line: 1 }, { file: 'deep-across/goals.yaml', line: 1 }, { file: 'deep-across/meetings/2026-11-20.yaml', line: 1 }],
    owner: 'readers',
  });

  // Odd names: each is a folder or file the layout does not read, and must be named safely in the output.
  const odd = ['Line\nBreak', 'Esc\u001b[31mape', 'Bidi\u202eevil', 'a..b', 'x%2fy', `long-${'x'.repeat(240)}`, 'Zoë Ünïcode', '::error::forged'];
  const oddFiles = {};
  for (const n of odd) oddFiles[`${n}/report.yaml`] = 'name: Odd\n';
  oddFiles['odd-meetings/report.yaml'] = 'name: Odd meetings\n';
  oddFiles['odd-meetings/meetings/2026-11-20\n::error::x.yaml'] = 'date: 2026-11-20\n';
  oddFiles['odd-meetings/meetings/2026-11-21..%2f..%2fx.yaml'] = 'date: 2026-11-21\n';
  // The long name is a valid report id: it is read, and its findings name it in full.
  const named = (n) => (n.startsWith('long-') ? `${n}/report.yaml` : n);
  list.push({ name: 'odd-names', files: oddFiles, hostile: [...odd.map((n) => ({ file: named(n) })), { file: 'odd-meetings/meetings/2026-11-20\n::error::x.yaml' }, { file: 'odd-meetings/meetings/2026-11-21..%2f..%2fx.yaml' }] });

  // Links and special files: never followed, never opened (a FIFO would hang a reader forever).
  list.push({
    name: 'links',
    special: true,
    files: {
      'links/report.yaml': { symlink: outside },
      'links/goals.yaml': { hardlink: outside },
      'links/meetings/2026-11-20.yaml': { hardlink: outside },
      'linked-folder': { symlink: '/etc' },
    },
    hostile: [{ file: 'links/report.yaml' }, { file: 'links/goals.yaml' }, { file: 'links/meetings/2026-11-20.yaml' }, { file: 'linked-folder' }],
  });
  list.push({
    name: 'fifos',
    special: true,
    files: { 'fifos/report.yaml': { fifo: true }, 'fifos-b/report.yaml': 'name: Pipes\n', 'fifos-b/goals.yaml': { fifo: true }, 'fifos-b/meetings/2026-11-20.yaml': { fifo: true }, 'team.yaml': { fifo: true } },
    hostile: [{ file: 'fifos/report.yaml' }, { file: 'fifos-b/goals.yaml' }, { file: 'fifos-b/meetings/2026-11-20.yaml' }, { file: 'team.yaml' }],
  });
  list.push({
    name: 'dirs-like-files',
    files: { 'dirs-like-files/report.yaml/x': 'a', 'dirs-like-files/goals.yaml/x': 'a', 'dirs-like-files/meetings/2026-11-20.yaml/x': 'a', 'dirs-like-files-b/report.yaml': 'name: B\n', 'dirs-like-files-b/meetings': 'not a folder\n' },
    hostile: [{ file: 'dirs-like-files/report.yaml' }, { file: 'dirs-like-files/goals.yaml' }, { file: 'dirs-like-files/meetings/2026-11-20.yaml' }, { file: 'dirs-like-files-b/meetings' }],
  });
  // Unreadable (mode 000): only a non-root user is refused; the test runs this case as `nobody` when it can.
  list.push({
    name: 'unreadable',
    nonRoot: true,
    files: {
      'unreadable/report.yaml': { mode: 0o000, content: 'name: Hidden\n' },
      'unreadable-b/report.yaml': 'name: B\nsince: 2026-01-01\n',
      'unreadable-b/meetings/2026-11-20.yaml': { mode: 0o000, content: 'date: 2026-11-20\n' },
      'unreadable-c/report.yaml': 'name: C\nsince: 2026-01-01\n',
      'unreadable-c/meetings': { dirMode: 0o000 },
      'unreadable-d': { dirMode: 0o000 },
    },
    hostile: [{ file: 'unreadable/report.yaml' }, { file: 'unreadable-b/meetings/2026-11-20.yaml' }, { file: 'unreadable-c/meetings' }, { file: 'unreadable-d' }],
  });
  return list;
}

function writeCase(team, c, { special }) {
  if (c.committed) copyCommitted(path.join(FIXTURES, c.name), path.join(team, c.name));
  const modes = [];
  for (const [rel, content] of Object.entries(c.files)) {
    const file = path.join(team, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(file, content);
    else if (content.symlink) symlinkSync(content.symlink, file);
    else if (content.hardlink) linkSync(content.hardlink, file);
    else if (content.fifo) {
      if (special) execFileSync('mkfifo', [file]);
    } else if (content.mode !== undefined) {
      writeFileSync(file, content.content);
      modes.push([file, content.mode]);
    } else if (content.dirMode !== undefined) {
      mkdirSync(file, { recursive: true });
      writeFileSync(path.join(file, 'hidden.yaml'), 'date: 2026-11-20\n');
      modes.push([file, content.dirMode]);
    }
  }
  // Modes last: a folder made unreadable first could not be filled.
  for (const [file, mode] of modes) chmodSync(file, mode);
}

/**
 * Copies a committed case. Its files end in `.in` (`report.yaml.in`) so that tools walking the fixtures for YAML files
 * (the readers' agreement test) do not take the hostile ones for healthy examples; the copy drops the suffix.
 */
function copyCommitted(from, to) {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copyCommitted(path.join(from, e.name), path.join(to, e.name));
    else cpSync(path.join(from, e.name), path.join(to, e.name.replace(/\.in$/, '')));
  }
}

/** One team folder per case under `dir`; returns the manifest (also written to dir/manifest.json). */
export function generateCorpus(dir) {
  rmTree(dir);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const outside = path.join(dir, 'outside-the-team.yaml');
  writeFileSync(outside, 'name: "SECRET FROM OUTSIDE THE TEAM"\nsince: SECRET-not-a-date\n');
  const manifest = [];
  for (const c of cases(outside)) {
    const team = path.join(dir, c.name);
    mkdirSync(team);
    writeControls(team);
    writeCase(team, c, { special: true });
    manifest.push({ name: c.name, team, hostile: c.hostile, owner: c.owner ?? 'core', nonRoot: Boolean(c.nonRoot) });
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ today: TODAY, controls: CONTROL_FINDINGS, cases: manifest }, null, 2));
  return manifest;
}

/** Every case in one team folder (no FIFOs, no hard links: the harness copies the workspace). */
export function generateTeam(dir, { coreOnly = false } = {}) {
  rmTree(dir);
  mkdirSync(dir, { recursive: true });
  const outside = path.join(path.dirname(path.resolve(dir)), 'outside-the-team.yaml');
  writeFileSync(outside, 'name: "SECRET FROM OUTSIDE THE TEAM"\n');
  writeFileSync(path.join(dir, 'team.yaml'), 'manager: Hostile Corpus\n');
  writeControls(dir);
  const hostile = [];
  for (const c of cases(outside)) {
    if (c.special || c.nonRoot || (coreOnly && c.owner === 'readers')) continue;
    writeCase(dir, c, { special: false });
    hostile.push(...c.hostile.map((h) => h.file));
  }
  // What the in-host suite expects diagnostics on (a dot file: the team index never reads it).
  writeFileSync(path.join(dir, '.hostile.json'), JSON.stringify({ controls: CONTROL_FINDINGS, hostile }, null, 2));
}

/** Removes a tree made by an earlier run, whatever modes it was left with. */
function rmTree(dir) {
  const open = (p) => {
    try {
      chmodSync(p, 0o755);
      for (const e of readdirSync(p, { withFileTypes: true })) if (e.isDirectory()) open(path.join(p, e.name));
    } catch {
      // missing, or not a folder
    }
  };
  open(dir);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [flag, dir, option] = process.argv.slice(2);
  if (flag === '--corpus' && dir) generateCorpus(path.resolve(dir));
  else if (flag === '--team' && dir) generateTeam(path.resolve(dir), { coreOnly: option === '--core-only' });
  else {
    process.stderr.write('Usage: generate.mjs --corpus DIR | --team DIR\n');
    process.exitCode = 2;
  }
}
