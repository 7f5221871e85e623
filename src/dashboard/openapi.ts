import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CleanRecord, RejectionRecord } from '../schemas/index.js';
import { VERSION } from '../version.js';
import {
  ApiErrorSchema,
  CountsResponseSchema,
  EntrySummarySchema,
  FILTER_PARAMS,
  HealthSchema,
  LIST_PARAMS,
  ListResponseSchema,
  RecordEventSchema,
} from './api-schemas.js';

/**
 * GET /api/openapi.json: an OpenAPI 3.1 document of every route, generated from the same zod
 * schemas the routes parse with (OpenAPI 3.1 schemas are JSON Schema 2020-12, which
 * z.toJSONSchema writes). A route added to the dashboard gets an entry in API_ROUTES.
 */

type Json = Record<string, unknown>;

/** Named schemas, referenced as #/components/schemas/<name>. */
const COMPONENTS: Record<string, z.ZodType> = {
  CleanRecord,
  RejectionRecord,
  EntrySummary: EntrySummarySchema,
  RecordList: ListResponseSchema,
  RecordCounts: CountsResponseSchema,
  RecordEvent: RecordEventSchema,
  Health: HealthSchema,
  ApiError: ApiErrorSchema,
};

const ref = (name: keyof typeof COMPONENTS & string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string): Json => ({ description, content: { 'application/json': { schema } } });
const error = (description: string): Json => json(ref('ApiError'), description);

export interface RouteDoc {
  method: 'get';
  /** OpenAPI path template: /api/records/{id}. */
  path: string;
  summary: string;
  query?: Record<string, z.ZodType>;
  pathParams?: Record<string, z.ZodType>;
  responses: Record<string, Json>;
}

const Sha256Param = { id: z.string().regex(/^[0-9a-f]{64}$/).meta({ description: 'sha256 of the raw bytes (the entry id).' }) };

export const API_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/records',
    summary: 'Entries in written order, oldest first within a page; unfiltered lists follow the record stream, filtered ones page the store by keyset.',
    query: LIST_PARAMS,
    responses: { '200': json(ref('RecordList'), 'A page of entry summaries.'), '400': error('Unknown or malformed parameter, or bad cursor.'), '503': error('Redis did not answer.') },
  },
  {
    method: 'get',
    path: '/api/records/counts',
    summary: 'How many entries match the filters, by status and by rejection reason.',
    query: FILTER_PARAMS,
    responses: { '200': json(ref('RecordCounts'), 'Counts.'), '400': error('Unknown or malformed parameter.') },
  },
  {
    method: 'get',
    path: '/api/records/{id}',
    summary: "One record's stored JSON.",
    pathParams: Sha256Param,
    responses: { '200': json(ref('CleanRecord'), 'The record.'), '400': error('Not a sha256.'), '404': error('No such record.') },
  },
  {
    method: 'get',
    path: '/api/rejected/{id}',
    summary: "One rejection's stored JSON.",
    pathParams: Sha256Param,
    responses: { '200': json(ref('RejectionRecord'), 'The rejection.'), '400': error('Not a sha256.'), '404': error('No such rejection.') },
  },
  {
    method: 'get',
    path: '/api/stories/{id}',
    summary: "A story's members, oldest first: id, title, publisher, date, relation (first, duplicate, near-duplicate), similarity.",
    pathParams: Sha256Param,
    responses: { '200': json({ type: 'object' }, 'The story and its members.'), '400': error('Not a sha256.'), '404': error('No record of that story.') },
  },
  {
    method: 'get',
    path: '/api/events',
    summary: 'Server-Sent Events, one per new output; each `data` is a RecordEvent, each `id` its cursor (resume with Last-Event-ID).',
    query: {
      status: LIST_PARAMS.status,
      lastEventId: z.string().meta({ description: 'Resume right after this stream cursor (as the Last-Event-ID header does).' }),
    },
    responses: {
      '200': { description: 'An event stream.', content: { 'text/event-stream': { schema: ref('RecordEvent') } } },
      '400': error('Bad cursor or status.'),
      '503': error('Too many streams open, or Redis did not answer.'),
    },
  },
  {
    method: 'get',
    path: '/api/schema',
    summary: 'JSON Schema of the record.',
    responses: { '200': { description: 'JSON Schema.', content: { 'application/schema+json': { schema: { type: 'object' } } } } },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document.',
    responses: { '200': { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
  {
    method: 'get',
    path: '/healthz',
    summary: 'Whether Redis answers, accepts a write and the queue can be read (open without a token).',
    responses: { '200': json(ref('Health'), 'Healthy.'), '503': json(ref('Health'), 'Unhealthy, with a reason.') },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of the whole pipeline.',
    responses: { '200': { description: 'Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } }, '503': error('Redis did not answer.') },
  },
  {
    method: 'get',
    path: '/api/records/{id}/source',
    summary: "The input's exact raw bytes while the raw store keeps them, as an attachment named after the input.",
    pathParams: Sha256Param,
    responses: {
      '200': { description: 'The raw bytes.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
      '400': error('Not a sha256.'),
      '404': error('No such entry, or its raw bytes are gone (SCOUR_ERR_SOURCE_GONE).'),
    },
  },
  {
    method: 'get',
    path: '/api/console/series',
    summary: "The console charts' data: one point per minute over the last hour, and the worker connections now.",
    responses: { '200': json({ type: 'object' }, 'Series.'), '503': error('Redis did not answer.') },
  },
  {
    method: 'get',
    path: '/records',
    summary: 'The records console (HTML): list with search, filters and counts; takes the query parameters of /api/records.',
    responses: { '200': { description: 'HTML page.', content: { 'text/html': { schema: { type: 'string' } } } } },
  },
  {
    method: 'get',
    path: '/records/{id}',
    summary: 'One record or rejection (HTML), with the source text and every removal marked.',
    pathParams: Sha256Param,
    responses: { '200': { description: 'HTML page.', content: { 'text/html': { schema: { type: 'string' } } } }, '404': { description: 'HTML page: no such entry.' } },
  },
  {
    method: 'get',
    path: '/charts',
    summary: 'Live charts of the last hour (HTML).',
    responses: { '200': { description: 'HTML page.', content: { 'text/html': { schema: { type: 'string' } } } } },
  },
  {
    method: 'get',
    path: '/queues',
    summary: 'bull-board, the queue dashboard (HTML).',
    responses: { '200': { description: 'HTML page.', content: { 'text/html': { schema: { type: 'string' } } } } },
  },
];

/** A zod schema as a JSON Schema fragment for embedding (no $schema of its own). */
function fragment(schema: z.ZodType): Json {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema) as Json;
  return rest;
}

function parameters(where: 'query' | 'path', params: Record<string, z.ZodType> | undefined): Json[] {
  return Object.entries(params ?? {}).map(([name, schema]) => {
    const { description, ...rest } = fragment(schema);
    return { name, in: where, required: where === 'path', ...(description ? { description } : {}), schema: rest };
  });
}

export function openApiDocument(routes: readonly RouteDoc[] = API_ROUTES): Json {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest]));
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        summary: route.summary,
        parameters: [...parameters('path', route.pathParams), ...parameters('query', route.query)],
        responses: { ...route.responses, '401': error('A token is set and the request did not carry it.') },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'scour dashboard', version: VERSION, description: 'Read API over scour output store and record stream. See docs/dashboard.md.' },
    components: {
      schemas,
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'SCOUR_DASHBOARD_TOKEN, when one is set.' } },
    },
    security: [{}, { token: [] }],
    paths,
  };
}

export function registerOpenApi(app: FastifyInstance): void {
  // Built once; the routes and schemas do not change while the server runs.
  const document = openApiDocument();
  app.get('/api/openapi.json', async () => document);
}
