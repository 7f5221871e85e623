import type { FastifyReply } from 'fastify';
import { BOARD_PATH } from '../queue-board.js';
import { VERSION } from '../../version.js';

/**
 * Server-rendered pages of the records console. Everything a page shows from a record is
 * hostile input (a scraped title can be `<script>…`): it goes through escapeHtml, and the
 * pages carry a strict Content-Security-Policy (scripts and styles only from this server, no
 * inline code), so a mistake in escaping still runs nothing.
 */

export const ASSETS_PATH = '/console/assets';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Marks a string as already-escaped HTML, so page() and html`` insert it as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = string | number | null | undefined | Html | readonly Html[];

const render = (part: Part): string => {
  if (part === null || part === undefined) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly Html[]).map((p) => p.value).join('');
  return escapeHtml(String(part));
};

/** Template tag: every interpolated value is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  parts.forEach((part, i) => {
    out += render(part) + strings[i + 1]!;
  });
  return new Html(out);
}

export type ConsolePage = 'records' | 'record' | 'charts';

/** A whole page: shared head, navigation, and the console script. */
export function page(opts: { title: string; page: ConsolePage; main: Html }): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · scour</title>
<link rel="stylesheet" href="${ASSETS_PATH}/console.css">
<script src="${ASSETS_PATH}/console.js" defer></script>
</head>
<body data-page="${opts.page}">
<header class="top"><strong>scour ${VERSION}</strong>
<nav><a href="/records">Records</a> <a href="/charts">Charts</a> <a href="${BOARD_PATH}">Queues</a></nav></header>
<main>${opts.main}</main>
</body>
</html>
`.value;
}

export function sendPage(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(body);
}
