import { endianness } from 'node:os';
import type { Redis } from 'ioredis';
import { signatureBytes } from '../clean/fingerprint.js';
import type { Story } from '../schemas/index.js';
import { STORY_SETTINGS } from './story-settings.js';
import type { IndexEntry } from './entry.js';
import type { Placement, StoryDater, StoryIndexBackend } from './story-index.js';

/** Band lists and exact keys hold this many hex digits of a member id (64 bits), not all 64. */
export const SHORT_ID = 16;
const short = (id: string) => id.slice(0, SHORT_ID);

/**
 * The index shared by every worker on every host, in Redis under `<prefix>:stories:`:
 *   m:<short id>      hash  id, story, relation, similarity, nearest, sig (binary), shingles
 *   exact:<bodyHash>  the short id of the first member with that normalised body
 *   band:<hex>        string: the short ids of the newest members with that band, newest
 *                     first, end to end (bounded). A string, not a list: a band key mostly holds
 *                     one id, and a one-element list costs 80 bytes more than the same string.
 *                     Record ids are sha256 hex: every short id has 16 digits, read in steps of 16.
 *   story:<id>        hash  dater, date, confidence: the story's first member with an own date
 *   undated:<id>      set   members placed without an own date
 *   members:<id>      list  every member in placement order (the read API lists it)
 * Band keys hold 16-digit id prefixes (most of the index's bytes are band keys), resolved
 * through m:<short id>, whose `id` field says which record it is: two ids sharing 64 bits
 * (about 1 in 10^7 at 10^6 members) would make the newer one replace the older's entry.
 * Every key expires a window after its last write (SCOUR_STORY_WINDOW). A `{tag}` prefix
 * keeps them in one Cluster slot, as the placement script needs.
 */
export function storyKeys(prefix: string) {
  const base = `${prefix}:stories:`;
  return {
    base,
    member: (id: string) => `${base}m:${short(id)}`,
    exact: (hash: string) => `${base}exact:${hash}`,
    story: (id: string) => `${base}story:${id}`,
    undated: (id: string) => `${base}undated:${id}`,
    members: (id: string) => `${base}members:${id}`,
  };
}

function daterOf(found: Record<string, string> | undefined): StoryDater | null {
  return found?.dater && found.date ? { memberId: found.dater, date: found.date, confidence: Number(found.confidence ?? 0) } : null;
}

// Lua numbers are doubles, as JavaScript's: the thresholds go in as JavaScript writes them and
// Lua reads them back to the same values.
const { minJaccard, containmentFloor, minContainment, maxPerBand, bands, rows } = STORY_SETTINGS;

/**
 * Placement of one record, read, decided and written in one script: atomic by construction, so
 * two copies placed at the same moment by two workers end in one story (the second sees the
 * first). The decision is placement.ts decide() (and compare(), sameStory()) line for line, which
 * tests/stories-parity.test.ts checks against the in-memory index.
 * KEYS: 1 member, 2 exact. ARGV: 1 id, 2 short id, 3 sig, 4 shingles, 5 window, 6 own date
 * ('' none), 7 its confidence, 8 key base (`<prefix>:stories:`). The band keys are derived from
 * the signature here (placement.ts bandKeys()), not sent: 16 fewer arguments to encode per call.
 * The keys the script names itself share the `{tag}` of the base, so one Cluster slot still holds them.
 * Returns {story, relation, similarity, nearest ('' none), {dater, date, confidence ('' when none),
 * undated members it dates}}: a record placed before (a retried job) gets its placement again.
 */
const PLACE = `
local id, short, sig, window, date, confidence, base = ARGV[1], ARGV[2], ARGV[3], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local shingles = tonumber(ARGV[4])

local function dater_of(story)
  local s = redis.call('HMGET', base .. 'story:' .. story, 'dater', 'date', 'confidence')
  if s[1] and s[2] then return {s[1], s[2], s[3] or '0'} end
  return nil
end

-- The story's state after this record, as story-index.ts StoryState.
local function state_of(d, undated)
  if d then return {d[1], d[2], d[3], undated or {}} end
  return {'', '', '', {}}
end

local placed = redis.call('HMGET', KEYS[1], 'id', 'story', 'relation', 'similarity', 'nearest')
if placed[1] == id and placed[2] and placed[3] then
  local d = dater_of(placed[2])
  local undated = nil
  if d and d[1] == id then undated = redis.call('SMEMBERS', base .. 'undated:' .. placed[2]) end
  return {placed[2], placed[3], placed[4] or '0', placed[5] or '', state_of(d, undated)}
end

local function member(s)
  local m = redis.call('HMGET', base .. 'm:' .. s, 'id', 'story', 'sig', 'shingles')
  if m[1] and m[2] and m[3] and m[4] then return m end
  return nil
end

-- Little-endian uint32 components (a trailing partial one ignored, as signatureFromBytes).
local formats = {}
local function components(bytes, n)
  if not formats[n] then formats[n] = '<' .. string.rep('I4', n) end
  return {struct.unpack(formats[n], bytes)}
end
local n = math.floor(#sig / 4)
local mine = components(sig, n)

-- bandKeys(): \`rows\` components per band, each as 8 hex digits.
local band_keys = {}
for b = 0, ${bands - 1} do
  if (b + 1) * ${rows} > n then break end
  local key = base .. 'band:' .. b .. ':'
  for r = 1, ${rows} do key = key .. string.format('%08x', mine[b * ${rows} + r]) end
  band_keys[#band_keys + 1] = key
end

-- estimateSimilarity: the share of equal components.
local function jaccard(other)
  local k = math.min(n, math.floor(#other / 4))
  if k == 0 then return 0 end
  local theirs = components(other, k)
  local same = 0
  for i = 1, k do
    if mine[i] == theirs[i] then same = same + 1 end
  end
  return same / k
end

-- compare() and sameStory().
local function same_story(j, other_shingles)
  if j >= ${minJaccard} then return true end
  if j < ${containmentFloor} then return false end
  local smaller = math.min(shingles, other_shingles)
  local containment = 0
  if smaller ~= 0 then containment = math.min(1, (j * (shingles + other_shingles)) / (1 + j) / smaller) end
  return containment >= ${minContainment}
end

-- JavaScript's a < b on ASCII ids: bytes, not the server's collation (Lua's < calls strcoll).
local function before(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end

-- Math.round(j * 1000) / 1000 as String() writes it (%.14g gives the same digits for these).
local function rounded(j)
  local x = j * 1000
  local r = math.floor(x)
  if x - r >= 0.5 then r = r + 1 end
  return tostring(r / 1000)
end

-- decide(): the same text's member, else the most similar band candidate that passes (ties to
-- the lesser id), else a story of its own. The same text's member may have expired before its
-- exact key: then the bands decide.
local story, relation, similarity, nearest = id, 'first', '1', ''
local exact = redis.call('GET', KEYS[2])
local same_text = exact and member(exact)
if same_text then
  story, relation, nearest = same_text[2], 'duplicate', same_text[1]
else
  local seen, best, best_j = {}, nil, 0
  for _, band in ipairs(band_keys) do
    local ids = redis.call('GET', band) or ''
    for at = 1, #ids, ${SHORT_ID} do
      local s = string.sub(ids, at, at + ${SHORT_ID - 1})
      if not seen[s] then
        seen[s] = true
        local m = member(s)
        if m and m[1] ~= id then
          local j = jaccard(m[3])
          if same_story(j, tonumber(m[4])) and (not best or j > best_j or (j == best_j and before(m[1], best[1]))) then
            best, best_j = m, j
          end
        end
      end
    end
  end
  if best then story, relation, similarity, nearest = best[2], 'near-duplicate', rounded(best_j), best[1] end
end

-- The write. The story gets this record as its dater when it has none and the record has a date.
redis.call('HSET', KEYS[1], 'id', id, 'story', story, 'relation', relation, 'similarity', similarity, 'nearest', nearest, 'sig', sig, 'shingles', ARGV[4])
redis.call('EXPIRE', KEYS[1], window)
redis.call('SET', KEYS[2], short, 'EX', window, 'NX')
for _, band in ipairs(band_keys) do
  local ids = short .. (redis.call('GET', band) or '')
  redis.call('SET', band, string.sub(ids, 1, ${maxPerBand * SHORT_ID}), 'EX', window)
end
local members = base .. 'members:' .. story
redis.call('RPUSH', members, id)
redis.call('EXPIRE', members, window)
local story_key, undated_key = base .. 'story:' .. story, base .. 'undated:' .. story
local d = dater_of(story)
local state
if d then
  state = state_of(d)
elseif date ~= '' then
  state = state_of({id, date, confidence}, redis.call('SMEMBERS', undated_key))
  redis.call('HSET', story_key, 'dater', id, 'date', date, 'confidence', confidence)
else
  state = state_of(nil)
end
redis.call('HSET', story_key, 'touched', '1')
redis.call('EXPIRE', story_key, window)
if date == '' then
  redis.call('SADD', undated_key, id)
  redis.call('EXPIRE', undated_key, window)
end
return {story, relation, similarity, nearest, state}
`;

const LITTLE_ENDIAN = endianness() === 'LE';

/** signatureBytes(), without a copy where the machine's own order is little-endian already. */
function bytesOf(signature: Uint32Array): Buffer {
  return LITTLE_ENDIAN ? Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength) : signatureBytes(signature);
}

type StoryCommands = {
  scourStoryPlace(numKeys: number, ...keysThenArgs: Array<string | Buffer>): Promise<[string, string, string, string, [string, string, string, string[]]]>;
};

export interface RedisStoryIndexOptions {
  prefix: string;
  windowSeconds?: number;
}

/**
 * Placement is one script call per record, which reads, decides and writes: no WATCH, no
 * conflict to retry. Placements from one process run concurrently on one connection of the
 * index's own.
 */
export class RedisStoryIndex implements StoryIndexBackend {
  private readonly conn: Redis;
  private readonly commands: StoryCommands;
  private readonly keys: ReturnType<typeof storyKeys>;
  private readonly window: string;

  constructor(redis: Redis, options: RedisStoryIndexOptions) {
    this.conn = redis.duplicate();
    this.conn.defineCommand('scourStoryPlace', { lua: PLACE });
    this.commands = this.conn as unknown as StoryCommands;
    this.keys = storyKeys(options.prefix);
    this.window = String(options.windowSeconds ?? STORY_SETTINGS.windowSeconds);
  }

  async place(entry: IndexEntry): Promise<Placement> {
    const { keys } = this;
    const [story, relation, similarity, nearest, [dater, date, confidence, undated]] = await this.commands.scourStoryPlace(
      2,
      keys.member(entry.id),
      keys.exact(entry.bodyHash),
      entry.id,
      short(entry.id),
      bytesOf(entry.signature),
      String(entry.shingles),
      this.window,
      entry.date ?? '',
      String(entry.dateConfidence),
      keys.base,
    );
    return {
      story: { id: story, relation: relation as Story['relation'], similarity: Number(similarity), nearestId: nearest || null },
      dater: daterOf({ dater, date, confidence }),
      undated: undated.sort(),
    };
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
