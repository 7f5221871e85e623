/**
 * Tag and class/id tables for the HTML extractor. Entries name the furniture seen on the
 * scrapinghub and dates-htmldate dev pages (news and blog CMSs: WordPress, Blogger,
 * Drupal, Arc, Brightspot, Hearst, Jetpack) and in trafilatura's discard lists.
 */

/**
 * Elements that never hold article text; dropped silently. Ruby readings (<rt>, <rp>) are
 * glosses over the base text: read inline they split every word (nhk.or.jp easy news,
 * trafilatura-dev set: "子こどもへの虐待ぎゃくたい").
 */
export const SILENT_TAGS = new Set(['noscript', 'template', 'iframe', 'svg', 'canvas', 'select', 'input', 'textarea', 'button', 'object', 'embed', 'video', 'audio', 'map', 'head', 'title', 'option', 'datalist', 'math', 'rt', 'rp']);

/** Page-chrome elements: dropped (and reported) in the strict pass. */
export const FURNITURE_TAGS = new Set(['nav', 'footer', 'aside', 'menu', 'dialog', 'form']);

/**
 * Furniture tags kept when they hold much prose: ASP.NET pages wrap the whole page in one
 * <form> (dates-htmldate set), some blogs put the post in a <footer>-less <aside>.
 */
export const PROSE_PROTECTED_TAGS = new Set(['form']);

/* Class/id words of furniture regions: rules/page-regions.ts (shared with the date reader). */

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

/**
 * Class names that say nothing of the element's own visibility, left out before the
 * class/id tables are read: Drupal's "field--label-hidden" hides the field's label, not the
 * field (the intro and body fields of grazia-magazin.de, ok-magazin.de, tierwelt.ch,
 * trafilatura-dev set), and Bootstrap's "hidden-xs" / "hidden-print" hide an element on
 * small screens or paper only (parallels.com, same set).
 */
export const NOT_REGION_CLASS_NAMES = /(?:^|\s)\S*(?:label-hidden|hidden-(?:xs|sm|md|lg|xl|print))(?=\s|$)/g;

/** Class/id fragments of photo captions and credits: their text becomes captions, not body. */
export const CAPTION_SUBSTRINGS = ['caption', 'credit', 'photo-info', 'image-info', 'img-info', 'wp-caption-text'];

/**
 * Class/id fragments of picture boxes: text between the headline and the story inside one
 * is a caption, not the lead (ctvnews.ca div.image, scrapinghub set).
 */
export const MEDIA_BOX_TOKENS = ['image', 'photo', 'picture', 'media', 'gallery', 'video', 'img'];

/** Block elements whose text becomes one body block each. */
export const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'dd', 'dt', 'figcaption', 'address']);

/** Inline elements: they continue the current line rather than start a block. */
export const INLINE_TAGS = new Set(['a', 'b', 'strong', 'i', 'em', 'span', 'u', 'small', 'big', 'sup', 'sub', 'font', 'abbr', 'acronym', 'cite', 'code', 'mark', 'q', 'time', 'label', 's', 'strike', 'del', 'ins', 'bdi', 'bdo', 'wbr', 'kbd', 'samp', 'var', 'tt', 'dfn', 'nobr', 'img', 'data']);

/** Heading tags (kept in the body when inside the article; they never vote for a container). */
export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The date reader's text of an element (page/text.ts spacedText) joins only these without a
 * space; every other element is set apart. Fewer than INLINE_TAGS: a <time> or <label>
 * beside a date keeps its distance there.
 */
export const SPACED_TEXT_INLINE_TAGS = new Set(['a', 'span', 'b', 'strong', 'i', 'em', 'small', 'abbr', 'sup', 'sub', 'u', 'font', 'mark', 'bdi', 'q', 'cite']);

/** Elements whose text the date reader never reads. */
export const UNREAD_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select']);
