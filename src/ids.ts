import { createHash } from 'node:crypto';

/**
 * Store keys and ids are sha256 hex, nothing else: a store never builds a path from any
 * other string, so no id can reach a file outside the store ("../", absolute paths, NUL…).
 */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The id of some bytes: their sha256, lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isValidId(id: string): boolean {
  return SHA256_HEX.test(id);
}

export class InvalidIdError extends Error {
  override name = 'InvalidIdError';
  constructor(id: string) {
    super(`not a sha256 hex id: ${JSON.stringify(id.slice(0, 80))}`);
  }
}

export function assertValidId(id: string): void {
  if (!isValidId(id)) throw new InvalidIdError(id);
}

/** Throws unless `bytes` hash to `key`: a content-addressed store never files bytes under another key. */
export function assertKeyOf(key: string, bytes: Uint8Array): void {
  assertValidId(key);
  const actual = sha256Hex(bytes);
  if (actual !== key) throw new Error(`raw store: the bytes hash to ${actual}, not ${key}`);
}
