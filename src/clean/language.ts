import { eld } from 'eld/extrasmall';

/**
 * Language detection for records whose page declares none (text dumps never do): ELD's
 * n-gram detector (extra-small database). Measured on the 1,616 evaluation pages whose HTML
 * declares a language, detecting from the extracted body alone: it agreed with the
 * declaration on 94.6% of them (99.0% leaving out the pages every detector says are
 * mislabelled), against 93.8% for tinyld and 93.9% for franc-min, at about 0.5 ms a page
 * (tinyld about 2 ms, franc-min 2–4 ms); it loads in about 0.4 s and holds about 36 MB.
 * Detection is deterministic: the same text always gives the same tag.
 */
export const LANGUAGE_SETTINGS = {
  /** Characters of the body read: the first paragraphs say as much as the whole text. */
  sampleChars: 1000,
  /** Fewer letters than this is too little to tell (ELD is right on 93% of 50-character samples, 83% of 20-character ones). */
  minLetters: 40,
};

const LETTER = /\p{L}/gu;
const PRIMARY_TAG = /^[a-z]{2,3}$/;

/** The BCP 47 primary language tag of `text` ("de", "en"), or null when it is too short to tell. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, LANGUAGE_SETTINGS.sampleChars);
  if ((sample.match(LETTER)?.length ?? 0) < LANGUAGE_SETTINGS.minLetters) return null;
  const tag = eld.detect(sample).language.toLowerCase();
  return PRIMARY_TAG.test(tag) ? tag : null;
}
