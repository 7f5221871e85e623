import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound } from './fs-errors.js';

export type FolderEntry =
  /** A subfolder, yielded before it is listed, so a watcher set on it misses nothing. */
  | { kind: 'folder'; path: string }
  /** Anything else: a file, a link, or a name whose type the filesystem does not report. */
  | { kind: 'file'; path: string };

/**
 * Every entry under `root` (not root itself), one at a time: `opendir` streams a folder's
 * names in small batches, so a folder of 100,000 files never sits in memory as one listing,
 * and the caller can pause between entries. Skipped names are neither yielded nor entered.
 * A folder that vanishes meanwhile is passed over; other errors go to `onError` and the walk
 * goes on with the next folder.
 */
export async function* walkFolder(
  root: string,
  isSkipped: (name: string) => boolean,
  onError: (path: string, err: unknown) => void,
): AsyncGenerator<FolderEntry> {
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let dir;
    try {
      dir = await opendir(folder, { bufferSize: 256 });
    } catch (err) {
      if (!isNotFound(err)) onError(folder, err);
      continue;
    }
    try {
      for await (const entry of dir) {
        if (isSkipped(entry.name)) continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          folders.push(path);
          yield { kind: 'folder', path };
        } else {
          yield { kind: 'file', path };
        }
      }
    } catch (err) {
      if (!isNotFound(err)) onError(folder, err);
    }
  }
}
