import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ConfigError, loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { addSettingOptions, configFlags } from '../../pipeline/cli-options.js';
import { openStores } from '../../stores/open-stores.js';
import { BEFORE_EVERYTHING, dayOf, decodeStoreCursor, type OutputFilter, type StatusChoice, type StoreCursor } from '../../stores/output-query.js';
import type { OutputStore } from '../../stores/types.js';

/** Summaries fetched per store query; entries are then read and written one at a time. */
const EXPORT_PAGE = 500;
const STATUSES: readonly StatusChoice[] = ['record', 'rejected', 'failed', 'all'];

export interface ExportOptions {
  status: StatusChoice;
  /** Entries written on or after this ISO time, or strictly after this store position. */
  since?: { time: string } | { cursor: StoreCursor };
  /** Called after each entry written, with the count so far and the entry's cursor. */
  progress?: (written: number, cursor: string) => void;
}

/**
 * Writes every matching entry's stored JSON as one line, oldest written first, paging the
 * store by keyset: memory stays one page of summaries and one entry whatever the store holds,
 * and a slow reader slows the export (stdout's backpressure) instead of filling memory.
 * Returns the number written and the last entry's cursor (pass it as --since to go on).
 */
export async function exportEntries(store: OutputStore, out: Writable, options: ExportOptions): Promise<{ written: number; last: string | null }> {
  const filter: OutputFilter = { status: options.status };
  let after: StoreCursor | undefined;
  if (options.since && 'time' in options.since) filter.since = options.since.time;
  if (options.since && 'cursor' in options.since) after = options.since.cursor;
  let written = 0;
  let last: string | null = null;
  for (;;) {
    const page = await store.query({ ...filter, limit: EXPORT_PAGE, after: after ?? BEFORE_EVERYTHING });
    for (const entry of page) {
      const stored = await store.read(entry.status === 'record' ? 'records' : 'rejected', entry.id);
      // Deleted or replaced since the page was read: its replacement comes later in the order.
      if (stored === null) continue;
      if (!out.write(`${JSON.stringify(stored)}\n`)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return { written, last };
      written += 1;
      last = entry.cursor;
      options.progress?.(written, entry.cursor);
    }
    if (page.length < EXPORT_PAGE) return { written, last };
    after = decodeStoreCursor(page.at(-1)!.cursor)!;
  }
}

/** `--since`: a day (YYYY-MM-DD, from its start, UTC), an ISO time, or a store cursor from an earlier export. */
export function parseSince(text: string): NonNullable<ExportOptions['since']> {
  const cursor = decodeStoreCursor(text);
  if (cursor) return { cursor };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && dayOf(text) === text) return { time: `${text}T00:00:00Z` };
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return { time: new Date(text).toISOString() };
  throw new ConfigError(`--since: "${text}" is not a day (YYYY-MM-DD), an ISO time or a cursor printed by an earlier export`);
}

/** `scour export`: the output store as NDJSON on stdout, for bulk loads. */
export function register(program: Command): void {
  addSettingOptions(
    program
      .command('export')
      .description('write stored records (or rejections) to stdout as NDJSON, one stored JSON per line, oldest written first')
      .option('--since <day|time|cursor>', 'only entries written on or after a day (YYYY-MM-DD) or ISO time, or after a cursor an earlier export printed')
      .addOption(new Option('--status <status>', 'which entries: record, rejected, failed or all').choices(STATUSES as string[]).default('record')),
    ['dataDir', 'store', 'outputStore', 'prefix', 'logLevel'],
  ).action(async (options: Record<string, unknown>) => {
    const since = typeof options.since === 'string' ? parseSince(options.since) : undefined;
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'scour-export');
    const stores = await openStores(config, logger);
    // Progress only for a person watching: a pipeline reading stdout wants stderr quiet.
    const tty = process.stderr.isTTY;
    // A reader that stops early (`| head`) ends the export quietly, not with an EPIPE stack.
    process.stdout.on('error', () => process.stdout.destroy());
    let shown = 0;
    try {
      const { written, last } = await exportEntries(stores.output, process.stdout, {
        status: options.status as StatusChoice,
        ...(since ? { since } : {}),
        ...(tty
          ? {
              progress: (n: number) => {
                if (Date.now() - shown < 500) return;
                shown = Date.now();
                process.stderr.write(`\r${n} exported`);
              },
            }
          : {}),
      });
      if (tty) process.stderr.write(`\r${written} exported${last ? `; continue later with --since ${last}` : ''}\n`);
    } finally {
      await stores.close();
    }
  });
}
