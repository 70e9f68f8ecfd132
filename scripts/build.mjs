// Bundles the shipped entry points with esbuild (fast activation, one file each) and compiles the tests with tsc.
//   node scripts/build.mjs           build once
//   node scripts/build.mjs --watch   rebuild bundles on change
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // js-yaml's CommonJS build: its ES module build parses about 3.5 times slower on V8 (measured with `npm run bench`;
  // it builds the parser state with object spread, the CommonJS build with a helper), and the index reads with it.
  alias: { 'js-yaml': './node_modules/js-yaml/dist/js-yaml.cjs.js' },
};

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'out/extension.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['bench/bench.ts'], outfile: 'out/bench.js' },
  // The form's webview: a browser bundle and its stylesheet, the only files the webview may load.
  {
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    sourcemap: false,
    minify: true,
    logLevel: 'warning',
    entryPoints: ['webview/form/main.ts'],
    outfile: 'out/webview/form.js',
  },
  { bundle: true, minify: true, logLevel: 'warning', entryPoints: ['webview/form/form.css'], outfile: 'out/webview/form.css' },
];

if (watch) {
  for (const t of targets) {
    const ctx = await esbuild.context(t);
    await ctx.watch();
  }
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  chmodSync('out/cli.js', 0o755);
  // Tests and the type check use tsc's own output (build/), so a type error fails the build.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' });
  // The webview's own type check (DOM lib), against the protocol it shares with the host.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'webview'], { stdio: 'inherit' });
}
