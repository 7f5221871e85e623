import { join, resolve } from 'node:path';
import type { Config } from '../config.js';

/** The local folders of the data folder that are not stores (the file store keeps its own under it). */
export interface DataPaths {
  root: string;
  /** Files dropped here are ingested. */
  inbox: string;
}

export function dataPaths(config: Pick<Config, 'dataDir'>): DataPaths {
  const root = resolve(config.dataDir);
  return { root, inbox: join(root, 'inbox') };
}
