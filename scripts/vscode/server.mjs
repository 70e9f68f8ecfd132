// Start / stop a throwaway code-server (= real VS Code 1.139.1, see provision.mjs) and a headless Chromium for it.
//
// Design rules, and WHY:
// - Loopback only (127.0.0.1) and `--auth none`: the server runs arbitrary code for whoever reaches it; never expose it.
// - Every run gets a fresh folder <root>/.vscode-test/runs/<timestamp>-<pid>/ and EVERYTHING the server writes goes
//   there: user data, extensions, config, TMPDIR (it leaves IPC sockets there), NODE_COMPILE_CACHE (Node 22+ would use
//   /tmp/node-compile-cache), XDG_* (else ~/.config/code-server, ~/.local/share/code-server) and HOME. Runs are then
//   independent of each other and of the developer's own VS Code / code-server, and nothing leaks into /tmp or ~.
//   One exception, forced by the 108-byte limit of UNIX socket paths: when the run folder's path is too long for the
//   sockets, TMPDIR is a private /tmp/vsct-<pid>-XXXXXX folder that stop() (or browser close) removes; see socketSafeDir.
// - Own process group (`detached: true` = setsid): code-server forks a wrapper child, the extension host, a pty host,
//   file watchers... `process.kill(-pgid)` reaches all of them, and stop() waits until the group is empty.
// - `--vscode-option enable-smoke-test-driver`: without it a built VS Code ignores the test payload in the URL (the
//   window just hangs). It also makes the workbench call window.codeAutomationExit / codeAutomationLog.
// - Environment variables that code-server reads as configuration (PORT, PASSWORD, CODE_SERVER_*, VSCODE_IPC_HOOK_CLI
//   when started from a VS Code terminal, ...) are removed so the command line is the only source of truth.
//
// API:
//   const srv = await startCodeServer({ root, workspace, extensionDevelopmentPath, env, port, workspaceTrust })
//   srv.url / srv.port / srv.runDir / srv.logFile;  await srv.stop()
//   const browser = await launchBrowser({ runDir })   // playwright-core Browser on /usr/bin/chromium

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { provisionCodeServer, DEFAULT_ROOT, pidAlive } from './provision.mjs';

const require = createRequire(import.meta.url);

export const HOST = '127.0.0.1';

function log(msg) {
  process.stderr.write(`[code-server] ${msg}\n`);
}

/** Ask the kernel for a free loopback port (bind to :0, read it, close). Tiny race window, acceptable for tests. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** True if we can bind `port` on loopback right now. */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

/** Fresh, unique run folder. Timestamp first so `ls` sorts runs chronologically. */
export function makeRunDir(root) {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const runs = path.join(root, '.vscode-test', 'runs');
  fs.mkdirSync(runs, { recursive: true });
  pruneOldRuns(runs);
  for (let n = 0; ; n++) {
    const dir = path.join(runs, `${stamp}-${process.pid}${n ? `-${n}` : ''}`);
    try {
      fs.mkdirSync(dir); // non-recursive: fails if it exists, so two runs never share a folder
      return dir;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
  }
}

/** Failed runs keep their folder for post-mortems; drop the ones older than a week so they do not pile up. */
function pruneOldRuns(runs, maxAgeMs = 7 * 24 * 3600_000) {
  for (const name of fs.readdirSync(runs)) {
    const p = path.join(runs, name);
    const owner = /^\d{8}-\d{6}-(\d+)/.exec(name);
    if (owner && pidAlive(Number(owner[1]))) continue; // e.g. a week-long `npm start` session
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > maxAgeMs) fs.rmSync(p, { recursive: true, force: true });
    } catch { /* concurrent prune */ }
  }
}

/**
 * A folder for UNIX sockets. WHY: a socket path must fit in sun_path (108 bytes on Linux) and both code-server
 * (vscode-ipc-<uuid>.sock in TMPDIR / XDG_RUNTIME_DIR, its session socket) and Chromium
 * (<TMPDIR>/org.chromium.Chromium.XXXXXX/SingletonSocket; FATAL "Socket path too long" otherwise) put sockets there.
 * Inside a deep checkout the run folder is too long, so then we fall back to a private mkdtemp folder under /tmp,
 * which the caller MUST remove (`dispose`) when the processes using it are gone.
 * @returns {{ dir: string, external: boolean, dispose: () => void }}
 */
export function socketSafeDir(preferred, maxLen) {
  if (preferred.length <= maxLen) {
    fs.mkdirSync(preferred, { recursive: true });
    return { dir: preferred, external: false, dispose() {} };
  }
  const base = os.tmpdir().length <= maxLen - 20 ? os.tmpdir() : '/tmp';
  sweepStaleSocketDirs(base);
  const dir = fs.mkdtempSync(path.join(base, `vsct-${process.pid}-`));
  fs.chmodSync(dir, 0o700);
  return { dir, external: true, dispose() { fs.rmSync(dir, { recursive: true, force: true }); } };
}

/**
 * Remove socket folders left by runs that were SIGKILLed (no chance to dispose): owner pid (in the name) gone and
 * untouched for 10 minutes -- long enough for an orphaned code-server to have hit its idle timeout.
 */
function sweepStaleSocketDirs(base) {
  let entries = [];
  try { entries = fs.readdirSync(base); } catch { return; }
  for (const name of entries) {
    const m = /^vsct-(\d+)-/.exec(name);
    if (!m || pidAlive(Number(m[1]))) continue;
    const p = path.join(base, name);
    try {
      const st = fs.lstatSync(p);
      if (st.isDirectory() && st.uid === process.getuid?.() && Date.now() - st.mtimeMs > 10 * 60_000) fs.rmSync(p, { recursive: true, force: true });
    } catch { /* raced with someone else */ }
  }
}


/** The user settings of every run. Keeps the workbench quiet, offline and deterministic. */
export function defaultSettings({ workspaceTrust = false } = {}) {
  return {
    'chat.disableAIFeatures': true, // else an AI agent host process starts and chat UI appears
    'workbench.startupEditor': 'none', // no welcome page stealing focus / editor slots
    'workbench.secondarySideBar.defaultVisibility': 'hidden', // else an empty (chat) side bar takes a third of the width
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'git.enabled': false, // no git process scanning the workspace
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'npm.fetchOnlinePackageInfo': false,
    'security.workspace.trust.enabled': workspaceTrust,
  };
}

/** Drop variables that code-server (or VS Code inside it) treats as configuration. */
function cleanServerEnv(base) {
  const env = { ...base };
  for (const k of Object.keys(env)) {
    if (/^(PORT|PASSWORD|HASHED_PASSWORD|GITHUB_TOKEN|LOG_LEVEL|ELECTRON_RUN_AS_NODE)$/.test(k) ||
      /^(CODE_SERVER_|CS_|VSCODE_)/.test(k) ||
      /^NODE_OPTIONS$/.test(k)) { // e.g. --inspect or a loader from an outer tool would be inherited by the ext host
      delete env[k];
    }
  }
  return env;
}

/** Read an extension's identity from its package.json ("publisher.name-version" is VS Code's folder convention). */
function extensionFolderName(extDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
  return `${pkg.publisher || 'undefined_publisher'}.${pkg.name}-${pkg.version || '0.0.0'}`.toLowerCase();
}

async function waitForHealthz(url, exited, { timeoutMs, logFile }) {
  const deadline = Date.now() + timeoutMs;
  let gone = null;
  exited.then((e) => { gone = e; });
  while (Date.now() < deadline) {
    if (gone) {
      throw new Error(`code-server exited during startup (${gone.error?.message ?? gone.signal ?? `exit ${gone.code}`}); log: ${logFile}\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return await res.json();
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms; log: ${logFile}\n${tail(logFile)}`);
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** SIGTERM the whole process group, wait for it to be empty, SIGKILL what is left after `graceMs`. */
async function killGroup(pgid, { graceMs = 5000 } = {}) {
  if (!pgid || !groupAlive(pgid)) return; // no pid: spawn itself failed
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
    const hard = Date.now() + 5000;
    while (groupAlive(pgid) && Date.now() < hard) await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Start code-server for one run.
 *
 * @param {object} o
 * @param {string} [o.root] project root (holds .vscode-test/); default: this repo
 * @param {string} [o.workspace] folder opened by default (also reachable via ?folder=)
 * @param {string} [o.extensionDevelopmentPath] extension folder; symlinked into the run's extensions dir so it is
 *        installed and active without a test payload (start.mjs; verified: code-server follows the symlink, the
 *        extension activates). The test runner leaves this unset and uses the URL payload instead.
 * @param {Record<string,string>} [o.env] extra environment for the server, inherited by the extension host
 * @param {number} [o.port] port to bind on 127.0.0.1; default: a free one
 * @param {boolean} [o.workspaceTrust=false] keep VS Code's workspace trust feature on (restricted mode prompts)
 * @param {object} [o.settings] extra user settings merged over defaultSettings()
 * @param {boolean} [o.isolateHome=true] point HOME into the run folder too
 * @param {number} [o.idleTimeoutSeconds] code-server exits by itself after this long with no client (> 60). A safety
 *        net for runners: if the runner is SIGKILLed, its browser dies with it and the server follows.
 * @param {boolean} [o.verbose] also echo the server log to stderr (env ONEONONES_VSCODE_VERBOSE=1 does the same)
 * @param {number} [o.startupTimeoutMs=60000]
 * @param {string} [o.runDir] use this (pre-created, see makeRunDir) run folder instead of making a new one
 * @returns {Promise<{url: string, port: number, runDir: string, logFile: string, pid: number, workspace?: string,
 *   extensionsDir: string, userDataDir: string, exited: Promise<{code: number|null, signal: string|null}>,
 *   stop: () => Promise<void>}>}
 */
export async function startCodeServer({
  root = DEFAULT_ROOT,
  workspace,
  extensionDevelopmentPath,
  env = {},
  port,
  workspaceTrust = false,
  settings = {},
  isolateHome = true,
  idleTimeoutSeconds,
  verbose = process.env.ONEONONES_VSCODE_VERBOSE === '1',
  startupTimeoutMs = 60_000,
  runDir,
} = {}) {
  root = path.resolve(root);
  const { nodeBin, entry, version } = await provisionCodeServer({ root });
  port ??= await freePort();
  // Callers that must know the folder before the server starts (to put report paths into `env`) pass makeRunDir().
  runDir = runDir ? path.resolve(runDir) : makeRunDir(root);
  fs.mkdirSync(runDir, { recursive: true });

  // Layout of the run folder.
  const d = {
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    home: path.join(runDir, 'home'),
    xdgConfig: path.join(runDir, 'xdg-config'),
    xdgData: path.join(runDir, 'xdg-data'),
    xdgCache: path.join(runDir, 'xdg-cache'),
    compileCache: path.join(runDir, 'node-compile-cache'),
  };
  for (const p of Object.values(d)) fs.mkdirSync(p, { recursive: true });
  const configFile = path.join(runDir, 'config.yaml');
  // An explicit config file: otherwise code-server creates ~/.config/code-server/config.yaml with a random password.
  fs.writeFileSync(configFile, `# written by scripts/vscode/server.mjs\nbind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(d.userData, 'User', 'settings.json'),
    JSON.stringify({ ...defaultSettings({ workspaceTrust }), ...settings }, null, 2) + '\n');

  if (extensionDevelopmentPath) {
    const ext = path.resolve(extensionDevelopmentPath);
    // Symlink "publisher.name-version" -> the extension folder: VS Code scans --extensions-dir and follows it, so the
    // extension is installed (and picks up rebuilt out/ files on reload) without packaging a .vsix.
    fs.symlinkSync(ext, path.join(d.extensions, extensionFolderName(ext)), 'dir');
  }

  // TMPDIR / XDG_RUNTIME_DIR / session socket: in the run folder when the path is short enough for sockets
  // (longest name VS Code puts there: vscode-ipc-<36 char uuid>.sock), else a private folder removed by stop().
  // Created last before spawning, so no earlier failure can leak it.
  const sockets = socketSafeDir(path.join(runDir, 'tmp'), 107 - 60);
  d.tmp = sockets.dir;
  if (sockets.external) fs.writeFileSync(path.join(runDir, 'tmp-is-elsewhere.txt'), `${sockets.dir}\n`);

  const args = [
    entry,
    '--bind-addr', `${HOST}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', d.userData,
    '--extensions-dir', d.extensions,
    '--config', configFile,
    '--session-socket', path.join(d.tmp, 'cs.sock'), // default <user-data-dir>/code-server-ipc.sock may be too long
    ...(idleTimeoutSeconds ? ['--idle-timeout-seconds', String(Math.max(61, Math.ceil(idleTimeoutSeconds)))] : []),
    ...(workspace ? [path.resolve(workspace)] : []),
  ];
  const childEnv = {
    ...cleanServerEnv(process.env),
    TMPDIR: d.tmp,
    NODE_COMPILE_CACHE: d.compileCache,
    XDG_CONFIG_HOME: d.xdgConfig,
    XDG_DATA_HOME: d.xdgData,
    XDG_CACHE_HOME: d.xdgCache,
    XDG_RUNTIME_DIR: d.tmp,
    ...(isolateHome ? { HOME: d.home } : {}),
    ...env,
  };

  const logFile = path.join(runDir, 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(nodeBin, args, {
    cwd: runDir,
    env: childEnv,
    detached: true, // new process group (setsid): stop() kills the whole tree with process.kill(-pid)
    stdio: ['ignore', verbose ? 'pipe' : logFd, verbose ? 'pipe' : logFd],
  });
  if (verbose) {
    for (const s of [child.stdout, child.stderr]) {
      s.on('data', (b) => { fs.appendFileSync(logFile, b); process.stderr.write(b); });
    }
  }
  fs.closeSync(logFd);
  const pgid = child.pid;
  // Resolves when the server's main process exits, for whatever reason (stop(), crash, idle timeout).
  const exited = new Promise((r) => {
    child.once('exit', (code, signal) => r({ code, signal }));
    child.once('error', (error) => r({ code: null, signal: null, error })); // e.g. spawn ENOENT
  });

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      await killGroup(pgid);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
      sockets.dispose();
    })();
    return stopping;
  };

  const url = `http://${HOST}:${port}`;
  log(`starting code-server ${version} on ${url} (run folder ${runDir})`);
  const started = Date.now();
  try {
    await waitForHealthz(url, exited, { timeoutMs: startupTimeoutMs, logFile });
  } catch (err) {
    await stop();
    throw err;
  }
  log(`healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    url, port, runDir, logFile, pid: child.pid, workspace: workspace && path.resolve(workspace),
    extensionsDir: d.extensions, userDataDir: d.userData, exited, stop,
  };
}

export const CHROMIUM_PATH = process.env.ONEONONES_CHROMIUM || '/usr/bin/chromium';

/**
 * Headless Chromium (Debian's, via playwright-core: Playwright's own browser download is not reachable offline).
 * A fresh profile inside the run folder; HOME / XDG_* / TMPDIR point there too, so Chromium writes nothing into ~ or
 * /tmp. Close it with `await browser.close()` (Playwright then deletes the profile and ends the process).
 * @param {{ runDir: string, headless?: boolean }} o
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser({ runDir, headless = true }) {
  // handleSIGINT/SIGTERM/SIGHUP are off below: Playwright's own handlers would close the browser and exit the process
  // before our callers stop code-server. Callers own signal handling (and always call browser.close()). Playwright
  // still kills the browser on process exit.
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install chromium) or set ONEONONES_CHROMIUM`);
  }
  const { chromium } = require('playwright-core');
  const profile = path.join(runDir, 'chromium');
  fs.mkdirSync(profile, { recursive: true });
  // Chromium's TMPDIR holds org.chromium.Chromium.XXXXXX/SingletonSocket: keep it short (see socketSafeDir).
  const sockets = socketSafeDir(path.join(profile, 'tmp'), 107 - 50);
  const tmp = sockets.dir;
  // browserType.launch() (unlike launchPersistentContext, which returns no Browser) creates its profile and artifacts
  // folders with mkdtemp(os.tmpdir()) in THIS process, and os.tmpdir() reads $TMPDIR at each call. So point TMPDIR
  // into the run folder while launching: the fresh profile lands in <runDir>/chromium/playwright_chromiumdev_profile-*
  // and nothing is created in /tmp even if we are killed before Playwright's own cleanup runs.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = profile;
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // The browser's own environment: its HOME / XDG / TMPDIR inside the run folder too.
      env: {
        ...process.env,
        HOME: profile,
        XDG_CONFIG_HOME: path.join(profile, 'config'),
        XDG_CACHE_HOME: path.join(profile, 'cache'),
        XDG_DATA_HOME: path.join(profile, 'data'),
        TMPDIR: tmp,
      },
      args: [
        '--no-sandbox', // running as root in a container: Chromium's sandbox cannot start
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage', // small /dev/shm in containers makes renderers crash
      ],
    });
  } catch (e) {
    sockets.dispose();
    throw e;
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  // After close() or a crash, remove the socket folder if it lives outside the run folder.
  browser.on('disconnected', () => sockets.dispose());
  return browser;
}
