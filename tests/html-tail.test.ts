import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';

/**
 * Headings and labels after the article's last paragraph (html/classify.ts trimTail), on
 * made-up pages in the shape of the trafilatura-dev pages named in each case.
 */
const story = Array.from({ length: 4 }, (_, i) => `<p>Paragraph ${i + 1} of the story tells readers about the council vote on the bridge, with quotes from the mayor and from residents near the crossing.</p>`).join('');

function record(tail: string) {
  const html = `<html><head><title>Council votes on the bridge</title></head><body><article><h1>Council votes on the bridge</h1>${story}${tail}</article></body></html>`;
  const result = clean({ bytes: Buffer.from(html), name: 'bridge.html', receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.record;
}

describe('furniture after the last paragraph', () => {
  it('a heading with nothing of the story after it is removed (a teaser box heading whose teasers were pruned)', () => {
    const r = record('<h3>Aus dem Archiv der Redaktion</h3>');
    expect(r.body).not.toContain('Aus dem Archiv');
    expect(r.removed).toContainEqual(expect.objectContaining({ text: 'Aus dem Archiv der Redaktion', reason: 'heading after the last paragraph' }));
  });

  it('short labels that end no sentence, or ask, are removed, innermost first (simmeltalzeitung.ch, aerobuzz.de)', () => {
    const r = record('<p>Schon gelesen?</p><div>Artikel bewerten</div>');
    expect(r.body).not.toContain('Schon gelesen?');
    expect(r.body).not.toContain('Artikel bewerten');
    expect(r.body).toContain('Paragraph 4 of the story');
  });

  it('a related-content marker ending in "!" ends the article, with the teaser after it (holzwerken.net)', () => {
    const r = record('<p>Das könnte Sie auch interessieren!</p><p>Nodus-Knoten, Besteckschrank, Bohrständertisch - und was noch alles in HolzWerken 88 steckt</p>');
    expect(r.body).not.toContain('Das könnte Sie auch interessieren');
    expect(r.body).not.toContain('Nodus-Knoten');
  });

  for (const marker of ['Ähnliche Themen', 'Weitere Themen', 'Empfohlene Beiträge']) {
    it(`"${marker}" ends the article (German blogs and forums, trafilatura-dev set)`, () => {
      const r = record(`<p>${marker}</p><p>Ein anderer Beitrag über etwas ganz anderes, mit einem langen Anriss, der hier weitergeht und endet.</p>`);
      expect(r.body).not.toContain('Ein anderer Beitrag');
    });
  }

  it('a heading inside the story, followed by more story, stays', () => {
    const r = record('<h2>What comes next</h2><p>The council meets again in May to decide how the bridge will be paid for, the mayor said.</p>');
    expect(r.body).toContain('What comes next');
  });

  it('a closing line that introduces a link (fdpbt.de), a list item and a label with a number stay', () => {
    const r = record('<ul><li>Bridge length in metres</li></ul><p>Ottostraße 14</p><p>Das Konzeptpapier finden Sie hier:</p>');
    expect(r.body).toContain('Das Konzeptpapier finden Sie hier:');
    expect(r.body).toContain('Bridge length in metres');
    expect(r.body).toContain('Ottostraße 14');
  });

  it('a story left inside an unclosed heading is not a trailing heading (thelocal.se)', () => {
    const long = 'Whether you are for or against the new bridge, the vote split the council down the middle and left the mayor with a narrow majority of one, which he says is enough to start building next spring.';
    const r = record(`<h2>${long}</h2>`);
    expect(r.body).toContain(long);
  });
});

describe('reading-time and post meta lines', () => {
  for (const line of ['4 Min Read', 'Lesezeit: 3 Minuten', 'Reading time: 5 min', 'Comment feed | Comments closed | Trackback URL']) {
    it(`"${line}" is furniture (reuters.com, issue 15)`, () => {
      const html = `<html><head><title>Council votes on the bridge</title></head><body><article><h1>Council votes on the bridge</h1><p>${line}</p>${story}<p>${line}</p></article></body></html>`;
      const result = clean({ bytes: Buffer.from(html), name: 'bridge.html', receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
      if (!result.ok) throw new Error(`rejected: ${result.reason}`);
      expect(result.record.body).not.toContain(line);
    });
  }

  it('a sentence about minutes is not a reading-time line', () => {
    const r = record('<p>4 minutes later the mayor came back.</p>');
    expect(r.body).toContain('4 minutes later the mayor came back.');
  });

  it('a closing call to action goes ("Sign up …", "Wir bei WhatsApp"), a last paragraph that only names a channel stays', () => {
    const appeal = record('<p>There is plenty more where that came from. Sign up for The Daily Bridge today to get the free newsletter delivered to your inbox.</p><p>Wir bei WhatsApp</p>');
    expect(appeal.body).not.toContain('Sign up for');
    expect(appeal.body).not.toContain('Wir bei WhatsApp');
    expect(appeal.body).toContain('Paragraph 4 of the story');
    const story = record('<p>The council said residents would be told of the closures through a WhatsApp group and the town newsletter from next week.</p>');
    expect(story.body).toContain('through a WhatsApp group');
  });
});
