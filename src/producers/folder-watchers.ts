import { watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';
import type { Logger } from '../log.js';

/**
 * One non-recursive `fs.watch` (one inotify watch on Linux) per folder of the inbox. Not
 * per file: a watch per file, as chokidar sets, costs a handle per waiting file and hits
 * the kernel's watch limit on a large inbox. Not `recursive: true` either: on Linux, Node 20
 * builds it by walking and stat-ing the whole tree synchronously at start (1 s of a blocked
 * event loop per 10,000 files, measured) and keeps an entry per file.
 *
 * An event only says "something happened to this name": the caller looks at the path. A
 * folder whose watch fails or errors is dropped and `onLost` asks for a scan, since events
 * in it may have been missed; so does an event without a name.
 */
export class FolderWatchers {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly onName: (path: string) => void,
    private readonly onLost: (folder: string) => void,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.watchers.size;
  }

  /** Watches folder unless it already is; false when the watch could not be set. */
  add(folder: string): boolean {
    if (this.watchers.has(folder)) return true;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: true }, (_event, name) => {
        if (name) this.onName(join(folder, name.toString()));
        else this.onLost(folder);
      });
    } catch (err) {
      // ENOENT: gone already. ENOSPC: the inotify watch limit; the periodic scan still finds its files.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn({ folder, err: (err as Error).message }, 'cannot watch an inbox folder; relying on rescans');
      return false;
    }
    watcher.on('error', () => {
      this.remove(folder);
      this.onLost(folder);
    });
    this.watchers.set(folder, watcher);
    return true;
  }

  /** Stops watching folder and every folder under it (it was removed or moved away). */
  removeTree(folder: string): void {
    const below = folder + sep;
    for (const path of [...this.watchers.keys()]) if (path === folder || path.startsWith(below)) this.remove(path);
  }

  has(folder: string): boolean {
    return this.watchers.has(folder);
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private remove(folder: string): void {
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
  }
}
