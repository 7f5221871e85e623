import type { ChainableCommander, Redis } from 'ioredis';
import type { Story } from '../schemas/index.js';
import type { Candidate } from './placement.js';
import { STORY_SETTINGS } from './story-settings.js';
import { SessionLock, type IndexSession, type PlacementWrite, type StoryDater, type StoryIndexBackend } from './story-index.js';

/**
 * The index shared by every worker on every host, in Redis under `<prefix>:stories:`:
 *   member:<id>       hash  story, relation, similarity, nearest, sig (binary), shingles
 *   exact:<bodyHash>  the first member with that normalised body
 *   b:<i>:<hex>       list of the newest members with that band (bounded)
 *   story:<id>        hash  dater, date, confidence: the story's first member with an own date
 *   undated:<id>      set   members placed without an own date
 *   members:<id>      list  every member in placement order (the read API lists it)
 * Every key expires a window after its last write (SCOUR_STORY_WINDOW). A `{tag}` prefix
 * keeps them in one Cluster slot, as the transaction needs.
 */
export function storyKeys(prefix: string) {
  const base = `${prefix}:stories:`;
  return {
    member: (id: string) => `${base}member:${id}`,
    exact: (hash: string) => `${base}exact:${hash}`,
    band: (band: string) => `${base}b:${band}`,
    story: (id: string) => `${base}story:${id}`,
    undated: (id: string) => `${base}undated:${id}`,
    members: (id: string) => `${base}members:${id}`,
  };
}

function signatureOf(bytes: Buffer): Uint32Array {
  const values = new Uint32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32LE(i * 4);
  return values;
}

function bytesOf(signature: Uint32Array): Buffer {
  const bytes = Buffer.alloc(signature.length * 4);
  signature.forEach((v, i) => bytes.writeUInt32LE(v, i * 4));
  return bytes;
}

function daterOf(found: Record<string, string> | undefined): StoryDater | null {
  return found?.dater && found.date ? { memberId: found.dater, date: found.date, confidence: Number(found.confidence ?? 0) } : null;
}

// A placement touches one key per band (64): these two scripts read and write them all in one
// command each instead of 64 and 192, which was most of a placement's CPU on the worker.
// KEYS: band keys. Returns the member ids of every band, each once.
const BANDS_READ = `
local seen, out = {}, {}
for i = 1, #KEYS do
  for _, id in ipairs(redis.call('LRANGE', KEYS[i], 0, -1)) do
    if not seen[id] then seen[id] = true; out[#out + 1] = id end
  end
end
return out
`;
// KEYS: band keys. ARGV: member id, members kept per band, window seconds.
const BANDS_PUSH = `
for i = 1, #KEYS do
  redis.call('LPUSH', KEYS[i], ARGV[1])
  redis.call('LTRIM', KEYS[i], 0, tonumber(ARGV[2]) - 1)
  redis.call('EXPIRE', KEYS[i], ARGV[3])
end
return #KEYS
`;

type BandCommands = {
  scourStoryBandsRead(numKeys: number, ...keysThenArgs: string[]): ChainableCommander;
  scourStoryBandsPush(numKeys: number, ...keysThenArgs: Array<string | number>): ChainableCommander;
};

export interface RedisStoryIndexOptions {
  prefix: string;
  windowSeconds?: number;
}

/**
 * Placement reads with WATCH and writes with MULTI/EXEC on a connection of its own (WATCH
 * belongs to a connection), one placement at a time per process; another process writing a
 * watched key in between aborts the EXEC and the placement starts over.
 */
export class RedisStoryIndex implements StoryIndexBackend {
  private readonly conn: Redis;
  private readonly keys: ReturnType<typeof storyKeys>;
  private readonly window: number;
  private readonly lock = new SessionLock();

  constructor(redis: Redis, options: RedisStoryIndexOptions) {
    this.conn = redis.duplicate();
    this.conn.defineCommand('scourStoryBandsRead', { lua: BANDS_READ });
    this.conn.defineCommand('scourStoryBandsPush', { lua: BANDS_PUSH });
    this.keys = storyKeys(options.prefix);
    this.window = options.windowSeconds ?? STORY_SETTINGS.windowSeconds;
  }

  async session(): Promise<IndexSession> {
    const release = await this.lock.acquire();
    const { conn, keys } = this;
    let ended = false;
    const membersOf = async (ids: readonly string[]): Promise<Candidate[]> => {
      if (ids.length === 0) return [];
      const pipe = conn.pipeline();
      for (const id of ids) pipe.hmgetBuffer(keys.member(id), 'story', 'sig', 'shingles');
      const rows = (await pipe.exec()) ?? [];
      return rows.flatMap(([err, value], i) => {
        const [story, sig, shingles] = (err ? [] : value) as (Buffer | null)[];
        if (!story || !sig || !shingles) return [];
        return [{ id: ids[i]!, story: story.toString(), signature: signatureOf(sig), shingles: Number(shingles.toString()) }];
      });
    };
    return {
      lookup: async (id, hash, bands) => {
        const bandKeys = bands.map(keys.band);
        await conn.watch(keys.member(id), keys.exact(hash), ...bandKeys);
        const pipe = conn.pipeline().hmget(keys.member(id), 'story', 'relation', 'similarity', 'nearest').get(keys.exact(hash));
        if (bandKeys.length > 0) (pipe as unknown as BandCommands).scourStoryBandsRead(bandKeys.length, ...bandKeys);
        const replies = (await pipe.exec()) ?? [];
        for (const [err] of replies) if (err) throw err;
        const [story, relation, similarity, nearest] = replies[0]![1] as (string | null)[];
        const exactId = replies[1]![1] as string | null;
        const bandIds = (replies[2]?.[1] as string[] | undefined) ?? [];
        const placed: Story | null =
          story && relation ? { id: story, relation: relation as Story['relation'], similarity: Number(similarity), nearestId: nearest || null } : null;
        if (placed) return { placed, exact: null, candidates: [] };
        // The same text's member may have expired before its exact key: then the bands decide.
        const exact = exactId ? ((await membersOf([exactId]))[0] ?? null) : null;
        return { placed, exact, candidates: exact ? [] : await membersOf(bandIds) };
      },
      story: async (storyId) => {
        await conn.watch(keys.story(storyId), keys.undated(storyId));
        const [[, found], [, undated]] = (await conn.pipeline().hgetall(keys.story(storyId)).smembers(keys.undated(storyId)).exec()) as [
          [Error | null, Record<string, string>],
          [Error | null, string[]],
        ];
        return { dater: daterOf(found), undated: (undated ?? []).sort() };
      },
      commit: async (write) => {
        const done = await this.transaction(write).exec();
        ended = true;
        return done !== null && done.every(([err]) => !err);
      },
      release: async () => {
        try {
          if (!ended) await conn.unwatch();
        } finally {
          release();
        }
      },
    };
  }

  private transaction({ entry, bands, story, dater }: PlacementWrite) {
    const { keys, window } = this;
    const multi = this.conn.multi();
    const member = keys.member(entry.id);
    multi.hset(member, {
      story: story.id,
      relation: story.relation,
      similarity: String(story.similarity),
      nearest: story.nearestId ?? '',
      sig: bytesOf(entry.signature),
      shingles: String(entry.shingles),
    });
    multi.expire(member, window);
    multi.set(keys.exact(entry.bodyHash), entry.id, 'EX', window, 'NX');
    if (bands.length > 0) {
      const bandKeys = bands.map(keys.band);
      (multi as unknown as BandCommands).scourStoryBandsPush(bandKeys.length, ...bandKeys, entry.id, STORY_SETTINGS.maxPerBand, window);
    }
    if (dater) multi.hset(keys.story(story.id), { dater: dater.memberId, date: dater.date, confidence: String(dater.confidence) });
    multi.hset(keys.story(story.id), 'touched', '1');
    multi.expire(keys.story(story.id), window);
    if (entry.date === null) {
      multi.sadd(keys.undated(story.id), entry.id);
      multi.expire(keys.undated(story.id), window);
    }
    multi.rpush(keys.members(story.id), entry.id);
    multi.expire(keys.members(story.id), window);
    return multi;
  }

  async members(storyId: string): Promise<string[]> {
    return this.conn.lrange(this.keys.members(storyId), 0, -1);
  }

  async dater(storyId: string): Promise<StoryDater | null> {
    return daterOf(await this.conn.hgetall(this.keys.story(storyId)));
  }

  async close(): Promise<void> {
    await this.conn.quit().catch(() => this.conn.disconnect());
  }
}
