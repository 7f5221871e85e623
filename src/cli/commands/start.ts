import type { Command } from 'commander';
import { createLogger, type Logger } from '../../log.js';
import { addPipelineOptions, configFlags, workerChildArgs } from '../../pipeline/cli-options.js';
import { startProducer } from '../../pipeline/producer-service.js';
import { openRuntime, type Runtime } from '../../pipeline/runtime.js';
import { exitOnSignals } from '../../pipeline/shutdown.js';
import { startWorkerPool } from '../../pipeline/worker-pool.js';
import { loadConfig } from '../../schemas/index.js';

/** `scour start`: producer + worker processes + dashboard, in one command. */
export function register(program: Command): void {
  addPipelineOptions(
    program.command('start').description('run the whole pipeline: inbox producer, worker processes and the dashboard'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const logger = createLogger(config.logLevel, 'scour');
    const runtime = await openRuntime(config, logger);
    const pool = startWorkerPool({ size: config.workers, args: workerChildArgs(config, runtime.redisUrl), logger });
    const producer = await startProducer(runtime);
    const dashboard = await startDashboardIfPresent(runtime, logger);
    exitOnSignals(
      logger,
      async () => {
        await producer.close();
        await pool.close();
        await dashboard?.close();
        await runtime.close();
      },
      () => pool.kill(),
    );
    logger.info({ inbox: runtime.paths.inbox, out: runtime.paths.out, dashboard: dashboard?.url ?? null }, 'scour is running: drop files into the inbox');
  });
}

interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

/** The dashboard is its own module (and pulls in fastify): load it only here, if it is built. */
async function startDashboardIfPresent(runtime: Runtime, logger: Logger): Promise<RunningDashboard | null> {
  let module: { startDashboard?: (opts: { config: Runtime['config']; redis: Runtime['redis']; store: Runtime['output']; logger: Logger }) => Promise<RunningDashboard> };
  try {
    module = (await import('../../dashboard/index.js')) as typeof module;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    logger.info('no dashboard in this build; running without it');
    return null;
  }
  if (!module.startDashboard) return null;
  return module.startDashboard({ config: runtime.config, redis: runtime.redis, store: runtime.output, logger });
}
