import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackHost, pathOf } from './access-token.js';
import { API_ERRORS, sendError } from './api-errors.js';
import { BOARD_PATH } from './queue-board.js';

/**
 * Two guards against other web sites driving the dashboard through a visitor's browser.
 *
 * DNS rebinding: a page on attacker.example re-points its name at 127.0.0.1, and the
 * browser then treats the loopback dashboard as that site's own origin (the torture run
 * paused the queue, emptied 20 waiting jobs and resumed it that way). The browser still
 * sends `Host: attacker.example`, so every request whose Host is not one the dashboard
 * answers to is refused before any route runs:
 * - loopback names and addresses, always;
 * - with a token, also any IP literal (an IP in the Host came from an address typed or
 *   linked as such, never from a name that could be rebound) and the names listed in
 *   SCOUR_PUBLIC_HOSTS.
 *
 * Destructive queue actions: without a token, bull-board's API is read-only except
 * retries; emptying, obliterating, cleaning, adding, pausing and editing jobs need the token.
 */

/** Answers for a Host the dashboard does not serve. */
const BAD_HOST = { statusCode: 421, code: 'SCOUR_ERR_BAD_HOST', error: 'Misdirected Request' } as const;

/** bull-board API writes allowed without a token: retrying a job or every job in a state. */
const RETRY_ROUTE = new RegExp(`^${BOARD_PATH}/api/queues/[^/]+/(?:retry/[^/]+|[^/]+/retry)$`);
const BOARD_API = `${BOARD_PATH}/api/`;
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The name or address in a Host header, without its port and brackets, lowercase. */
export function hostOfHeader(header: string | undefined): string | null {
  if (!header) return null;
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 1 ? value.slice(1, end) : null;
  }
  const colon = value.indexOf(':');
  // More than one colon without brackets is not a valid Host.
  if (colon !== -1 && value.indexOf(':', colon + 1) !== -1) return null;
  const host = colon === -1 ? value : value.slice(0, colon);
  return host.replace(/\.$/, '') || null;
}

export interface HostRule {
  /** A token is configured: IP literals and the public names are served too. */
  tokenSet: boolean;
  /** Names the dashboard answers to beyond loopback (SCOUR_PUBLIC_HOSTS), lowercase. */
  publicHosts: readonly string[];
}

export function isAllowedHost(host: string | null, rule: HostRule): boolean {
  if (host === null) return false;
  if (isLoopbackHost(host)) return true;
  if (!rule.tokenSet) return false;
  return isIP(host) !== 0 || rule.publicHosts.includes(host);
}

/** True for a bull-board API call that changes the queue and is not a retry. */
export function isDestructiveBoardAction(method: string, url: string): boolean {
  if (SAFE_METHODS.has(method)) return false;
  const path = pathOf(url);
  return path.startsWith(BOARD_API) && !RETRY_ROUTE.test(path);
}

/** Root hooks, registered before every route (and before the token check). */
export function registerRequestGuards(app: FastifyInstance, rule: HostRule): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const host = hostOfHeader(request.headers.host);
    if (!isAllowedHost(host, rule)) {
      return reply.code(BAD_HOST.statusCode).send({
        ...BAD_HOST,
        message: rule.tokenSet
          ? 'this dashboard answers to loopback names, IP addresses and the names in SCOUR_PUBLIC_HOSTS only'
          : 'this dashboard answers to loopback names and addresses only (localhost, 127.0.0.1, [::1])',
      });
    }
    if (!rule.tokenSet && isDestructiveBoardAction(request.method, request.url)) {
      return sendError(reply, API_ERRORS.TOKEN_REQUIRED);
    }
  });
}
