/**
 * Function words that tell whether a text is English (US-style month-first numeric dates
 * possible) or another European language (day-first dates), when no numeric date on the
 * page settles the order. Seen on the Spanish, French and German pages of dates-htmldate
 * where "06/05/2020" and "Publié le 02/11/23" were misread month first.
 */
export const ENGLISH_WORDS: readonly string[] = ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'was', 'this'];
export const DAY_FIRST_LANGUAGE_WORDS: readonly string[] = [
  'der', 'die', 'und', 'das', 'nicht', 'mit', 'ist', // German
  'le', 'la', 'les', 'et', 'des', 'est', 'une', 'pour', // French
  'el', 'los', 'las', 'y', 'que', 'del', 'por', 'una', // Spanish
  'il', 'che', 'della', 'per', 'sono', // Italian
  'os', 'não', 'uma', 'com', 'para', // Portuguese
  'het', 'een', 'van', 'niet', 'zijn', // Dutch
];
/** Words read from the start of the text; enough to tell, cheap to count. */
export const LANGUAGE_HINT_CHARS = 4000;
/** The other languages must outnumber English by this factor. */
export const DAY_FIRST_MAJORITY = 1.5;
