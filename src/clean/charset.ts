import iconv from 'iconv-lite';
import { CLEAN_SETTINGS } from './rules/clean-settings.js';

/**
 * Charset labels that name the same decoder (WHATWG Encoding Standard: "iso-8859-1" and
 * "us-ascii" mean windows-1252, "gb2312"/"gbk" mean gb18030, "x-sjis" means shift_jis…).
 */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'latin1': 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  'ascii': 'windows-1252',
  'cp1252': 'windows-1252',
  'x-sjis': 'shift_jis',
  'sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  'ms_kanji': 'shift_jis',
  'windows-31j': 'shift_jis',
  'cp932': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'gb2312': 'gb18030',
  'gbk': 'gb18030',
  'x-gbk': 'gb18030',
  'cp936': 'gb18030',
  'ks_c_5601-1987': 'euc-kr',
  'windows-949': 'euc-kr',
  'cp949': 'euc-kr',
  'big5-hkscs': 'big5',
  'cp1251': 'windows-1251',
  'x-cp1251': 'windows-1251',
  'unicode': 'utf-16le',
  'utf-16': 'utf-16le',
};

/** `<meta charset=…>`, `<meta http-equiv="Content-Type" content="…; charset=…">`, `<?xml … encoding="…"?>`. */
const META_CHARSET = /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.()-]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_:.()-]+)/i;

/** Normalised decoder name for a declared label, or null when iconv-lite cannot decode it. */
export function normalizeCharset(label: string): string | null {
  const lower = label.trim().toLowerCase();
  const name = LABEL_ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset an HTML/XML document declares in its first bytes, normalised, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, CLEAN_SETTINGS.charsetSniffBytes)).toString('latin1');
  const found = XML_ENCODING.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
  return found ? normalizeCharset(found) : null;
}

/** UTF-16 without a BOM: ASCII text leaves a NUL in every other byte. */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(bytes.length, 1024) & ~1;
  if (end < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = end / 2;
  if (oddZeros / pairs > 0.3 && evenZeros / pairs < 0.02) return 'utf-16le';
  if (evenZeros / pairs > 0.3 && oddZeros / pairs < 0.02) return 'utf-16be';
  return null;
}

const KANA = /[\u3040-\u30ff]/gu;
const HAN = /[\u4e00-\u9fff]/gu;
const SPACE = / /g;
const CYRILLIC_LOWER = /[\u0430-\u044f\u0451]/gu;
/** A Latin letter with a diacritic next to an ASCII letter: "café", "Größe", not mojibake runs. */
const LATIN_IN_WORD = /(?<=[A-Za-z])[\u00c0-\u00ff]|[\u00c0-\u00ff](?=[A-Za-z])/gu;
/** Decoding failures and characters real text does not contain. */
const JUNK = /[\ufffd\u0080-\u009f\ue000-\uf8ff]/gu;

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** Japanese always mixes kana into its kanji; a "Japanese" reading without kana is Chinese. */
function japaneseScore(text: string): number {
  const kana = count(text, KANA);
  const han = count(text, HAN);
  return kana >= 0.1 * (kana + han) ? 2 * (kana + han) : han;
}

/** Byte pairs with lead and trail in the given ranges (two-byte characters of an EUC-style table). */
function pairsIn(bytes: Uint8Array, leadMin: number, leadMax: number): number {
  let pairs = 0;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1]!;
    if (lead >= leadMin && lead <= leadMax && trail >= 0xa1 && trail <= 0xfe) pairs++;
    i++;
  }
  return pairs;
}

/**
 * Hangul syllables of KS X 1001 (lead 0xB0–0xC8): iconv's euc-kr is CP949, which reads
 * almost any byte pair as some rare syllable, so its output proves nothing.
 */
const koreanScore = (_t: string, bytes: Uint8Array): number => 2 * pairsIn(bytes, 0xb0, 0xc8);

/**
 * GB2312 hanzi (lead 0xB0–0xF7); GB18030 itself reads any bytes. The same byte ranges hold
 * Korean, which spaces its words while Chinese does not.
 */
function chineseScore(text: string, bytes: Uint8Array): number {
  const pairs = pairsIn(bytes, 0xb0, 0xf7);
  const spaces = count(text, SPACE);
  return spaces > 0.15 * pairs ? pairs : 2 * pairs;
}

/**
 * Legacy encodings tried for text that is not UTF-8 and declares nothing, with how to score
 * a reading: about how many bytes it explains as letters of the script the encoding exists
 * for (a CJK character stands for two bytes; lowercase Cyrillic tells windows-1251 from KOI8-R).
 */
const CANDIDATES: ReadonlyArray<{ name: string; score: (text: string, bytes: Uint8Array) => number }> = [
  { name: 'windows-1252', score: (t) => count(t, LATIN_IN_WORD) },
  { name: 'shift_jis', score: japaneseScore },
  { name: 'euc-jp', score: japaneseScore },
  { name: 'gb18030', score: chineseScore },
  { name: 'euc-kr', score: koreanScore },
  { name: 'big5', score: (t) => 2 * count(t, HAN) },
  { name: 'windows-1251', score: (t) => count(t, CYRILLIC_LOWER) },
  { name: 'koi8-r', score: (t) => count(t, CYRILLIC_LOWER) },
];

/** Best legacy encoding for bytes that are not valid UTF-8 (windows-1252 unless another script reads clearly better). */
export function guessLegacyCharset(bytes: Uint8Array): string {
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024));
  let best = 'windows-1252';
  let bestScore = -Infinity;
  for (const candidate of CANDIDATES) {
    const text = iconv.decode(sample, candidate.name);
    const score = candidate.score(text, sample) - 5 * count(text, JUNK);
    if (score > bestScore) {
      best = candidate.name;
      bestScore = score;
    }
  }
  return best;
}

/** Decodes with iconv-lite (which never throws on bad sequences: they become U+FFFD). */
export function decodeLegacy(bytes: Uint8Array, charset: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), charset);
}
