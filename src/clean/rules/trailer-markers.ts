/**
 * Lines that end the article: everything after one (related posts, comments, "most
 * popular" lists) is trailer. Matched against a whole line, case-insensitively; a count
 * ("12 Comments", "Comments (3)") and a trailing colon are allowed.
 */
export interface TrailerMarker {
  phrase: string;
  note: string;
}

export const TRAILER_MARKERS: readonly TrailerMarker[] = [
  { phrase: 'Popular posts from this blog', note: 'seed 002, a Blogger page: three unrelated teasers follow' },
  { phrase: 'Comments', note: 'seed 002: the Blogger comment section heading' },
  { phrase: 'View Comments', note: 'ctpost.com article (scrapinghub set): comment widget after the story' },
  { phrase: 'Post a Comment', note: 'Blogger default comment form heading' },
  { phrase: 'Leave a Reply', note: 'WordPress default comment form heading' },
  { phrase: 'Leave a comment', note: 'WordPress themes\' comment link under posts' },
  { phrase: 'Add a comment', note: 'news sites\' comment widgets (Disqus/Viafoura headers)' },
  { phrase: 'Show comments', note: 'news sites\' collapsed comment sections' },
  { phrase: 'Join the conversation', note: 'news sites\' comment section heading (e.g. Viafoura)' },
  { phrase: 'Related articles', note: 'related-links box after news stories' },
  { phrase: 'Related stories', note: 'related-links box after news stories' },
  { phrase: 'Related posts', note: 'WordPress related-posts plugins' },
  { phrase: 'Related news', note: 'related-links box after news stories' },
  { phrase: 'Related coverage', note: 'related-links box after news stories' },
  { phrase: 'Related content', note: 'related-links box after news stories' },
  { phrase: 'You may also like', note: 'recommendation widgets after posts' },
  { phrase: 'You might also like', note: 'recommendation widgets after posts' },
  { phrase: 'Recommended for you', note: 'recommendation widgets after posts' },
  { phrase: 'More stories', note: 'news sites\' "more stories" teaser lists' },
  { phrase: 'More on this story', note: 'BBC-style related links after the story' },
  { phrase: 'Most Popular', note: 'ctpost.com article (scrapinghub set): numbered popular list after the story' },
  { phrase: 'Most Read', note: 'news sites\' most-read lists after the story' },
  { phrase: 'Trending Now', note: 'news sites\' trending lists after the story' },
  { phrase: 'Share this:', note: 'WordPress Jetpack sharing block closing a post' },
  { phrase: 'Like this:', note: 'WordPress Jetpack "Like this:" block closing a post' },
  { phrase: 'Kommentare', note: 'German news pages: comment section heading' },
  { phrase: 'Mehr zum Thema', note: 'German news pages (zeit.de, dates-htmldate set): related links' },
  { phrase: 'Das könnte Sie auch interessieren', note: 'German news pages: recommendations' },
  { phrase: 'Commentaires', note: 'French news pages: comment section heading' },
  { phrase: 'À lire aussi', note: 'French news pages: related links' },
  { phrase: 'Sur le même sujet', note: 'French news pages: related links' },
  { phrase: 'Comentarios', note: 'Spanish news pages: comment section heading' },
  { phrase: 'Noticias relacionadas', note: 'Spanish news pages: related links' },
  { phrase: 'Commenti', note: 'Italian news pages: comment section heading' },
  { phrase: 'Articoli correlati', note: 'Italian news pages: related links' },
  { phrase: 'Reacties', note: 'Dutch news pages: comment section heading' },
  { phrase: 'Comentários', note: 'Portuguese news pages: comment section heading' },
];
