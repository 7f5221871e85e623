import { readFileSync } from 'node:fs';

/** Package version, stamped into every record's pipeline.version. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
