import { SHA256_HEX } from '../ids.js';
import { z } from 'zod';

/** Bump when a field changes meaning or shape; downstream readers switch on it. */
export const SCHEMA_VERSION = 1 as const;

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
]);
export type DateSource = z.infer<typeof DateSource>;

export const DateEvidence = z.object({
  source: DateSource,
  /** The exact text (or attribute value) the date was read from. */
  text: z.string(),
  confidence: z.number().min(0).max(1),
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
});
export type CleanRecord = z.infer<typeof CleanRecord>;
