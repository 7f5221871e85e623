/** Words as readers count them: letter/digit runs, and each Han/kana character (no spaces in CJK). */
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** What a code unit is to the word count (KIND_OF's values; 0 there: not yet learnt). */
const OTHER = 1;
const WORD = 2;
/** Han and kana: no spaces between words, counted one word per two characters. */
const CJK = 3;
/** The first half of a surrogate pair: the pair is looked at as one character. */
const HIGH_SURROGATE = 4;
/** White space other than U+0020, a line break, or a zero-width or soft-hyphen character (see UNTIDY_CODES). */
const UNTIDY = 5;

/**
 * What the text segmenter replaces or removes (see src/clean/text/segment.ts): white space
 * other than U+0020 (\s) and the invisible characters U+200B-U+200D, U+2060, U+FEFF, U+00AD.
 * None of them is part of a word, so counting words before or after tidying agrees.
 */
const UNTIDY_CODES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0, 0xad, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x202f, 0x205f, 0x2060, 0x3000, 0xfeff,
];

function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff);
}

function kindOf(code: number): number {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ? WORD : OTHER;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return WORD; // Latin letters with diacritics
  if (code >= 0x2000 && code <= 0x206f) return OTHER; // general punctuation: dashes, curly quotes, ellipsis
  if (isCjk(code)) return CJK;
  if (code >= 0xd800 && code <= 0xdbff) return HIGH_SURROGATE;
  return NON_ASCII_WORD_CHAR.test(String.fromCharCode(code)) ? WORD : OTHER;
}

/**
 * kindOf of every BMP code unit, learnt on first sight (a regex test per character was
 * most of the cost on Cyrillic, Greek or Arabic text) and read from this table after: one
 * load per character instead of a chain of range tests. A memo of a fixed function, so the
 * answers never change.
 */
const KIND_OF = new Uint8Array(0x10000);
for (let code = 0; code < 128; code++) KIND_OF[code] = kindOf(code);
for (const code of UNTIDY_CODES) KIND_OF[code] = UNTIDY;

function learn(code: number): number {
  const kind = kindOf(code);
  KIND_OF[code] = kind;
  return kind;
}

/**
 * One linear pass, no allocation outside surrogate pairs (this runs on every line of every
 * input). A CJK run counts one word per two characters, roughly how many words it holds.
 */
export function countWords(text: string, start = 0, end = text.length): number {
  let words = 0;
  let cjk = 0;
  let inWord = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    let kind = KIND_OF[code]!;
    if (kind === 0) kind = learn(code);
    if (kind <= WORD) {
      // OTHER and WORD as 0 and 1: no branch on where words start and end.
      const wordChar = kind - OTHER;
      words += wordChar & (inWord ^ 1);
      inWord = wordChar;
    } else if (kind === UNTIDY) {
      inWord = 0;
    } else if (kind === CJK) {
      cjk++;
      inWord = 0;
    } else {
      const wordChar = NON_ASCII_WORD_CHAR.test(text.slice(i, Math.min(i + 2, end))) ? 1 : 0;
      words += wordChar & (inWord ^ 1);
      inWord = wordChar;
    }
  }
  return words + Math.ceil(cjk / 2);
}

/**
 * countWords of text[start, end), or -1 when the range needs tidying first: it holds white
 * space other than single ASCII spaces, or an invisible character (UNTIDY_CODES). Lets the
 * segmenter read most lines in place, in the same pass that counts their words.
 */
export function countWordsIfPlain(text: string, start: number, end: number): number {
  let words = 0;
  let cjk = 0;
  let inWord = 0;
  let lastSpace = -2;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    let kind = KIND_OF[code]!;
    if (kind === 0) kind = learn(code);
    if (kind <= WORD) {
      if (code === 0x20) {
        if (lastSpace === i - 1) return -1;
        lastSpace = i;
      }
      const wordChar = kind - OTHER;
      words += wordChar & (inWord ^ 1);
      inWord = wordChar;
    } else if (kind === UNTIDY) {
      return -1;
    } else if (kind === CJK) {
      cjk++;
      inWord = 0;
    } else {
      const wordChar = NON_ASCII_WORD_CHAR.test(text.slice(i, Math.min(i + 2, end))) ? 1 : 0;
      words += wordChar & (inWord ^ 1);
      inWord = wordChar;
    }
  }
  return words + Math.ceil(cjk / 2);
}

/**
 * countWords of a tidy text, one with no white space but single spaces and no invisible
 * character (a tidied line, lines joined by a space, a slice of one), read by
 * countWordsIfPlain. That keeps countWords to the record body: V8 optimises each function
 * for the strings it is given, and the body was counted twice as slowly once countWords
 * also had the segmenter's joined and sliced lines (clean() 6-9 % faster on the text dumps).
 */
export function countTidyWords(text: string): number {
  const words = countWordsIfPlain(text, 0, text.length);
  return words >= 0 ? words : countWords(text);
}
