/**
 * Reading a team file on Node without following links out of the team folder and without ever blocking on a pipe:
 * the file is opened with O_NOFOLLOW (a symbolic link fails) and O_NONBLOCK (a FIFO opens at once instead of waiting
 * for a writer), then checked on the open descriptor (no race with a rename): it must be a regular file with exactly
 * one link. A hard link may name any file of the same disk, e.g. one outside the team folder, and cannot be told
 * apart from a file inside, so such files are never read (docs/security.md).
 */
import { close, closeSync, constants, fstat, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { FileSystemFailure } from '../core/fs';

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The FileSystemFailure for a Node error code; other errors are returned as they are (a real bug or I/O error). */
export function mapNodeError(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new FileSystemFailure('missing');
    case 'EACCES':
    case 'EPERM':
      return new FileSystemFailure('unreadable');
    case 'ELOOP':
    case 'EISDIR':
    case 'ENXIO':
    case 'ENODEV':
    case 'EOPNOTSUPP':
      return new FileSystemFailure('not-regular');
    default:
      return e;
  }
}

/**
 * Reads the `size` bytes fstat saw (one read for a small file); a file of size 0 is read to its end, since some report
 * no size. Bytes appended after the fstat are left for the next read, as with `fs.readFile`.
 */
function readAll(fd: number, size: number, done: (err: unknown, data?: Buffer) => void): void {
  let buffer = Buffer.allocUnsafe(size > 0 ? size : 8192);
  let length = 0;
  const step = (): void => {
    if (size > 0 && length === size) return done(undefined, buffer);
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    read(fd, buffer, length, buffer.length - length, null, (err, n) => {
      if (err) return done(mapNodeError(err));
      if (n === 0) return done(undefined, buffer.subarray(0, length));
      length += n;
      step();
    });
  };
  step();
}

/**
 * The bytes of a regular, singly linked file (a FileSystemFailure otherwise; open, fstat, read, close: like
 * `fs.readFile`), with the file's version (`mtime:size`, as `lstat` gives it: see NodeTeamFileSystem.stat) taken
 * from the fstat the guard makes anyway, before the read: a write during the read leaves an older version with newer
 * bytes, so whoever compares versions later reads again rather than trusting stale bytes (the warm start, issue #17).
 */
export function readRegularFileVersioned(abs: string): Promise<{ bytes: Buffer; version: string }> {
  return new Promise((resolve, reject) => {
    open(abs, FLAGS, (openErr, fd) => {
      if (openErr) return reject(mapNodeError(openErr));
      let version = '';
      const finish = (err: unknown, data?: Buffer): void => {
        close(fd, () => (err || !data ? reject(err ?? new Error('no data read')) : resolve({ bytes: data, version })));
      };
      fstat(fd, (statErr, st) => {
        if (statErr) return finish(mapNodeError(statErr));
        if (!st.isFile()) return finish(new FileSystemFailure('not-regular'));
        if (st.nlink > 1) return finish(new FileSystemFailure('hard-linked'));
        version = fileVersion(st);
        readAll(fd, st.size, finish);
      });
    });
  });
}

/**
 * A file's (or folder's) version as every reader and stat of the team folder on Node writes it: `mtime:size`, then
 * the change time and the inode. The modification time can be put back (`cp -p`, `touch -r`); the change time cannot
 * (setting the times changes it), and a file replaced by a rename is another inode. Whoever compares versions (the
 * rescan, the warm start) reads again when any part differs.
 */
export function fileVersion(st: { readonly mtimeMs: number; readonly size: number; readonly ctimeMs: number; readonly ino: number }): string {
  return `${st.mtimeMs}:${st.size}:${st.ctimeMs}:${st.ino}`;
}

/**
 * The guarded read without the thread pool, for the command line, which has no other work to keep responsive: the
 * same guards (O_NOFOLLOW, O_NONBLOCK, a regular file with one link), and about half the cost per small file.
 */
export function readRegularFileSync(abs: string): Buffer {
  let fd: number;
  try {
    fd = openSync(abs, FLAGS);
  } catch (e) {
    throw mapNodeError(e);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileSystemFailure('not-regular');
    if (st.nlink > 1) throw new FileSystemFailure('hard-linked');
    let buffer = Buffer.allocUnsafe(st.size > 0 ? st.size : 8192);
    let length = 0;
    for (;;) {
      if (st.size > 0 && length === st.size) return buffer;
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (e) {
        throw mapNodeError(e);
      }
      if (n === 0) return buffer.subarray(0, length);
      length += n;
    }
  } finally {
    closeSync(fd);
  }
}
