import type { CleanOptions, CleanResult, RawInput } from '../../src/clean/types.js';
import type { CleanRecord } from '../../src/schemas/index.js';
import { sampleRecord, sha256 } from './sample-entries.js';

/**
 * A stand-in cleaner for worker plumbing tests (what the worker does with clean()'s result;
 * the real cleaner runs in the end-to-end tests): text starting "ARTICLE" is a record (its
 * pipeline.version the one the worker passes), anything else is rejected as "no-article".
 */
export const standInClean = (input: RawInput, options: CleanOptions): CleanResult => {
  const text = Buffer.from(input.bytes).toString('utf8');
  if (!text.startsWith('ARTICLE')) return { ok: false, reason: 'no-article', detail: 'no article here' };
  const base = sampleRecord('x', text);
  const id = sha256(input.bytes);
  const record: CleanRecord = {
    ...base,
    id,
    source: { ...base.source, name: input.name, sha256: id, bytes: input.bytes.length, receivedAt: input.receivedAt, url: `https://example.com/${input.name}` },
    pipeline: { version: '0.1.0', processedAt: options.processedAt },
  };
  return { ok: true, record };
};
