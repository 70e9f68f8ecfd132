// The suite's entry, `require`d by the extension host (same contract for code-server and desktop VS Code).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Host from '../runners/mochaInHost.cjs';

// tsc writes this file to build/; the helper stays in test/ (it is plain CommonJS, not compiled).
const host = createRequire(__filename)(path.resolve(__dirname, '../../../../test/integration/runners/mochaInHost.cjs')) as typeof Host;

export function run(): Promise<void> {
  return host.run(__dirname, { timeout: 30000 });
}
