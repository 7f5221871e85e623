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
// KEYS: the record's member key, its exact key, the story and undated keys of the story it would
// open, its band keys. ARGV: record id, member key base. Returns {1, story, relation, similarity,
// nearest} when the record is already placed, else {2, member} for the same text's member, else
// {3, members, own story hash, own undated} for the band candidates, each member as
// {id, story, sig, shingles}: a record that opens its story (most do) needs no second read.
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
for i = 5, #KEYS do
  for _, s in ipairs(redis.call('LRANGE', KEYS[i], 0, -1)) do
    if not seen[s] then
      seen[s] = true
      local m = member(s)
      if m then out[#out + 1] = m end
    end
  end
end
return {3, out, redis.call('HGETALL', KEYS[3]), redis.call('SMEMBERS', KEYS[4])}
`;
// The write of one placement, sent inside MULTI so that WATCH still guards it (three commands
// instead of a dozen). Writes only: what to write was decided in TypeScript.
// KEYS: member, exact, story, undated, members, then the band keys. ARGV: id, short id, story id,
// relation, similarity, nearest, sig, shingles, window, members kept per band, undated (1/0),
// then dater member, date, confidence when the record becomes its story's dater.
const WRITE = `
local window = ARGV[9]
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'story', ARGV[3], 'relation', ARGV[4], 'similarity', ARGV[5], 'nearest', ARGV[6], 'sig', ARGV[7], 'shingles', ARGV[8])
redis.call('EXPIRE', KEYS[1], window)
redis.call('SET', KEYS[2], ARGV[2], 'EX', window, 'NX')
for i = 6, #KEYS do
  redis.call('LPUSH', KEYS[i], ARGV[2])
  redis.call('LTRIM', KEYS[i], 0, tonumber(ARGV[10]) - 1)
  redis.call('EXPIRE', KEYS[i], window)
end
if ARGV[12] then redis.call('HSET', KEYS[3], 'dater', ARGV[12], 'date', ARGV[13], 'confidence', ARGV[14]) end
redis.call('HSET', KEYS[3], 'touched', '1')
redis.call('EXPIRE', KEYS[3], window)
if ARGV[11] == '1' then
  redis.call('SADD', KEYS[4], ARGV[1])
  redis.call('EXPIRE', KEYS[4], window)
end
redis.call('RPUSH', KEYS[5], ARGV[1])
redis.call('EXPIRE', KEYS[5], window)
return 1
`;
// KEYS: story, undated. Returns the story hash as a flat list, and the undated members.
const STORY = `
return {redis.call('HGETALL', KEYS[1]), redis.call('SMEMBERS', KEYS[2])}
`;

type StoryCommands = {
  scourStoryLookupBuffer(numKeys: number, ...keysThenArgs: string[]): ChainableCommander;
  scourStoryWrite(numKeys: number, ...keysThenArgs: Array<string | number | Buffer>): ChainableCommander;
  scourStoryRead(numKeys: number, ...keys: string[]): ChainableCommander;
};

/** A story's state from its hash (as a flat list of fields and values) and its undated set. */
function storyOf(flat: string[], undated: string[]): { dater: StoryDater | null; undated: string[] } {
  const found: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) found[flat[i]!] = flat[i + 1]!;
  return { dater: daterOf(found), undated: undated.sort() };
}

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
    this.conn.defineCommand('scourStoryWrite', { lua: WRITE });
    this.conn.defineCommand('scourStoryRead', { lua: STORY });
    this.keys = storyKeys(options.prefix);
    this.window = options.windowSeconds ?? STORY_SETTINGS.windowSeconds;
  }

  async session(): Promise<IndexSession> {
    const release = await this.lock.acquire();
    const { conn, keys } = this;
    let ended = false;
    return {
      lookup: async (id, hash, bands) => {
        const lookupKeys = [keys.member(id), keys.exact(hash), keys.story(id), keys.undated(id), ...bands.map(keys.band)];
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
        const [members, ownStory, ownUndated] = rest as [Buffer[][], Buffer[], Buffer[]];
        return { placed: null, exact: null, candidates: members.map(candidateOf), own: storyOf(ownStory.map(String), ownUndated.map(String)) };
      },
      story: async (storyId) => {
        const storyKeys = [keys.story(storyId), keys.undated(storyId)];
        const pipe = conn.pipeline().watch(...storyKeys);
        (pipe as unknown as StoryCommands).scourStoryRead(storyKeys.length, ...storyKeys);
        const replies = (await pipe.exec()) ?? [];
        for (const [err] of replies) if (err) throw err;
        const [flat, undated] = replies[1]![1] as [string[], string[]];
        return storyOf(flat, undated);
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
    const writeKeys = [keys.member(entry.id), keys.exact(entry.bodyHash), keys.story(story.id), keys.undated(story.id), keys.members(story.id), ...bands.map(keys.band)];
    const args: Array<string | number | Buffer> = [
      entry.id,
      short(entry.id),
      story.id,
      story.relation,
      String(story.similarity),
      story.nearestId ?? '',
      bytesOf(entry.signature),
      String(entry.shingles),
      window,
      STORY_SETTINGS.maxPerBand,
      entry.date === null ? '1' : '0',
    ];
    if (dater) args.push(dater.memberId, dater.date, String(dater.confidence));
    (multi as unknown as StoryCommands).scourStoryWrite(writeKeys.length, ...writeKeys, ...args);
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
