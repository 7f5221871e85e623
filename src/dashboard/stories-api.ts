import type { FastifyInstance } from 'fastify';
import { isValidId } from '../ids.js';
import { CleanRecord } from '../schemas/index.js';
import type { OutputStore } from '../stores/types.js';
import { API_ERRORS, sendError } from './api-errors.js';

/** Members listed per story (the oldest first); a bigger story says `truncated`. */
export const STORY_MEMBERS_MAX = 500;
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
 * GET /api/stories/:id — a story's members, oldest first, each with its title, publisher, date
 * and relation, from the output store's story filter (the same query /api/records?story= runs),
 * so a story stays readable after its index entries expire (SCOUR_STORY_WINDOW). 404 when the
 * store holds no record of that story.
 */
export function registerStoriesApi(app: FastifyInstance, deps: { store: OutputStore }): void {
  app.get('/api/stories/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!isValidId(id)) return sendError(reply, API_ERRORS.BAD_ID);
    const found = await deps.store.query({ status: 'record', story: id, limit: STORY_MEMBERS_MAX + 1 });
    const listed = found.slice(0, STORY_MEMBERS_MAX).reverse();
    const members: StoryMember[] = [];
    for (let i = 0; i < listed.length; i += READS_AT_ONCE) {
      const batch = await Promise.all(listed.slice(i, i + READS_AT_ONCE).map((summary) => deps.store.read('records', summary.id)));
      for (const stored of batch) {
        const record = CleanRecord.safeParse(stored);
        // A record removed or re-placed since the query is left out.
        if (!record.success || record.data.story?.id !== id) continue;
        const r = record.data;
        members.push({ id: r.id, title: r.title, publisher: r.publisher, date: r.date, relation: r.story!.relation, similarity: r.story!.similarity, url: `/api/records/${r.id}` });
      }
    }
    if (members.length === 0) return sendError(reply, API_ERRORS.NOT_FOUND);
    return { id, members, truncated: found.length > STORY_MEMBERS_MAX };
  });
}
