/**
 * Capitalised words that open a story followed by a colon but are labels, not places:
 * "UPDATE:", "BREAKING:". A dateline ("KABUL:", seed 000; "ISLAMABAD:", seed 004) names a place.
 */
export const NOT_DATELINE_WORDS: ReadonlyArray<{ word: string; note: string }> = [
  { word: 'UPDATE', note: 'editors\' "UPDATE:" notes opening a story' },
  { word: 'UPDATED', note: 'editors\' "UPDATED:" notes' },
  { word: 'BREAKING', note: '"BREAKING:" labels on live stories' },
  { word: 'BREAKING NEWS', note: '"BREAKING NEWS:" labels' },
  { word: 'EXCLUSIVE', note: '"EXCLUSIVE:" labels' },
  { word: 'WATCH', note: '"WATCH:" video teasers' },
  { word: 'VIDEO', note: '"VIDEO:" teasers' },
  { word: 'PHOTOS', note: '"PHOTOS:" gallery teasers' },
  { word: 'LISTEN', note: '"LISTEN:" audio teasers' },
  { word: 'NOTE', note: '"NOTE:" editor notes' },
  { word: "EDITOR'S NOTE", note: '"EDITOR\'S NOTE:" (AP)' },
  { word: 'EDITOR’S NOTE', note: '"EDITOR’S NOTE:" (AP, curly apostrophe)' },
  { word: 'CORRECTION', note: '"CORRECTION:" notices' },
  { word: 'OPINION', note: '"OPINION:" labels' },
  { word: 'ANALYSIS', note: '"ANALYSIS:" labels' },
  { word: 'FILE', note: '"FILE -" photo captions (AP)' },
  { word: 'Q', note: 'Q&A interviews "Q:"' },
  { word: 'A', note: 'Q&A interviews "A:"' },
  { word: 'TL;DR', note: 'blog summaries' },
];
