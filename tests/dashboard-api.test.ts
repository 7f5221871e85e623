import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CleanRecord } from '../src/schemas/index.js';
import { makeRecord, makeRejection, rawGet, sha256, startHarness, type Harness } from './fixtures/dashboard/harness.js';

interface ListBody {
  items: Array<{ cursor: string; id: string; status: string; url: string; summary: unknown }>;
  next: string | null;
  prev: string | null;
}

describe('read API: /api/records, /api/records/:id, /api/rejected/:id, /api/schema', () => {
  let h: Harness;
  const records = [1, 2, 3, 4, 5].map((n) => makeRecord(`record-${n}`));
  const rejection = makeRejection('rejected-1');
  const cursors: string[] = [];
  let rejectionCursor = '';

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.cleanup());

  const list = async (query = ''): Promise<ListBody> => {
    const res = await h.get(`/api/records${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ListBody;
  };

  it('lists nothing, with null cursors, before anything is written', async () => {
    expect(await list()).toEqual({ items: [], next: null, prev: null });
  });

  it('lists the newest records in write order, each with a bounded summary (the whole entry at its url)', async () => {
    for (const record of records.slice(0, 3)) cursors.push(await h.write(record));
    rejectionCursor = await h.write(rejection);
    for (const record of records.slice(3)) cursors.push(await h.write(record));

    const body = await list();
    expect(body.items.map((i) => i.id)).toEqual(records.map((r) => r.id));
    expect(body.items.map((i) => i.cursor)).toEqual(cursors);
    const first = records[0]!;
    expect(body.items[0]).toEqual({
      cursor: cursors[0],
      id: first.id,
      status: 'record',
      url: `/api/records/${first.id}`,
      summary: { name: first.source.name, title: first.title, date: first.date, publisher: first.publisher, pageUrl: first.source.url, bodyChars: first.body.length, language: first.language, story: null, reason: null },
    });
    expect(JSON.stringify(body)).not.toContain(first.body);
    expect(body.next).toBe(cursors[4]);
    expect(body.prev).toBeNull();
  });

  it('without after returns the newest `limit`, and pages back with before=prev', async () => {
    const newest = await list('?limit=2');
    expect(newest.items.map((i) => i.cursor)).toEqual([cursors[3], cursors[4]]);
    expect(newest.prev).not.toBeNull();
    const older = await list(`?limit=2&before=${newest.prev}`);
    expect(older.items.map((i) => i.cursor)).toEqual([cursors[1], cursors[2]]);
    const oldest = await list(`?limit=2&before=${older.prev}`);
    expect(oldest.items.map((i) => i.cursor)).toEqual([cursors[0]]);
    expect(oldest.prev).toBeNull();
  });

  it('with after returns what was written later, oldest first, and a next cursor to continue', async () => {
    const first = await list(`?after=${cursors[1]}&limit=2`);
    expect(first.items.map((i) => i.cursor)).toEqual([cursors[2], cursors[3]]);
    expect(first.next).toBe(cursors[3]);
    const second = await list(`?after=${first.next}&limit=2`);
    expect(second.items.map((i) => i.cursor)).toEqual([cursors[4]]);
    const idle = await list(`?after=${second.next}&limit=`);
    expect(idle).toEqual({ items: [], next: second.next, prev: null });

    const later = makeRecord('record-6');
    const laterCursor = await h.write(later);
    const resumed = await list(`?after=${idle.next}`);
    expect(resumed.items.map((i) => i.id)).toEqual([later.id]);
    expect(resumed.next).toBe(laterCursor);
    cursors.push(laterCursor);
    records.push(later);
  });

  it('filters by status: rejected entries carry their reason', async () => {
    const all = await list('?status=all');
    expect(all.items.map((i) => i.cursor)).toEqual([...cursors.slice(0, 3), rejectionCursor, ...cursors.slice(3)]);
    const rejected = await list('?status=rejected');
    expect(rejected.items).toEqual([
      {
        cursor: rejectionCursor,
        id: rejection.id,
        status: 'rejected',
        url: `/api/rejected/${rejection.id}`,
        summary: { name: rejection.source.name, title: null, date: null, publisher: null, pageUrl: null, bodyChars: null, language: null, story: null, reason: rejection.reason },
      },
    ]);
  });

  it('answers 400 on a malformed cursor, both cursors, or a limit out of range', async () => {
    // 2^64 as a stream id part: well-formed digits, but Redis refuses it (was 503 before).
    for (const query of ['?after=abc', '?before=1-2-3', '?after=../x', `?after=${cursors[0]}&before=${cursors[1]}`, '?limit=0', '?limit=501', '?status=nope', '?after=18446744073709551616-0', '?before=1-18446744073709551616', '?since=2030-01-01']) {
      const res = await h.get(`/api/records${query}`);
      expect(res.status, query).toBe(400);
    }
    expect(((await (await h.get('/api/records?after=abc')).json()) as { code: string }).code).toBe('SCOUR_ERR_BAD_CURSOR');
  });

  it('skips stream entries that do not name a sha256 id, and gives null for entries the store lost', async () => {
    await h.redis.xadd(`${h.prefix}:records`, '*', 'id', '../../etc/passwd', 'status', 'record', 'path', '/etc/passwd');
    const ghost = sha256('never-written');
    const ghostCursor = await h.redis.xadd(`${h.prefix}:records`, '*', 'id', ghost, 'status', 'record', 'path', '/nowhere');
    const body = await list('?limit=2');
    expect(body.items.map((i) => i.id)).toEqual([records[5]!.id, ghost]);
    expect(body.items[1]).toMatchObject({ cursor: ghostCursor, summary: null });
  });

  it('serves one record or rejection by id, 404 when absent, 400 on anything but a sha256', async () => {
    const one = await h.get(`/api/records/${records[2]!.id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(records[2]);
    const rej = await h.get(`/api/rejected/${rejection.id}`);
    expect(await rej.json()).toEqual(rejection);

    expect((await h.get(`/api/records/${rejection.id}`)).status).toBe(404);
    expect((await h.get(`/api/rejected/${records[0]!.id}`)).status).toBe(404);
    const missing = await h.get(`/api/records/${sha256('absent')}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('SCOUR_ERR_NOT_FOUND');

    for (const bad of ['abc', records[0]!.id.toUpperCase(), `${records[0]!.id}.json`, `${records[0]!.id}0`, '%00']) {
      const res = await h.get(`/api/records/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('SCOUR_ERR_BAD_ID');
    }
  });

  it('never reads outside the store, whatever the path encoding', async () => {
    // A JSON file beside the store: reachable only if an id could escape out/records/.
    await writeFile(join(h.dir, 'secret.json'), '{"secret":true}');
    const attempts = [
      '/api/records/..%2F..%2Fetc%2Fpasswd',
      '/api/rejected/..%2F..%2Fetc%2Fpasswd',
      '/api/records/..%2Fsecret',
      '/api/records/..%2F..%2Fsecret',
      '/api/records/%2e%2e%2f%2e%2e%2fsecret',
      '/api/records/..%5C..%5Csecret',
      '/api/records/%2Fetc%2Fpasswd',
      '/api/records/../../etc/passwd',
      '/api/records/../../secret',
      '/api/records/..%252F..%252Fsecret',
    ];
    for (const path of attempts) {
      const res = await rawGet(h.url, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('root:');
      expect(res.body, path).not.toContain('"secret":true');
    }
    expect((await rawGet(h.url, '/api/records/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
  });

  it('a page of huge records stays small: summaries, not bodies', async () => {
    const huge = makeRecord('huge-body');
    huge.body = 'x'.repeat(4 * 1024 * 1024);
    await h.write(huge);
    const res = await h.get('/api/records?limit=1');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.length).toBeLessThan(2000);
    expect(JSON.parse(text).items[0].summary.bodyChars).toBe(4 * 1024 * 1024);
  });

  it('serves the record JSON Schema generated from the zod schema', async () => {
    const res = await h.get('/api/schema');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/schema+json');
    const schema = (await res.json()) as { properties: Record<string, unknown>; required: string[] };
    expect(schema).toEqual(JSON.parse(JSON.stringify(z.toJSONSchema(CleanRecord))));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'body', 'date', 'dateEvidence', 'removed']));
    expect(schema.required).toContain('body');
  });
});
