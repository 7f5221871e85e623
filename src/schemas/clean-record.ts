import { SHA256_HEX } from '../ids.js';
import { z } from 'zod';

/** Bump when a field changes meaning or shape; downstream readers switch on it. */
export const SCHEMA_VERSION = 2 as const;

export const Sha256 = z.string().regex(SHA256_HEX, 'a lowercase hex sha256');

/** Where a publication date came from; ordered roughly by how much we trust it. */
export const DateSource = z.enum([
  'jsonld', // JSON-LD datePublished
  'meta', // <meta> article:published_time and friends
  'time', // <time datetime> in the article header
  'header', // a "date YYYY-MM-DD" header line in a text dump
  'dateline', // a dateline line such as "Wednesday Jul 14 2021"
  'url', // /2021/07/14/ in the page URL
  'text', // an absolute date found in the visible text
  'relative', // "on Friday", resolved against options.referenceDate
  'story', // "on Friday", resolved against the date of a dated member of the record's story (dateEvidence.memberId)
]);
export type DateSource = z.infer<typeof DateSource>;

export const DateEvidence = z.object({
  source: DateSource,
  /** The exact text (or attribute value) the date was read from. */
  text: z.string(),
  confidence: z.number().min(0).max(1),
  /** With source "story": the id of the story member whose date the text was resolved against. */
  memberId: Sha256.optional(),
});
export type DateEvidence = z.infer<typeof DateEvidence>;

/** Kinds a block can be classified as; the removed ones say why in `removed`. */
export const BlockKind = z.enum([
  'title',
  'byline',
  'dateline',
  'date',
  'caption',
  'highlight',
  'body',
  'boilerplate',
  'trailer',
  'comment',
  'duplicate',
]);
export type BlockKind = z.infer<typeof BlockKind>;

export const RemovedBlock = z.object({
  kind: BlockKind,
  text: z.string(),
  /** A short stable code plus detail, e.g. "trailer-marker: Popular posts from this blog". */
  reason: z.string(),
});
export type RemovedBlock = z.infer<typeof RemovedBlock>;

/** ISO 8601 publication day (YYYY-MM-DD) or datetime with offset. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'an ISO 8601 date');

export const SourceInfo = z.object({
  name: z.string(),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
  format: z.enum(['text', 'html']),
  /** Detected character encoding of the raw bytes (e.g. "utf-8", "windows-1252"). */
  encoding: z.string(),
  url: z.string().nullable(),
  receivedAt: z.string().datetime({ offset: true }),
});

/** The body's fingerprint (src/clean/fingerprint.ts): what the stories index compares. */
export const Fingerprint = z.object({
  /** sha256 of the body with case, punctuation and white space folded: equal for the same text. */
  bodyHash: Sha256,
  /** MinHash of the body's 2-word shingles: 128 little-endian uint32, base64. */
  signature: z.string().regex(/^[A-Za-z0-9+/]+=*$/, 'base64'),
  /** Distinct shingles in the body (estimates containment next to the signature). */
  shingles: z.number().int().nonnegative(),
});
export type Fingerprint = z.infer<typeof Fingerprint>;

/**
 * The story a record belongs to: copies of one text, or one story rewritten, across
 * outlets, hosts and workers. Placed after clean() (by the worker or `scour clean`).
 */
export const Story = z.object({
  /** The id of the story's first record: stable once given. */
  id: Sha256,
  /** first = opened the story; duplicate = same text as a member; near-duplicate = the story rewritten. */
  relation: z.enum(['first', 'duplicate', 'near-duplicate']),
  /** Estimated Jaccard similarity of the body's shingles to the nearest member (1 for the first). */
  similarity: z.number().min(0).max(1),
  /** The most similar member at placement, or null for the first. */
  nearestId: Sha256.nullable(),
});
export type Story = z.infer<typeof Story>;

export const CleanRecord = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** sha256 of the raw bytes: the same file always gets the same id. */
  id: Sha256,
  source: SourceInfo,
  title: z.string().min(1).nullable(),
  byline: z.string().min(1).nullable(),
  /** Place line that opens the story, e.g. "ISLAMABAD" (without the colon). */
  dateline: z.string().min(1).nullable(),
  publisher: z.string().min(1).nullable(),
  date: IsoDate.nullable(),
  dateEvidence: DateEvidence.nullable(),
  /** BCP 47 primary tag ("en", "de") or null when unknown. */
  language: z.string().min(2).max(12).nullable(),
  /** Article paragraphs joined by a blank line. */
  body: z.string().min(1),
  highlights: z.array(z.string().min(1)),
  captions: z.array(z.string().min(1)),
  removed: z.array(RemovedBlock),
  stats: z.object({
    inputChars: z.number().int().nonnegative(),
    bodyChars: z.number().int().nonnegative(),
    bodyWords: z.number().int().nonnegative(),
    paragraphs: z.number().int().nonnegative(),
    blocksRemoved: z.number().int().nonnegative(),
    /** Which extraction route produced the body (e.g. "text", "html:article", "html:jsonld"). */
    method: z.string(),
  }),
  pipeline: z.object({
    version: z.string(),
    processedAt: z.string().datetime({ offset: true }),
  }),
  fingerprint: Fingerprint,
  /** null until placed (clean() itself never places), or when stories are off. */
  story: Story.nullable(),
});
export type CleanRecord = z.infer<typeof CleanRecord>;

/**
 * A record as stored, of this version or an earlier one: readers of stored JSON (the read
 * API, the producer's "already done" check, a retried job) accept both, so records written
 * before schemaVersion 2 (no fingerprint, no story) stay readable.
 */
export const CleanRecordV1 = CleanRecord.omit({ fingerprint: true, story: true }).extend({ schemaVersion: z.literal(1) });
export const StoredRecord = z.union([CleanRecord, CleanRecordV1]);
export type StoredRecord = z.infer<typeof StoredRecord>;
