import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRecord, makeRejection, startHarness, type Harness } from './fixtures/dashboard/harness.js';

interface SseMessage {
  id?: string;
  data?: string;
  comments: string[];
}

/** A minimal SSE reader over fetch: resolves messages (and comment lines) as they arrive. */
class SseClient {
  private buffer = '';
  private readonly messages: SseMessage[] = [];
  private waiters: Array<() => void> = [];
  private readonly abort = new AbortController();
  status = 0;

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers, signal: client.abort.signal });
    client.status = res.status;
    if (res.ok && res.body) void client.pump(res.body.getReader());
    return client;
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) !== -1) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const message: SseMessage = { comments: [] };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) message.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('data: ')) message.data = line.slice(6);
          }
          this.messages.push(message);
          for (const wake of this.waiters.splice(0)) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  /** Waits until a message matching `match` has arrived; returns all matching ones so far. */
  async until(match: (m: SseMessage) => boolean, count = 1, timeoutMs = 5000): Promise<SseMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  events(): SseMessage[] {
    return this.messages.filter((m) => m.id !== undefined);
  }

  close(): void {
    this.abort.abort();
  }
}

const isEvent = (m: SseMessage) => m.id !== undefined;
const connected = (m: SseMessage) => m.comments.some((c) => c.startsWith('connected'));

describe('/api/events (Server-Sent Events of new records)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({}, { events: { heartbeatMs: 300, maxClients: 3 } });
  });
  afterAll(async () => h.cleanup());

  it('delivers a record written after the client connected, with its cursor as the event id', async () => {
    await h.write(makeRecord('before-connect'));
    const sse = await SseClient.open(`${h.url}/api/events`);
    try {
      expect(sse.status).toBe(200);
      await sse.until(connected);
      const plain = makeRecord('after-connect');
      // The story field arrives with schema version 2; the event reads it loosely.
      const record = { ...plain, source: { ...plain.source, url: 'https://example.com/story' }, story: { id: 'story-1', relation: 'first' as const, similarity: 1, nearestId: null } };
      const cursor = await h.write(record);
      const [event] = await sse.until(isEvent);
      expect(event!.id).toBe(cursor);
      expect(JSON.parse(event!.data!)).toEqual({
        cursor,
        id: record.id,
        status: 'record',
        url: `/api/records/${record.id}`,
        title: record.title,
        date: record.date,
        pageUrl: 'https://example.com/story',
        story: 'story-1',
      });
      // The record written before connecting is history: the list API serves it, not the feed.
      expect(sse.events()).toHaveLength(1);
    } finally {
      sse.close();
    }
  });

  it('resumes after Last-Event-ID without gaps or repeats', async () => {
    const first = await h.write(makeRecord('resume-1'));
    const missed = [await h.write(makeRecord('resume-2')), await h.write(makeRecord('resume-3'))];
    const sse = await SseClient.open(`${h.url}/api/events`, { 'last-event-id': first });
    try {
      const events = await sse.until(isEvent, 2);
      expect(events.map((e) => e.id)).toEqual(missed);
      const live = await h.write(makeRecord('resume-4'));
      expect((await sse.until(isEvent, 3)).map((e) => e.id)).toEqual([...missed, live]);
    } finally {
      sse.close();
    }
    const byQuery = await SseClient.open(`${h.url}/api/events?lastEventId=${first}`);
    try {
      expect((await byQuery.until(isEvent, 3)).map((e) => e.id)).toContain(missed[0]);
    } finally {
      byQuery.close();
    }
  });

  it('sends only records by default, and every entry with status=all', async () => {
    const since = await h.write(makeRecord('filter-0'));
    const rejectedCursor = await h.write(makeRejection('filter-rejected'));
    const recordCursor = await h.write(makeRecord('filter-1'));
    const records = await SseClient.open(`${h.url}/api/events`, { 'last-event-id': since });
    const all = await SseClient.open(`${h.url}/api/events?status=all`, { 'last-event-id': since });
    try {
      expect((await records.until(isEvent)).map((e) => e.id)).toEqual([recordCursor]);
      expect((await all.until(isEvent, 2)).map((e) => e.id)).toEqual([rejectedCursor, recordCursor]);
      const rejected = JSON.parse((await all.until(isEvent, 2))[0]!.data!) as { status: string; url: string };
      expect(rejected.status).toBe('rejected');
      expect(rejected.url).toMatch(/^\/api\/rejected\/[0-9a-f]{64}$/);
      await records.until(isEvent, 1, 100).catch(() => undefined);
      expect(records.events()).toHaveLength(1);
    } finally {
      records.close();
      all.close();
    }
  });

  it('sends heartbeat comments while idle', async () => {
    const sse = await SseClient.open(`${h.url}/api/events`);
    try {
      await sse.until((m) => m.comments.includes('heartbeat'), 2, 3000);
    } finally {
      sse.close();
    }
  });

  it('releases its Redis connection when the client goes away', async () => {
    const named = async () => ((await h.redis.client('LIST')) as string).split('\n').filter((l) => l.includes(`name=${h.prefix} `)).length;
    // Only the dashboard's own connection (the queue shares it) once earlier tests' streams are gone.
    const before = 1;
    await expect.poll(named, { timeout: 3000 }).toBe(before);
    const sse = await SseClient.open(`${h.url}/api/events`);
    await sse.until(connected);
    await expect.poll(named, { timeout: 3000 }).toBe(before + 1);
    sse.close();
    await expect.poll(named, { timeout: 3000 }).toBe(before);
  });

  it('refuses a malformed Last-Event-ID or status, and streams beyond the limit', async () => {
    expect((await fetch(`${h.url}/api/events`, { headers: { 'last-event-id': '../../x' } })).status).toBe(400);
    expect((await fetch(`${h.url}/api/events?status=bogus`)).status).toBe(400);
    const unknown = await fetch(`${h.url}/api/events?since=1`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toContain('since');
    const open = await Promise.all([1, 2, 3].map(() => SseClient.open(`${h.url}/api/events`)));
    try {
      await Promise.all(open.map((c) => c.until(connected)));
      const res = await fetch(`${h.url}/api/events`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code: string }).code).toBe('SCOUR_ERR_TOO_MANY_STREAMS');
    } finally {
      for (const c of open) c.close();
    }
  });

  it('ends open streams when the dashboard closes', async () => {
    const own = await startHarness();
    const sse = await SseClient.open(`${own.url}/api/events`);
    await sse.until(connected);
    const started = Date.now();
    await own.cleanup();
    expect(Date.now() - started).toBeLessThan(3000);
    sse.close();
  });
});
