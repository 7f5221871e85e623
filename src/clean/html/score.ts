import type { Element } from 'domhandler';
import { HTML_SETTINGS as S, NEGATIVE_CLASS, POSITIVE_CLASS, TAG_WEIGHTS, VOTING_TAGS } from '../rules/html-scoring.js';
import { ARTICLE_BODY_TOKENS, HEADING_TAGS } from '../rules/html-tokens.js';
import type { Run } from './collect-runs.js';
import { ancestors, isTag, nameOf } from '../page/node.js';
import type { NodeStats, StatsLookup } from './node-stats.js';

const POSITIVE = new RegExp(POSITIVE_CLASS);
const NEGATIVE = new RegExp(NEGATIVE_CLASS);
/**
 * The tokens with "-"/"_" optional ("article_body", "postcontent"), a wider reading than
 * prune.ts makes of the same table: read as written here, 12 dates-htmldate bodies change
 * (a set without body truth, so the change could not be shown to be better).
 */
const ARTICLE_BODY = new RegExp(ARTICLE_BODY_TOKENS.map((t) => t.replace(/[-_]/g, '[-_]?')).join('|'));
const COMMAS = /[,，、،]/g;
const SENTENCE_END = /[.!?。！？]["'”’»)]*(?:\s|$)/u;

export function classWeight(el: Element): number {
  const name = nameOf(el);
  if (!name) return 0;
  let weight = 0;
  if (NEGATIVE.test(name)) weight -= S.classWeight;
  if (POSITIVE.test(name)) weight += S.classWeight;
  if (ARTICLE_BODY.test(name) || el.attribs.itemprop === 'articleBody') weight += S.classWeight;
  return weight;
}

/**
 * The page's own <html> or <body>, not one pasted inside a post: CMS editors keep whole
 * documents pasted into the story (backenmachtgluecklich.de, happycoffee.org, ditib.de,
 * trafilatura-dev set), and their inner <html>/<body> must not stop the vote or the climb.
 */
function isPageRoot(el: Element): boolean {
  if (el.name !== 'html' && el.name !== 'body') return false;
  const parent = el.parent;
  return !parent || !isTag(parent) || !parent.parent || !isTag(parent.parent);
}

const linkDensity = (s: NodeStats | undefined): number => (s && s.chars > 0 ? s.linkChars / s.chars : 0);

/** Paragraph score: one point, one per comma, one per 100 characters up to three (Readability). */
function runScore(run: Run): number {
  return 1 + (run.text.match(COMMAS)?.length ?? 0) + Math.min(Math.floor(run.text.length / 100), 3);
}

/**
 * Readability's container vote: every prose run adds its score to the element above it, half
 * to the next, then score/(level*3) up the tree; a container starts from its tag and class
 * weight and ends scaled by (1 - link density). Returns the scores of all voted containers.
 */
export function scoreContainers(runs: readonly Run[], stats: StatsLookup): Map<Element, number> {
  const scores = new Map<Element, number>();
  /** Each voted container's class weight, read once: the start of its score, and damped at the end. */
  const weights = new Map<Element, number>();
  for (const run of runs) {
    if (!VOTING_TAGS.has(run.tag) || run.text.length < S.minParagraphChars || run.linkChars / run.text.length > S.maxLinkDensity) continue;
    const score = runScore(run);
    let el: Element | null = run.container;
    for (let level = 0; el && isTag(el) && level < S.voteDepth; level++) {
      if (el.name === 'html' && isPageRoot(el)) break;
      if (!scores.has(el)) {
        const weight = classWeight(el);
        weights.set(el, weight);
        scores.set(el, (TAG_WEIGHTS[el.name] ?? 0) + weight);
      }
      const share = level === 0 ? 1 : level === 1 ? 0.5 : 1 / (level * 3);
      scores.set(el, scores.get(el)! + score * share);
      el = el.parent as Element | null;
    }
  }
  for (const [el, score] of scores) {
    const s = stats.get(el);
    // A class bonus cannot make a short box the article: it counts in proportion to the text held.
    const weight = weights.get(el)!;
    const damped = weight > 0 ? weight * Math.min(1, (s?.chars ?? 0) / S.classWeightFullChars) : 0;
    scores.set(el, (score - weight + damped) * (1 - linkDensity(s)));
  }
  return scores;
}

const ancestorsOf = (el: Element): Set<Element> => new Set(ancestors(el));

/** The closest ancestor of `top` (at most `maxLevels` up) that also holds one of `others`; `top` when none does. */
function commonAncestor(top: Element, others: readonly Element[], maxLevels: number): Element {
  const topAncestors = ancestorsOf(top);
  const apart = others.filter((el) => !topAncestors.has(el)).map(ancestorsOf).filter((ancestors) => !ancestors.has(top));
  if (apart.length === 0) return top;
  let levels = 0;
  for (let p = top.parent; p && isTag(p) && !isPageRoot(p) && levels++ < maxLevels; p = p.parent) {
    if (apart.some((a) => a.has(p as Element))) return p;
  }
  return top;
}

/** The best container, moved up when the article is split over several strong children. */
function topCandidate(scores: Map<Element, number>): Element | null {
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || ranked[0]![1] <= 0) return null;
  let [top, topScore] = ranked[0]!;
  // A near-equal candidate elsewhere: the article is split, their common ancestor holds it
  // (wired.com, scrapinghub set, cuts its story into chunks between ad rails).
  const near = ranked.slice(1, S.alternativeCount).filter(([, s]) => s / topScore >= S.alternativeShare).map(([el]) => el);
  top = commonAncestor(top, near, S.alternativeMaxLevels);
  // Boxes of the same class as the best one are more parts of it (quantamagazine.org,
  // scrapinghub set: one div.post__content per section) when they score a fair share of it.
  const cls = top.attribs.class;
  if (cls) {
    const kin = ranked.filter(([el, s]) => el !== top && s >= topScore * S.kinShare && el.name === top.name && el.attribs.class === cls).map(([el]) => el);
    top = commonAncestor(top, kin, S.kinMaxLevels);
  }
  // A parent scoring higher than the path that led to it holds more of the article.
  let last = scores.get(top) ?? topScore;
  const threshold = last / 3;
  for (let p = top.parent; p && isTag(p) && !isPageRoot(p); p = p.parent) {
    const score = scores.get(p);
    if (score === undefined) continue;
    if (score < threshold) break;
    if (score > last) {
      top = p;
      break;
    }
    last = score;
  }
  // A lone child says nothing on its own: its parent is the container.
  while (top.parent && isTag(top.parent) && !isPageRoot(top.parent) && top.parent.children.filter(isTag).length === 1) top = top.parent;
  return top;
}

/**
 * The elements holding the article, in document order: the top candidate plus siblings that
 * score close to it, paragraphs beside it, and headings between merged parts (an article
 * split into several sibling divs, as NYT-style story columns are).
 */
export function pickContent(runs: readonly Run[], stats: StatsLookup, skip: ReadonlyMap<Element, unknown>): Element[] {
  const scores = scoreContainers(runs, stats);
  const top = topCandidate(scores);
  if (!top) return [];
  const parent = top.parent;
  if (!parent || !isTag(parent) || isPageRoot(top)) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(S.siblingMinScore, topScore * S.siblingShare);
  const siblings = parent.children.filter((c): c is Element => isTag(c) && !skip.has(c));
  const keep = siblings.map((sib) => {
    if (sib === top) return true;
    const bonus = sib.attribs.class && sib.attribs.class === top.attribs.class ? topScore * S.siblingShare : 0;
    if ((scores.get(sib) ?? -Infinity) + bonus >= threshold) return true;
    if (sib.name !== 'p') return false;
    const s = stats.get(sib);
    const ld = linkDensity(s);
    const chars = s?.chars ?? 0;
    return (chars > S.siblingParagraphChars && ld < S.siblingMaxLinkDensity) || (chars > 0 && ld === 0 && chars <= S.siblingParagraphChars && SENTENCE_END.test(lastText(sib)));
  });
  // Headings and lists between two merged parts belong to the article.
  const first = keep.indexOf(true);
  const last = keep.lastIndexOf(true);
  for (let i = first + 1; i < last; i++) {
    const sib = siblings[i]!;
    if (!keep[i] && (HEADING_TAGS.has(sib.name) || sib.name === 'ul' || sib.name === 'ol' || sib.name === 'p') && linkDensity(stats.get(sib)) <= S.maxLinkDensity) keep[i] = true;
  }
  return siblings.filter((_, i) => keep[i]);
}

function lastText(el: Element): string {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c = el.children[i]!;
    if (c.type === 'text') {
      const t = (c as unknown as { data: string }).data.trim();
      if (t) return t;
    } else if (isTag(c)) {
      const t = lastText(c);
      if (t) return t;
    }
  }
  return '';
}
