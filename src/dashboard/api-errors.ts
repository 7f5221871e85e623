import type { FastifyReply } from 'fastify';

/** Every error the read API answers with, listed once with its code and status. */
export const API_ERRORS = {
  BAD_ID: { statusCode: 400, code: 'SCOUR_ERR_BAD_ID', error: 'Bad Request', message: 'id must be a lowercase hex sha256 (64 characters)' },
  BAD_CURSOR: { statusCode: 400, code: 'SCOUR_ERR_BAD_CURSOR', error: 'Bad Request', message: 'a cursor is a stream entry id such as 1700000000000-0' },
  BAD_QUERY: { statusCode: 400, code: 'SCOUR_ERR_BAD_QUERY', error: 'Bad Request', message: 'invalid query parameters' },
  NOT_FOUND: { statusCode: 404, code: 'SCOUR_ERR_NOT_FOUND', error: 'Not Found', message: 'no such entry in the store' },
  TOO_MANY_STREAMS: { statusCode: 503, code: 'SCOUR_ERR_TOO_MANY_STREAMS', error: 'Service Unavailable', message: 'too many event streams open; retry later' },
  TOKEN_REQUIRED: {
    statusCode: 403,
    code: 'SCOUR_ERR_TOKEN_REQUIRED',
    error: 'Forbidden',
    message: 'without SCOUR_DASHBOARD_TOKEN the queue board is read-only except retries; set a token to empty, clean, add, pause or edit jobs',
  },
  REDIS_UNAVAILABLE: { statusCode: 503, code: 'SCOUR_ERR_REDIS_UNAVAILABLE', error: 'Service Unavailable', message: 'Redis did not answer in time' },
} as const;

export type ApiError = (typeof API_ERRORS)[keyof typeof API_ERRORS];

export function sendError(reply: FastifyReply, error: ApiError, message: string = error.message): FastifyReply {
  return reply.code(error.statusCode).send({ ...error, message });
}
