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
 * (scripts/write-language-model.mjs), unpacked into a hash table when this module loads
 * (~2 MB), and scores exactly as eld 2.1.0's detect() does (tests/clean-language.test.ts
 * compares the two). Unpacked at load, not on the first detection: that would put the cost inside the first
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

/**
 * The n-gram database as an open-addressing hash table keyed by numbers, not strings: an
 * n-gram is 3 to 6 characters of codes below 256 (bytes as ELD's dictionary writes them, and
 * spaces), so the first four make one uint32 (`lo`) and the rest with the length another
 * (`hi`, never 0). Looking n-grams up as strings cost a substring, a concatenation, a hash and
 * a Map probe each (most of detection's time); as numbers, none of those.
 */
interface Model {
  lo: Uint32Array;
  hi: Uint32Array;
  /** Per slot: (start << 8 | count) into `pairs`. */
  entries: Int32Array;
  /** (language, score) pairs, the stored scores plus BASE_NGRAM_SCORE. */
  pairs: Uint16Array;
  mask: number;
}

/** Longest n-gram (in characters) the database holds; ngramsOf makes none longer but a long word's last. */
const MAX_NGRAM_CHARS = 6;

function slotHash(lo: number, hi: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 13);
}

/** The slot of the key (lo, hi): where it is, or the empty slot where it would go. */
function slotOf(model: Pick<Model, 'lo' | 'hi' | 'mask'>, lo: number, hi: number): number {
  let slot = slotHash(lo, hi) & model.mask;
  while (model.hi[slot] !== 0 && (model.hi[slot] !== hi || model.lo[slot] !== lo)) slot = (slot + 1) & model.mask;
  return slot;
}

/** Unpacks the n-gram database. */
function unpackModel(): Model {
  let records = 0;
  for (let at = PACKED_NGRAMS.indexOf('\n'); at >= 0; at = PACKED_NGRAMS.indexOf('\n', at + 1)) records++;
  let slots = 1;
  while (slots < (records + 1) * 2) slots *= 2;
  const model: Model = { lo: new Uint32Array(slots), hi: new Uint32Array(slots), entries: new Int32Array(slots), pairs: new Uint16Array(0), mask: slots - 1 };
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
    let lo = 0;
    let hi = (tab - at) << 16;
    if (tab - at > MAX_NGRAM_CHARS || tab - at === 0) throw new Error('language-model.ts: an n-gram of an unexpected length');
    for (let i = at; i < tab; i++) {
      const code = PACKED_NGRAMS.charCodeAt(i);
      if (code > 0xff) throw new Error('language-model.ts: an n-gram character above U+00FF');
      if (i - at < 4) lo |= code << ((i - at) * 8);
      else hi |= code << ((i - at - 4) * 8);
    }
    const slot = slotOf(model, lo >>> 0, hi);
    model.lo[slot] = lo >>> 0;
    model.hi[slot] = hi;
    model.entries[slot] = (start << 8) | (count - start);
    at = end + 1;
  }
  model.pairs = pairs.slice(0, count * 2);
  return model;
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

/** Scratch space for byteWords: the words' characters (one per UTF-8 byte, as ELD's dictionary writes it) and where each word ends. */
const wordChars = new Uint8Array(ENFORCE_CUT_AFTER_BYTES + 8);
const wordEnds = new Int32Array(ENFORCE_CUT_AFTER_BYTES + 8);
/** BYTE_DICTIONARY's character codes. */
const DICTIONARY_CODES = Uint8Array.from(BYTE_DICTIONARY, (c) => c.charCodeAt(0));

/**
 * The words, cut as ELD cuts them, as character codes of one character per UTF-8 byte (ELD's
 * byte dictionary; an ASCII character stays itself), into wordChars, word i ending at
 * wordEnds[i]. Returns the number of words.
 */
function byteWords(text: string): number {
  let n = 0;
  let words = 0;
  let wordStart = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code === 32) {
        if (n > wordStart) {
          wordEnds[words++] = n;
          wordStart = n;
        }
        if (bytes > CUT_AFTER_BYTES) break;
      } else {
        wordChars[n++] = code;
      }
      bytes++;
    } else if (code < 0x800) {
      wordChars[n++] = DICTIONARY_CODES[0xc0 | (code >> 6)]!;
      wordChars[n++] = DICTIONARY_CODES[0x80 | (code & 0x3f)]!;
      bytes += 2;
    } else if (code < 0xd800 || code >= 0xe000) {
      wordChars[n++] = DICTIONARY_CODES[0xe0 | (code >> 12)]!;
      wordChars[n++] = DICTIONARY_CODES[0x80 | ((code >> 6) & 0x3f)]!;
      wordChars[n++] = DICTIONARY_CODES[0x80 | (code & 0x3f)]!;
      bytes += 3;
    } else {
      i++;
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      wordChars[n++] = DICTIONARY_CODES[0xf0 | (code >> 18)]!;
      wordChars[n++] = DICTIONARY_CODES[0x80 | ((code >> 12) & 0x3f)]!;
      wordChars[n++] = DICTIONARY_CODES[0x80 | ((code >> 6) & 0x3f)]!;
      wordChars[n++] = DICTIONARY_CODES[0x80 | (code & 0x3f)]!;
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER_BYTES) break;
  }
  if (n > wordStart) wordEnds[words++] = n;
  return words;
}

const SPACE = 0x20;

/**
 * Adds the scores of one n-gram, wordChars[from, to) with a space before and/or after, unless
 * the database lacks it or it was scored already (ELD scores each distinct n-gram once).
 */
function scoreNgram(from: number, to: number, spaceBefore: boolean, spaceAfter: boolean, scores: Float64Array, stamp: number): void {
  const length = to - from + (spaceBefore ? 1 : 0) + (spaceAfter ? 1 : 0);
  if (length > MAX_NGRAM_CHARS) return;
  // The n-gram's characters, a space first and/or last, packed: the first four into lo, the rest into hi.
  let lo = spaceBefore ? SPACE : 0;
  let hi = length << 16;
  let k = spaceBefore ? 1 : 0;
  for (let i = from; i < to; i++, k++) {
    if (k < 4) lo |= wordChars[i]! << (k * 8);
    else hi |= wordChars[i]! << ((k - 4) * 8);
  }
  if (spaceAfter) {
    if (k < 4) lo |= SPACE << (k * 8);
    else hi |= SPACE << ((k - 4) * 8);
  }
  const slot = slotOf(MODEL, lo >>> 0, hi);
  if (MODEL.hi[slot] === 0 || scored[slot] === stamp) return;
  scored[slot] = stamp;
  const entry = MODEL.entries[slot]!;
  const { pairs } = MODEL;
  const end = ((entry >> 8) + (entry & 0xff)) * 2;
  for (let i = (entry >> 8) * 2; i < end; i += 2) scores[pairs[i]!]! += pairs[i + 1]!;
}

/** Per slot of the model: the detection that last scored its n-gram. */
const scored = new Uint32Array(MODEL.hi.length);
let detection = 0;

/** ELD's detect(): the language whose n-gram scores sum highest (the first on a tie), or '' when none scores. */
export function detectTag(text: string): string {
  const words = byteWords(separatorsToSpaces(text.slice(0, 1000), SPACED_CHARS_READ).trim().toLowerCase());
  const scores = new Float64Array(LANGUAGES.length);
  if (detection === 0xffffffff) {
    scored.fill(0);
    detection = 0;
  }
  const stamp = ++detection;
  // ELD's n-grams: 4 bytes with a stride of 3, a leading space on a word's first, a trailing
  // one on its last (which runs to the word's end even past MAX_WORD_BYTES, as substring does).
  for (let w = 0, start = 0; w < words; start = wordEnds[w++]!) {
    const end = wordEnds[w]!;
    const len = Math.min(end - start, MAX_WORD_BYTES);
    let j = 0;
    for (; j + 4 < len; j += 3) scoreNgram(start + j, start + j + 4, j === 0, false, scores, stamp);
    scoreNgram(len !== 3 ? Math.max(start, start + len - 4) : start, end, j === 0, true, scores, stamp);
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
