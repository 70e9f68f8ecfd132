/**
 * The team folder for the command line's checks: files read synchronously (src/node/safeRead.ts, the same guards
 * as the extension's reads). A command has nothing else to do meanwhile, and a thread-pool round trip per small file
 * costs more than the read itself (about half of the read time of a full check on the large benchmark team).
 */
import type { FileContent } from '../core/fs';
import { NodeTeamFileSystem } from '../node/nodeFs';
import { readRegularFileSync } from '../node/safeRead';

export class SyncReadTeamFileSystem extends NodeTeamFileSystem {
  override readFile(path: string): Promise<FileContent> {
    try {
      const text = readRegularFileSync(this.resolve(path)).toString('utf8');
      return Promise.resolve({ text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
