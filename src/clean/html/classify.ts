import { HEADING_TAGS } from '../rules/html-tokens.js';
import { COMMENT_MARKER_WORDS, HTML_BOILERPLATE_LINES, HTML_CAPTION_LINES, HTML_CONSENT_LINES, HTML_DATE_LABEL_LINES, HTML_DISCLOSURE_LINES, HTML_SCRIPT_ERROR_LINE, HTML_TAIL_CALL_TO_ACTION, HTML_TAIL_CHANNEL_WORDS, HTML_TRAILER_LINES } from '../rules/html-lines.js';
import { HTML_SETTINGS as S } from '../rules/html-scoring.js';
import { bylineOf } from '../lines/byline.js';
import { isCaptionLine } from '../lines/caption.js';
import { isDateLine } from '../lines/date-line.js';
import { BOILERPLATE_LINE, BOILERPLATE_PREFIX, COMMENT_HEADER, NO_LETTERS, TRAILER_LINE, URL_LINE } from '../lines/line-rules.js';
import type { Block } from '../types.js';
import type { Run } from './collect-runs.js';
import { isTag } from '../page/node.js';
import { wordRuns } from '../page/text.js';
import type { Element } from 'domhandler';
import { alternatives } from '../regex-source.js';
import { headRowsTest } from './head-rows.js';

const HAS_DIGIT = /\d/;
const SUBHEAD_TAGS = new Set(['h2', 'h3', 'h4']);
const HTML_TRAILER_LINE = new RegExp(`^(?:${alternatives(HTML_TRAILER_LINES)})\\s*:?$`, 'iu');
const DATE_LABEL_LINE = new RegExp(`^(?:${alternatives(HTML_DATE_LABEL_LINES)})$`, 'iu');
const isHtmlBoilerplateLine = headRowsTest(HTML_BOILERPLATE_LINES, '$', 'iu');
const COMMENT_MARKER = new RegExp(COMMENT_MARKER_WORDS.pattern, 'i');
const isDisclosureLine = headRowsTest(HTML_DISCLOSURE_LINES, '', 'iu');
const CONSENT_LINE = new RegExp(`^(?:${alternatives(HTML_CONSENT_LINES)})`, 'iu');
const HTML_CAPTION_LINE = new RegExp(`^(?:${alternatives(HTML_CAPTION_LINES)})$`, 'iu');
const SCRIPT_ERROR_LINE = new RegExp(`^(?:${HTML_SCRIPT_ERROR_LINE.pattern})$`, 'iu');
const TAIL_CALL_TO_ACTION = new RegExp(HTML_TAIL_CALL_TO_ACTION.pattern, 'iu');
const TAIL_CHANNEL_WORDS = new RegExp(HTML_TAIL_CHANNEL_WORDS.pattern, 'iu');
const normalise = (s: string): string => wordRuns(s).toLowerCase();

/** Reason of a marker that ends the article whatever follows: a heading the page itself names as related or comments. */
const FIRM_MARKER = 'trailer-marker (furniture heading): ';
const isTrailerMarker = (text: string): boolean => TRAILER_LINE.test(text) || HTML_TRAILER_LINE.test(text) || COMMENT_HEADER.test(text);

export interface Classified {
  blocks: Block[];
  /** A byline read from the article's head ("By Jane Doe"), when the page has no author meta. */
  byline: string | null;
  bodyChars: number;
  /** Standfirsts kept in the body (see isHeaderDek): the record lists them as highlights too. */
  highlights: string[];
}

/**
 * A standfirst set in the article's <header>, beside the headline, is the headline's
 * companion (wsj.com h2.sub-head, express.co.uk, snopes.com in the scrapinghub set, whose
 * truth leaves it out); one at the top of the story's own text column is the story's lead
 * (gala.fr div.articleContent-lead, lbv.de, wildundhund.de, thelocal.se: 13 pages of the
 * trafilatura-dev set count it as article text).
 */
function isHeaderDek(run: Run): boolean {
  for (let p: Element | null = run.element ?? run.container; p && isTag(p); p = p.parent as Element | null) {
    if (p.name === 'header') return true;
    if (p.name === 'body') break;
  }
  return false;
}

/** One run's kind by its own text: furniture phrases, captions, link lists. */
function kindOf(run: Run, title: string, inHead: boolean): [Block['kind'], string?] {
  const text = run.text;
  if ((run.tag === 'h1' && inHead) || (title && text.length <= title.length * 2 && normalise(text) === title)) return ['title', 'title repeated in the body'];
  if (run.linkChars / text.length > (text.length >= S.longBlockChars ? S.longBlockMaxLinkDensity : S.maxLinkDensity)) return ['boilerplate', 'link-density'];
  if (text.length <= S.disclosureMaxChars) {
    if (isDisclosureLine(text)) return ['boilerplate', 'disclosure'];
    if (CONSENT_LINE.test(text)) return ['boilerplate', 'consent or embed placeholder'];
    if (SCRIPT_ERROR_LINE.test(text)) return ['boilerplate', 'script error message'];
  }
  if (text.length <= S.metaLineMaxChars * 2) {
    if (BOILERPLATE_LINE.test(text) || isHtmlBoilerplateLine(text) || URL_LINE.test(text)) return ['boilerplate', 'boilerplate-phrase'];
    if (BOILERPLATE_PREFIX.test(text) && run.linkChars > 0) return ['boilerplate', 'link to another story'];
    if (NO_LETTERS.test(text) && !HAS_DIGIT.test(text)) return ['boilerplate', 'no letters'];
    if (isCaptionLine(text) || HTML_CAPTION_LINE.test(text)) return ['caption', 'photo caption or credit'];
  }
  return ['body'];
}

/**
 * Kinds of the runs inside the article container: the repeated title, bylines and date
 * lines at its head, captions, furniture lines and link lists; a trailer marker ("Related
 * articles", "Leave a Reply") after some body ends the article.
 */
export function classifyRuns(runs: readonly Run[], title: string | null, referenceDate: string | undefined): Classified {
  const blocks: Block[] = [];
  const normTitle = title ? normalise(title) : '';
  let byline: string | null = null;
  let bodyChars = 0;
  const highlights: string[] = [];
  for (const run of runs) {
    const text = run.text;
    if (run.pruned) {
      // A pruned "related posts" heading inside the article still tells where the article ends.
      if (bodyChars >= S.trailerMinBodyChars && isTrailerMarker(text)) blocks.push({ kind: 'trailer', text, reason: `${FIRM_MARKER}${text}`, tag: run.tag });
      continue;
    }
    let [kind, reason] = kindOf(run, normTitle, bodyChars === 0);
    if (kind === 'body' && text.length <= S.metaLineMaxChars && DATE_LABEL_LINE.test(text)) {
      [kind, reason] = ['dateline', 'date label line'];
    } else if (kind === 'body' && bodyChars >= S.trailerMinBodyChars && text.length <= S.metaLineMaxChars && isTrailerMarker(text)) {
      [kind, reason] = ['trailer', `trailer-marker: ${text}`];
    } else if (kind === 'body' && bodyChars === 0 && SUBHEAD_TAGS.has(run.tag) && text.length >= S.dekMinChars && text.length <= S.dekMaxChars) {
      // A sentence-long heading before the first paragraph is the standfirst: furniture of
      // the headline in the <header>, the story's lead in its text.
      if (isHeaderDek(run)) [kind, reason] = ['highlight', 'standfirst before the story'];
      else highlights.push(text);
    } else if (kind === 'body' && bodyChars < S.headZoneChars && text.length <= S.metaLineMaxChars) {
      const name = bylineOf(text);
      if (name) {
        byline ??= name;
        [kind, reason] = ['byline', 'byline'];
      } else if (isDateLine(text, referenceDate)) {
        [kind, reason] = ['dateline', 'date line'];
      }
    }
    blocks.push(reason ? { kind, text, reason, tag: run.tag } : { kind, text, tag: run.tag });
    if (kind === 'body') {
      bodyChars += text.length;
    }
  }
  return { blocks, byline, bodyChars: trimTail(blocks, cutAtTrailer(blocks, bodyChars)), highlights };
}

/** A sentence's end: what a closing paragraph has and a label ("Weitere Themen") lacks. */
const ENDS_SENTENCE = /[.!:。！：]["'”’»)\]]*$/u;
/** List and table items: short by nature (an address line, a table cell), not labels. */
const ITEM_TAGS = new Set(['li', 'td', 'th', 'dd', 'dt']);
/**
 * How a label that asks ends ("Schon gelesen?"). Not a colon: "Das Konzeptpapier finden Sie
 * hier:" closes fdpbt.de's story (trafilatura-dev set) before the link it names.
 */
const TAIL_LABEL_END = /[?？]$/u;

/**
 * Headings and short labels after the article's last paragraph head something that was
 * not kept (a related-stories box, share buttons, a rating widget): trafilatura drops
 * trailing headings the same way. Short calls to action at the very end ("Sign up for our
 * newsletter", "Follow us on WhatsApp") go with them. Returns the body characters left.
 */
function trimTail(blocks: Block[], bodyChars: number): number {
  let left = bodyChars;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind !== 'body') continue;
    const heading = b.tag !== undefined && HEADING_TAGS.has(b.tag) && b.text.length <= S.tailHeadingMaxChars;
    const label = b.text.length <= S.tailLabelMaxChars && (TAIL_LABEL_END.test(b.text) || (!ENDS_SENTENCE.test(b.text) && !HAS_DIGIT.test(b.text) && !ITEM_TAGS.has(b.tag ?? '') && (b.text.match(/\p{L}+/gu)?.length ?? 0) >= 2));
    const appeal = !heading && !label && ((b.text.length <= S.tailCallToActionMaxChars && TAIL_CALL_TO_ACTION.test(b.text)) || (b.text.length <= S.tailChannelMaxChars && TAIL_CHANNEL_WORDS.test(b.text)));
    if (!heading && !label && !appeal) break;
    blocks[i] = { ...b, kind: 'boilerplate', reason: heading ? 'heading after the last paragraph' : label ? 'label after the last paragraph' : 'call to action after the story' };
    left -= b.text.length;
  }
  return left;
}

/**
 * A trailer marker ends the article when little prose follows it: a comment heading
 * always, a "Related news" box only when it is not an inset in the middle of the story
 * (moneycontrol.com, scrapinghub set, has one after the third paragraph). Returns the
 * body characters left.
 */
function cutAtTrailer(blocks: Block[], bodyChars: number): number {
  const at = blocks.findIndex((b) => b.kind === 'trailer');
  if (at < 0) return bodyChars;
  const marker = blocks[at]!.text;
  let after = 0;
  for (let i = at + 1; i < blocks.length; i++) if (blocks[i]!.kind === 'body') after += blocks[i]!.text.length;
  if (!COMMENT_MARKER.test(marker) && !blocks[at]!.reason?.startsWith(FIRM_MARKER) && after > (bodyChars - after) * S.trailerMaxProseAfterShare) {
    blocks[at] = { ...blocks[at]!, kind: 'boilerplate', reason: `inset marker: ${marker}` };
    return bodyChars;
  }
  for (let i = at + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'body' || b.kind === 'boilerplate') blocks[i] = { ...b, kind: 'trailer', reason: `after trailer-marker: ${marker}` };
  }
  return bodyChars - after;
}
