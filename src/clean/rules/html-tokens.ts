/**
 * Tag and class/id tables for the HTML extractor. Entries name the furniture seen on the
 * scrapinghub dev pages (news and blog CMSs: WordPress, Blogger, Drupal, Arc, Brightspot).
 */

/** Elements that never hold article text. */
export const DROP_TAGS = 'script, style, noscript, template, iframe, svg, canvas, form, button, select, input, textarea, nav, footer, aside, menu, dialog';

/** class/id tokens of furniture containers (matched as word parts, case-insensitive). */
export const FURNITURE_TOKENS = [
  'nav', 'navbar', 'menu', 'breadcrumb', 'footer', 'sidebar', 'widget', 'share', 'sharing', 'social', // site chrome on every CMS
  'comment', 'comments', 'disqus', 'respond', // comment sections (WordPress #respond, Disqus)
  'related', 'recommended', 'popular', 'most-read', 'mostread', 'trending', 'more-stories', 'read-more', 'teaser', // story rails
  'newsletter', 'subscribe', 'signup', 'promo', 'advert', 'ad', 'ads', 'sponsor', 'banner', // commercial widgets
  'cookie', 'consent', 'gdpr', 'paywall', 'modal', 'popup', // overlays
  'author-box', 'authorbox', 'author-bio', 'tags', 'tag-list', 'pagination', 'skip', // article furniture
];

/** class/id tokens that mark the article itself; a match protects the element from pruning. */
export const CONTENT_TOKENS = ['article-body', 'articlebody', 'article-content', 'entry-content', 'post-content', 'post-body', 'story-body', 'story-content', 'content-body', 'main-content'];

/** Block elements whose text becomes one body block each. */
export const BLOCK_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dd']);

/** Thresholds of the HTML extractor, in one place. */
export const HTML_SETTINGS = {
  /** A block with more than this share of its text in links is navigation. */
  maxLinkDensity: 0.5,
  /** Minimum characters of body text for the page to count as an article. */
  minBodyChars: 200,
  /** Paragraphs shorter than this add little to a container's score. */
  minParagraphChars: 25,
  /** A furniture-named element with more paragraph text than this (and few links) is kept. */
  protectProseChars: 600,
} as const;
