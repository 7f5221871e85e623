/**
 * HTML or plain text? The content decides; the file name extension only tips a close call
 * (scrapers save HTML as .txt and text as .html).
 */

/** A document that opens like HTML (after whitespace, a BOM, comments or an XML prolog). */
const HTML_OPENING = /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>)/i;
/** Tags of real HTML; a text dump quoting "<b>" once is not HTML. */
const HTML_TAG = /<\/?(?:a|p|div|span|br|li|ul|ol|td|tr|table|h[1-6]|script|style|meta|link|img|body|head|title|section|article|header|footer|nav|main|figure|iframe|form|input|button|strong|em|b|i)\b[^<>]{0,400}>/gi;
const HTML_NAME = /\.(?:html?|xhtml|shtml|php|aspx?|jsp)(?:\.gz)?$/i;
const TEXT_NAME = /\.(?:txt|text|md)(?:\.gz)?$/i;

/** Characters read for the decision: enough for a page head and the start of its body. */
const SAMPLE_CHARS = 65_536;

export function detectFormat(text: string, name: string): 'html' | 'text' {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  // Both tests below need a "<": most text dumps have none, and one indexOf says so.
  if (!sample.includes('<')) return 'text';
  if (HTML_OPENING.test(sample)) return 'html';
  let tags = 0;
  let tagChars = 0;
  for (const match of sample.matchAll(HTML_TAG)) {
    tags++;
    tagChars += match[0].length;
  }
  const hint = HTML_NAME.test(name) ? 0.5 : TEXT_NAME.test(name) ? 2 : 1;
  // Markup fragments: many tags per line, or tags a good share of the characters.
  const minTags = 5 * hint;
  if (tags < minTags) return 'text';
  const lines = 1 + (sample.match(/\n/g)?.length ?? 0);
  return tags / lines >= 0.3 * hint || tagChars / sample.length >= 0.1 * hint ? 'html' : 'text';
}
