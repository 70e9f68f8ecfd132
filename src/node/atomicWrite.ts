/** Writing a whole file so that a reader never sees half of it: a temporary file beside the target, then a rename. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/** Writes `data` to `target` atomically; on failure the temporary file is removed and nothing else is changed. */
export async function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(tmp, data, { flag: 'wx', mode: 0o600 });
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}
