import { findRelativeDates } from '../clean/dates/relative.js';
import type { CleanRecord } from '../schemas/index.js';
import type { StoryDater } from './story-index.js';
import { STORY_SETTINGS } from './story-settings.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The date a record without one of its own takes from its story: its relative expression
 * ("Friday", "on Wednesday", "today") resolved against the dated member's own date, as the
 * cleaner resolves it against a reference date. Pure. Null when the record has a date of its
 * own (never overridden), names no relative day, or the member is the record itself.
 */
export function dateFromStory(record: CleanRecord, dater: StoryDater): Pick<CleanRecord, 'date' | 'dateEvidence'> | null {
  if (record.date !== null || dater.memberId === record.id) return null;
  const day = DAY.exec(dater.date);
  if (!day) return null;
  const reference = { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) };
  // The first one: a news lede names the day of the event ("Qureshi Friday received a call");
  // later ones tell of other days ("on Wednesday, the ministry had said…").
  let best: ReturnType<typeof findRelativeDates>[number] | null = null;
  for (const found of findRelativeDates(record.body, reference)) if (!best || found.index < best.index) best = found;
  if (!best) return null;
  const confidence = Math.round(dater.confidence * STORY_SETTINGS.storyDateConfidence * 1000) / 1000;
  return { date: best.date, dateEvidence: { source: 'story', text: best.matched, confidence, memberId: dater.memberId } };
}

/** The record with its story set and, where its story lends one, its date. */
export function withStory(record: CleanRecord, story: CleanRecord['story'], dater: StoryDater | null): CleanRecord {
  const placed = { ...record, story };
  const dated = dater ? dateFromStory(placed, dater) : null;
  return dated ? { ...placed, ...dated } : placed;
}
