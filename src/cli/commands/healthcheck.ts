import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { addSettingOptions, configFlags } from '../../pipeline/cli-options.js';
import { pingRedis } from '../../redis/ping-redis.js';
import { LOCAL_REDIS_URL } from '../../redis/resolve-redis.js';

/** Roles that serve HTTP: their health is the dashboard's /healthz (Redis and the queue readable). */
const SERVES_HTTP = new Set(['start', 'dashboard']);

/** The role of the container's main process (`node bin/scour.js <role>` as PID 1), or null. */
function containerRole(): string | null {
  try {
    const args = readFileSync('/proc/1/cmdline', 'utf8').split('\0');
    const bin = args.findIndex((arg) => arg.endsWith('scour.js'));
    return bin >= 0 ? (args[bin + 1] ?? 'start') : null;
  } catch {
    return null;
  }
}

/**
 * `scour healthcheck`: the Docker image's HEALTHCHECK. A dashboard (or `start`) is healthy when
 * its /healthz answers 200; a worker or producer when its Redis answers. Exit 0 or 1, one line.
 */
export function register(program: Command): void {
  addSettingOptions(
    program
      .command('healthcheck')
      .description("exit 0 when this container's scour is healthy (Docker HEALTHCHECK): /healthz for start and dashboard, Redis for the others")
      .option('--role <role>', 'start|dashboard|worker|producer (default: the role of the container\'s main process)'),
    ['port', 'redisUrl'],
  ).action(async (options: Record<string, unknown>) => {
    const config = loadConfig(configFlags(options));
    const role = typeof options.role === 'string' ? options.role : (containerRole() ?? 'start');
    let healthy: boolean;
    let what: string;
    if (SERVES_HTTP.has(role)) {
      what = `http://127.0.0.1:${config.port}/healthz`;
      healthy = await fetch(what, { signal: AbortSignal.timeout(5000) }).then(
        (res) => res.ok,
        () => false,
      );
    } else {
      what = 'Redis';
      healthy = await pingRedis(config.redisUrl ?? LOCAL_REDIS_URL, 3000);
    }
    process.stdout.write(`${role}: ${what} ${healthy ? 'answers' : 'does not answer'}\n`);
    process.exitCode = healthy ? 0 : 1;
  });
}
