/**
 * Where the warm start (src/core/warm/cache.ts) is kept: one file per team folder in the extension's storage for this
 * workspace (`context.storageUri`), never in the team folder. Read once when a window opens the team; written after
 * the first full check and again a few seconds after changes settle. Written atomically (a reader never sees half a
 * file); a file that cannot be read or written is simply no warm start (the cold load runs as before).
 */
import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { fingerprint, WARM_MAX_BYTES, warmFileText } from '../../core/warm/cache';
import type { WarmFile } from '../../core/warm/cache';
import { writeFileAtomically } from '../../node/atomicWrite';
import { hostSlice } from './workQueue';

export class WarmStore {
  /**
   * `storage` is the extension's storage folder for this workspace (undefined without a workspace, or when it is not
   * on disk: no warm start then); `build` names this build of the extension (see `buildId`).
   */
  constructor(private readonly storage: vscode.Uri | undefined, readonly build: string) {}

  /** The cache file of a team folder: named by a fingerprint of its Uri (no name or path of the team in it). */
  private fileOf(root: vscode.Uri): string | undefined {
    if (!this.storage || this.storage.scheme !== 'file') return undefined;
    return path.join(this.storage.fsPath, `warm-start-${fingerprint(root.toString())}.json`);
  }

  /** The cache file's text, or undefined when there is none (or it is too large to be one, or unreadable). */
  async read(root: vscode.Uri): Promise<string | undefined> {
    const file = this.fileOf(root);
    if (!file) return undefined;
    try {
      const st = await fsp.lstat(file);
      if (!st.isFile() || st.size > WARM_MAX_BYTES) return undefined;
      // The bytes, then one decoding: with an encoding, readFile decodes chunk by chunk through a string decoder,
      // which took a third of a second of the host's thread for the huge team's 8 MB (a profile of the warm reopen).
      return (await fsp.readFile(file)).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** Writes the cache of a team folder (atomically); false when it could not be written. */
  async write(root: vscode.Uri, warm: WarmFile): Promise<boolean> {
    const file = this.fileOf(root);
    if (!file) return false;
    try {
      await fsp.mkdir(path.dirname(file), { recursive: true });
      // Made a report at a time, the host's thread free between slices (see warmFileText).
      const pieces: string[] = [];
      for (const piece of warmFileText(warm)) {
        await hostSlice();
        pieces.push(piece);
      }
      await writeFileAtomically(file, pieces.join(''));
      return true;
    } catch {
      return false;
    }
  }

  /** Where the cache of a team folder is (for the in-host tests), or undefined when there is no storage on disk. */
  pathOf(root: vscode.Uri): string | undefined {
    return this.fileOf(root);
  }
}

/**
 * This build of the extension: its version and its bundle's `mtime:size`, so that a rebuilt extension (whose rules may
 * say something else) never trusts a cache an older build wrote.
 */
export function buildId(version: string, bundle: string): string {
  try {
    const st = statSync(bundle); // one stat at activation
    return `${version}:${st.mtimeMs}:${st.size}`;
  } catch {
    return `${version}:unknown`;
  }
}
