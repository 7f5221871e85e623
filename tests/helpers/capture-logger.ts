import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../../src/log.js';

/** A pino logger whose lines are kept in memory, so a test can assert what was logged. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
