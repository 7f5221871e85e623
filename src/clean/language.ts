import {
  BASE_NGRAM_SCORE,
  BYTE_DICTIONARY,
  CODE_OFFSET,
  LANGUAGES,
  PACKED_NGRAMS,
  SEPARATORS_FLAGS,
  SEPARATORS_SOURCE,
} from './language-model.js';
import { CharClass } from './char-class.js';

/**
 * Language detection for records whose page declares none (text dumps never do): ELD's
 * n-gram detector (extra-small database). Measured on the 1,616 evaluation pages whose HTML
 * declares a language, detecting from the extracted body alone: it agreed with the
 * declaration on 94.6% of them (99.0% leaving out the pages every detector says are
 * mislabelled), against 93.8% for tinyld and 93.9% for franc-min, at about 0.5 ms a page
 * (tinyld about 2 ms, franc-min 2–4 ms). Detection is deterministic: the same text always
 * gives the same tag.
 *
 * ELD's database is not imported from the eld package: its 950 KB object literal costs ~88 MB
 * of RSS in every process that merely imports the cleaner (the producer, the dashboard, both
 * threads of a worker), and eld is ESM-only, so it cannot be loaded lazily from synchronous
 * code. ./language-model.ts holds the same database packed into one string
 * (scripts/write-language-model.mjs), unpacked into a Map when this module loads (~12 MB, about
 * 0.15 s), and scores exactly as eld 2.1.0's detect() does (tests/clean-language.test.ts compares
 * the two). Unpacked at load, not on the first detection: that would put the cost inside the first
 * clean() call of every clean thread, under its time budget. The processes that never clean do
 * not import the cleaner (tests/cli-module-graph.test.ts).
 */
export const LANGUAGE_SETTINGS = {
  /** Characters of the body read: the first paragraphs say as much as the whole text (ELD reads at most 1,000). */
  sampleChars: 1000,
  /** Fewer letters than this is too little to tell (ELD is right on 93% of 50-character samples, 83% of 20-character ones). */
  minLetters: 40,
};

const LETTER = /\p{L}/gu;
const PRIMARY_TAG = /^[a-z]{2,3}$/;
/** ELD's separator pattern: a run of non-letters (one character class), short of the apostrophes it ends with. */
const SEPARATOR_RUN_TAIL = ']+(?<![\\x27\\x60\\u2019])';
if (!SEPARATORS_SOURCE.startsWith('[') || !SEPARATORS_SOURCE.endsWith(SEPARATOR_RUN_TAIL) || SEPARATORS_FLAGS !== 'gu') {
  throw new Error('language-model.ts: the separator pattern no longer has the shape separatorsToSpaces() reads');
}
/** One separator character (code point) of ELD's pattern; a lone surrogate is one, as the pattern (with /u) sees it. */
const SEPARATOR = new CharClass(new RegExp(`^${SEPARATORS_SOURCE.slice(0, -SEPARATOR_RUN_TAIL.length + 1)}$`, 'u'));

/** ELD cuts a sample at the first space past this many UTF-8 bytes, and anywhere past the second. */
const CUT_AFTER_BYTES = 350;
const ENFORCE_CUT_AFTER_BYTES = 380;
/** Longest word prefix (in bytes) that gives n-grams. */
const MAX_WORD_BYTES = 70;

interface Model {
  /** n-gram → (start << 8 | count) into `pairs`. */
  index: Map<string, number>;
  /** (language, score) pairs, the stored scores plus BASE_NGRAM_SCORE. */
  pairs: Uint16Array;
}

/** Unpacks the n-gram database. */
function unpackModel(): Model {
  const index = new Map<string, number>();
  // Two characters per pair, so the packed string's length bounds the pairs' count.
  const pairs = new Uint16Array(PACKED_NGRAMS.length);
  let count = 0;
  let at = 0;
  while (at < PACKED_NGRAMS.length) {
    const tab = PACKED_NGRAMS.indexOf('\t', at);
    let end = PACKED_NGRAMS.indexOf('\n', tab);
    if (end === -1) end = PACKED_NGRAMS.length;
    const start = count;
    for (let i = tab + 1; i < end; i += 2, count++) {
      pairs[count * 2] = PACKED_NGRAMS.charCodeAt(i) - CODE_OFFSET;
      pairs[count * 2 + 1] = PACKED_NGRAMS.charCodeAt(i + 1) - CODE_OFFSET + BASE_NGRAM_SCORE;
    }
    index.set(PACKED_NGRAMS.slice(at, tab), (start << 8) | (count - start));
    at = end + 1;
  }
  return { index, pairs: pairs.slice(0, count * 2) };
}

const MODEL = unpackModel();

/** Scratch space for separatorsToSpaces' output (clean() is synchronous). */
let spaced = new Uint16Array(1024);

/**
 * text.replace(new RegExp(SEPARATORS_SOURCE, SEPARATORS_FLAGS), ' ') in one pass with a table
 * per character: a run of separators becomes one space, followed by the apostrophes the run
 * ends with (the pattern's lookbehind gives them back); a run of apostrophes alone stays. The
 * regex replace was half of language detection's time (a match, and a call, for every space
 * and punctuation mark). With `enough`, the text is cut at the first space written past that
 * many characters (the space kept, the rest dropped).
 */
export function separatorsToSpaces(text: string, enough = Infinity): string {
  if (spaced.length < text.length) spaced = new Uint16Array(text.length);
  const out = spaced;
  let n = 0;
  let runStart = -1;
  let apostrophesFrom = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    let pair = false;
    let separator: boolean;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      pair = low >= 0xdc00 && low < 0xe000;
      // A lone surrogate is a separator, as the pattern (with /u) sees it.
      separator = pair ? SEPARATOR.codePoint(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000) : true;
    } else separator = c >= 0 && SEPARATOR.unit(c);
    if (separator) {
      if (runStart < 0) runStart = i;
      if (c !== 0x27 && c !== 0x60 && c !== 0x2019) apostrophesFrom = -1;
      else if (apostrophesFrom < 0) apostrophesFrom = i;
      if (pair) i++;
      continue;
    }
    if (runStart >= 0) {
      const end = apostrophesFrom < 0 ? i : apostrophesFrom;
      if (end > runStart) {
        out[n++] = 0x20;
        if (n > enough) break;
      }
      for (let k = end; k < i; k++) out[n++] = text.charCodeAt(k);
      runStart = -1;
      apostrophesFrom = -1;
    }
    if (c < 0) break;
    out[n++] = c;
    if (pair) out[n++] = text.charCodeAt(++i);
  }
  // In pieces: a call takes only so many arguments.
  let spacedText = '';
  for (let at = 0; at < n; at += 8192) spacedText += String.fromCharCode.apply(null, out.subarray(at, Math.min(n, at + 8192)) as unknown as number[]);
  return spacedText;
}

/**
 * Characters of the spaced sample that decide its words: byteWords stops within
 * ENFORCE_CUT_AFTER_BYTES + 1 characters of the trimmed sample (each is at least a byte), and
 * a space past them ends any context toLowerCase() looks at (a final sigma's), so what follows
 * cannot change the words; the margin covers the leading space trim() takes.
 */
const SPACED_CHARS_READ = ENFORCE_CUT_AFTER_BYTES + 20;

/** Words as strings of one character per UTF-8 byte (ELD's byte dictionary), cut as ELD cuts them. */
function byteWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (word !== '') {
          words.push(word);
          word = '';
        }
        if (bytes > CUT_AFTER_BYTES) break;
      } else {
        word += text[i];
      }
      bytes++;
    } else if (code < 0x800) {
      word += BYTE_DICTIONARY[0xc0 | (code >> 6)]! + BYTE_DICTIONARY[0x80 | (code & 0x3f)]!;
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      word += BYTE_DICTIONARY[0xe0 | (code >> 12)]! + BYTE_DICTIONARY[0x80 | ((code >> 6) & 0x3f)]! + BYTE_DICTIONARY[0x80 | (code & 0x3f)]!;
      bytes += 3;
    } else {
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      word +=
        BYTE_DICTIONARY[0xf0 | (code >> 18)]! +
        BYTE_DICTIONARY[0x80 | ((code >> 12) & 0x3f)]! +
        BYTE_DICTIONARY[0x80 | ((code >> 6) & 0x3f)]! +
        BYTE_DICTIONARY[0x80 | (code & 0x3f)]!;
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER_BYTES) break;
  }
  if (word !== '') words.push(word);
  return words;
}

/** ELD's n-grams: 4 bytes with a stride of 3, a leading space on a word's first, a trailing one on its last. */
function ngramsOf(words: readonly string[]): Set<string> {
  const ngrams = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, MAX_WORD_BYTES);
    let j = 0;
    for (; j + 4 < len; j += 3) ngrams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    ngrams.add(`${j === 0 ? ' ' : ''}${word.substring(len !== 3 ? len - 4 : 0)} `);
  }
  return ngrams;
}

/** ELD's detect(): the language whose n-gram scores sum highest (the first on a tie), or '' when none scores. */
export function detectTag(text: string): string {
  const { index, pairs } = MODEL;
  const words = byteWords(separatorsToSpaces(text.slice(0, 1000), SPACED_CHARS_READ).trim().toLowerCase());
  const scores = new Float64Array(LANGUAGES.length);
  for (const ngram of ngramsOf(words)) {
    const entry = index.get(ngram);
    if (entry === undefined) continue;
    const end = ((entry >> 8) + (entry & 0xff)) * 2;
    for (let i = (entry >> 8) * 2; i < end; i += 2) scores[pairs[i]!]! += pairs[i + 1]!;
  }
  let best = -1;
  let bestScore = 0;
  for (let lang = 0; lang < scores.length; lang++) {
    if (scores[lang]! > bestScore) {
      bestScore = scores[lang]!;
      best = lang;
    }
  }
  return best === -1 ? '' : LANGUAGES[best]!;
}

/** Whether `text` holds at least `min` letters, counting no further. */
function hasLetters(text: string, min: number): boolean {
  let count = 0;
  LETTER.lastIndex = 0;
  while (count < min && LETTER.exec(text) !== null) count++;
  LETTER.lastIndex = 0;
  return count >= min;
}

/** The BCP 47 primary language tag of `text` ("de", "en"), or null when it is too short to tell. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, LANGUAGE_SETTINGS.sampleChars);
  if (!hasLetters(sample, LANGUAGE_SETTINGS.minLetters)) return null;
  const tag = detectTag(sample).toLowerCase();
  return PRIMARY_TAG.test(tag) ? tag : null;
}
