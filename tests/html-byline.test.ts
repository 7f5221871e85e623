import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { namesOfByline } from '../src/clean/lines/byline-names.js';
import { readJsonLd } from '../src/clean/html/jsonld.js';
import { namesAuthor } from '../src/clean/page/author-element.js';
import { readMetadata } from '../src/clean/html/metadata.js';
import { parsePage } from '../src/clean/page/parse-page.js';

function bylineOf(head: string, body: string): string | null {
  const { root, index, jsonLd } = parsePage(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return readMetadata(root, readJsonLd(root, index.jsonLd, jsonLd), index).byline;
}

describe('the names an author element gives', () => {
  it.each([
    ['Veröffentlicht am 8. Februar 2022 von PETA-Team', 'PETA-Team'],
    ['Posted on September 21, 2020 by Adi Tzlil', 'Adi Tzlil'],
    ['By John Walk - January 10, 2020 21 minutes - 4312 words', 'John Walk'],
    ['Par Kab Niang Le 17/02/2020', 'Kab Niang'],
    ['Autor: Peter Maahn', 'Peter Maahn'],
    ['Text & Fotos: Ivan Valetny', 'Ivan Valetny'],
    ['Carrie Arnold November 21, 2019', 'Carrie Arnold'],
    ['Janic Cathomen, 01.12.2021', 'Janic Cathomen'],
    ['von Rudolf Fischer, Simon Kohler', 'Rudolf Fischer, Simon Kohler'],
    ['Steven Salentin Mitglied der Tonight News-Redaktion', 'Steven Salentin'],
    ['Ursula von der Leyen', 'Ursula von der Leyen'],
    ['red, wien.ORF.at/Agenturen', 'red, wien.ORF.at/Agenturen'],
    ['Eingestellt von uriebe', 'uriebe'],
    ['Mike Wuerthele and Malcolm Owen Monday', 'Mike Wuerthele and Malcolm Owen'],
  ])('%s → %s', (text, name) => {
    expect(namesOfByline(text)).toBe(name);
  });

  it.each([['Kersti Wolnow sagt: 19. Oktober 2019 um 14:37 Uhr'], ['Name *'], ['By'], ['1 Min Read'], ['humans.txt'], ['I am glad that the media noticed my brief tweet about the protests.'], ['https://www.facebook.com/someone']])(
    'no names in %s',
    (text) => {
      expect(namesOfByline(text)).toBeNull();
    },
  );
});

describe('the byline: JSON-LD and meta persons, then the page author elements, a site name last', () => {
  it('reads the page byline element when the page has no author metadata', () => {
    expect(bylineOf('', '<h1>Headline</h1><div class="metaInfo byline">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div><p>Text</p>')).toBe('Pamela Sladky');
  });

  it('prefers the byline element over a meta author naming the site', () => {
    const head = '<meta property="og:site_name" content="Badische Zeitung"><meta name="author" content="Badische Zeitung">';
    expect(bylineOf(head, '<span class="author">Von Lisa Petrich</span>')).toBe('Lisa Petrich');
    // With no other byline, the site's own signature stays.
    expect(bylineOf(head, '<p>Text</p>')).toBe('Badische Zeitung');
  });

  it('takes a later byline that names the same people and more', () => {
    expect(bylineOf('<meta name="author" content="Rudolf Fischer">', '<div class="author">von Rudolf Fischer, Simon Kohler</div>')).toBe('Rudolf Fischer, Simon Kohler');
  });

  it('never reads comment authors, links or post containers named after the author', () => {
    const comments = '<div id="comments"><span class="comment-author">Kersti Wolnow</span></div>';
    expect(bylineOf('', comments)).toBeNull();
    expect(bylineOf('<meta name="author" content="https://www.facebook.com/page">', '<article class="post author-jane-doe"><p>Yellow Vests and I</p></article>')).toBeNull();
  });

  it('reads an author link inside a heading', () => {
    expect(bylineOf('', '<h2 class="widget-title">By <a rel="author" class="url fn n" href="/author/tatyana-turner/">Tatyana Turner</a></h2>')).toBe('Tatyana Turner');
  });
});

describe('which elements name an author (namesAuthor)', () => {
  // Every alternative of AUTHOR_ELEMENT_NAME, in the case a CMS might write it: the stem
  // pre-test in front of the alternation must let each of them through.
  it.each([
    ['class', 'post-Author'], ['id', 'BYLINE'], ['class', 'meta byl'], ['class', 'staff-writer'], ['itemprop', 'Journalist'],
    ['class', 'Verfasser'], ['class', 'autor-box'], ['class', 'auteur'], ['data-testid', 'submitted-by'], ['data-component', 'posted-by'],
    ['rel', 'author'],
  ])('%s="%s" does', (attribute, value) => {
    const { root } = parsePage(`<html><body><div ${attribute}="${value}">Jane Doe</div></body></html>`);
    expect(namesAuthor(load(root)('div')[0]!)).toBe(true);
  });

  it.each([
    ['class', 'authority'], ['class', 'bylaws'], ['title', 'author'], ['class', 'entry-content'],
  ])('%s="%s" does not', (attribute, value) => {
    const { root } = parsePage(`<html><body><div ${attribute}="${value}">Jane Doe</div></body></html>`);
    expect(namesAuthor(load(root)('div')[0]!)).toBe(false);
  });
});
