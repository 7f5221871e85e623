import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';

/**
 * Markup that splits or hides words of the story: soft hyphens and zero-width spaces,
 * ruby readings, and class names that hide a part of an element but not the element.
 * Made-up pages in the shape of the trafilatura-dev pages named in each case.
 */
const para = (n: number) => `<p>Paragraph ${n} of the story tells readers about the vote on the bridge, with quotes from the mayor and from residents near the crossing.</p>`;
const story = [1, 2, 3, 4].map(para).join('');

function record(bytes: string, name = 'page.html') {
  const result = clean({ bytes: Buffer.from(bytes), name, receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.record;
}

describe('invisible characters inside words', () => {
  it('soft hyphens written as entities or characters, and zero-width spaces, leave the HTML body (weinkenner.de)', () => {
    const r = record(`<html><body><article><p>Der St. Mag&shy;da&shy;le&shy;ner ist ein Rot\u00adwein aus Süd\u200btirol, der vom Gambero Rosso gelobt wird, wie viele andere Weine der Gegend auch.</p>${story}</article></body></html>`);
    expect(r.body).toContain('Der St. Magdalener ist ein Rotwein aus Südtirol');
    expect(r.body).not.toMatch(/[\u00ad\u200b]/);
  });

  it('…and the text-dump body (text/segment.ts tidies its lines the same way)', () => {
    const lines = ['Sans recherche auto\u00adnome, nous n\u2019avons pas de science.', '', ...[1, 2, 3].map((n) => `Paragraph ${n} of the story tells readers about the vote on the bridge, with quotes from the mayor and from residents near the crossing.`)];
    const r = record(lines.join('\n'), 'page.txt');
    expect(r.body).toContain('Sans recherche autonome');
  });

  it('the zero-width joiner stays (it changes how emoji and Indic text render)', () => {
    const r = record(`<html><body><article><p>The family emoji 👨\u200d👩\u200d👧 was sent by residents who want the bridge built soon, the mayor said on Monday.</p>${story}</article></body></html>`);
    expect(r.body).toContain('👨\u200d👩\u200d👧');
  });
});

describe('ruby readings', () => {
  it('<rt> and <rp> glosses are left out of the words they annotate (nhk.or.jp easy news)', () => {
    const r = record(`<html><body><article><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p>${story}</article></body></html>`);
    expect(r.body).toContain('子どもへの虐待をなくすための法律ができました。');
  });
});

describe('class names that hide a part, not the element', () => {
  it('a Drupal field with "field--label-hidden" keeps its text (grazia-magazin.de intro field)', () => {
    const intro = 'Kaum zu fassen, dass diese Story wirklich passiert ist: the intro field of the article, with its label hidden.';
    const r = record(`<html><body><article><h1>Bridge</h1><div class="field field-name-field-intro-text field-label-hidden"><p>${intro}</p></div><div class="field field--name-body field--label-hidden">${story}</div></article></body></html>`);
    expect(r.body).toContain('Kaum zu fassen');
  });

  it('an element named "hidden" on its own is still pruned', () => {
    const r = record(`<html><body><article><div class="hidden"><p>A hidden block of text that the reader never sees on the page at all, whatever it says.</p></div>${story}</article></body></html>`);
    expect(r.body).not.toContain('A hidden block');
  });
});

describe('the rest of the story in a "read more" expander', () => {
  it('an expander named read-more that holds the story\'s prose is kept; a read-more link box is not', () => {
    const rest = [5, 6, 7, 8, 9].map(para).join('');
    const r = record(`<html><body><article>${story}<div class="read-more-content">${rest}</div><div class="readmore"><a href="/other">Read more: another story</a></div></article></body></html>`);
    expect(r.body).toContain('Paragraph 9 of the story');
    expect(r.body).not.toContain('another story');
  });
});
