#!/usr/bin/env node
// `npm start`: open the extension in a real VS Code (code-server, offline) on the demo team, in your browser.
//
//   node scripts/vscode/start.mjs [--extension <dir, default cwd>] [--workspace <dir, default examples/demo-team>]
//                                 [--port <n>] [--keep] [--verbose]
//   PORT=9000 npm start
//
// - Provisions code-server on first use (~1.5 min, cached in .vscode-test/; see provision.mjs).
// - The extension is installed by symlinking its folder into the run's fresh extensions dir, so it is active like an
//   installed extension (no test payload needed); rebuild (`npm run watch`) + "Developer: Reload Window" picks up
//   changes.
// - The workspace is served IN PLACE (not copied): it is the demo, edits are real edits.
// - Port: --port, else $PORT, else 8080; if that one is taken, a free port is used instead (and printed).
// - Loopback only, no password: reachable from this machine only (use an SSH tunnel for a remote box).
// - Ctrl-C (SIGINT) or SIGTERM stops code-server and removes the run folder (user settings and UI state of the
//   session go with it; --keep keeps the folder).

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer, portIsFree, freePort } from './server.mjs';
import { DEFAULT_ROOT } from './provision.mjs';

const say = (msg) => process.stderr.write(`[start] ${msg}\n`);

let opts;
try {
  opts = parseArgs({
    options: {
      extension: { type: 'string' },
      workspace: { type: 'string' },
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
const workspace = path.resolve(opts.workspace ?? path.join(extension, 'examples', 'demo-team'));

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
