import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import type { CleanRecord } from '../src/schemas/index.js';

const SEEDS = join(import.meta.dirname, 'fixtures/seeds');
const seedName = (prefix: string): string => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} missing`);
  return name;
};

function cleanSeed(prefix: string, referenceDate?: string): CleanRecord {
  const name = seedName(prefix);
  const result = clean(
    { bytes: readFileSync(join(SEEDS, name)), name, receivedAt: '2024-03-01T12:00:00Z' },
    { processedAt: '2024-03-01T12:00:05Z', referenceDate },
  );
  if (!result.ok) throw new Error(`seed ${prefix} rejected: ${result.reason} ${result.detail}`);
  return result.record;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const removedTexts = (r: CleanRecord): string[] => r.removed.map((b) => b.text);

/**
 * Every paragraph of the article itself (from the expected first to the expected last) is
 * in the body, whitespace-normalised; a paragraph the cleaner repaired counts when its parts are.
 */
function expectArticleKept(prefix: string, record: CleanRecord, first: string, last: string): void {
  const raw = readFileSync(join(SEEDS, seedName(prefix)), 'utf8');
  const from = raw.indexOf(first);
  const to = raw.indexOf(last) + last.length;
  expect(from, 'first paragraph in seed').toBeGreaterThanOrEqual(0);
  const body = squash(record.body);
  for (const line of raw.slice(from, to).split('\n').map(squash).filter(Boolean)) {
    expect(body, `paragraph "${line.slice(0, 50)}…"`).toContain(line);
  }
}

describe('seed 000: header date and publisher, KABUL dateline', () => {
  const r = cleanSeed('000');
  it('reads date, publisher, dateline; no title', () => {
    expect(r.date).toBe('2020-11-27');
    expect(r.dateEvidence?.source).toBe('header');
    expect(r.publisher).toBe('AT News');
    expect(r.dateline).toBe('KABUL');
    expect(r.title).toBeNull();
  });
  it('keeps the story from "KABUL:" to "APAPPS."', () => {
    expect(r.body.startsWith('KABUL: Afghan Foreign Minister Haneef Atmar met')).toBe(true);
    expect(r.body.endsWith('under the agreed mechanism of APAPPS.')).toBe(true);
    expectArticleKept('000', r, 'KABUL: Afghan', 'mechanism of APAPPS.');
    expect(r.body).not.toContain('date 2020-11-27');
  });
});

describe('seed 001: title, datelines, caption and highlights', () => {
  const r = cleanSeed('001');
  it('reads date and title', () => {
    expect(r.date).toBe('2021-07-14');
    expect(r.title).toBe('Qureshi urges close coordination in Afghan peace process in meetings with Russian, Chinese counterparts');
  });
  it('drops the two "Wednesday Jul 14" lines from the body', () => {
    expect(r.body).not.toContain('Wednesday Jul 14');
    expect(removedTexts(r)).toEqual(expect.arrayContaining(['Wednesday Jul 14 2021', 'Wednesday Jul 14, 2021']));
  });
  it('puts the "— PID" photo caption in captions, not the body', () => {
    expect(r.captions).toHaveLength(1);
    expect(r.captions[0]).toMatch(/— PID$/);
    expect(r.body).not.toContain('— PID');
    expect(r.body).not.toContain('Sergei Lavrov (L)');
  });
  it('takes the three bullets as highlights', () => {
    expect(r.highlights).toHaveLength(3);
    expect(r.highlights[0]).toMatch(/^Qureshi lays stress on close coordination/);
    expect(r.highlights[2]).toMatch(/^Meetings take place on the sidelines/);
    expect(r.body).not.toContain('Qureshi lays stress');
  });
  it('keeps the story from its first to its last paragraph', () => {
    expect(r.body.startsWith('Foreign Minister Shah Mahmood Qureshi on Wednesday stressed')).toBe(true);
    expect(r.body.endsWith('agreed to meet in the near future.')).toBe(true);
    expectArticleKept('001', r, 'Foreign Minister Shah Mahmood Qureshi on Wednesday', 'meet in the near future.');
    expect(r.body).toContain('Meeting with Chinese FM');
  });
});

describe('seed 002: skip link, trailer marker and popular posts', () => {
  const r = cleanSeed('002');
  it('reads the title', () => {
    expect(r.title).toBe('Pakistan, US stress close coordination for meaningful progress in Afghan peace process');
  });
  it('moves furniture and the three unrelated posts to removed', () => {
    const removed = removedTexts(r);
    for (const text of ['Skip to main content', 'Comments', 'Popular posts from this blog']) {
      expect(removed).toContain(text);
      expect(r.body).not.toContain(text);
    }
    for (const teaser of ['CJPs and Cricket Bats', 'Arbab Zain Umar', "Musharraf's Sentencing"]) {
      expect(removed.some((t) => t.includes(teaser))).toBe(true);
      expect(r.body).not.toContain(teaser);
    }
    expect(r.removed.find((b) => b.text === 'Comments')?.reason).toMatch(/trailer-marker/);
  });
  it('joins the paragraph broken after "continued US-Pakistan"', () => {
    expect(r.body).toContain('continued US-Pakistan cooperation on the Afghanistan peace process');
  });
  it('ends the body with the story and finds no date', () => {
    expect(r.body.endsWith('The two sides also exchanged views on regional connectivity and other key issues.')).toBe(true);
    expect(r.date).toBeNull();
    expect(r.dateEvidence).toBeNull();
    expectArticleKept('002', r, 'Foreign Minister Shah Mahmood Qureshi Friday', 'and other key issues.');
  });
});

describe('seed 003: "File Photos" caption', () => {
  const r = cleanSeed('003');
  it('reads the date and keeps the caption out of the body', () => {
    expect(r.date).toBe('2021-07-09');
    expect(r.captions.some((c) => c.endsWith('File Photos'))).toBe(true);
    expect(r.body).not.toContain('File Photos');
  });
  it('keeps the story to "other key issues.”"', () => {
    expect(r.body.startsWith('Foreign Minister Shah Mehmood Qureshi told his American counterpart')).toBe(true);
    expect(r.body.endsWith('other key issues.”')).toBe(true);
    expectArticleKept('003', r, 'Foreign Minister Shah Mehmood Qureshi told', 'other key issues.”');
  });
});

describe('seed 004: byline, ISLAMABAD dateline, relative date', () => {
  it('without a reference date: no date', () => {
    const r = cleanSeed('004');
    expect(r.byline).toBe('Our Diplomatic Correspondent');
    expect(r.dateline).toBe('ISLAMABAD');
    expect(r.date).toBeNull();
    expect(r.body).not.toContain('Our Diplomatic Correspondent');
    expect(r.body.startsWith('ISLAMABAD: Foreign Minister Shah Mahmood Qureshi on Friday')).toBe(true);
    expectArticleKept('004', r, 'ISLAMABAD: Foreign', 'disguised as refugees.');
  });
  it('with --reference-date 2021-07-10: "on Friday" is 2021-07-09, source relative', () => {
    const r = cleanSeed('004', '2021-07-10');
    expect(r.date).toBe('2021-07-09');
    expect(r.dateEvidence?.source).toBe('relative');
  });
});

describe('all seeds', () => {
  it('produce records whose id is the sha256 of the bytes and list every removed block with a reason', () => {
    for (const prefix of ['000', '001', '002', '003', '004']) {
      const r = cleanSeed(prefix);
      expect(r.id).toMatch(/^[0-9a-f]{64}$/);
      expect(r.source.format).toBe('text');
      expect(r.source.encoding).toBe('utf-8');
      for (const block of r.removed) expect(block.reason.length).toBeGreaterThan(0);
      expect(r.stats.paragraphs).toBe(r.body.split('\n\n').length);
    }
  });
});
