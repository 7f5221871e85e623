import type { Block } from '../types.js';
import type { BlockKind } from '../../schemas/index.js';
import { TEXT_DATE_WEIGHTS as W } from '../rules/dates-weights.js';

/**
 * The lines of a classified text that may carry its publication date, each with where it
 * stands: in the article, or in the furniture above or below it, and how far from the
 * article's head (the title, else the first body line).
 */

const DIGIT = /\d/;

/** Blocks that belong to the article. */
const ARTICLE_KINDS: ReadonlySet<BlockKind> = new Set(['title', 'byline', 'dateline', 'date', 'highlight', 'body', 'caption']);
/**
 * Removed blocks whose dates never count: comment threads, "Popular posts" and related-story
 * trailers (seed 002's "February 8" teasers), lines repeated from elsewhere on the page.
 */
const NEVER_KINDS: ReadonlySet<BlockKind> = new Set(['trailer', 'comment', 'duplicate']);

/**
 * article: kept blocks; head: furniture above the first body line (a page header, or the
 * byline row the extractor did not recognise); tail: furniture below it.
 */
export type LineZone = 'article' | 'head' | 'tail';

export interface DateLine {
  text: string;
  kind: BlockKind;
  zone: LineZone;
  /** Index of the line's block among all blocks, removed ones included. */
  blockNo: number;
  /** Lines from the article's head: 0 is the title itself, negative above it. */
  fromHead: number;
}

/** The block the article starts from: its title, else its first body block, else the first. */
function headIndex(blocks: readonly Block[]): number {
  const title = blocks.findIndex((b) => b.kind === 'title');
  if (title >= 0) return title;
  return Math.max(0, blocks.findIndex((b) => b.kind === 'body'));
}

/**
 * The lines to read, each list in reading order: the article's first lines (up to
 * W.maxLines / W.maxChars), and short furniture lines with a digit within W.furnitureAbove /
 * W.furnitureBelow blocks of the head or in the first W.furnitureTop blocks of the page (a
 * page with a thousand menu lines above its story still has its byline row and its header
 * read; a long paragraph of furniture is some other story).
 */
export function dateLines(blocks: readonly Block[]): { article: DateLine[]; furniture: DateLine[] } {
  const head = headIndex(blocks);
  const firstBody = blocks.findIndex((b) => b.kind === 'body');
  const article: DateLine[] = [];
  const furniture: DateLine[] = [];
  let articleChars = 0;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const fromHead = i - head;
    const kept = ARTICLE_KINDS.has(block.kind);
    if (kept ? article.length >= W.maxLines || articleChars >= W.maxChars : !isReadFurniture(block, i, fromHead)) {
      if (fromHead > W.furnitureBelow && article.length >= W.maxLines) break;
      continue;
    }
    const zone: LineZone = kept ? 'article' : firstBody < 0 || i < firstBody ? 'head' : 'tail';
    // Line by line, without splitting: a text block is one line, read as it is.
    const all = block.text;
    for (let start = 0; start <= all.length; ) {
      const newline = all.indexOf('\n', start);
      const end = newline < 0 ? all.length : newline;
      const text = all.slice(start, end).trim();
      start = end + 1;
      if (!text) continue;
      if (kept) {
        article.push({ text, kind: block.kind, zone, blockNo: i, fromHead });
        articleChars += text.length;
      } else if (text.length <= W.maxFurnitureChars) {
        furniture.push({ text, kind: block.kind, zone, blockNo: i, fromHead });
      }
    }
  }
  return { article, furniture };
}

function isReadFurniture(block: Block, index: number, fromHead: number): boolean {
  if (NEVER_KINDS.has(block.kind)) return false;
  const near = fromHead < 0 ? -fromHead <= W.furnitureAbove : fromHead <= W.furnitureBelow;
  if (!near && index >= W.furnitureTop) return false;
  return DIGIT.test(block.text);
}

/**
 * How much a date's place says it is the page's own: full weight on the title and the few
 * lines after it (where bylines and datelines sit) and slightly less just above it (a kicker
 * or date above the headline); further away it falls off, faster below (teasers, comments)
 * than above (a header whose date the extractor did not keep). A date a page header shows
 * every day ("Thursday, November 9th 2023") sits far above the head and loses to the story's
 * own date under its title.
 */
export function placeFactor(line: DateLine, offsetInLine: number): number {
  const zone = line.zone === 'article' ? 1 : line.zone === 'head' ? W.headZone : W.tailZone;
  // Inside a long paragraph every charsPerLine characters count as one more line.
  const d = line.fromHead + (line.fromHead >= 0 ? Math.floor(offsetInLine / W.charsPerLine) : 0);
  if (d >= 0 && d <= W.nearAfterLines) return zone;
  if (d < 0 && -d <= W.nearBeforeLines) return zone * W.nearBefore;
  if (d > 0) return (zone * W.belowHalfLife) / (W.belowHalfLife + d - W.nearAfterLines);
  return (zone * W.nearBefore * W.aboveHalfLife) / (W.aboveHalfLife - d - W.nearBeforeLines);
}
