import type { Element } from 'domhandler';
import { HTML_SETTINGS as S, VOTING_TAGS } from '../rules/html-scoring.js';
import { isCaptionLine } from '../lines/caption.js';
import { MEDIA_BOX_TOKENS } from '../rules/html-tokens.js';
import { MAX_DEPTH, ancestors, contains, isInside, isTag, nameOf } from '../page/node.js';
import { escapeRegExp } from '../regex-source.js';
import { textOf, wordsOf } from '../page/text.js';
import { collectRuns, type Run } from './collect-runs.js';
import type { Pruned } from './prune.js';

/** Tags a headline is written in. */
const HEADLINE_TAGS = new Set(['h1', 'h2', 'h3']);
/** A lead ends a sentence; a meta line ("16.10.2019 betrifft: ... ∙ SWR Fernsehen") does not. */
const SENTENCE_END = /[.!?。！？]["'”’»)]*$/u;
const WORD = /[\p{L}\p{N}]+/gu;
/**
 * A teaser cut mid-sentence ("…diagnosed with the plague,...") is another story's, not this
 * one's lead. A lead may end in dots of its own (grazia-magazin.de "…eine lange
 * Löwenmähne...", outdoor-magazin.com, trafilatura-dev set).
 */
const TRUNCATED = /[,;:–-]\s*(?:\.\.\.|…)$/u;

/**
 * Document order of the elements under `root` up to `stop` (its ancestors and everything
 * before it), and the headings among them that may be the headline (HEADLINE_TAGS), in
 * order. Nothing after the story's start is ever looked up, and most of a page (comments,
 * rails, footer) lies after it: the walk ends there instead of numbering the whole body.
 */
function orderUpTo(root: Element, stop: Element): { order: Map<Element, number>; headings: Element[] } {
  const order = new Map<Element, number>();
  const headings: Element[] = [];
  let done = false;
  const walk = (el: Element, depth: number) => {
    order.set(el, order.size);
    if (HEADLINE_TAGS.has(el.name)) headings.push(el);
    if (el === stop) done = true;
    if (done || depth > MAX_DEPTH) return;
    for (const child of el.children) {
      if (isTag(child)) walk(child, depth + 1);
      if (done) return;
    }
  };
  walk(root, 0);
  return { order, headings };
}

/** The order number just past `el`'s subtree: the first element after it. */
function orderAfter(el: Element, order: ReadonlyMap<Element, number>): number {
  let last: Element = el;
  for (;;) {
    const children = last.children.filter(isTag);
    if (children.length === 0) break;
    last = children[children.length - 1]!;
  }
  return (order.get(last) ?? order.get(el)!) + 1;
}

const MEDIA_BOX = new RegExp(MEDIA_BOX_TOKENS.map(escapeRegExp).join('|'));

/** Inside a <figure> or a picture box below `root`: a caption. */
function inMediaBox(el: Element, root: Element): boolean {
  for (let p: Element | null = el; p && p !== root && isTag(p); p = p.parent as Element | null) {
    if (p.name === 'figure' || p.name === 'picture' || MEDIA_BOX.test(nameOf(p))) return true;
  }
  return false;
}

/** A paragraph that reads as a lead: long enough, a sentence, few links, not a caption. */
function readsAsLead(run: Run, root: Element): boolean {
  if (run.pruned || run.tag === 'h1' || run.text.length < S.leadMinChars || TRUNCATED.test(run.text)) return false;
  if (isCaptionLine(run.text) || inMediaBox(run.element ?? run.container, root)) return false;
  if (run.linkChars / run.text.length > S.siblingMaxLinkDensity) return false;
  if ((run.text.match(WORD)?.length ?? 0) < S.leadMinWords) return false;
  return SENTENCE_END.test(run.text) || run.text.length >= S.leadUnendedMinChars;
}


/**
 * A heading that is the page's headline: most of its words are in the page's title (the
 * site's name in an <h1> logo is not; time4talks.com, trafilatura-dev set). An <h2> or <h3>
 * only so (biathlon-antholz.it leaves its <h1> empty); any <h1> when the page names no title.
 */
function isHeadline(text: string, title: string | null, tag: string): boolean {
  if (!title) return tag === 'h1';
  const words = wordsOf(text);
  if (words.length === 0) return false;
  const titleWords = new Set(wordsOf(title));
  return words.filter((w) => titleWords.has(w)).length >= words.length * S.leadHeadlineShare;
}

/** The first run of the article's prose (not a photo credit): where the story starts. */
function storyStart(runs: readonly Run[]): Run | undefined {
  return runs.find((run) => !run.pruned && VOTING_TAGS.has(run.tag) && run.text.length >= S.minParagraphChars && run.linkChars / run.text.length <= S.maxLinkDensity && !isCaptionLine(run.text));
}

/**
 * The lead (standfirst) between the headline and the story, when the container the prose
 * voted for leaves it out: many CMSs set it in the article's header, beside the <h1>
 * (zeit.de div.summary, tagesspiegel.de p.ts-intro, netzpolitik.org div.entry-excerpt), or
 * name it "teaser" (TYPO3 news div.teaser-text), which pruning reads as a promo box. Read
 * between the headline (the last heading before the story that the title names) and the story's first paragraph, when the two
 * share an ancestor close to the story; a window holding more than a lead's worth of prose
 * is some other part of the page and gives nothing. Returns the lead's runs, in order, and
 * the pruned elements they were read from.
 */
function leadRuns(body: Element, content: readonly Element[], start: Run, pruned: ReadonlyMap<Element, Pruned>, title: string | null, contentTexts: readonly string[]): { lead: Run[]; unpruned: Element[] } {
  const none = { lead: [], unpruned: [] };
  const startEl = start.element ?? start.container;
  const { order, headings } = orderUpTo(body, startEl);
  const startAt = order.get(startEl);
  if (startAt === undefined) return none;
  let headline: Element | undefined;
  for (const el of headings) {
    // A heading holding the story's start ends the search, as one after it would: the
    // headings after the start were never numbered.
    if (contains(el, startEl)) break;
    if (isHeadline(textOf(el, S.removedMaxChars), title, el.name)) headline = el;
  }
  // No headline, no lead: an <h1> the title does not name is a logo, not the story's head.
  if (!headline) return none;
  const startAncestors = ancestors(startEl);
  const headlineAncestors = new Set(ancestors(headline));
  const level = startAncestors.findIndex((el) => headlineAncestors.has(el));
  let root: Element | undefined = startAncestors[level];
  let from = orderAfter(headline, order);
  // An <article> holding both is the story's own, however deep the story sits in it.
  if (!root || root.name === 'body' || root.name === 'html' || (level >= S.leadMaxLevels && root.name !== 'article')) {
    // The headline far from the story (blinker.de sets it in a row of its own above the
    // <article>, trafilatura-dev set): the story's <article> is read from its start.
    root = startAncestors.find((el) => el.name === 'article');
    if (!root) return none;
    from = order.get(root)!;
  }

  // Pruning by a name that may be the lead's ("teaser") is lifted inside the window.
  const revealed = new Set([...pruned].filter(([, why]) => why.lead).map(([el]) => el));
  const skip = revealed.size === 0 ? pruned : new Map([...pruned].filter(([el]) => !revealed.has(el)));
  const contentSet = new Set(content);
  const window = collectRuns([root], skip).filter((run) => {
    const el = run.element ?? run.container;
    const at = order.get(el) ?? -1;
    if (at < from || at >= startAt) return false;
    // Loose text is placed by its holder, which may hold the story too: where it sits is unknown.
    if (!run.element && contains(el, startEl)) return false;
    return !isInside(el, contentSet) || isInside(el, revealed);
  });
  // A lead written twice (one copy per layout, or again in the story) is read once.
  const seen = new Set(contentTexts);
  const lead = window.filter((run) => readsAsLead(run, root) && !seen.has(run.text) && seen.add(run.text));
  const chars = lead.reduce((n, run) => n + run.text.length, 0);
  if (lead.length > S.leadMaxRuns || chars > S.leadMaxChars) return none;
  const unpruned = [...revealed].filter((el) => lead.some((run) => contains(el, run.element ?? run.container)));
  return { lead, unpruned };
}

/**
 * The article's runs with its lead (see leadRuns) put before the story's first paragraph;
 * the pruned elements the lead came from are taken out of `pruned`.
 */
export function withLead(body: Element, content: readonly Element[], runs: readonly Run[], pruned: Map<Element, Pruned>, title: string | null): Run[] {
  const start = storyStart(runs);
  if (!start) return [...runs];
  const { lead, unpruned } = leadRuns(body, content, start, pruned, title, runs.map((run) => run.text));
  if (lead.length === 0) return [...runs];
  for (const el of unpruned) pruned.delete(el);
  const at = runs.indexOf(start);
  return [...runs.slice(0, at), ...lead, ...runs.slice(at)];
}
