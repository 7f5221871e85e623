/**
 * The words in class names and ids that say what a region of a page is (comments, story
 * rails, share bars, page chrome, layout columns), one table for both readers of the page:
 * the extractor's pruning (src/clean/html/prune.ts) and the date reader's region rules
 * (src/clean/page/regions.ts). Each row says how each reader takes its words; a reader
 * that has no column on a row does not read it. The two readers match differently, so a
 * word may be read by one only:
 * - `prune`: lower-cased "class id" searched for the word anywhere. "strong": the element
 *   is pruned whatever prose it holds (unless it names the article body or an embed);
 *   "soft": pruned unless it holds the page's prose or also names content (MAYBE_CONTENT_WORDS);
 *   "part": like soft, but only as a whole part of a name split at space, "-" and "_".
 * - `dates`: each class name or the id starts with the word, or its last "-"/"_" part does
 *   unless its first part is a modifier (REGION_MODIFIER_PREFIXES). "excluded": dates there
 *   are never the page's own; "soft": they count less (SOFT_REGION_FACTOR).
 * `comments` marks reader-comment sections: pruned as "comment", and never read for dates,
 * not even as a last resort.
 * Seen on the scrapinghub and dates-htmldate pages (WordPress, Blogger, Drupal, Arc,
 * Brightspot, Hearst, Jetpack, German news CMSs) and in trafilatura's discard lists.
 */

export interface RegionWords {
  words: readonly string[];
  prune?: 'strong' | 'soft' | 'part';
  dates?: 'excluded' | 'soft';
  comments?: true;
  /** The name may be the article's lead (standfirst): pruning is lifted between the headline and the story (html/lead.ts). */
  lead?: true;
  note: string;
}

export const REGION_WORDS: readonly RegionWords[] = [
  { words: ['comment', 'disqus'], prune: 'strong', dates: 'excluded', comments: true, note: 'comment threads (Disqus; givewell.org in the scrapinghub set)' },
  { words: ['respond', 'reply-'], prune: 'strong', comments: true, note: 'WordPress #respond comment form, reply links' },
  { words: ['kommentar', 'leserbrief', 'reply', 'respon'], dates: 'excluded', comments: true, note: 'comment sections of German and WordPress pages of dates-htmldate' },
  { words: ['related', 'recommend', 'more-stories', 'morestories', 'most-read', 'mostread', 'trending'], prune: 'strong', dates: 'excluded', note: 'story rails after the article' },
  { words: ['read-more', 'readmore'], prune: 'soft', dates: 'excluded', note: '"read more" links to other stories, but also the expander that holds the rest of the story (kept when it holds the page\'s prose)' },
  { words: ['most-popular', 'mostpopular', 'popular-posts', 'read-next', 'readnext', 'up-next'], prune: 'strong', note: 'story rails after the article' },
  { words: ['verwandt', 'similar', 'empfehl', 'popular', 'meistgelesen'], dates: 'excluded', note: 'related and most-read lists on German news pages of dates-htmldate' },
  { words: ['outbrain', 'taboola'], prune: 'strong', dates: 'excluded', note: 'recommendation widgets' },
  { words: ['zergnet', 'revcontent'], prune: 'strong', note: 'recommendation widgets' },
  { words: ['share', 'sharing', 'social', 'sociable', 'addthis', 'sharethis', 'jp-post-flair', 'sharedaddy', 'jp-relatedposts'], prune: 'strong', note: 'share bars (Jetpack sharedaddy)' },
  { words: ['newsletter'], prune: 'strong', dates: 'excluded', note: 'newsletter boxes' },
  { words: ['subscribe', 'subscription', 'signup', 'sign-up'], prune: 'strong', note: 'newsletter boxes' },
  { words: ['rollover-block', 'tooltip', 'popover', 'hovercard', 'hover-card'], prune: 'strong', note: 'hover cards inside sentences (thehill.com people cards, scrapinghub set)' },
  { words: ['breadcrumb', 'cookie'], prune: 'strong', dates: 'excluded', note: 'page chrome and overlays' },
  { words: ['bread-crumb', 'consent', 'gdpr', 'modal', 'popup', 'lightbox'], prune: 'strong', note: 'page chrome and overlays (not "paywall": barrons.com, scrapinghub set, keeps the story in div.paywall)' },
  { words: ['author-bio', 'authorbio', 'author-box', 'authorbox', 'about-author', 'about-the-author', 'author-info'], prune: 'strong', note: 'author boxes after posts' },
  { words: ['tag-list', 'taglist', 'post-tags', 'entry-tags', 'article-tags', 'tagcloud', 'tag-cloud'], prune: 'strong', note: 'tag lists' },
  { words: ['pagination'], prune: 'strong', dates: 'excluded', note: 'pagers under lists and posts' },
  { words: ['pager', 'post-nav', 'skip-link', 'screen-reader', 'sr-only', 'visually-hidden', 'print-only'], prune: 'strong', note: 'pagers and text for screen readers or print only' },
  { words: ['calendar', 'ticker'], dates: 'excluded', note: 'event calendars and news tickers: their dates are other days (dates-htmldate)' },
  { words: ['advert', 'sponsor'], prune: 'soft', dates: 'excluded', note: 'ad and sponsor boxes' },
  { words: ['sidebar', 'widget', 'promo'], prune: 'soft', dates: 'soft', note: 'layout columns: furniture when small, but falstaff.de names its content column "sidebar", Blogger wraps posts in "widget Blog"' },
  { words: ['teaser'], prune: 'soft', dates: 'soft', lead: true, note: 'teasers of other stories, but also the lead on German sites (achgut.com, cicero.de; TYPO3 news "teaser-text", trafilatura-dev set)' },
  { words: ['banner', 'masthead'], prune: 'soft', note: 'page headers' },
  { words: ['carousel', 'slider'], dates: 'soft', note: 'teaser carousels (dates-htmldate)' },
  { words: ['nav', 'menu', 'footer'], prune: 'part', dates: 'excluded', note: 'site chrome' },
  { words: ['navbar', 'navigation', 'header-nav', 'topbar', 'toolbar', 'tools'], prune: 'part', note: 'site chrome' },
  { words: ['ad', 'ads', 'adv', 'dfp', 'gpt'], prune: 'part', note: 'ad slots ("ad-slot", "ad_container")' },
  { words: ['tags', 'tag', 'keywords', 'categories', 'byline', 'meta', 'dateline', 'timestamp'], prune: 'part', note: 'article furniture (classified separately when read)' },
  { words: ['hidden', 'hide', 'noprint', 'offscreen'], prune: 'part', note: 'hidden parts' },
  { words: ['recirc'], prune: 'strong', note: 'recirculation boxes of other stories inside the article (mein-mmo.de "wp-block-mmo-recirculation-box", trafilatura-dev set; trafilatura discards "recirc" too)' },
  { words: ['postmetadata', 'article-footer', 'entry-footer', 'post-footer', 'story-footer'], prune: 'strong', note: 'the footer of the post inside the article: filing lines, messenger links (whiskyverkostung.com p.postmetadata, tag24.de div.article-footer, trafilatura-dev set); "content" or "article" in the name would otherwise spare it' },
  { words: ['disclaimer', 'user-profile', 'user-info'], prune: 'soft', note: 'disclaimers and author profiles after the story (villagevoice.com div.editorial-disclaimer, trafilatura-dev set; trafilatura discards "user-profile", "user-info")' },
  { words: ['rating', 'ratings'], prune: 'part', note: 'star-rating widgets under posts (aktion-hummelschutz.de span.post-ratings, trafilatura-dev set; trafilatura discards "rating")' },
  { words: ['placeholder', 'buybox', 'buy-box'], prune: 'soft', note: 'what stands in for an embed until consent (amnesty.de "third-party-services--placeholder") and purchase boxes beside a preview (link.springer.com div.buybox, trafilatura-dev set)' },
  { words: ['cta'], prune: 'part', note: 'call-to-action boxes (snopes.com "custom-cta-letter" donation appeal, scrapinghub set)' },
];

/**
 * Words that name content as well (Readability's okMaybeItsACandidate): a soft or "part"
 * furniture name that also holds one is a wrapper, not furniture ("content-with-sidebar",
 * scrapinghub set).
 */
export const MAYBE_CONTENT_WORDS: readonly string[] = ['article', 'body', 'content', 'main', 'column', 'story', 'entry'];

/** First parts of a class name that make the rest a modifier, not a region ("has-sidebar"). */
export const REGION_MODIFIER_PREFIXES: readonly string[] = ['has', 'with', 'without', 'no', 'is', 'show', 'hide', 'toggle', 'js', 'l', 'layout'];

/** Tags whose dates are never the page's own (the date reader's excluded regions by tag). */
export const EXCLUDED_REGION_TAGS: readonly string[] = ['footer', 'aside', 'nav', 'script', 'style', 'noscript', 'template', 'select', 'option'];

/**
 * Markers of the main content. A region that is or contains one is never excluded, whatever
 * its class says: Blogger wraps posts in "widget Blog", themes put "right-sidebar" on the
 * content row, WordPress promotions use "single-promotion" on the <article>.
 */
export const MAIN_CONTENT_TAGS: readonly string[] = ['article', 'main', 'h1'];
export const MAIN_CONTENT_CLASS = /(?:^|\s)(?:hentry|h-entry|entry-content|entry-title|post-content|post-body|post-title|article-body|article-content|articlebody|story-body|single-post)(?:\s|$)/i;
export const MAIN_CONTENT_ITEMPROP = /articlebody|blogpost|headline/i;
/** itemprop values whose element holds the article: dates inside count as in the article. */
export const ARTICLE_ITEMPROP = /articlebody|blogpost|newsarticle/i;
