/**
 * Container scoring of the HTML extractor (after Readability's weights) and every threshold
 * of the HTML path, in one place.
 */

/** Runs of these tags vote for the elements above them ("text" = loose text between <br>s). */
export const VOTING_TAGS = new Set(['p', 'text', 'pre', 'blockquote', 'dd']);

/** Starting score of a container by tag (Readability's initializeNode). */
export const TAG_WEIGHTS: Readonly<Record<string, number>> = {
  div: 5, article: 8, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

/** Class/id fragments that raise a container's score (article bodies on most CMSs). */
export const POSITIVE_CLASS = 'article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|itemprop';
/** Class/id fragments that lower it (Readability's negative list plus rails seen on the dev pages). */
export const NEGATIVE_CLASS = '-ad-|hidden|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|teaser|card|recirc|rail|gallery|slideshow|carousel';

export const HTML_SETTINGS = {
  /** A block with more than this share of its text in links is navigation. */
  maxLinkDensity: 0.5,
  /** A block this long is prose with links in it (a linked headline and its summary) up to longBlockMaxLinkDensity. */
  longBlockChars: 150,
  longBlockMaxLinkDensity: 0.7,
  /** Minimum characters of body text for the page to count as an article. */
  minBodyChars: 200,
  /** Paragraphs shorter than this do not vote for a container. */
  minParagraphChars: 25,
  /** A furniture-named element with more paragraph text than this (and few links) is kept. */
  protectProseChars: 600,
  /** …and its link density must stay under this. */
  protectMaxLinkDensity: 0.3,
  /** Class weight added or taken by POSITIVE_CLASS / NEGATIVE_CLASS (Readability: 25). */
  classWeight: 25,
  /** A positive class weight counts fully from this many characters of text, in proportion below. */
  classWeightFullChars: 1000,
  /** Ancestors a paragraph votes for: the parent fully, the grandparent half, then score/(level*3). */
  voteDepth: 5,
  /** Siblings of the best container are merged when they score this share of it (Readability: 0.2)… */
  siblingShare: 0.2,
  /** …and at least this much. */
  siblingMinScore: 10,
  /** A sibling paragraph longer than this with link density under siblingMaxLinkDensity joins. */
  siblingParagraphChars: 80,
  siblingMaxLinkDensity: 0.25,
  /** Parents whose score is within this share of the best are considered the same article. */
  alternativeShare: 0.6,
  /** …when their common ancestor is at most this many levels above the best. */
  alternativeMaxLevels: 3,
  /** Boxes with the best one's class join it through a common ancestor at most this many levels up. */
  kinMaxLevels: 6,
  /** …when they score at least this share of it. */
  kinShare: 0.3,
  /** How many top candidates are compared for a common ancestor. */
  alternativeCount: 5,
  /** The last pass reads <noscript>; its content is kept only when at least this share of it sits inside <noscript>. */
  noscriptMinShare: 0.5,
  /** JSON-LD articleBody replaces the extraction when the extraction is shorter than this share of it. */
  jsonLdPreferShare: 0.6,
  /** Shortest articleBody taken as a body. */
  jsonLdMinChars: 200,
  /** A trailer marker ends the article only after this many characters of body. */
  trailerMinBodyChars: 200,
  /** …and only when the prose after it is under this share of the prose before (else it is an inset box). */
  trailerMaxProseAfterShare: 0.5,
  /** Bylines and date lines are looked for until this much body has been read (a dek may come first). */
  headZoneChars: 400,
  /** A heading this long before the first paragraph is a standfirst (highlight), not a section title. */
  dekMinChars: 60,
  /** …and at most this long: daejonilbo.com (dates-htmldate set) wraps its whole story in an <h4>. */
  dekMaxChars: 300,
  /** A lead outside the chosen container (html/lead.ts) is a paragraph of at least this many characters… */
  leadMinChars: 40,
  /** …and words… */
  leadMinWords: 6,
  /**
   * …that ends a sentence, or is at least this long: standfirsts often end without a full
   * stop (standard.co.uk, biathlon-antholz.it, schwimmverband.at; 82-119 characters).
   */
  leadUnendedMinChars: 80,
  /** More paragraphs or characters than this between headline and story are not a lead but another part of the page. */
  leadMaxRuns: 3,
  leadMaxChars: 1500,
  /** The <h1> before the lead is the headline when this share of its words are in the page's title. */
  leadHeadlineShare: 0.5,
  /** The headline and the story must share an ancestor at most this many levels above the story's first paragraph. */
  leadMaxLevels: 6,
  /** A block this short after the article's last paragraph that ends no sentence is a label ("Weitere Themen", "Schon gelesen?"). */
  tailLabelMaxChars: 50,
  /** A heading after the article's last paragraph is furniture up to this long (thelocal.se leaves an <h2> open around its whole story). */
  tailHeadingMaxChars: 150,
  /** Longest block read as a disclosure (affiliate links, licence, opinion disclaimer). */
  disclosureMaxChars: 400,
  /** Longest block after the story's last paragraph read as a call to action ("Sign up for our newsletter"). */
  tailCallToActionMaxChars: 300,
  /** Longest closing block read as a call to action for naming a channel alone (newsletter, WhatsApp). */
  tailChannelMaxChars: 80,
  /** An inline element with a furniture name is kept when its paragraph holds this many times its text (a dateline opening the first sentence). */
  inSentenceMinShare: 4,
  /** Longest block tested as a byline or date line. */
  metaLineMaxChars: 120,
  /** Pruned sections are reported in `removed` with at most this many characters. */
  removedMaxChars: 300,
} as const;
