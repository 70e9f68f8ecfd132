// Entry of the Restricted Mode suite (run with the runner's --restricted switch).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Host from '../runners/mochaInHost.cjs';

const host = createRequire(__filename)(path.resolve(__dirname, '../../../../test/integration/runners/mochaInHost.cjs')) as typeof Host;

export function run(): Promise<void> {
  return host.run(__dirname, { timeout: 30000 });
}
