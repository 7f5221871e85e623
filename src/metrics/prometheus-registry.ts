import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { readStats } from './pipeline-stats.js';
import { formatPipelineMetrics, QUEUE_STATES } from './prometheus-text.js';

/** Prefix of every metric this process exposes, Node's own included. */
export const METRIC_PREFIX = 'scour_';

export interface ScourMetrics {
  /** Dedicated registry (never prom-client's global one) holding this process's Node metrics. */
  registry: Registry;
  contentType: string;
  /** The full exposition: Node process metrics, then the pipeline's summed Redis stats and queue counts. */
  render(): Promise<string>;
}

export function createScourMetrics(deps: { redis: Redis; prefix: string; queue: Queue }): ScourMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return {
    registry,
    contentType: registry.contentType,
    async render() {
      const [processText, stats, queueCounts] = await Promise.all([
        registry.metrics(),
        readStats(deps.redis, deps.prefix),
        deps.queue.getJobCounts(...QUEUE_STATES).catch(() => null),
      ]);
      return processText + formatPipelineMetrics(stats, queueCounts);
    },
  };
}
