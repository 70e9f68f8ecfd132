// Types for mochaInHost.cjs, so a TypeScript suite index can `import type` it (see the .cjs for the behaviour).

export interface MochaInHostOptions {
  /** Which file names are test files. Default: /\.test\.js$/ */
  pattern?: RegExp;
  /** Per-test timeout in ms. Default: 30000 */
  timeout?: number;
  /** Only tests whose full title matches. Default: $ONEONONES_TEST_GREP */
  grep?: string;
  /** A built-in mocha reporter name. Default: 'spec' */
  reporter?: string;
  /** Force reporter colours on/off. */
  color?: boolean;
  /** JSON summary path. Default: $ONEONONES_TEST_REPORT (none if unset) */
  reportPath?: string;
  /** Copy of the reporter (and console) output. Default: $ONEONONES_TEST_LOG (none if unset) */
  logPath?: string;
  /** Also copy console.* output of the extension host into logPath. Default: true */
  captureConsole?: boolean;
  /** Extra options for `new Mocha()`. */
  mocha?: Record<string, unknown>;
}

/** The JSON written to reportPath after every test and at the end. */
export interface MochaInHostReport {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
  /** false until mocha has finished (a cut-short run leaves it false) */
  complete: boolean;
  /** full title of the test in progress, if any */
  running: string | null;
}

/** Run every test file under `testsRoot` with mocha (BDD). Resolves if all passed; rejects otherwise. */
export declare function run(testsRoot: string, options?: MochaInHostOptions): Promise<void>;

/** Test files under `dir` whose name matches `pattern`, sorted. */
export declare function findTestFiles(dir: string, pattern: RegExp): string[];
