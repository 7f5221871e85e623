import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountsResponseSchema, ListResponseSchema, type ListResponse } from '../src/dashboard/api-schemas.js';
import { API_ROUTES } from '../src/dashboard/openapi.js';
import type { CleanRecord } from '../src/schemas/index.js';
import { makeRecord, makeRejection, startHarness, type Harness } from './fixtures/dashboard/harness.js';

/** Filtered lists, counts and the OpenAPI document of the read API, over the file store. */
describe('read API filters: /api/records?from…, /api/records/counts, /api/openapi.json', () => {
  let h: Harness;
  const rec = (seed: string, fields: Partial<CleanRecord>): CleanRecord => ({ ...makeRecord(seed), ...fields }) as CleanRecord;
  const june = rec('june', { date: '2021-06-30', publisher: 'Dawn', language: 'en', title: 'Budget passed' });
  const july1 = rec('july-1', { date: '2021-07-01', publisher: 'Dawn', language: 'en', title: 'Phone call', story: { id: 'story-1', relation: 'first' as const, similarity: 1, nearestId: null } });
  const july31 = rec('july-31', { date: '2021-07-31', publisher: 'Geo', language: 'ur', title: 'Call recap', body: 'The phone call, recapped.', story: { id: 'story-1', relation: 'first' as const, similarity: 1, nearestId: null } });
  const august = rec('august', { date: '2021-08-01', publisher: 'Geo', language: 'en', title: 'Later' });
  const rejected = makeRejection('rejected');

  beforeAll(async () => {
    h = await startHarness();
    for (const entry of [june, july1, rejected, july31, august]) await h.write(entry);
  });
  afterAll(async () => h.cleanup());

  const list = async (query: string): Promise<ListResponse> => {
    const res = await h.get(`/api/records${query}`);
    expect(res.status, query).toBe(200);
    return ListResponseSchema.parse(await res.json());
  };
  const titles = (page: ListResponse) => page.items.map((i) => i.summary?.title ?? i.summary?.reason);

  it('filters by publication day range (inclusive), oldest first within the page, with language and story in each summary', async () => {
    const july = await list('?from=2021-07-01&to=2021-07-31');
    expect(titles(july)).toEqual(['Phone call', 'Call recap']);
    expect(july.items[1]).toMatchObject({ id: july31.id, status: 'record', url: `/api/records/${july31.id}`, summary: { language: 'ur', story: 'story-1', date: '2021-07-31' } });
    expect(july.items[0]!.cursor).toMatch(/^\d+\.[0-9a-f]{64}$/);
  });

  it('filters by publisher, language, story, words and reason; a blank value is no filter', async () => {
    expect(titles(await list('?publisher=Geo'))).toEqual(['Call recap', 'Later']);
    expect(titles(await list('?language=en&publisher=Dawn'))).toEqual(['Budget passed', 'Phone call']);
    expect(titles(await list('?story=story-1'))).toEqual(['Phone call', 'Call recap']);
    expect(titles(await list('?q=phone'))).toEqual(['Phone call', 'Call recap']);
    expect(titles(await list('?q=phone%20budget'))).toEqual([]);
    expect(titles(await list('?q=RECAP%20call'))).toEqual(['Call recap']);
    // reason alone lists rejections (its default status is all, not record).
    expect(titles(await list('?reason=no-article'))).toEqual(['no-article']);
    expect(titles(await list('?reason=no-article&status=record'))).toEqual([]);
    expect(titles(await list('?publisher=&from=2021-08-01'))).toEqual(['Later']);
  });

  it('pages a filter with store cursors: prev goes back, next follows newer entries', async () => {
    const newest = await list('?publisher=Dawn&limit=1');
    expect(titles(newest)).toEqual(['Phone call']);
    expect(newest.prev).toBe(newest.items[0]!.cursor);
    const older = await list(`?publisher=Dawn&limit=1&before=${newest.prev}`);
    expect(titles(older)).toEqual(['Budget passed']);
    expect(older.prev).toBe(older.items[0]!.cursor);
    const none = await list(`?publisher=Dawn&limit=1&before=${older.prev}`);
    expect(none).toEqual({ items: [], next: null, prev: null });
    const newer = await list(`?publisher=Dawn&after=${older.items[0]!.cursor}`);
    expect(titles(newer)).toEqual(['Phone call']);
    expect(newer.next).toBe(newest.items[0]!.cursor);
    // A store cursor alone keeps the default status filter (records) and the store order.
    expect(titles(await list(`?before=${newest.items[0]!.cursor}`))).toEqual(['Budget passed']);
    const later = rec('later', { date: '2021-07-02', publisher: 'Dawn' });
    await h.write(later);
    const followed = await list(`?publisher=Dawn&after=${newer.next}`);
    expect(followed.items.map((i) => i.id)).toEqual([later.id]);
  });

  it('counts by status and reason under the same filters (status defaults to all)', async () => {
    const counts = async (query: string) => {
      const res = await h.get(`/api/records/counts${query}`);
      expect(res.status, query).toBe(200);
      return CountsResponseSchema.parse(await res.json());
    };
    expect(await counts('')).toEqual({ total: 6, byStatus: { record: 5, rejected: 1, failed: 0 }, byReason: { 'no-article': 1 } });
    expect(await counts('?from=2021-07-01&to=2021-07-31')).toEqual({ total: 3, byStatus: { record: 3, rejected: 0, failed: 0 }, byReason: {} });
    expect(await counts('?status=rejected')).toEqual({ total: 1, byStatus: { record: 0, rejected: 1, failed: 0 }, byReason: { 'no-article': 1 } });
    expect((await h.get('/api/records/counts?limit=5')).status).toBe(400);
  });

  it('answers 400 naming an unknown or malformed parameter', async () => {
    const bad = async (query: string) => {
      const res = await h.get(`/api/records${query}`);
      expect(res.status, query).toBe(400);
      return (await res.json()) as { code: string; message: string };
    };
    expect(await bad('?bogus=1')).toMatchObject({ code: 'SCOUR_ERR_BAD_QUERY', message: expect.stringContaining('bogus') });
    expect((await bad('?from=2021-02-30')).message).toContain('from');
    expect((await bad('?to=2021-7-1')).message).toContain('to');
    expect((await bad('?reason=nope')).message).toContain('reason');
    expect((await bad('?status=nope&publisher=x')).message).toContain('status');
    expect(await bad('?publisher=Dawn&before=1700000000000-0')).toMatchObject({ code: 'SCOUR_ERR_BAD_CURSOR' });
    expect(await bad(`?after=1.${'a'.repeat(63)}`)).toMatchObject({ code: 'SCOUR_ERR_BAD_CURSOR' });
  });

  it('serves an OpenAPI 3.1 document of every route, its parameters those the routes accept', async () => {
    const res = await h.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, { get: { parameters: Array<{ name: string; in: string; schema: { pattern?: string; enum?: string[] } }>; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/records', '/api/records/counts', '/api/records/{id}', '/api/rejected/{id}', '/api/events', '/api/schema', '/healthz', '/metrics']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const params = doc.paths['/api/records']!.get.parameters;
    expect(params.map((p) => p.name).sort()).toEqual(['after', 'before', 'from', 'language', 'limit', 'publisher', 'q', 'reason', 'status', 'story', 'to']);
    expect(params.find((p) => p.name === 'reason')?.schema.enum).toContain('no-article');
    expect(params.find((p) => p.name === 'from')?.schema.pattern).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CleanRecord', 'RecordList', 'RecordCounts', 'RecordEvent', 'EntrySummary']));
    expect(JSON.stringify(doc.components.schemas['RecordList'])).toContain('#/components/schemas/EntrySummary');
    // Every documented query parameter is one the route accepts (an undocumented one would be a 400).
    for (const route of API_ROUTES.filter((r) => r.path.startsWith('/api/records') && !r.path.includes('{'))) {
      const query = Object.keys(route.query ?? {})
        .filter((name) => !['after', 'before'].includes(name))
        .map((name) => `${name}=`)
        .join('&');
      expect((await h.get(`${route.path}?${query}`)).status, route.path).toBe(200);
    }
  });
});
