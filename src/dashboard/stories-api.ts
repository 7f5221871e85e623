import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { isValidId } from '../ids.js';
import { CleanRecord } from '../schemas/index.js';
import { storyKeys } from '../stories/redis-index.js';
import type { OutputStore } from '../stores/types.js';
import { API_ERRORS, sendError } from './api-errors.js';
import { TIMED_OUT, within } from './within.js';

/** Members listed per story (the oldest first); a bigger story says `truncated`. */
export const STORY_MEMBERS_MAX = 500;
const REDIS_WAIT_MS = 5000;
const READS_AT_ONCE = 8;

export interface StoryMember {
  id: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  relation: NonNullable<CleanRecord['story']>['relation'];
  similarity: number;
  url: string;
}

/**
 * GET /api/stories/:id — a story's members in placement order, each with its title, publisher,
 * date and relation, from the stories index (members placed within SCOUR_STORY_WINDOW) and
 * the output store. 404 when the index knows no member of that story.
 */
export function registerStoriesApi(app: FastifyInstance, deps: { redis: Redis; store: OutputStore; prefix: string }): void {
  const keys = storyKeys(deps.prefix);
  app.get('/api/stories/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isValidId(id)) return sendError(reply, API_ERRORS.BAD_ID);
    const ids = await within(REDIS_WAIT_MS, deps.redis.lrange(keys.members(id), 0, STORY_MEMBERS_MAX)).catch((): typeof TIMED_OUT => TIMED_OUT);
    if (ids === TIMED_OUT) return sendError(reply, API_ERRORS.REDIS_UNAVAILABLE);
    const listed = [...new Set(ids)].slice(0, STORY_MEMBERS_MAX);
    const members: StoryMember[] = [];
    for (let i = 0; i < listed.length; i += READS_AT_ONCE) {
      const batch = await Promise.all(listed.slice(i, i + READS_AT_ONCE).map((memberId) => deps.store.read('records', memberId)));
      for (const stored of batch) {
        const record = CleanRecord.safeParse(stored);
        // A member placed but not yet written (or since removed) is left out.
        if (!record.success || record.data.story?.id !== id) continue;
        const r = record.data;
        members.push({ id: r.id, title: r.title, publisher: r.publisher, date: r.date, relation: r.story!.relation, similarity: r.story!.similarity, url: `/api/records/${r.id}` });
      }
    }
    if (members.length === 0) return sendError(reply, API_ERRORS.NOT_FOUND);
    return { id, members, truncated: ids.length > STORY_MEMBERS_MAX };
  });
}
