/**
 * Letter case of BMP code units, learnt on first sight (like countWords' table): a plain
 * pass over a line answers what a Unicode-class regex would scan for much more slowly.
 */
const LOWER_LETTER = /\p{Ll}/u;
const UPPER_LETTER = /\p{Lu}/u;

const NEITHER = 1;
const LOWER = 2;
const UPPER = 3;
/** Half of a surrogate pair: the pair's case is not looked at here. */
const SURROGATE = 4;

const CASE_OF = new Uint8Array(0x10000);

function learn(code: number): number {
  let kind: number;
  if (code >= 0xd800 && code <= 0xdfff) kind = SURROGATE;
  else {
    const char = String.fromCharCode(code);
    kind = LOWER_LETTER.test(char) ? LOWER : UPPER_LETTER.test(char) ? UPPER : NEITHER;
  }
  CASE_OF[code] = kind;
  return kind;
}

for (let code = 0; code < 128; code++) learn(code);

/**
 * Whether a lower-case letter (\p{Ll}) runs straight into an upper-case one (\p{Lu})
 * somewhere in the text, as in "…Or FiresFord is recalling…". True as well for any text
 * with a surrogate pair, whose letters are not looked at.
 */
export function hasLowerUpperJoin(text: string): boolean {
  let prevLower = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind = CASE_OF[code]!;
    if (kind === 0) kind = learn(code);
    if (kind === UPPER && prevLower) return true;
    if (kind === SURROGATE) return true;
    prevLower = kind === LOWER;
  }
  return false;
}
