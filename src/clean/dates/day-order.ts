import { DAY_FIRST_LANGUAGE_WORDS, DAY_FIRST_MAJORITY, ENGLISH_WORDS, LANGUAGE_HINT_CHARS } from '../rules/dates-language-hints.js';

/** Infers whether a page writes numeric dates day first (14.07.2021) or month first (07/14/2021). */

const NUMERIC_DATE = /(?<![\d./-])([0-3]?\d)([./-])([0-3]?\d)\2(?:(?:19|20)\d{2}|\d{2})(?!\d)/g;
const DAY_FIRST_LANGS = new Set(['de', 'fr', 'es', 'it', 'pt', 'nl', 'ru', 'pl', 'da', 'sv', 'nb', 'no', 'fi', 'cs', 'tr', 'el', 'hu', 'ro', 'uk', 'id']);
const MONTH_FIRST_LOCALES = new Set(['en-us', 'en-ph', 'en-ca', 'fil']);

/**
 * Page evidence first: a numeric date with a part > 12 shows the order for certain.
 * Then the language tag (en-US month first; European languages day first), the top-level
 * domain of the URL, the text's function words. Undefined when nothing tells.
 */
export function inferDayFirst(texts: readonly string[], hints: { lang?: string | null; url?: string | null } = {}): boolean | undefined {
  let dayFirstVotes = 0;
  let monthFirstVotes = 0;
  let ambiguous = false;
  for (const text of texts) {
    NUMERIC_DATE.lastIndex = 0;
    for (let m = NUMERIC_DATE.exec(text); m; m = NUMERIC_DATE.exec(text)) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      if (a > 12 && b <= 12) dayFirstVotes++;
      else if (b > 12 && a <= 12) monthFirstVotes++;
      else if (a !== b) ambiguous = true;
    }
  }
  if (dayFirstVotes !== monthFirstVotes) return dayFirstVotes > monthFirstVotes;
  // Texts (no language or URL given) need an answer only for an ambiguous numeric date.
  if (!ambiguous && hints.lang === undefined && hints.url === undefined) return undefined;
  const lang = hints.lang?.toLowerCase().replace('_', '-');
  if (lang) {
    if (MONTH_FIRST_LOCALES.has(lang)) return false;
    const primary = lang.split('-')[0] ?? '';
    if (DAY_FIRST_LANGS.has(primary)) return true;
    if (primary === 'en' && lang !== 'en') return true;
  }
  const tld = tldOf(hints.url);
  if (tld === 'us') return false;
  if (tld && tld.length === 2) return true;
  return wordsSayDayFirst(texts);
}

const ENGLISH = new Set(ENGLISH_WORDS);
const DAY_FIRST = new Set(DAY_FIRST_LANGUAGE_WORDS);
const WORD = /\p{L}+/gu;

/** True when the text's function words are mostly those of a day-first language. */
function wordsSayDayFirst(texts: readonly string[]): boolean | undefined {
  let english = 0;
  let other = 0;
  let chars = 0;
  for (const text of texts) {
    const sample = text.slice(0, LANGUAGE_HINT_CHARS - chars).toLowerCase();
    chars += sample.length;
    for (const w of sample.match(WORD) ?? []) {
      if (ENGLISH.has(w)) english++;
      else if (DAY_FIRST.has(w)) other++;
    }
    if (chars >= LANGUAGE_HINT_CHARS) break;
  }
  return other > 0 && other >= english * DAY_FIRST_MAJORITY ? true : undefined;
}

function tldOf(url: string | null | undefined): string | null {
  if (!url) return null;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1];
  return host ? (host.split('.').pop() ?? null)?.toLowerCase() ?? null : null;
}
