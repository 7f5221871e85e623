/**
 * Characters that render as nothing inside a word: the soft hyphen (U+00AD, "Mag­da­le­ner"
 * on weinkenner.de, trafilatura-dev set), the zero-width space (U+200B), the word joiner
 * (U+2060) and the zero-width no-break space (U+FEFF). Left in, they split words, so a
 * search for the text as read fails. The zero-width (non-)joiners stay: they change how
 * Persian, Indic and emoji sequences render. (The text-dump reader tidies its lines in
 * text/segment.ts.)
 */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
const ANY_INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/;

/** `text` without invisible in-word characters (the same string when it holds none). */
export const dropInvisible = (text: string): string => (ANY_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text);
