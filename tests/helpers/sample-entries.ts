import { createHash } from 'node:crypto';
import { fingerprint } from '../../src/clean/fingerprint.js';
import type { CleanRecord, RejectionRecord } from '../../src/schemas/index.js';

export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

/** A valid CleanRecord for store tests (not cleaner output). */
export function sampleRecord(seed: string, body = `Body of ${seed}.`): CleanRecord {
  const id = sha256(seed);
  return {
    schemaVersion: 2,
    id,
    source: { name: `${seed}.txt`, sha256: id, bytes: seed.length, format: 'text', encoding: 'utf-8', url: null, receivedAt: '2024-01-01T00:00:00.000Z' },
    title: 'A title',
    byline: null,
    dateline: null,
    publisher: null,
    date: '2021-07-14',
    dateEvidence: { source: 'header', text: 'date 2021-07-14', confidence: 0.9 },
    language: 'en',
    body,
    highlights: [],
    captions: [],
    removed: [],
    stats: { inputChars: 100, bodyChars: body.length, bodyWords: 4, paragraphs: 1, blocksRemoved: 0, method: 'text' },
    pipeline: { version: '0.1.0', processedAt: '2024-01-01T00:00:01.000Z' },
    fingerprint: fingerprint(body),
    story: null,
  };
}

export function sampleRejection(seed: string, reason: RejectionRecord['reason'] = 'empty'): RejectionRecord {
  const id = sha256(seed);
  return {
    ok: false,
    reason,
    detail: 'nothing to read',
    schemaVersion: 1,
    id,
    source: { name: `${seed}.txt`, sha256: id, bytes: 0, receivedAt: '2024-01-01T00:00:00.000Z' },
    attempts: 1,
    pipeline: { version: '0.1.0', processedAt: '2024-01-01T00:00:01.000Z' },
  };
}
