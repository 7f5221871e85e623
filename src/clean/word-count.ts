/** Words as readers count them: letter/digit runs, and each Han/kana character (no spaces in CJK). */
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * What NON_ASCII_WORD_CHAR says of each BMP code unit, learnt on first sight (0 not yet
 * asked, 1 no, 2 yes): a regex test per character was most of the cost on Cyrillic,
 * Greek or Arabic text. A memo of a fixed function, so the answers never change.
 */
const BMP_WORD_CHAR = new Uint8Array(0x10000);

function isBmpWordChar(code: number): boolean {
  let known = BMP_WORD_CHAR[code]!;
  if (known === 0) {
    known = NON_ASCII_WORD_CHAR.test(String.fromCharCode(code)) ? 2 : 1;
    BMP_WORD_CHAR[code] = known;
  }
  return known === 2;
}

function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff);
}

/**
 * One linear pass, no allocation for ASCII text (this runs on every line of every input).
 * A CJK run counts one word per two characters, roughly how many words it holds.
 */
export function countWords(text: string, start = 0, end = text.length): number {
  let words = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    let wordChar: boolean;
    if (code < 128) {
      wordChar = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
    } else if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) {
      wordChar = true; // Latin letters with diacritics: the common case outside ASCII
    } else if (code >= 0x2000 && code <= 0x206f) {
      wordChar = false; // general punctuation: dashes, curly quotes, ellipsis
    } else if (isCjk(code)) {
      cjk++;
      inWord = false;
      continue;
    } else {
      wordChar = code >= 0xd800 && code <= 0xdbff ? NON_ASCII_WORD_CHAR.test(text.slice(i, Math.min(i + 2, end))) : isBmpWordChar(code);
    }
    if (wordChar && !inWord) words++;
    inWord = wordChar;
  }
  return words + Math.ceil(cjk / 2);
}
