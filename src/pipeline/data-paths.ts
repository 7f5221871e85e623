import { join, resolve } from 'node:path';
import type { Config } from '../schemas/index.js';

export interface DataPaths {
  root: string;
  /** Files dropped here are ingested. */
  inbox: string;
  /** Content-addressed raw bytes, kept until their job ends. */
  raw: string;
  /** Output store root: records/ and rejected/. */
  out: string;
}

export function dataPaths(config: Pick<Config, 'dataDir'>): DataPaths {
  const root = resolve(config.dataDir);
  return { root, inbox: join(root, 'inbox'), raw: join(root, 'raw'), out: join(root, 'out') };
}
