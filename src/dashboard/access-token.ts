import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, ENV_NAMES } from '../config.js';

/**
 * The dashboard's one access rule: loopback needs nothing; any other bind address needs a
 * token, and once a token is set it guards every route (bull-board's UI, its static files
 * and its actions included) except the routes listed in OPEN_ROUTES.
 */

/** Cookie that carries the token for the browser UI after a `?token=` visit. */
export const TOKEN_COOKIE = 'scour_token';

/**
 * Routes reachable without the token, on purpose: orchestrators probe /healthz without
 * credentials, and it reveals only two booleans (Redis and queue reachable).
 */
export const OPEN_ROUTES: ReadonlySet<string> = new Set(['/healthz']);

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', 'ip6-localhost', 'ip6-loopback']);
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const BEARER = /^Bearer\s+(\S+)$/i;

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(bare)) return true;
  if (isIP(bare) === 4) return IPV4_LOOPBACK.test(bare);
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || bare.startsWith('::ffff:127.');
  return false;
}

/** Throws the one-line ConfigError the CLI prints when a public bind has no token. */
export function assertBindAllowed(host: string, token: string | undefined): void {
  if (isLoopbackHost(host) || token !== undefined) return;
  throw new ConfigError(
    `refusing to serve the dashboard on ${host}: binding beyond loopback needs ${ENV_NAMES.dashboardToken} (16+ characters), or bind ${ENV_NAMES.host}=127.0.0.1`,
  );
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time: both sides are hashed to equal length first, so length leaks nothing either. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(expected), digest(presented));
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function queryToken(request: FastifyRequest): string | undefined {
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' ? token : undefined;
}

/** The path of a request URL, without its query. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Adds the check as a root onRequest hook, so it runs before routing-specific work on every
 * route, including those bull-board's plugin registers and the 404 handler.
 */
export function requireToken(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (OPEN_ROUTES.has(pathOf(request.url))) return;
    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (tokenMatches(token, bearer) || tokenMatches(token, cookieValue(request.headers.cookie, TOKEN_COOKIE))) return;
    if (tokenMatches(token, queryToken(request))) {
      // SameSite=Strict keeps other sites from riding the cookie into bull-board's actions.
      reply.header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      return;
    }
    reply.header('www-authenticate', 'Bearer realm="scour"');
    return reply.code(401).send({
      statusCode: 401,
      code: 'SCOUR_ERR_UNAUTHORIZED',
      error: 'Unauthorized',
      message: 'a valid token is required: Authorization: Bearer <token>, or ?token=<token> once in a browser',
    });
  });
}
