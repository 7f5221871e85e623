import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { API_ERRORS, sendError } from './api-errors.js';
import { TIMED_OUT, within } from './within.js';
import { recordsStreamKey, type StreamEvent } from '../record-events/index.js';
import { currentTop, isCursor, parseEntries, type StatusFilter } from '../record-events/index.js';
import { apiPathOf } from './records-api.js';

export interface EventsFeedOptions {
  /** Comment line sent this often so proxies and clients see a live connection. Default 15 s. */
  heartbeatMs?: number;
  /** Open streams allowed at once; each holds one Redis connection. Default 64. */
  maxClients?: number;
}

const STATUS_FILTERS: ReadonlySet<string> = new Set(['record', 'rejected', 'failed', 'updated', 'all']);
/** Query parameters of /api/events (token: read by the token check). */
const EVENT_PARAMS: ReadonlySet<string> = new Set(['status', 'lastEventId', 'token']);
/** Entries read per XREAD; later ones come in the next round. */
const READ_BATCH = 100;
/** Pause before re-reading after a Redis error, so an outage does not spin. */
const RETRY_DELAY_MS = 1000;

interface Client {
  close(): void;
}

/**
 * GET /api/events: Server-Sent Events of new output-store entries, read from the record
 * stream with XREAD BLOCK on a connection of its own per client (a blocked XREAD would stall
 * every other command sharing its connection). Each event's `id` is the stream cursor, so an
 * EventSource reconnect resumes from `Last-Event-ID` without gaps; `?lastEventId=` does the
 * same for a first connection.
 */
export function registerEventsFeed(
  app: FastifyInstance,
  deps: { redis: Redis; prefix: string; logger: Logger },
  options: EventsFeedOptions = {},
): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxClients = options.maxClients ?? 64;
  const streamKey = recordsStreamKey(deps.prefix);
  const clients = new Set<Client>();

  app.addHook('preClose', async () => {
    for (const client of clients) client.close();
  });

  app.get('/api/events', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    // As on /api/records, a parameter this route does not know is an error, not ignored.
    const unknown = Object.keys(query).filter((name) => !EVENT_PARAMS.has(name));
    if (unknown.length > 0) return sendError(reply, API_ERRORS.BAD_QUERY, `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
    const header = request.headers['last-event-id'];
    const resumeFrom = (typeof header === 'string' ? header : undefined) ?? (typeof query.lastEventId === 'string' ? query.lastEventId : undefined);
    if (resumeFrom !== undefined && !isCursor(resumeFrom)) return sendError(reply, API_ERRORS.BAD_CURSOR);
    const filter = (query.status ?? 'record') as StatusFilter;
    if (!STATUS_FILTERS.has(filter)) return sendError(reply, API_ERRORS.BAD_QUERY, 'status must be record, rejected, failed or all');
    if (clients.size >= maxClients) return sendError(reply, API_ERRORS.TOO_MANY_STREAMS);

    // Pin the start before answering, so an entry written right after the client sees the
    // response headers is always delivered.
    const start = resumeFrom ?? (await within(5000, currentTop(deps.redis, streamKey)).catch((): typeof TIMED_OUT => TIMED_OUT));
    if (start === TIMED_OUT) return sendError(reply, API_ERRORS.REDIS_UNAVAILABLE);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const connection = deps.redis.duplicate();
    connection.on('error', (err) => deps.logger.debug({ err }, 'event stream connection error'));
    let closed = false;
    const heartbeat = setInterval(() => void send(res, ': heartbeat\n\n'), heartbeatMs);
    const client: Client = {
      close() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clients.delete(client);
        connection.disconnect();
        res.end();
      },
    };
    clients.add(client);
    // The response's close is the socket going away: the client left or the server shuts down.
    res.on('close', () => client.close());

    await send(res, `retry: 2000\n: connected from ${start}\n\n`);
    void pump(start).catch((err) => {
      deps.logger.warn({ err }, 'event stream ended');
      client.close();
    });

    async function pump(from: string): Promise<void> {
      let cursor = from;
      while (!closed) {
        let result: Array<[string, Array<[string, string[]]>]> | null;
        try {
          result = (await connection.xread('COUNT', READ_BATCH, 'BLOCK', heartbeatMs, 'STREAMS', streamKey, cursor)) as typeof result;
        } catch (err) {
          if (closed) return;
          deps.logger.debug({ err }, 'event stream read failed; retrying');
          await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
          continue;
        }
        const entries = result?.[0]?.[1] ?? [];
        const { events, lastCursor } = parseEntries(entries);
        for (const event of events) {
          if (filter === 'all' || event.status === filter) await send(res, formatEvent(event));
        }
        if (lastCursor) cursor = lastCursor;
      }
    }
  });
}

/** One SSE message: `data` is a RecordEvent (api-schemas.ts); `url` is the API path, `pageUrl` the page's. */
export function formatEvent(event: StreamEvent): string {
  const data = { cursor: event.cursor, id: event.id, status: event.status, url: apiPathOf(event), title: event.title, date: event.date, pageUrl: event.url, story: event.story };
  return `id: ${event.cursor}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Writes and waits for the socket to drain, so a slow client slows its own reader only. */
async function send(res: ServerResponse, chunk: string): Promise<void> {
  if (res.writableEnded || res.destroyed) return;
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
