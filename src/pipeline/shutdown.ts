import type { Logger } from '../log.js';

/** Message a supervisor sends its forked workers over IPC to stop them gracefully. */
export const SHUTDOWN_MESSAGE = 'scour:shutdown';

/**
 * First SIGINT/SIGTERM: run `graceful` (stop taking work, finish what is in flight, close
 * connections), then exit 0. A second signal while that runs: exit at once with 130.
 * A forked child also stops gracefully when its supervisor asks over IPC or goes away;
 * those requests never count as the "second signal" (Ctrl-C reaches both the supervisor
 * and its children, and the supervisor relays it).
 */
export function exitOnSignals(logger: Logger, graceful: () => Promise<void>, force: () => void = () => undefined): void {
  let stopping = false;
  let signals = 0;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ why }, 'shutting down: finishing work in flight (send the signal again to exit at once)');
    graceful().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now');
      force();
      process.exit(130);
    }
    stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (process.send) {
    process.on('message', (message) => message === SHUTDOWN_MESSAGE && stop('asked by supervisor'));
    process.on('disconnect', () => stop('supervisor went away'));
  }
}
