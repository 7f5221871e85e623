import { CLEAN_SETTINGS } from './rules/clean-settings.js';

/** File signatures of formats that are never articles; checked before any decoding. */
const MAGIC_NUMBERS: ReadonlyArray<{ name: string; offset: number; bytes: readonly number[] }> = [
  { name: 'PNG image', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'WebP/RIFF media', offset: 0, bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'PDF document', offset: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'ZIP archive (or Office document)', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: '7-Zip archive', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'RAR archive', offset: 0, bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'bzip2 data', offset: 0, bytes: [0x42, 0x5a, 0x68] },
  { name: 'xz data', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'zstd data', offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'WebAssembly module', offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'MP4/QuickTime media', offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { name: 'Ogg media', offset: 0, bytes: [0x4f, 0x67, 0x67, 0x53] },
  { name: 'OLE2 (old Office) document', offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0] },
];

/** Name of the binary format the bytes start with, or null. */
export function binaryMagic(bytes: Uint8Array): string | null {
  for (const magic of MAGIC_NUMBERS) {
    if (bytes.length < magic.offset + magic.bytes.length) continue;
    if (magic.bytes.every((b, i) => bytes[magic.offset + i] === b)) return magic.name;
  }
  return null;
}

/**
 * Control characters that real text files do not carry: all below U+0020 except tab, LF, VT,
 * FF, CR and ESC (ANSI colours in logs), and DEL. NUL is looked for on its own.
 */
const CONTROLS = /[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]/g;
/** NUL or any of CONTROLS: a text without one (nearly all) is settled by one scan. */
const NUL_OR_CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/;

/**
 * Why the decoded text is not text, or null: a NUL character, or too many control
 * characters in the first CLEAN_SETTINGS.binarySniffBytes characters. Searched with
 * includes() and one regex rather than a loop per character: V8 ran that loop in
 * on-stack-replaced code that bailed out at its end on nearly every call (1,478 bailouts in
 * 1,810 calls over the scrapinghub text dumps).
 */
export function binaryReason(text: string): string | null {
  const end = Math.min(text.length, CLEAN_SETTINGS.binarySniffBytes);
  const sample = end < text.length ? text.slice(0, end) : text;
  if (!NUL_OR_CONTROL.test(sample)) return null;
  if (sample.includes('\0')) return 'contains NUL characters';
  const controls = sample.match(CONTROLS)?.length ?? 0;
  if (end > 0 && controls / end > CLEAN_SETTINGS.binaryControlShare) {
    return `${controls} control characters in the first ${end}`;
  }
  return null;
}
