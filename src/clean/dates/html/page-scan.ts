import type { Element } from 'domhandler';
import type { DateElementPlacement, PageIndex, Placement } from '../../page/page-index.js';

/** What the HTML date sources read of a page: its index (one walk, page/page-index.ts) and its script texts. */
export interface PageScan {
  metas: readonly Element[];
  /** <meta> elements inside <body> (microdata of some item), placed. */
  bodyMetas: readonly Placement[];
  /** Texts of scripts whose type says JSON-LD. */
  jsonLd: string[];
  /** Texts of other inline scripts (no type, JavaScript or JSON). */
  scripts: string[];
  times: readonly Placement[];
  itemprops: readonly Placement[];
  abbrs: readonly Placement[];
  tokenElements: readonly DateElementPlacement[];
  h1: Placement | null;
  body: Element | null;
  lang: string | null;
  canonical: string | null;
  /** Excluded regions (after the main-content rule): text scans skip them. */
  excludedRegions: ReadonlySet<Element>;
  /** The comment sections among them. */
  commentRegions: ReadonlySet<Element>;
}

function scriptText(el: Element): string {
  const first = el.children[0];
  return el.children.length === 1 && first?.type === 'text' ? first.data : el.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
}

/** The date reader's view of an indexed page. */
export function scanOf(index: PageIndex): PageScan {
  const jsonLd: string[] = [];
  const scripts: string[] = [];
  for (const el of index.scripts) {
    const type = (el.attribs.type ?? '').toLowerCase();
    if (type.includes('ld+json')) jsonLd.push(scriptText(el));
    else if (!type || type.includes('javascript') || type.includes('json')) scripts.push(scriptText(el));
  }
  return {
    metas: index.metas,
    bodyMetas: index.bodyMetas,
    jsonLd,
    scripts,
    times: index.times,
    itemprops: index.itemprops,
    abbrs: index.abbrs,
    tokenElements: index.dateElements,
    h1: index.h1Placement,
    body: index.lastBody,
    lang: index.lastLang,
    canonical: index.canonicalHref,
    excludedRegions: index.excludedRegions,
    commentRegions: index.commentRegions,
  };
}
