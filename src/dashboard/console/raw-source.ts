import type { FastifyInstance, FastifyReply } from 'fastify';
import { isValidId } from '../../ids.js';
import { CleanRecord, RejectionRecord } from '../../schemas/index.js';
import type { OutputStore, RawStore } from '../../stores/types.js';
import { API_ERRORS, sendError } from '../api-errors.js';

/** The console's own error answers, in the read API's shape. */
export const CONSOLE_ERRORS = {
  SOURCE_GONE: {
    statusCode: 404,
    code: 'SCOUR_ERR_SOURCE_GONE',
    error: 'Not Found',
    message: 'the raw bytes of this input are no longer kept (SCOUR_RAW_RETENTION); its record or rejection stays in the output store',
  },
  NO_RAW_STORE: {
    statusCode: 404,
    code: 'SCOUR_ERR_SOURCE_GONE',
    error: 'Not Found',
    message: 'this dashboard was started without access to the raw store',
  },
} as const;

export function sendConsoleError(reply: FastifyReply, error: (typeof CONSOLE_ERRORS)[keyof typeof CONSOLE_ERRORS]): FastifyReply {
  return reply.code(error.statusCode).send({ ...error });
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** What the download is called: the input's own base name, reduced to characters safe in any header and file system. */
export function safeFileName(name: string | null, id: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120);
  return safe || `${id}.bin`;
}

/** What the stored output says the bytes are: name, format and encoding (rejections know only the name). */
export async function describeSource(store: OutputStore, id: string): Promise<{ name: string | null; format: 'html' | 'text' | null; encoding: string | null }> {
  const record = CleanRecord.safeParse(await store.read('records', id));
  if (record.success) return { name: record.data.source.name, format: record.data.source.format, encoding: record.data.source.encoding };
  const rejection = RejectionRecord.safeParse(await store.read('rejected', id));
  if (rejection.success) return { name: rejection.data.source.name, format: null, encoding: null };
  return { name: null, format: null, encoding: null };
}

function contentType(bytes: Uint8Array, format: 'html' | 'text' | null, encoding: string | null): string {
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) return 'application/gzip';
  const charset = encoding && /^[A-Za-z0-9._-]+$/.test(encoding) ? `; charset=${encoding}` : '';
  if (format === 'html') return `text/html${charset}`;
  if (format === 'text') return `text/plain${charset}`;
  return 'application/octet-stream';
}

/**
 * GET /api/records/:id/source: the input's exact bytes while the raw store keeps them, for
 * records and rejections alike (the id is the bytes' sha256 either way). Always an attachment,
 * and a scraped page is sandboxed should a browser render it anyway: its scripts must never
 * run on the dashboard's origin, where the token cookie lives.
 */
export function registerRawSource(app: FastifyInstance, deps: { raw: RawStore | undefined; store: OutputStore }): void {
  app.get('/api/records/:id/source', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isValidId(id)) return sendError(reply, API_ERRORS.BAD_ID);
    if (!deps.raw) return sendConsoleError(reply, CONSOLE_ERRORS.NO_RAW_STORE);
    const bytes = await deps.raw.get(id);
    if (bytes === null) return sendConsoleError(reply, CONSOLE_ERRORS.SOURCE_GONE);
    const { name, format, encoding } = await describeSource(deps.store, id);
    return reply
      .header('content-disposition', `attachment; filename="${safeFileName(name, id)}"`)
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('x-content-type-options', 'nosniff')
      .type(contentType(bytes, format, encoding))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
