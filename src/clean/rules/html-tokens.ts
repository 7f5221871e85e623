/**
 * Tag and class/id tables for the HTML extractor. Entries name the furniture seen on the
 * scrapinghub and dates-htmldate dev pages (news and blog CMSs: WordPress, Blogger,
 * Drupal, Arc, Brightspot, Hearst, Jetpack) and in trafilatura's discard lists.
 */

/** Elements that never hold article text; dropped silently. */
export const SILENT_TAGS = new Set(['noscript', 'template', 'iframe', 'svg', 'canvas', 'select', 'input', 'textarea', 'button', 'object', 'embed', 'video', 'audio', 'map', 'head', 'title', 'option', 'datalist', 'math']);

/** Page-chrome elements: dropped (and reported) in the strict pass. */
export const FURNITURE_TAGS = new Set(['nav', 'footer', 'aside', 'menu', 'dialog', 'form']);

/**
 * Furniture tags kept when they hold much prose: ASP.NET pages wrap the whole page in one
 * <form> (dates-htmldate set), some blogs put the post in a <footer>-less <aside>.
 */
export const PROSE_PROTECTED_TAGS = new Set(['form']);

/**
 * Class/id fragments (lower-cased substrings) of sections that are never the article:
 * comment threads, story rails, share bars. A match prunes the element unless its class
 * names the article body itself (ARTICLE_BODY_TOKENS); prose inside does not save it.
 */
export const STRONG_FURNITURE_SUBSTRINGS = [
  'comment', 'disqus', 'respond', 'reply-', // comment threads (WordPress #respond, Disqus, givewell.org in the scrapinghub set)
  'related', 'recommend', 'more-stories', 'morestories', 'most-read', 'mostread', 'most-popular', 'mostpopular', 'trending', 'popular-posts', 'read-next', 'readnext', 'read-more', 'readmore', 'up-next', // story rails after the article
  'outbrain', 'taboola', 'zergnet', 'revcontent', // recommendation widgets
  'share', 'sharing', 'social', 'sociable', 'addthis', 'sharethis', 'jp-post-flair', 'sharedaddy', 'jp-relatedposts', // share bars (Jetpack sharedaddy)
  'newsletter', 'subscribe', 'subscription', 'signup', 'sign-up', // newsletter boxes
  'rollover-block', 'tooltip', 'popover', 'hovercard', 'hover-card', // hover cards inside sentences (thehill.com people cards, scrapinghub set)
  'breadcrumb', 'bread-crumb', 'cookie', 'consent', 'gdpr', 'modal', 'popup', 'lightbox', // page chrome and overlays (not "paywall": barrons.com, scrapinghub set, keeps the story in div.paywall)
  'author-bio', 'authorbio', 'author-box', 'authorbox', 'about-author', 'about-the-author', 'author-info', // author boxes after posts
  'tag-list', 'taglist', 'post-tags', 'entry-tags', 'article-tags', 'tagcloud', 'tag-cloud', // tag lists
  'pagination', 'pager', 'post-nav', 'skip-link', 'screen-reader', 'sr-only', 'visually-hidden', 'print-only',
];

/**
 * Class/id fragments of layout wrappers that are furniture when small but sometimes wrap
 * the whole page ("layout has-sidebar", "share-enabled"): pruned unless they hold the prose.
 */
export const SOFT_FURNITURE_SUBSTRINGS = ['sidebar', 'widget', 'advert', 'sponsor', 'promo', 'banner', 'masthead', 'teaser'];

/** Class/id words (whole word parts, split at space, - and _) of furniture; weaker than substrings. */
export const FURNITURE_WORDS = [
  'nav', 'navbar', 'navigation', 'menu', 'footer', 'header-nav', 'topbar', 'toolbar', 'tools', // site chrome
  'ad', 'ads', 'adv', 'dfp', 'gpt', // ad slots ("ad-slot", "ad_container")
  'tags', 'tag', 'keywords', 'categories', 'byline', 'meta', 'dateline', 'timestamp', // article furniture (classified separately when read)
  'hidden', 'hide', 'noprint', 'offscreen',
  'cta', // call-to-action boxes (snopes.com "custom-cta-letter" donation appeal, scrapinghub set)
];

/**
 * Class/id fragments of the article body itself: an element named so is never pruned by
 * name (a WordPress "entry-content share-enabled" div holds the post).
 */
export const ARTICLE_BODY_TOKENS = [
  'article-body', 'articlebody', 'article__body', 'article-content', 'article__content', 'articlecontent', 'article-text', 'articletext',
  'entry-content', 'entrycontent', 'post-content', 'postcontent', 'post_content', 'post-body', 'postbody', 'post-text', 'post-entry',
  'story-body', 'storybody', 'story-content', 'storycontent', 'story-text', 'content-body', 'body-text', 'main-content', 'page-content', 'text-content',
  'blog-content', 'single-content', 'field-body', 'field-name-body', 'td-post-content', 'rich-text', 'richtext',
];

/**
 * Class/id fragments of embedded posts quoted by the story: a tweet in a "social-media-embed"
 * box is article text (nj.com, scrapinghub set), so these names are never pruned.
 */
export const EMBED_TOKENS = ['embed', 'twitter-tweet', 'instagram-media', 'tiktok-embed'];

/** Class/id fragments of photo captions and credits: their text becomes captions, not body. */
export const CAPTION_SUBSTRINGS = ['caption', 'credit', 'photo-info', 'image-info', 'img-info', 'wp-caption-text'];

/** Block elements whose text becomes one body block each. */
export const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dd', 'dt', 'figcaption', 'address']);

/** Inline elements: they continue the current line rather than start a block. */
export const INLINE_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'span', 'u', 'small', 'big', 'sup', 'sub', 'font', 'abbr', 'acronym', 'cite', 'code', 'mark', 'q', 'time', 'label', 's', 'strike', 'del', 'ins', 'bdi', 'bdo', 'wbr', 'kbd', 'samp', 'var', 'tt', 'dfn', 'nobr', 'img', 'data']);

/** Heading tags (kept in the body when inside the article; they never vote for a container). */
export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
