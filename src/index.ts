/**
 * The package's entry point (`import { clean, CleanRecord } from 'scour-news'`): the pure
 * cleaner and the schemas of what it produces. The pipeline (queue, workers, stores) runs
 * through the `scour` command, not as a library. `scour-news/clean` and `scour-news/schema`
 * give each half alone.
 */
export { clean } from './clean/index.js';
export type { CleanOptions, CleanResult, RawInput } from './clean/index.js';
export * from './schemas/index.js';
export { VERSION } from './version.js';
