import type { Redis } from 'ioredis';
import { signatureBytes, signatureFromBytes } from '../clean/fingerprint.js';
import type { Story } from '../schemas/index.js';
import { ownStory, type Candidate } from './placement.js';
import { STORY_SETTINGS } from './story-settings.js';
import type { IndexEntry } from './entry.js';
import type { Lookup, Placement, PlacementWrite, StoryDater, StoryIndexBackend, StoryState } from './story-index.js';

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
 * keeps them in one Cluster slot, as the scripts need.
 */
export function storyKeys(prefix: string) {
  const base = `${prefix}:stories:`;
  return {
    memberBase: `${base}m:`,
    storyBase: `${base}story:`,
    undatedBase: `${base}undated:`,
    member: (id: string) => `${base}m:${short(id)}`,
    exact: (hash: string) => `${base}exact:${hash}`,
    band: (band: string) => `${base}b:${band}`,
    story: (id: string) => `${base}story:${id}`,
    undated: (id: string) => `${base}undated:${id}`,
    members: (id: string) => `${base}members:${id}`,
  };
}

function daterOf(found: Record<string, string> | undefined): StoryDater | null {
  return found?.dater && found.date ? { memberId: found.dater, date: found.date, confidence: Number(found.confidence ?? 0) } : null;
}

// Lua shared by both scripts. KEYS of a write: 1 member, 2 exact, 3 story, 4 undated, 5 members of
// the story it joins, 6… its band keys. ARGV of a write: 1 id, 2 short id, 3 sig, 4 shingles,
// 5 window, 6 members kept per band, 7 own date ('' none), 8 its confidence, 9 story id,
// 10 relation, 11 similarity, 12 nearest ('' none).
// put() writes the member and, when the story has no dater and the record has a date, makes it
// the dater; returns {dater, date, confidence ('' when none), undated members it dates}.
const PUT = `
local function story_state(story, undated, id)
  local s = redis.call('HMGET', story, 'dater', 'date', 'confidence')
  if not (s[1] and s[2]) then return {'', '', '', {}} end
  local before = {}
  if s[1] == id then before = redis.call('SMEMBERS', undated) end
  return {s[1], s[2], s[3] or '0', before}
end
local function put()
  local window = ARGV[5]
  redis.call('HSET', KEYS[1], 'id', ARGV[1], 'story', ARGV[9], 'relation', ARGV[10], 'similarity', ARGV[11], 'nearest', ARGV[12], 'sig', ARGV[3], 'shingles', ARGV[4])
  redis.call('EXPIRE', KEYS[1], window)
  redis.call('SET', KEYS[2], ARGV[2], 'EX', window, 'NX')
  for i = 6, #KEYS do
    redis.call('LPUSH', KEYS[i], ARGV[2])
    redis.call('LTRIM', KEYS[i], 0, tonumber(ARGV[6]) - 1)
    redis.call('EXPIRE', KEYS[i], window)
  end
  redis.call('RPUSH', KEYS[5], ARGV[1])
  redis.call('EXPIRE', KEYS[5], window)
  local dater = redis.call('HMGET', KEYS[3], 'dater', 'date', 'confidence')
  local state
  if dater[1] and dater[2] then
    state = {dater[1], dater[2], dater[3] or '0', {}}
  elseif ARGV[7] ~= '' then
    state = {ARGV[1], ARGV[7], ARGV[8], redis.call('SMEMBERS', KEYS[4])}
    redis.call('HSET', KEYS[3], 'dater', ARGV[1], 'date', ARGV[7], 'confidence', ARGV[8])
  else
    state = {'', '', '', {}}
  end
  redis.call('HSET', KEYS[3], 'touched', '1')
  redis.call('EXPIRE', KEYS[3], window)
  if ARGV[7] == '' then
    redis.call('SADD', KEYS[4], ARGV[1])
    redis.call('EXPIRE', KEYS[4], window)
  end
  return state
end
`;

// Everything placement reads about a record, in one command, and the write of a record that
// meets no other (most records: one round trip in all). The decision on a record that meets
// others stays in TypeScript (placement.ts). KEYS and ARGV as a write's, for the story the record
// would open (its own id), then ARGV 13 member key base, 14 story key base, 15 undated key base.
// Returns {1, story, relation, similarity, nearest, state} when the record is already placed;
// {4, state} when it was written now as its own story's first member; {2, member, exact} for the
// same text's member; else {3, members, exact, band heads} for the band candidates, each member as
// {id, story, sig, shingles}. The exact key and band heads are what the write checks.
const LOOKUP = `${PUT}
local placed = redis.call('HMGET', KEYS[1], 'id', 'story', 'relation', 'similarity', 'nearest')
if placed[1] == ARGV[1] and placed[2] and placed[3] then
  return {1, placed[2], placed[3], placed[4] or '0', placed[5] or '', story_state(ARGV[14] .. placed[2], ARGV[15] .. placed[2], ARGV[1])}
end
local function member(s)
  local m = redis.call('HMGET', ARGV[13] .. s, 'id', 'story', 'sig', 'shingles')
  if m[1] and m[2] and m[3] and m[4] then return m end
  return nil
end
local exact = redis.call('GET', KEYS[2])
if exact then
  local m = member(exact)
  if m then return {2, m, exact} end
end
-- The same text's member may have expired before its exact key: then the bands decide.
local seen, out, heads = {}, {}, {}
for i = 6, #KEYS do
  local list = redis.call('LRANGE', KEYS[i], 0, -1)
  heads[#heads + 1] = list[1] or ''
  for _, s in ipairs(list) do
    if not seen[s] then
      seen[s] = true
      local m = member(s)
      if m then out[#out + 1] = m end
    end
  end
end
if #out > 0 then return {3, out, exact or '', heads} end
return {4, put()}
`;

// The write of a record that met others, after the decision: only if the record is still not
// placed, its exact key still holds what the lookup saw, and (when the lookup read the bands)
// every band list still starts with the member it started with: any write to them pushes a new
// head, so a record placed in between makes this one start over. KEYS and ARGV as a write's,
// then ARGV 13 the exact key seen ('' none), 14… the band heads seen (none: bands not read).
const WRITE = `${PUT}
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then return {0} end
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[13] then return {0} end
if #ARGV > 13 then
  for i = 6, #KEYS do
    if (redis.call('LINDEX', KEYS[i], 0) or '') ~= ARGV[i + 8] then return {0} end
  end
end
return {1, put()}
`;

type StoryCommands = {
  scourStoryLookupBuffer(numKeys: number, ...keysThenArgs: Array<string | number | Buffer>): Promise<unknown[]>;
  scourStoryWrite(numKeys: number, ...keysThenArgs: Array<string | number | Buffer>): Promise<unknown[]>;
};

/** A story's state as the scripts return it: {dater, date, confidence, undated members}. */
function stateOf([dater, date, confidence, undated]: [Buffer | string, Buffer | string, Buffer | string, Array<Buffer | string>]): StoryState {
  const found = { dater: String(dater), date: String(date), confidence: String(confidence) };
  return { dater: daterOf(found), undated: undated.map(String).sort() };
}

function candidateOf([id, story, sig, shingles]: Buffer[]): Candidate {
  return { id: id!.toString(), story: story!.toString(), signature: signatureFromBytes(sig!), shingles: Number(shingles!.toString()) };
}

/** What a write checks: the exact key's value and the band heads the lookup saw (null: bands not read). */
interface Seen {
  exact: string;
  heads: string[] | null;
}

export interface RedisStoryIndexOptions {
  prefix: string;
  windowSeconds?: number;
}

/**
 * Placement is one script call for a record that meets no other (the lookup writes it), and two
 * for one that does: the lookup, then a write that checks, in the same script, that what the
 * lookup saw still holds, and else returns a conflict so that placement starts over. No WATCH:
 * placements from one process run concurrently on one connection of the index's own.
 */
export class RedisStoryIndex implements StoryIndexBackend {
  private readonly conn: Redis;
  private readonly commands: StoryCommands;
  private readonly keys: ReturnType<typeof storyKeys>;
  private readonly window: number;

  constructor(redis: Redis, options: RedisStoryIndexOptions) {
    this.conn = redis.duplicate();
    this.conn.defineCommand('scourStoryLookup', { lua: LOOKUP });
    this.conn.defineCommand('scourStoryWrite', { lua: WRITE });
    this.commands = this.conn as unknown as StoryCommands;
    this.keys = storyKeys(options.prefix);
    this.window = options.windowSeconds ?? STORY_SETTINGS.windowSeconds;
  }

  async lookup(entry: IndexEntry, bands: readonly string[]): Promise<Lookup> {
    const { keys } = this;
    const story = ownStory(entry);
    const [writeKeys, args] = this.writeOf({ entry, bands: bands as string[], story });
    const reply = await this.commands.scourStoryLookupBuffer(writeKeys.length, ...writeKeys, ...args, keys.memberBase, keys.storyBase, keys.undatedBase);
    const kind = reply[0] as number;
    if (kind === 1) {
      const [placedStory, relation, similarity, nearest] = (reply.slice(1, 5) as Buffer[]).map(String);
      const placed: Story = { id: placedStory!, relation: relation as Story['relation'], similarity: Number(similarity), nearestId: nearest || null };
      return { placed: { story: placed, ...stateOf(reply[5] as Parameters<typeof stateOf>[0]) } };
    }
    if (kind === 4) return { placed: { story, ...stateOf(reply[1] as Parameters<typeof stateOf>[0]) } satisfies Placement };
    if (kind === 2) {
      const seen: Seen = { exact: String(reply[2]), heads: null };
      return { placed: null, exact: candidateOf(reply[1] as Buffer[]), candidates: [], token: seen };
    }
    const seen: Seen = { exact: String(reply[2]), heads: (reply[3] as Buffer[]).map(String) };
    return { placed: null, exact: null, candidates: (reply[1] as Buffer[][]).map(candidateOf), token: seen };
  }

  async write(placement: PlacementWrite, token: unknown): Promise<StoryState | null> {
    const seen = token as Seen;
    const [writeKeys, args] = this.writeOf(placement);
    const reply = await this.commands.scourStoryWrite(writeKeys.length, ...writeKeys, ...args, seen.exact, ...(seen.heads ?? []));
    return reply[0] === 1 ? stateOf(reply[1] as Parameters<typeof stateOf>[0]) : null;
  }

  /** The KEYS and ARGV of a write (see PUT). */
  private writeOf({ entry, bands, story }: PlacementWrite): [string[], Array<string | number | Buffer>] {
    const { keys, window } = this;
    const writeKeys = [keys.member(entry.id), keys.exact(entry.bodyHash), keys.story(story.id), keys.undated(story.id), keys.members(story.id), ...bands.map(keys.band)];
    const args: Array<string | number | Buffer> = [
      entry.id,
      short(entry.id),
      signatureBytes(entry.signature),
      String(entry.shingles),
      window,
      STORY_SETTINGS.maxPerBand,
      entry.date ?? '',
      String(entry.dateConfidence),
      story.id,
      story.relation,
      String(story.similarity),
      story.nearestId ?? '',
    ];
    return [writeKeys, args];
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
