import type { Document } from 'domhandler';
import { closeHeadings } from './heading-close.js';
import { JsonLdCache } from './json-ld-cache.js';
import { limitNesting } from './nesting-guard.js';
import { indexPage, type PageIndex } from './page-index.js';
import { parseDocument } from './page-parser.js';
import { capTreeDepth, MAX_TREE_DEPTH } from './tree-depth.js';

/** One parsed page, as every reader of it sees it. */
export interface Page {
  root: Document;
  /** What the one walk over the page found (see page-index.ts). */
  index: PageIndex;
  /** JSON-LD parses, shared by the date reader and the article reader. */
  jsonLd: JsonLdCache;
}

/**
 * Parses a page once with htmlparser2 (7× faster than cheerio's default parse5, see
 * DESIGN.md) through page-parser.ts, with mismatched heading end tags repaired
 * (closeHeadings), its nesting bounded before (limitNesting) and after the parse
 * (capTreeDepth), and indexes it in one walk. A page nested deeper than MAX_TREE_DEPTH is
 * capped and walked again, so the index always describes the tree the readers read.
 *
 * The readers take the tree itself, not a cheerio `load()` of it: load() declares a class per
 * call whose methods close over the tree, and V8 keeps a fresh class alive through every
 * young-generation GC until the next full one, so each page's whole tree was copied and
 * promoted to the old generation (the scavenges were ~13% of clean() on HTML).
 */
export function parsePage(html: string): Page {
  const root = parseDocument(closeHeadings(limitNesting(html)));
  let index = indexPage(root);
  if (index.depth > MAX_TREE_DEPTH) {
    capTreeDepth(root, MAX_TREE_DEPTH);
    index = indexPage(root);
  }
  return { root, index, jsonLd: new JsonLdCache() };
}
