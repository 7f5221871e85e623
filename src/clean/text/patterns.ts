/**
 * Shapes of text-dump lines the text extractor segments and scores by: sentence ends,
 * bullets, numbers. The rule tables (furniture, bylines, credits) are compiled in
 * src/clean/lines/line-rules.ts, shared with the HTML extractor.
 *
 * Shapes that end a line are written `$(?<=…)` rather than `…$`: the same matches, but the
 * engine tries only the cheap `$` at each position and the shape once, backwards from the
 * end, instead of the shape from every position (every line of every dump is tested).
 */

/** A number token: "370", "1,7", "2.5", "-5.44%" (not a time of day like "07:52", not a year like 2019). */
export const NUMBER_TOKEN = /(?<![\p{L}\d:])(?!(?:19|20)\d\d(?![\d.,]))[-+]?\d+(?:[.,]\d+)*%?(?![\p{L}\d:])/gu;
/** Prose cut off mid-word with an ellipsis: a teaser of another post (seed 002's popular posts). */
export const TRUNCATED_END = /$(?<=\p{L}(?:\.\.\.|…))/u;

/** Ends a sentence: . ! ? … (and CJK ones), optionally inside closing quotes or brackets. */
export const SENTENCE_END = /$(?<=[.!?…。！？]["'”’»)\]]*)/u;
/** Ends with anything a complete line may end with (sentence end, colon, semicolon, quote). */
export const CLEAN_END = /$(?<=[.!?…。！？:;"'”’»)\]])/u;
/** Ends with a full stop, maybe inside closing quotes or brackets. */
export const PERIOD_END = /$(?<=[.]["'”’»)]*)/u;
export const STARTS_LOWER = /^["'“‘«(]?\p{Ll}/u;
/** A bullet opening the line: "• ", "- ", "* ", "▪ ", "– ". */
export const BULLET = /^[•◦▪▫●○■□►▶➤✓✔*·–-]\s+/u;
/**
 * A line of the comment form under a blog post, as the most common blog software words it
 * (English, German, French): "Your email address will not be published.", "Save my name,
 * email, and website in this browser…", "Notify me of follow-up comments by email.", "This
 * site uses Akismet to reduce spam."; WordPress.com's German form: "Benachrichtigung bei
 * weiteren Kommentaren per E-Mail senden.", "Informiere mich über neue Beiträge per E-Mail." Under a short post the form's sentences can outweigh it.
 */
export const COMMENT_FORM =
  /^(?:your email address will not be published|(?:deine|ihre) e-mail-adresse wird nicht veröffentlicht|required fields are marked|erforderliche felder sind (?:mit|markiert)|save my name, email|(?:speichern sie )?meinen namen, (?:meine )?e-mail|notify me of (?:follow-up comments|new (?:posts|comments))|benachrichtige mich über (?:nachfolgende kommentare|neue beiträge)|benachrichtigung bei weiteren kommentaren|informiere mich über neue beiträge|this site uses akismet|diese website verwendet akismet|votre adresse (?:e-mail|de messagerie) ne sera pas publiée)/iu;
