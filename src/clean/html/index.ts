import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Rejection } from '../../schemas/index.js';
import { htmlDateCandidates, pageUrl } from '../dates/index.js';
import { BLOCK_TAGS, CONTENT_TOKENS, DROP_TAGS, FURNITURE_TOKENS, HTML_SETTINGS } from '../rules/html-tokens.js';
import type { Block, Extraction } from '../types.js';
import { collectRuns } from './collect-runs.js';
import { readMetadata } from './metadata.js';

const FURNITURE = new RegExp(`(?:^|[\\s_-])(?:${FURNITURE_TOKENS.join('|')})(?:$|[\\s_-])`, 'i');
const CONTENT = new RegExp(CONTENT_TOKENS.join('|'), 'i');
const SPACE = /\s+/g;
const PUNCTUATION = /[,.;]/g;

export interface HtmlOptions {
  url?: string | null;
  referenceDate?: string;
}

const text = ($: CheerioAPI, el: AnyNode): string => $(el).text().replace(SPACE, ' ').trim();

function linkDensity($: CheerioAPI, el: Element, length: number): number {
  if (length === 0) return 1;
  let linked = 0;
  $(el).find('a').each((_, a) => {
    linked += text($, a).length;
  });
  return linked / length;
}

/**
 * Scores every container by the prose runs directly under it (Readability's idea:
 * paragraphs vote for their parent, half for the grandparent) and returns the best.
 */
function bestContainer(body: Element): Element | null {
  const scores = new Map<Element, number>();
  for (const run of collectRuns(body)) {
    const length = run.text.length;
    if (length < HTML_SETTINGS.minParagraphChars || run.linkChars / length > HTML_SETTINGS.maxLinkDensity) continue;
    const score = 1 + Math.min(length / 100, 3) + (run.text.match(PUNCTUATION)?.length ?? 0) * 0.1;
    const parent = run.container;
    scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grand = parent.parent as Element | null;
    if (grand?.type === 'tag') scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    const attrs = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    const adjusted = score * (CONTENT.test(attrs) || el.name === 'article' ? 1.5 : 1);
    if (adjusted > bestScore) {
      best = el;
      bestScore = adjusted;
    }
  }
  return best;
}

/**
 * Main-content extraction with cheerio (htmlparser2): prune furniture, score containers,
 * collect blocks. Like Readability's sieve, when the strict pass finds no article it runs
 * again without class/id pruning (a body class such as "has-sidebar" must not sink a page).
 */
export function extractHtml(html: string, opts: HtmlOptions): Extraction | Rejection {
  const strict = extractWith(html, opts, true);
  if (!('ok' in strict)) return strict;
  const relaxed = extractWith(html, opts, false);
  return 'ok' in relaxed ? strict : { ...relaxed, method: `${relaxed.method}:relaxed` };
}

/** Paragraph text under an element: a furniture-named wrapper holding real prose is kept. */
function proseChars($: CheerioAPI, el: Element): number {
  let chars = 0;
  $(el).find('p').each((_, p) => {
    const length = text($, p).length;
    if (length >= HTML_SETTINGS.minParagraphChars) chars += length;
  });
  return chars;
}

function extractWith(html: string, opts: HtmlOptions, pruneByName: boolean): Extraction | Rejection {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const url = opts.url ?? pageUrl($);
  // Dates and metadata read the page before pruning: they look at <head>, JSON-LD and headers.
  const dateCandidates = htmlDateCandidates($, { url, referenceDate: opts.referenceDate });
  const meta = readMetadata($);
  const removed: Block[] = [];

  $(DROP_TAGS).remove();
  $(pruneByName ? '[class], [id]' : '[id="comments"], .comments').each((_, el) => {
    const attrs = `${(el as Element).attribs.class ?? ''} ${(el as Element).attribs.id ?? ''}`;
    if (!FURNITURE.test(attrs) || CONTENT.test(attrs) || (el as Element).name === 'body' || (el as Element).name === 'html') return;
    const t = text($, el);
    if (proseChars($, el as Element) > HTML_SETTINGS.protectProseChars && linkDensity($, el as Element, t.length) < 0.3) return;
    if (t) removed.push({ kind: /comment|disqus|respond/i.test(attrs) ? 'comment' : 'boilerplate', text: t.slice(0, 300), reason: `furniture: ${(el as Element).name}.${attrs.trim().split(/\s+/)[0]}` });
    $(el).remove();
  });

  const captions: string[] = [];
  $('figcaption').each((_, el) => {
    const t = text($, el);
    if (t) captions.push(t);
    $(el).remove();
  });

  const body = $('body').get(0) ?? $.root().children('html').get(0);
  const root = body ? bestContainer(body as Element) : null;
  if (!root) return { ok: false, reason: 'no-article', detail: 'no paragraphs of prose found in the page' };
  const blocks: Block[] = [];
  const title = meta.title;
  for (const run of collectRuns(root)) {
    if (run.linkChars / run.text.length > HTML_SETTINGS.maxLinkDensity) {
      blocks.push({ kind: 'boilerplate', text: run.text, reason: 'link-density', tag: run.tag });
    } else if (run.text === title) {
      blocks.push({ kind: 'title', text: run.text, reason: 'title repeated in the body', tag: run.tag });
    } else {
      blocks.push({ kind: 'body', text: run.text, tag: run.tag });
    }
  }
  const bodyChars = blocks.reduce((n, b) => n + (b.kind === 'body' ? b.text.length : 0), 0);
  if (bodyChars < HTML_SETTINGS.minBodyChars) {
    return { ok: false, reason: 'no-article', detail: `only ${bodyChars} characters of article text in the page` };
  }
  return {
    format: 'html',
    blocks: [...blocks, ...removed],
    title,
    byline: meta.byline,
    dateline: null,
    publisher: meta.publisher,
    language: meta.language,
    url,
    highlights: [],
    captions,
    dateCandidates,
    method: root.name === 'article' || CONTENT.test(`${root.attribs.class ?? ''} ${root.attribs.id ?? ''}`) ? 'html:article' : 'html:scored',
  };
}
