// Bundles the shipped entry points with esbuild (fast activation, one file each) and compiles the tests with tsc.
//   node scripts/build.mjs           build once
//   node scripts/build.mjs --watch   rebuild bundles on change
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
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

const targets = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'out/extension.js' },
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
  // The webviews' own type check (DOM lib), against the protocols they share with the host.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'webview'], { stdio: 'inherit' });
}
