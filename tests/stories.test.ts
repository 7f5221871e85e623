import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { bodySignature, decodeSignature, encodeSignature, estimateSimilarity, fingerprint, normaliseBody } from '../src/clean/fingerprint.js';
import { referenceFingerprint } from './helpers/fingerprint-reference.js';
import { CleanRecord, StoredRecord } from '../src/schemas/index.js';
import { StoryGrouper } from '../src/stories/group-records.js';
import { dateFromStory } from '../src/stories/story-date.js';
import { sampleRecord } from './helpers/sample-entries.js';
import { seedPath } from './helpers/seeds.js';

const AT = '2026-12-01T00:00:00.000Z';

function seedRecord(prefix: string): CleanRecord {
  const result = clean({ bytes: readFileSync(seedPath(prefix)), name: `${prefix}.txt`, receivedAt: AT }, { processedAt: AT });
  if (!result.ok) throw new Error(`seed ${prefix} rejected: ${result.reason}`);
  return result.record;
}

describe('fingerprint (pure, in every record)', () => {
  it('folds case, punctuation and white space into one exact hash, and keeps different words apart', () => {
    const a = fingerprint('The Minister, on Friday,   said: "Peace now!"');
    const b = fingerprint('the minister on friday said peace now');
    expect(normaliseBody('Hello,\n\nWORLD!')).toBe('hello world');
    expect(a.bodyHash).toBe(b.bodyHash);
    expect(a.signature).toBe(b.signature);
    expect(fingerprint('the minister on saturday said peace now').bodyHash).not.toBe(a.bodyHash);
  });

  // Dotted capital I (lowercases to i + a combining mark), final sigma, ligatures, full-width and
  // circled digits (NFKC), curly quotes, an emoji, mathematical letters (NFKC: ascii), CJK letters beyond the BMP (surrogate pairs), a lone surrogate.
  const TRICKY = 'İstanbul’s ΣΊΣΥΦΟΣ — straße, ﬁne ①② ＡＢＣ１２３ 😀 𝐀𝐁𝐂 𠀀𠀁 café café \ud800 end';

  it('gives the values fingerprints had before the one-pass rewrite (stored signatures still compare)', () => {
    expect(normaliseBody(TRICKY)).toBe('i stanbul s σίσυφος straße fine 12 abc123 abc 𠀀𠀁 café café end');
    const f = fingerprint(TRICKY);
    expect(f.bodyHash).toBe('dae7235bc38bafa2df79147bd29fdbd1613d5c63608457eac10b9f47f5e6bc91');
    expect(f.shingles).toBe(12);
    expect(f.signature.slice(0, 40)).toBe('tlYHFbZWBxO2VgcRtlYHD7ZWBw22VgcLtlYHCbZW');
  });

  it('is sha256 of normaliseBody and the MinHash of its words (the plain definition), on every seed and odd text, at every size', () => {
    const texts = [TRICKY, '', '   ', '!!!', 'one', 'One, two.', 'x 😀😀 y', 'high at the end \ud83d', ...['000', '001', '002', '003', '004'].map((p) => seedRecord(p).body)];
    for (const text of texts) {
      expect(fingerprint(text), text.slice(0, 40)).toEqual(referenceFingerprint(text));
      for (const [hashes, words] of [[64, 1], [64, 3], [256, 5]] as const) {
        expect(encodeSignature(bodySignature(text, hashes, words)), `${hashes}/${words} ${text.slice(0, 40)}`).toBe(referenceFingerprint(text, hashes, words).signature);
      }
    }
    // The scratch buffers grow for a long text and still give the defined values after it.
    const long = Array.from({ length: 40_000 }, (_, i) => `w${i % 997}`).join(' ');
    expect(fingerprint(long)).toEqual(referenceFingerprint(long));
    expect(fingerprint(TRICKY)).toEqual(referenceFingerprint(TRICKY));
  });

  it('estimates similarity: high for a lightly edited text, near zero for another', () => {
    const text = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const edited = text.replace('word50 ', 'changed ').replace('word150 ', 'other ');
    const other = Array.from({ length: 200 }, (_, i) => `term${i}`).join(' ');
    const sig = (t: string) => decodeSignature(fingerprint(t).signature);
    expect(estimateSimilarity(sig(text), sig(edited))).toBeGreaterThan(0.85);
    expect(estimateSimilarity(sig(text), sig(other))).toBeLessThan(0.05);
  });

  it('is in the clean() record, which has no story of its own', () => {
    const record = seedRecord('003');
    expect(record.schemaVersion).toBe(2);
    expect(record.fingerprint).toEqual(fingerprint(record.body));
    expect(record.story).toBeNull();
  });

  it('stored records of schema version 1 (no fingerprint, no story) stay readable', () => {
    const { fingerprint: _f, story: _s, ...v1 } = { ...sampleRecord('old'), schemaVersion: 1 as const };
    expect(CleanRecord.safeParse(v1).success).toBe(false);
    expect(StoredRecord.safeParse(v1).success).toBe(true);
  });
});

describe('stories of the five seeds (in-memory index)', () => {
  it('groups 002, 003 and 004, keeps 000 and 001 apart, and dates 002 and 004 from 003', async () => {
    const grouper = new StoryGrouper();
    const updates: CleanRecord[] = [];
    const placed = new Map<string, CleanRecord>();
    for (const prefix of ['000', '001', '002', '003', '004']) placed.set(prefix, await grouper.place(seedRecord(prefix), (r) => void updates.push(r)));
    const final = (p: string) => updates.find((u) => u.id === placed.get(p)!.id) ?? placed.get(p)!;
    const story = (p: string) => final(p).story!;
    expect(story('002').id).toBe(placed.get('002')!.id);
    expect(story('002').relation).toBe('first');
    expect(story('003')).toMatchObject({ id: story('002').id, relation: 'near-duplicate' });
    expect(story('004').id).toBe(story('002').id);
    expect(story('000').id).toBe(placed.get('000')!.id);
    expect(story('001').id).toBe(placed.get('001')!.id);
    // 002 was placed undated and dated when 003 (dated) arrived; 004 took the date at once.
    expect(updates.map((u) => u.id)).toEqual([placed.get('002')!.id]);
    for (const p of ['002', '004']) {
      expect(final(p).date).toBe('2021-07-09');
      expect(final(p).dateEvidence).toMatchObject({ source: 'story', memberId: placed.get('003')!.id });
      expect(final(p).dateEvidence!.confidence).toBeLessThan(final('003').dateEvidence!.confidence);
      expect(CleanRecord.safeParse(final(p)).success).toBe(true);
    }
    expect(final('003').dateEvidence?.source).toBe('header');
  });

  it('the same text twice is a duplicate with similarity 1, whatever its case and spacing', async () => {
    const grouper = new StoryGrouper();
    const first = sampleRecord('a', seedRecord('003').body);
    const copyBody = first.body.toUpperCase().replace(/\n\n/g, '\n \n');
    const copy = { ...sampleRecord('b', copyBody), fingerprint: fingerprint(copyBody) };
    await grouper.place(first, () => {});
    const placed = await grouper.place(copy, () => {});
    expect(placed.story).toEqual({ id: first.id, relation: 'duplicate', similarity: 1, nearestId: first.id });
  });
});

describe('dateFromStory', () => {
  const dater = { memberId: 'a'.repeat(64), date: '2021-07-09', confidence: 0.9 };

  it('never overrides an own date', () => {
    expect(dateFromStory(sampleRecord('x', 'He spoke on Friday to the press.'), dater)).toBeNull();
  });

  it('resolves the first relative expression against the member date, below its confidence', () => {
    const undated = { ...sampleRecord('x', 'The minister on Monday met the envoy. Today he left.'), date: null, dateEvidence: null };
    expect(dateFromStory(undated, dater)).toEqual({
      date: '2021-07-05',
      dateEvidence: { source: 'story', text: 'on Monday', confidence: 0.72, memberId: dater.memberId },
    });
    const none = { ...undated, body: 'No day is named here at all.' };
    expect(dateFromStory(none, dater)).toBeNull();
  });
});
