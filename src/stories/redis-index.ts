import type { ChainableCommander, Redis } from 'ioredis';
import type { Story } from '../schemas/index.js';
import type { Candidate } from './placement.js';
import { STORY_SETTINGS } from './story-settings.js';
import { SessionLock, type IndexSession, type PlacementWrite, type StoryDater, type StoryIndexBackend } from './story-index.js';

/** Band lists and exact keys hold this many hex digits of a member id (64 bits), not all 64. */
export const SHORT_ID = 16;
const short = (id: string) => id.slice(0, SHORT_ID);

/**
 * The index shared by every worker on every host, in Redis under `<prefix>:stories:`:
 *   m:<short id>      hash  id, story, relation, similarity, nearest, sig (binary), shingles
 *   exact:<bodyHash>  the short id of the first member with that normalised body
 *   b:<hex>           list of the short ids of the newest members with that band (bounded)
 *   story:<id>        hash  dater, date, confidence: the story's first member with an own date
 *   undated:<id>      set   members placed without an own date
 *   members:<id>      list  every member in placement order (the read API lists it)
 * Band lists hold 16-digit id prefixes (most of the index's bytes are band lists), resolved
 * through m:<short id>, whose `id` field says which record it is: two ids sharing 64 bits
 * (about 1 in 10^7 at 10^6 members) would make the newer one replace the older's entry.
 * Every key expires a window after its last write (SCOUR_STORY_WINDOW). A `{tag}` prefix
 * keeps them in one Cluster slot, as the transaction and the lookup script need.
 */
export function storyKeys(prefix: string) {
  const base = `${prefix}:stories:`;
  return {
    memberBase: `${base}m:`,
    member: (id: string) => `${base}m:${short(id)}`,
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

// Everything placement reads about a record in one command (it was five round trips, most of
// a placement's CPU on the worker); the decision stays in TypeScript (placement.ts).
// KEYS: the record's member key, its exact key, its band keys. ARGV: record id, member key base.
// Returns {1, story, relation, similarity, nearest} when the record is already placed, else
// {2, member} for the same text's member, else {3, members} for the band candidates, each
// member as {id, story, sig, shingles}.
const LOOKUP = `
local placed = redis.call('HMGET', KEYS[1], 'id', 'story', 'relation', 'similarity', 'nearest')
if placed[1] == ARGV[1] and placed[2] and placed[3] then
  return {1, placed[2], placed[3], placed[4] or '0', placed[5] or ''}
end
local function member(s)
  local m = redis.call('HMGET', ARGV[2] .. s, 'id', 'story', 'sig', 'shingles')
  if m[1] and m[2] and m[3] and m[4] then return m end
  return nil
end
local exact = redis.call('GET', KEYS[2])
if exact then
  local m = member(exact)
  -- The same text's member may have expired before its exact key: then the bands decide.
  if m then return {2, m} end
end
local seen, out = {}, {}
for i = 3, #KEYS do
  for _, s in ipairs(redis.call('LRANGE', KEYS[i], 0, -1)) do
    if not seen[s] then
      seen[s] = true
      local m = member(s)
      if m then out[#out + 1] = m end
    end
  end
end
return {3, out}
`;
// KEYS: band keys. ARGV: short member id, members kept per band, window seconds.
const BANDS_PUSH = `
for i = 1, #KEYS do
  redis.call('LPUSH', KEYS[i], ARGV[1])
  redis.call('LTRIM', KEYS[i], 0, tonumber(ARGV[2]) - 1)
  redis.call('EXPIRE', KEYS[i], ARGV[3])
end
return #KEYS
`;

type StoryCommands = {
  scourStoryLookupBuffer(numKeys: number, ...keysThenArgs: string[]): ChainableCommander;
  scourStoryBandsPush(numKeys: number, ...keysThenArgs: Array<string | number>): ChainableCommander;
};

function candidateOf([id, story, sig, shingles]: Buffer[]): Candidate {
  return { id: id!.toString(), story: story!.toString(), signature: signatureOf(sig!), shingles: Number(shingles!.toString()) };
}

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
    this.conn.defineCommand('scourStoryLookup', { lua: LOOKUP });
    this.conn.defineCommand('scourStoryBandsPush', { lua: BANDS_PUSH });
    this.keys = storyKeys(options.prefix);
    this.window = options.windowSeconds ?? STORY_SETTINGS.windowSeconds;
  }

  async session(): Promise<IndexSession> {
    const release = await this.lock.acquire();
    const { conn, keys } = this;
    let ended = false;
    return {
      lookup: async (id, hash, bands) => {
        const lookupKeys = [keys.member(id), keys.exact(hash), ...bands.map(keys.band)];
        // WATCH goes in the same round trip: it is sent before the script's reads.
        const pipe = conn.pipeline().watch(...lookupKeys);
        (pipe as unknown as StoryCommands).scourStoryLookupBuffer(lookupKeys.length, ...lookupKeys, id, keys.memberBase);
        const replies = (await pipe.exec()) ?? [];
        for (const [err] of replies) if (err) throw err;
        const [kind, ...rest] = replies[1]![1] as [number, ...unknown[]];
        if (kind === 1) {
          const [story, relation, similarity, nearest] = (rest as Buffer[]).map(String);
          return { placed: { id: story!, relation: relation as Story['relation'], similarity: Number(similarity), nearestId: nearest || null }, exact: null, candidates: [] };
        }
        if (kind === 2) return { placed: null, exact: candidateOf(rest[0] as Buffer[]), candidates: [] };
        return { placed: null, exact: null, candidates: (rest[0] as Buffer[][]).map(candidateOf) };
      },
      story: async (storyId) => {
        const replies = (await conn.pipeline().watch(keys.story(storyId), keys.undated(storyId)).hgetall(keys.story(storyId)).smembers(keys.undated(storyId)).exec()) ?? [];
        for (const [err] of replies) if (err) throw err;
        const found = replies[1]![1] as Record<string, string>;
        const undated = replies[2]![1] as string[];
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
      id: entry.id,
      story: story.id,
      relation: story.relation,
      similarity: String(story.similarity),
      nearest: story.nearestId ?? '',
      sig: bytesOf(entry.signature),
      shingles: String(entry.shingles),
    });
    multi.expire(member, window);
    multi.set(keys.exact(entry.bodyHash), short(entry.id), 'EX', window, 'NX');
    if (bands.length > 0) {
      const bandKeys = bands.map(keys.band);
      (multi as unknown as StoryCommands).scourStoryBandsPush(bandKeys.length, ...bandKeys, short(entry.id), STORY_SETTINGS.maxPerBand, window);
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
