import type { Element } from 'domhandler';
import type { Rejection } from '../../schemas/index.js';
import { htmlDateCandidates } from '../dates/index.js';
import { MAX_DEPTH, isTag } from '../page/node.js';
import { pageUrl } from '../page/page-url.js';
import { parsePage } from '../page/parse-page.js';
import { textOf } from '../page/text.js';
import { CLEAN_SETTINGS } from '../rules/clean-settings.js';
import { HTML_SETTINGS as S } from '../rules/html-scoring.js';
import { countWords } from '../word-count.js';
import type { Block, Extraction } from '../types.js';
import { classifyRuns, type Classified } from './classify.js';
import { collectRuns, collectRunsWithin } from './collect-runs.js';
import { readJsonLd } from './jsonld.js';
import { withLead } from './lead.js';
import { readMetadata } from './metadata.js';
import { computeStats, prunedStats, type NodeStats, type StatsLookup } from './node-stats.js';
import { prune, type PruneMode, type Pruned } from './prune.js';
import { pickContent } from './score.js';

export interface HtmlOptions {
  url?: string | null;
  referenceDate?: string;
}

interface Attempt {
  classified: Classified;
  pruned: Map<Element, Pruned>;
  method: string;
}

/** One pass of the cascade: prune in `mode`, score containers, classify the runs of the winner. */
function attempt(body: Element, rawStats: Map<Element, NodeStats>, mode: PruneMode, title: string | null, referenceDate: string | undefined, readNoscript = false): Attempt | null {
  const pruned = prune(body, rawStats, mode, readNoscript);
  // Link density and length of containers are read on the pruned tree, as Readability does.
  const stats = prunedStats(body, S.minParagraphChars, pruned, rawStats);
  const bodyRuns = collectRuns([body], pruned);
  const content = pickContent(bodyRuns, stats, pruned);
  if (content.length === 0) return null;
  // The <noscript> pass is there for an article written only inside <noscript>, not for
  // the page around it (a forum's chrome, hypixel.net in dates-htmldate, is no article).
  if (readNoscript && noscriptShare(content, stats, pruned) < S.noscriptMinShare) return null;
  // The relaxed pass prunes no furniture names, so the head of its article is not read for a lead.
  const contentRuns = collectRunsWithin(content, body, bodyRuns, pruned);
  const runs = mode === 'strict' ? withLead(body, content, contentRuns, pruned, title) : contentRuns;
  const classified = classifyRuns(runs, title, referenceDate);
  return { classified, pruned, method: readNoscript ? 'html:noscript' : mode === 'strict' ? 'html:scored' : 'html:relaxed' };
}

/** The share of the content's characters that sits inside <noscript> elements (pruned subtrees count none). */
function noscriptShare(content: readonly Element[], stats: StatsLookup, pruned: ReadonlyMap<Element, Pruned>): number {
  let inside = 0;
  let total = 0;
  const walk = (el: Element, depth: number) => {
    for (const child of el.children) {
      if (!isTag(child) || pruned.has(child)) continue;
      if (child.name === 'noscript') inside += stats.get(child)?.chars ?? 0;
      else if (depth < MAX_DEPTH) walk(child, depth + 1);
    }
  };
  for (const el of content) {
    const chars = stats.get(el)?.chars ?? 0;
    total += chars;
    let held = false;
    for (let p: Element | null = el; p && isTag(p); p = p.parent as Element | null) if (p.name === 'noscript') held = true;
    if (held) inside += chars;
    else walk(el, 0);
  }
  return total > 0 ? inside / total : 0;
}

/**
 * Enough of a body to stop looking: as many characters and words as assemble() asks of a
 * record. A first pass just under the word minimum (a 28-word video description) would
 * otherwise end the cascade and be rejected as too-short while a later pass finds more.
 */
function isEnough(found: Attempt | null): boolean {
  if (!found || found.classified.bodyChars < S.minBodyChars) return false;
  const body = found.classified.blocks.filter((b) => b.kind === 'body');
  // Counted block by block, most pages are settled by their first paragraphs instead of a
  // join of the whole article. Block counts may overshoot the joined count only by rounding
  // each block's Han and kana characters up to a word: under k/2 words over k blocks.
  let words = 0;
  for (let k = 0; k < body.length; k++) {
    words += countWords(body[k]!.text);
    if (words - (k + 1) / 2 >= CLEAN_SETTINGS.minBodyWords) return true;
  }
  return countWords(body.map((b) => b.text).join(' ')) >= CLEAN_SETTINGS.minBodyWords;
}

/**
 * trafilatura's baseline, the last resort when no container holds enough prose (short
 * posts, pages whose text sits in tables or lists): every run of the page that reads as a
 * sentence, in order, after tag pruning only.
 */
function baseline(body: Element, rawStats: Map<Element, NodeStats>, title: string | null, referenceDate: string | undefined): Attempt {
  const pruned = prune(body, rawStats, 'relaxed');
  const runs = collectRuns([body], pruned).filter((run) => run.text.length >= S.minParagraphChars);
  return { classified: classifyRuns(runs, title, referenceDate), pruned, method: 'html:baseline' };
}

/** What pruning removed, as blocks with reasons; captions go to their own list. */
function prunedBlocks(pruned: Map<Element, Pruned>, captions: string[]): Block[] {
  const blocks: Block[] = [];
  for (const [el, why] of pruned) {
    if (why.silent) continue;
    const text = textOf(el, S.removedMaxChars);
    if (!text) continue;
    if (why.kind === 'caption') {
      if (!captions.includes(text)) captions.push(text);
    } else blocks.push({ kind: why.kind, text, reason: why.reason });
  }
  return blocks;
}

/**
 * Main-content extraction on one htmlparser2 parse: prune furniture, score containers and
 * merge siblings, classify the blocks of the article. Like Readability's sieve, when the
 * strict pass finds too little it runs again with only tag pruning; JSON-LD articleBody is
 * a second opinion used when the extraction came out much shorter than it.
 */
export function extractHtml(html: string, opts: HtmlOptions): Extraction | Rejection {
  const { root, index, jsonLd: jsonLdParses } = parsePage(html);
  const url = opts.url ?? pageUrl(root, index);
  // Dates and metadata read the whole page: <head>, JSON-LD and headers.
  const dateCandidates = htmlDateCandidates(root, { url, referenceDate: opts.referenceDate, jsonLd: jsonLdParses, index });
  const jsonLd = readJsonLd(root, index.jsonLd, jsonLdParses);
  const meta = readMetadata(root, jsonLd, index);
  const body = index.body ?? root.children.find((child): child is Element => isTag(child) && child.name === 'html');
  let best: Attempt | null = null;
  // Figures of the unpruned tree: pruning decides with them whether a named box holds the prose.
  const rawStats = body ? computeStats(body, S.minParagraphChars) : null;
  if (body && rawStats) {
    for (const mode of ['strict', 'relaxed'] as const) {
      const found = attempt(body, rawStats, mode, meta.title, opts.referenceDate);
      if (found && found.classified.bodyChars > (best?.classified.bodyChars ?? 0)) best = found;
      if (isEnough(best)) break;
    }
  }
  if (body && rawStats && !isEnough(best)) {
    const rescued = baseline(body, rawStats, meta.title, opts.referenceDate);
    if (rescued.classified.bodyChars > (best?.classified.bodyChars ?? 0)) best = rescued;
  }
  // Blogger and other script-rendered templates write the article only inside <noscript>
  // (the script copy is a text template): read it when the page gave nothing else.
  if (body && rawStats && !isEnough(best)) {
    const rescued = attempt(body, rawStats, 'strict', meta.title, opts.referenceDate, true);
    if (rescued && rescued.classified.bodyChars > (best?.classified.bodyChars ?? 0)) best = rescued;
  }
  const captions: string[] = [];
  let blocks: Block[] = best ? [...best.classified.blocks, ...prunedBlocks(best.pruned, captions)] : [];
  let method = best?.method ?? 'html:none';
  let bodyChars = best?.classified.bodyChars ?? 0;

  const ld = jsonLd.body;
  const ldChars = ld ? ld.reduce((n, p) => n + p.length, 0) : 0;
  if (ld && ldChars >= S.jsonLdMinChars && bodyChars < ldChars * S.jsonLdPreferShare) {
    const replaced = blocks.map((b): Block => (b.kind === 'body' ? { ...b, kind: 'boilerplate', reason: 'replaced by JSON-LD articleBody' } : b));
    blocks = [...ld.map((text): Block => ({ kind: 'body', text, tag: 'jsonld' })), ...replaced];
    method = 'html:jsonld';
    bodyChars = ldChars;
  }
  if (bodyChars < S.minBodyChars) {
    return { ok: false, reason: 'no-article', detail: best ? `only ${bodyChars} characters of article text in the page` : 'no paragraphs of prose found in the page' };
  }
  return {
    format: 'html',
    blocks,
    title: meta.title,
    byline: meta.byline ?? best?.classified.byline ?? null,
    dateline: null,
    publisher: meta.publisher,
    language: meta.language,
    url,
    highlights: [...(method === 'html:jsonld' ? [] : (best?.classified.highlights ?? [])), ...blocks.filter((b) => b.kind === 'highlight').map((b) => b.text)],
    captions,
    dateCandidates,
    method,
  };
}


