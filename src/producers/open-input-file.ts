import { closeSync, constants, existsSync, fstatSync, openSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import type { OpenedFile } from '../stores/types.js';

/**
 * An inbox entry that is not a plain file: a symbolic link (to anything), a folder reached
 * through a link, a FIFO, socket or device, or a file whose real path lies outside the inbox.
 * It is never read; the producer records it as a `not-a-regular-file` rejection.
 */
export class NotRegularFileError extends Error {
  override name = 'NotRegularFileError';
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path} is ${what}, not a regular file inside the inbox: not read`);
  }
}

/**
 * O_NOFOLLOW: a link as the last component fails with ELOOP instead of being followed.
 * O_NONBLOCK: a FIFO opens at once (and is then refused by the fstat) instead of blocking
 * the producer until someone writes to it; it changes nothing for regular files.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Where Linux names the file behind a descriptor; elsewhere the path is resolved and compared by inode. */
const PROC_FDS = '/proc/self/fd';
const hasProcFds = existsSync(PROC_FDS);

/**
 * Opens `path` for reading if, and only if, it is a regular file reached without following
 * a link and, when `within` is given, its real path lies under that folder. The checks are
 * made on the open descriptor, so a link or folder swapped in between check and read is
 * caught: O_NOFOLLOW guards the last component, the real path of the descriptor guards the
 * folders above it (a subfolder replaced by a link to /etc). Throws NotRegularFileError for
 * an entry to refuse, and the plain errno error (ENOENT…) otherwise.
 */
export function openInputFile(path: string, within?: string): OpenedFile {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new NotRegularFileError(path, 'a symbolic link');
    if (code === 'ENXIO') throw new NotRegularFileError(path, 'a socket');
    if (code === 'EISDIR') throw new NotRegularFileError(path, 'a folder');
    throw err;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotRegularFileError(path, describe(stats));
    if (within !== undefined) {
      const real = realPathOf(fd, path, stats);
      const root = realRoot(within);
      if (real === null || !(real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))) {
        throw new NotRegularFileError(path, `a file outside the inbox (${real ?? 'its real path is unknown'})`);
      }
    }
    return { path, fd, stats };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

function describe(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** The path of the file fd is open on; null when it cannot be told. */
function realPathOf(fd: number, path: string, stats: Stats): string | null {
  if (hasProcFds) {
    try {
      const named = readlinkSync(`${PROC_FDS}/${fd}`);
      // "(deleted)" once the name is gone: then nothing outside the inbox can be behind it
      // either way, but the file is about to vanish; the caller's stat will say so.
      return named.endsWith(' (deleted)') ? named.slice(0, -' (deleted)'.length) : named;
    } catch {
      return null;
    }
  }
  try {
    const real = realpathSync(path);
    const now = statSync(real);
    return now.ino === stats.ino && now.dev === stats.dev ? real : null;
  } catch {
    return null;
  }
}

/** realpath of each root folder, cached: the inbox's own path does not change under a running producer. */
const roots = new Map<string, string>();
function realRoot(dir: string): string {
  let real = roots.get(dir);
  if (real === undefined) {
    real = realpathSync(dir);
    if (roots.size > 64) roots.clear();
    roots.set(dir, real);
  }
  return real;
}
