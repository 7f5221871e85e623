import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

const require = createRequire(import.meta.url);

/**
 * Where pino-pretty is, or null when it is not installed: it is an optional dependency
 * (`npm ci --omit=optional`, or a production image, leaves it out), only ever used for a
 * terminal, and its absence means plain JSON lines rather than a crash.
 */
export function prettyTarget(resolve: (id: string) => string = require.resolve): string | null {
  try {
    return resolve('pino-pretty');
  } catch {
    return null;
  }
}

/** JSON logs to stderr; pretty when stderr is a terminal and pino-pretty is installed. */
export function createLogger(level: string = 'info', name = 'scour', options: { tty?: boolean; pretty?: string | null } = {}): Logger {
  const tty = options.tty ?? process.stderr.isTTY === true;
  const pretty = tty ? (options.pretty === undefined ? prettyTarget() : options.pretty) : null;
  return pino(
    { name, level },
    pretty !== null
      ? pino.transport({ target: pretty, options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } })
      : pino.destination(2),
  );
}
export type { Logger };
