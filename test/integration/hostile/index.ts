// Entry of the hostile-corpus suite: the extension over a generated hostile team (scripts/hostile/generate.mjs --team).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Host from '../runners/mochaInHost.cjs';

const host = createRequire(__filename)(path.resolve(__dirname, '../../../../test/integration/runners/mochaInHost.cjs')) as typeof Host;

export function run(): Promise<void> {
  return host.run(__dirname, { timeout: 120000 });
}
