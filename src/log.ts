import pino, { type Logger } from 'pino';

/** JSON logs to stderr; pretty when stderr is a terminal. */
export function createLogger(level: string = 'info', name = 'scour'): Logger {
  const pretty = process.stderr.isTTY === true;
  return pino(
    { name, level },
    pretty
      ? pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } })
      : pino.destination(2),
  );
}
export type { Logger };
