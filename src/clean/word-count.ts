/** Words as readers count them: letter/digit runs, and each Han/kana character (no spaces in CJK). */
const WORD = /[\p{L}\p{N}]+/gu;
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/gu;

export function countWords(text: string): number {
  const words = text.match(WORD)?.length ?? 0;
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  // A CJK run matched as one "word" above; count roughly one word per two characters instead.
  return cjk > 0 ? words + Math.ceil(cjk / 2) : words;
}
