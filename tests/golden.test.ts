import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import type { CleanRecord } from '../src/schemas/index.js';
import { goldenPages, type GoldenPage } from './helpers/golden.js';

/**
 * One runner for every folder under tests/golden/: the page is cleaned as the evaluation
 * cleans it (its bytes, its name, its URL) and the record is held to the reviewed
 * expected.json: metadata exactly, the story by with/without snippets, removed blocks with
 * their reasons. Adding a page is adding a folder.
 */
const PROCESSED_AT = '2026-11-30T00:00:00.000Z';
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function cleanPage(page: GoldenPage, referenceDate?: string) {
  const { expected } = page;
  return clean(
    { bytes: page.bytes, name: expected.name, receivedAt: PROCESSED_AT, url: expected.url },
    { processedAt: PROCESSED_AT, referenceDate: referenceDate ?? expected.referenceDate },
  );
}

function recordOf(page: GoldenPage, referenceDate?: string): CleanRecord {
  const result = cleanPage(page, referenceDate);
  if (!result.ok) throw new Error(`${page.slug} rejected: ${result.reason} ${result.detail}`);
  return result.record;
}

function expectRecord(page: GoldenPage, record: CleanRecord): void {
  const e = page.expected;
  expect(record.title, 'title').toBe(e.title);
  expect(record.byline, 'byline').toBe(e.byline);
  expect(record.date, 'date').toBe(e.date);
  if (e.dateSource !== undefined) expect(record.dateEvidence?.source ?? null, 'date source').toBe(e.dateSource);
  if (e.dateline !== undefined) expect(record.dateline, 'dateline').toBe(e.dateline);
  if (e.publisher !== undefined) expect(record.publisher, 'publisher').toBe(e.publisher);
  if (e.encoding !== undefined) expect(record.source.encoding, 'encoding').toBe(e.encoding);
  if (e.captions !== undefined) expect(record.captions, 'captions').toEqual(e.captions);
  if (e.highlights !== undefined) expect(record.highlights, 'highlights').toEqual(e.highlights);

  const body = squash(record.body);
  if (e.bodyStartsWith !== undefined) expect(record.body.startsWith(e.bodyStartsWith), `body starts with: ${e.bodyStartsWith}`).toBe(true);
  if (e.bodyEndsWith !== undefined) expect(record.body.endsWith(e.bodyEndsWith), `body ends with: ${e.bodyEndsWith}`).toBe(true);
  for (const snippet of e.with) expect(body, `body should hold: ${snippet}`).toContain(squash(snippet));
  for (const snippet of e.without) expect(body, `body should not hold: ${snippet}`).not.toContain(squash(snippet));
  if (e.story) {
    // Every paragraph of the story, from its first to its last, is in the body; a paragraph
    // the cleaner repaired counts when its lines are.
    const from = page.text.indexOf(e.story.from);
    const to = page.text.indexOf(e.story.to);
    expect(from, 'story.from is in the source').toBeGreaterThanOrEqual(0);
    expect(to, 'story.to is in the source after story.from').toBeGreaterThan(from);
    const lines = page.text.slice(from, to + e.story.to.length).split('\n').map(squash).filter(Boolean);
    for (const line of lines) expect(body, `story paragraph "${line.slice(0, 50)}…"`).toContain(line);
  }
  for (const want of e.removed) {
    const block = record.removed.find((b) => ('text' in want ? b.text === want.text : b.text.includes(want.part)));
    const what = 'text' in want ? want.text : want.part;
    expect(block, `removed should list: ${what}`).toBeDefined();
    if (want.reason !== undefined) expect(block?.reason, `reason for removing: ${what}`).toContain(want.reason);
  }

  // Invariants of every record: the id is the sha256 of the bytes, the format is the source's,
  // nothing left the body without a reason, and the paragraph count is the body's.
  expect(record.id).toBe(createHash('sha256').update(page.bytes).digest('hex'));
  expect(record.source.format).toBe(page.format);
  expect(record.removed.length, 'something was removed').toBeGreaterThan(0);
  for (const block of record.removed) expect(block.reason, `reason of removed "${block.text.slice(0, 40)}"`).toBeTruthy();
  expect(record.stats.paragraphs).toBe(record.body.split('\n\n').length);
}

describe('golden pages (tests/golden/<slug>)', () => {
  for (const page of goldenPages()) {
    const { expected } = page;
    describe(`${page.slug}: ${expected.note}`, () => {
      if (expected.rejected !== undefined) {
        it(`is rejected as ${expected.rejected}`, () => {
          const result = cleanPage(page);
          expect(result.ok ? 'a record' : result.reason).toBe(expected.rejected);
        });
        return;
      }
      it('reads the metadata and the story, and leaves the furniture out', () => {
        expectRecord(page, recordOf(page));
      });
      const again = expected.withReferenceDate;
      if (again) {
        it(`with reference date ${again.referenceDate}: date ${again.date} (${again.dateSource})`, () => {
          const record = recordOf(page, again.referenceDate);
          expect(record.date).toBe(again.date);
          expect(record.dateEvidence?.source ?? null).toBe(again.dateSource);
        });
      }
    });
  }
});

/** The golden sources are copies: where the shared evaluation sets are beside the project, they must still match. */
const SHARED = join(import.meta.dirname, '..', '..', 'shared');
const hasShared = existsSync(join(SHARED, 'eval')) && existsSync(join(SHARED, 'seeds'));
if (!hasShared) console.info(`[golden] provenance check skipped: no shared data at ${SHARED} (a plain clone has none; the golden pages themselves still run)`);

describe.skipIf(!hasShared)('golden sources are byte copies of the shared pages they name', () => {
  it('each "from" path under ../shared holds the same bytes', () => {
    let checked = 0;
    for (const page of goldenPages()) {
      const path = /^shared\/(\S+)/.exec(page.expected.from)?.[1];
      if (!path) continue;
      expect(readFileSync(join(SHARED, path)).equals(page.bytes), `${page.slug} = shared/${path}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
