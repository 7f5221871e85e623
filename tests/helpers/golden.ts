import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

/**
 * Golden pages, Readability-style: one folder per real page, `tests/golden/<slug>/` with the
 * input as it was met (`source.html.gz` or `source.txt`) and the reviewed `expected.json`.
 * Each page is there because a rule needs it: `pins` names the rules that fail it when dropped.
 */
export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

const SOURCE_FILES = ['source.html.gz', 'source.txt'] as const;

/** A block the cleaner must list in `removed`: its whole text, or a part of it; and the reason, or a part of it. */
const RemovedBlock = z.union([
  z.strictObject({ text: z.string().min(1), reason: z.string().min(1).optional() }),
  z.strictObject({ part: z.string().min(1), reason: z.string().min(1).optional() }),
]);

const Metadata = {
  title: z.string().nullable(),
  byline: z.string().nullable(),
  /** Publication date as the record carries it. */
  date: z.string().nullable(),
};

export const Expected = z
  .strictObject({
    /** What the page is and why it is here. */
    note: z.string().min(1),
    /** Where the bytes came from (an evaluation set and id, or the seeds) and the page's address. */
    from: z.string().min(1),
    /** Rules that this page fails when they are dropped or loosened (file and entry). */
    pins: z.array(z.string().min(1)).default([]),
    /** The input's name as clean() is given it (the record's source.name). */
    name: z.string().min(1),
    /** The page's URL as a crawler would pass it; text dumps have none. */
    url: z.string().nullable().default(null),
    referenceDate: z.string().optional(),
    /** The page must be rejected, for this reason (then no record fields apply). */
    rejected: z.string().optional(),
    ...Object.fromEntries(Object.entries(Metadata).map(([k, v]) => [k, v.optional()])),
    dateSource: z.string().nullable().optional(),
    dateline: z.string().nullable().optional(),
    publisher: z.string().nullable().optional(),
    encoding: z.string().optional(),
    bodyStartsWith: z.string().optional(),
    bodyEndsWith: z.string().optional(),
    /** Text sources: every line of the source from `from` to `to` is in the body (whitespace-normalised). */
    story: z.strictObject({ from: z.string().min(1), to: z.string().min(1) }).optional(),
    /** Snippets the body holds (whitespace-normalised). */
    with: z.array(z.string().min(1)).default([]),
    /** Snippets that must not reach the body: furniture, captions, other stories. */
    without: z.array(z.string().min(1)).default([]),
    captions: z.array(z.string()).optional(),
    highlights: z.array(z.string()).optional(),
    removed: z.array(RemovedBlock).default([]),
    /** The same page cleaned again with a reference date: what changes. */
    withReferenceDate: z
      .strictObject({ referenceDate: z.string(), date: z.string().nullable(), dateSource: z.string().nullable() })
      .optional(),
  })
  .superRefine((e, ctx) => {
    if (e.rejected !== undefined) return;
    for (const key of Object.keys(Metadata)) {
      if ((e as Record<string, unknown>)[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'a record page states its title, byline and date (null when it has none)' });
    }
    if (e.with.length === 0) ctx.addIssue({ code: 'custom', path: ['with'], message: 'a record page names at least one snippet of its story' });
  });
export type Expected = z.infer<typeof Expected> & { title?: string | null; byline?: string | null; date?: string | null };

export interface GoldenPage {
  slug: string;
  dir: string;
  /** source.html.gz or source.txt */
  sourceFile: (typeof SOURCE_FILES)[number];
  format: 'html' | 'text';
  /** The file's bytes, as the evaluation and the pipeline hand them to clean() (gzip stays gzip). */
  bytes: Buffer;
  /** The page as text (gunzipped), for snippet checks against the source. */
  text: string;
  expected: Expected;
}

export function loadGolden(slug: string): GoldenPage {
  const dir = join(GOLDEN_DIR, slug);
  const sources = SOURCE_FILES.filter((f) => existsSync(join(dir, f)));
  if (sources.length !== 1) throw new Error(`tests/golden/${slug}: needs exactly one of ${SOURCE_FILES.join(', ')}, has ${sources.length}`);
  const sourceFile = sources[0]!;
  const bytes = readFileSync(join(dir, sourceFile));
  const parsed = Expected.safeParse(JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')));
  if (!parsed.success) throw new Error(`tests/golden/${slug}/expected.json: ${z.prettifyError(parsed.error)}`);
  return {
    slug,
    dir,
    sourceFile,
    format: sourceFile.startsWith('source.html') ? 'html' : 'text',
    bytes,
    text: (sourceFile.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
    expected: parsed.data as Expected,
  };
}

export const goldenSlugs = (): string[] =>
  readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

export const goldenPages = (): GoldenPage[] => goldenSlugs().map(loadGolden);

/** The golden HTML pages as text, for tests of the HTML stages on real markup. */
export const goldenHtml = (): { slug: string; html: string }[] =>
  goldenPages()
    .filter((page) => page.format === 'html')
    .map((page) => ({ slug: page.slug, html: page.text }));
