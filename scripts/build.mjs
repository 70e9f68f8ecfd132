// Bundles the shipped entry points with esbuild (fast activation, one file each) and compiles the tests with tsc.
//   node scripts/build.mjs           build once
//   node scripts/build.mjs --watch   rebuild bundles on change
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * The webview apps, the one list: webview/<app>/main.ts and webview/<app>/<app>.css are bundled to
 * out/webview/<app>.js and .css, which the shared host (src/vscode/webview/host.ts) serves for the page `<app>`.
 */
const WEBVIEW_APPS = ['form', 'dashboard'];

/**
 * @touch4it/ical-timezones reads its VTIMEZONE files from beside its own module at run time, which a bundle does not
 * ship: the bundles get the same functions over the package's data, inlined once (deduplicated, parsed on first use).
 */
const icalTimezones = {
  name: 'ical-timezones-inline',
  setup(build) {
    build.onResolve({ filter: /^@touch4it\/ical-timezones$/ }, () => ({ path: 'ical-timezones', namespace: 'ical-timezones-inline' }));
    build.onLoad({ filter: /.*/, namespace: 'ical-timezones-inline' }, async () => {
      const require = createRequire(import.meta.url);
      const pkg = require('@touch4it/ical-timezones');
      const zones = require('@touch4it/ical-timezones/zones.js');
      const files = {};
      for (const [name, file] of Object.entries(zones)) if (!(file in files)) files[file] = pkg.getVtimezoneComponent(name);
      return {
        loader: 'js',
        contents: `const zones = ${JSON.stringify(zones)};\nconst data = ${JSON.stringify(JSON.stringify(files))};\nlet files;\n`
          + 'function getVtimezoneComponent(zone) { const f = Object.hasOwn(zones, zone) ? zones[zone] : undefined; if (!f) return null; files ??= JSON.parse(data); return files[f] ?? null; }\n'
          + 'module.exports = { getVtimezoneComponent, timezoneExists: (z) => getVtimezoneComponent(z) !== null };\n',
      };
    });
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  plugins: [icalTimezones],
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

/**
 * Packages the extension loads on first use rather than at activation (issue #17): each is bundled alone into
 * out/lazy/<chunk>.js, and inside out/extension.js its imports resolve to a stand-in whose exports are getters that
 * require() the chunk the first time one is read. `import { x } from 'pkg'` compiles to `pkg_ns.x` read where it is
 * used, so nothing loads until code that uses the package runs. The CLI and the bench keep one file each.
 *   ical-generator            the calendar export only
 *   @touch4it/ical-timezones  the VTIMEZONE texts (about 190 KB), the calendar export only; the zone name table
 *                             (`@touch4it/ical-timezones/zones.js`, which the team.yaml check reads) stays in
 * Not `yaml` (about 11 ms of the load): the index reads with it every file the fast reader (js-yaml) declines, and the
 * first such file would pay the chunk's load inside its parse, which the hostile suite's budget per file catches.
 * test/unit/bundle.test.ts fails when one of them is back in the activation bundle or loaded by its require().
 */
const LAZY_CHUNKS = [
  { module: 'ical-generator', chunk: 'ical-generator' },
  { module: '@touch4it/ical-timezones', chunk: 'ical-timezones' },
];

/** The stand-in for a lazy package: its export names (from the built chunk), each a getter that loads the chunk. */
function lazyStandIn(chunk, names) {
  return [
    'let chunk;',
    `const load = () => (chunk ??= require(${JSON.stringify(`./lazy/${chunk}.js`)}));`,
    'Object.defineProperty(exports, "__esModule", { value: true });',
    `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
  ].join('\n');
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Resolves each lazy package to its stand-in, and the stand-in's require of the chunk to the file beside the bundle. */
function lazyChunks(namesOf) {
  return {
    name: 'lazy-chunks',
    setup(build) {
      for (const { module, chunk } of LAZY_CHUNKS) {
        build.onResolve({ filter: new RegExp(`^${escapeRegExp(module)}$`) }, () => ({ path: chunk, namespace: 'lazy-chunk' }));
      }
      build.onResolve({ filter: /^\.\/lazy\//, namespace: 'lazy-chunk' }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-chunk' }, (args) => ({ loader: 'js', contents: lazyStandIn(args.path, namesOf(args.path)) }));
    },
  };
}

/** A lazy package alone: its ES module exports (and its default, if it has one) as a CommonJS module. */
async function chunkTarget({ module, chunk }) {
  const hasDefault = 'default' in (await import(module));
  return {
    ...common,
    stdin: { contents: `export * from '${module}';\n${hasDefault ? `export { default } from '${module}';\n` : ''}`, resolveDir: process.cwd(), loader: 'js' },
    outfile: `out/lazy/${chunk}.js`,
  };
}

const chunkTargets = await Promise.all(LAZY_CHUNKS.map(chunkTarget));
// The chunks first: the stand-ins list the names each one exports. (A chunk no longer listed must not stay behind:
// the package takes every out/lazy/*.js.)
rmSync('out/lazy', { recursive: true, force: true });
await Promise.all(chunkTargets.map((t) => esbuild.build(t)));
const requireOut = createRequire(new URL('../out/', import.meta.url));
const namesOf = (chunk) => {
  const path = requireOut.resolve(`./lazy/${chunk}.js`);
  delete requireOut.cache[path];
  return Object.keys(requireOut(path)).filter((k) => k !== '__esModule');
};

/**
 * `import * as vscode from 'vscode'` in each of the extension's ~20 modules: esbuild gives each importing module its own
 * copy of the external module's namespace, a getter per export, and the API object VS Code hands an extension has
 * about 200 (node:fs about 100). The extension's imports of `vscode` and node's modules go through one module per
 * external instead, which copies it once; reading an export is the same getter as before.
 */
const sharedExternals = {
  name: 'shared-externals',
  setup(build) {
    build.onResolve({ filter: /^(vscode|node:[\w/]+)$/ }, (args) => (args.namespace === 'shared-external'
      ? { path: args.path, external: true }
      : { path: args.path, namespace: 'shared-external' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-external' }, (args) => ({
      loader: 'js',
      contents: `export * from ${JSON.stringify(args.path)};\nexport { default } from ${JSON.stringify(args.path)};\n`,
    }));
  },
};

/** Writes a build's metafile after each build (also in --watch). */
function metafileTo(file) {
  return { name: 'metafile', setup: (build) => build.onEnd((r) => r.metafile && writeFileSync(file, JSON.stringify(r.metafile))) };
}

const targets = [
  // Its metafile (the inputs it holds) goes beside it for test/unit/bundle.test.ts; the package leaves it out.
  { ...common, plugins: [lazyChunks(namesOf), sharedExternals, ...common.plugins, metafileTo('out/extension.meta.json')], metafile: true, entryPoints: ['src/extension.ts'], outfile: 'out/extension.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['bench/bench.ts'], outfile: 'out/bench.js' },
  // Each webview app: a browser bundle and its stylesheet, the only files its page may load (src/vscode/webview/).
  ...WEBVIEW_APPS.flatMap((app) => [
    {
      bundle: true,
      platform: 'browser',
      target: 'chrome120',
      format: 'iife',
      sourcemap: false,
      minify: true,
      logLevel: 'warning',
      entryPoints: [`webview/${app}/main.ts`],
      outfile: `out/webview/${app}.js`,
    },
    { bundle: true, minify: true, logLevel: 'warning', entryPoints: [`webview/${app}/${app}.css`], outfile: `out/webview/${app}.css` },
  ]),
];

if (watch) {
  for (const t of [...chunkTargets, ...targets]) {
    const ctx = await esbuild.context(t);
    await ctx.watch();
  }
  console.log('watching…');
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  chmodSync('out/cli.js', 0o755);
  // Tests and the type check use tsc's own output (build/), so a type error fails the build.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' });
  // The webviews' own type check (DOM lib), against the protocols they share with the host.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'webview'], { stdio: 'inherit' });
}
