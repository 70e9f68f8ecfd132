#!/usr/bin/env node
// `npm start`: open the extension in a real VS Code (code-server, offline) on the demo team, in your browser.
//
//   node scripts/vscode/start.mjs [--folder <your team folder or its workspace>] [--port <n>] [--keep] [--verbose]
//                                 [--extension <dir, default cwd>]
//   npm start -- --folder ~/notes --port 9000
//
// - Provisions code-server on first use (~1.5 min, cached in .vscode-test/; see provision.mjs).
// - The extension is installed by symlinking its folder into the run's fresh extensions dir, so it is active like an
//   installed extension (no test payload needed); rebuild (`npm run watch`) + "Developer: Reload Window" picks up
//   changes.
// - Without --folder: a COPY of the demo team (examples/demo-team) in a temporary folder, removed on exit, so trying
//   commands never leaves files in the checkout. The demo tells its story as of 2026-11-24; the copy's dates are
//   moved by whole days so that today is that day (the Problems panel then matches the README's CLI example).
// - With --folder PATH: that folder, IN PLACE: your own team folder (or the workspace holding it); edits are real.
// - Port: --port, else $PORT, else 8080; if that one is taken, a free port is used instead (and printed).
// - Loopback only, no password: reachable from this machine only (use an SSH tunnel for a remote box).
// - Ctrl-C (SIGINT) or SIGTERM stops code-server and removes the run folder (user settings and UI state of the
//   session go with it; --keep keeps the folder).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, portIsFree, freePort } from './server.mjs';
import { DEFAULT_ROOT } from './provision.mjs';
import { copyShifted, daysFrom, localToday } from '../demo/shift.mjs';

const say = (msg) => process.stderr.write(`[start] ${msg}\n`);

let opts;
try {
  opts = parseArgs({
    options: {
      extension: { type: 'string' },
      folder: { type: 'string' },
      workspace: { type: 'string' }, // the old name of --folder
      port: { type: 'string' },
      keep: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (e) {
  say(e.message);
  process.exit(2);
}

const extension = path.resolve(opts.extension ?? process.cwd());
const given = opts.folder ?? opts.workspace;
const demo = path.join(extension, 'examples', 'demo-team');
/** The demo's story is told as of this day (see examples/demo-team/README.md). */
const DEMO_TODAY = '2026-11-24';
let copyDir;
let workspace;
if (given) {
  workspace = path.resolve(given);
} else {
  copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneonones-demo-'));
  workspace = path.join(copyDir, 'demo-team');
  const shift = daysFrom(DEMO_TODAY, localToday());
  copyShifted(demo, workspace, shift);
  say(`serving a copy of the demo team (dates moved ${shift} days so that today is ${DEMO_TODAY} in its story): ${workspace}`);
}

if (!fs.existsSync(path.join(extension, 'package.json'))) {
  say(`no package.json in ${extension}: run from the extension's folder or pass --extension`);
  process.exit(2);
}
if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) {
  say(`workspace folder not found: ${workspace}`);
  process.exit(2);
}
{
  const pkg = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
  const main = pkg.main && path.resolve(extension, pkg.main);
  if (main && ![main, `${main}.js`].some((p) => fs.existsSync(p))) {
    say(`warning: ${pkg.main} does not exist: build the extension first (npm run build), or it will not activate`);
  }
}

const wanted = Number(opts.port ?? process.env.PORT ?? 8080);
if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
  say(`invalid port: ${opts.port ?? process.env.PORT}`);
  process.exit(2);
}
let port = wanted;
if (wanted === 0 || !(await portIsFree(wanted))) {
  port = await freePort();
  if (wanted !== 0) say(`port ${wanted} is in use; using ${port} instead`);
}

let server;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping code-server...');
  try {
    await server?.stop();
  } finally {
    if (server && !opts.keep) fs.rmSync(server.runDir, { recursive: true, force: true });
    else if (server) say(`run folder kept: ${server.runDir}`);
    if (copyDir && !opts.keep) fs.rmSync(copyDir, { recursive: true, force: true });
    else if (copyDir) say(`demo copy kept: ${workspace}`);
    process.exit(code);
  }
}
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    if (stopping) process.exit(code); // second Ctrl-C: leave now
    shutdown(code);
  });
}

try {
  server = await startCodeServer({
    root: DEFAULT_ROOT,
    workspace,
    extensionDevelopmentPath: extension,
    port,
    workspaceTrust: false,
    verbose: opts.verbose || process.env.ONEONONES_VSCODE_VERBOSE === '1',
  });
} catch (e) {
  say(`could not start code-server: ${e.message}`);
  process.exit(1);
}

server.exited.then(({ code, signal }) => {
  if (stopping) return;
  say(`code-server exited on its own (${signal ?? `exit ${code}`}); log: ${server.logFile}`);
  opts.keep = true; // keep the log for a look
  shutdown(1); // still stop(): reaps what is left of the process group and removes the socket folder
});

// Slashes left readable (legal in a query string); everything else encoded.
process.stdout.write(`First-Class 1:1s is running at ${server.url}/?folder=${encodeURIComponent(workspace).replace(/%2F/g, "/")}\n`);
say('press Ctrl-C to stop');
