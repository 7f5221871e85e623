import type { ParentNode } from 'domhandler';
import { indexPage, type PageIndex } from './page-index.js';

/**
 * The page's own URL as it declares it: <link rel=canonical>, then og:url. Null when absent.
 * `index` is the page's index when the caller already has it.
 */
export function pageUrl(root: ParentNode, index: PageIndex = indexPage(root)): string | null {
  const canonical = index.canonical?.attribs.href?.trim();
  if (canonical) return canonical;
  const og = index.ogUrl?.attribs.content?.trim();
  return og || null;
}
