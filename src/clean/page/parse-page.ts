import { load, type CheerioAPI } from 'cheerio';
import type { Document } from 'domhandler';
import { FastTokenizer } from './fast-tokenizer.js';
import { closeHeadings } from './heading-close.js';
import { JsonLdCache } from './json-ld-cache.js';
import { limitNesting } from './nesting-guard.js';
import { indexPage, type PageIndex } from './page-index.js';
import { capTreeDepth, MAX_TREE_DEPTH } from './tree-depth.js';

/** One parsed page, as every reader of it sees it. */
export interface Page {
  $: CheerioAPI;
  root: Document;
  /** What the one walk over the page found (see page-index.ts). */
  index: PageIndex;
  /** JSON-LD parses, shared by the date reader and the article reader. */
  jsonLd: JsonLdCache;
}

/**
 * htmlparser2 through cheerio: 7× faster than its default parse5 (see DESIGN.md), with its
 * tokenizer skipping runs of plain characters (fast-tokenizer.ts).
 */
const PARSER_OPTIONS = { xml: { xmlMode: false, decodeEntities: true, Tokenizer: FastTokenizer } } as const;

/**
 * Parses a page once, with mismatched heading end tags repaired (closeHeadings), its nesting bounded before (limitNesting) and after the parse
 * (capTreeDepth), and indexes it in one walk. A page nested deeper than MAX_TREE_DEPTH is
 * capped and walked again, so the index always describes the tree the readers read.
 */
export function parsePage(html: string): Page {
  const $ = load(closeHeadings(limitNesting(html)), PARSER_OPTIONS);
  const root = $.root()[0]!;
  let index = indexPage(root);
  if (index.depth > MAX_TREE_DEPTH) {
    capTreeDepth(root, MAX_TREE_DEPTH);
    index = indexPage(root);
  }
  return { $, root, index, jsonLd: new JsonLdCache() };
}
