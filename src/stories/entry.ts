import { decodeSignature } from '../clean/fingerprint.js';
import type { CleanRecord } from '../schemas/index.js';

/** What the index keeps of a record. */
export interface IndexEntry {
  id: string;
  bodyHash: string;
  /** The decoded MinHash signature. */
  signature: Uint32Array;
  shingles: number;
  /** The record's own date (never one taken from its story), with its confidence. */
  date: string | null;
  dateConfidence: number;
}

/** A record's index entry; null for a record of an earlier schema (no fingerprint). */
export function entryOf(record: CleanRecord): IndexEntry {
  const own = record.date !== null && record.dateEvidence?.source !== 'story';
  return {
    id: record.id,
    bodyHash: record.fingerprint.bodyHash,
    signature: decodeSignature(record.fingerprint.signature),
    shingles: record.fingerprint.shingles,
    date: own ? record.date : null,
    dateConfidence: own ? (record.dateEvidence?.confidence ?? 0) : 0,
  };
}
