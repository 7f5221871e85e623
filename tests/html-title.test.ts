import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../src/clean/html/jsonld.js';
import { readMetadata } from '../src/clean/html/metadata.js';
import { stripSiteName } from '../src/clean/html/title.js';
import { parsePage } from '../src/clean/page/parse-page.js';

/** The title readMetadata gives for a page with `head` and `body`. */
function titleOf(head: string, body: string): string | null {
  const { root, index, jsonLd } = parsePage(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return readMetadata(root, readJsonLd(root, index.jsonLd, jsonLd), index).title;
}

describe('the title: the visible headline that agrees with the metadata', () => {
  it('takes the h1 over a shorter og:title when they agree (a rewritten SEO line is not the headline)', () => {
    const head = '<meta property="og:title" content="DB Lounge: Kein Zutritt mehr mit Sparpreis-Tickets"><title>DB Lounge: Kein Zutritt mehr mit Sparpreis-Tickets</title>';
    expect(titleOf(head, '<h1>DB Lounge: Kein Zugang mehr mit Sparpreis-Ticket</h1>')).toBe('DB Lounge: Kein Zugang mehr mit Sparpreis-Ticket');
  });

  it('keeps og:title when no heading agrees with it (a section name in the h1)', () => {
    const head = '<meta property="og:title" content="Council votes on the budget for next year"><title>Council votes on the budget for next year | Daily Example</title>';
    expect(titleOf(head, '<h1>Local politics</h1><p>Text</p>')).toBe('Council votes on the budget for next year');
  });

  it('drops a headline kicker: a leading element named so, or one next to a hidden separator', () => {
    const head = '<meta property="og:title" content="Klimaschutz: Bohren, bis es heiß wird">';
    const zeit = '<h1><span class="article-heading__kicker">Klimaschutz</span><span class="visually-hidden">: </span><span class="article-heading__title">Bohren, bis es heiß wird</span></h1>';
    expect(titleOf(head, zeit)).toBe('Bohren, bis es heiß wird');
    const unnamed = '<h1><span class="css-1">Klimaschutz<span class="sr-only">:</span></span>Bohren, bis es heiß wird</h1>';
    expect(titleOf(head, unnamed)).toBe('Bohren, bis es heiß wird');
    // Without a kicker's marks, a two-part heading stays whole.
    expect(titleOf(head, '<h1><span>Klimaschutz:</span> <span>Bohren, bis es heiß wird</span></h1>')).toBe('Klimaschutz: Bohren, bis es heiß wird');
  });

  it('never takes the site: an h1 equal to og:site_name, a link home, or an affix of the <title>', () => {
    const head = '<meta property="og:site_name" content="Bloghaus"><title>Einen Twitterfeed einbinden | Bloghaus</title>';
    expect(titleOf(head, '<h1>Bloghaus</h1><h2>Einen Twitterfeed einbinden</h2>')).toBe('Einen Twitterfeed einbinden');
    const logo = '<h1><a href="https://example.wordpress.com/">Einen Twitterfeed einbinden</a></h1><h2>Einen Twitterfeed einbinden</h2>';
    expect(titleOf('<title>Einen Twitterfeed einbinden</title>', logo)).toBe('Einen Twitterfeed einbinden');
    const affix = '<h1>Krimiblog-Archiv</h1><h2>Das vermutlich schwulste Musikvideo der Welt</h2>';
    expect(titleOf('<title>Das vermutlich schwulste Musikvideo der Welt | Krimiblog-Archiv</title>', affix)).toBe('Das vermutlich schwulste Musikvideo der Welt');
  });

  it('takes the leading segment of the <title> a heading names ("Ben Wilson Surf - Point of Sail - …")', () => {
    expect(titleOf('<title>Ben Wilson Surf - Point of Sail - Segelmacher, Surf und Kite Shop und Reparatur in Kiel</title>', '<h1>Ben Wilson Surf</h1>')).toBe('Ben Wilson Surf');
  });

  it('takes the part of a heading equal to a metadata title, not the section name or subtitle around it', () => {
    const head = '<meta property="og:title" content="Brothel catering to politicians busted in Boston">';
    expect(titleOf(head, '<h1><div><a href="/local-news/">Local News | </a></div><span>Brothel catering to politicians busted in Boston</span></h1>')).toBe('Brothel catering to politicians busted in Boston');
    expect(titleOf(head, '<h1><span>Brothel catering to politicians busted in Boston</span> <small>Johns paid up to $600 an hour</small></h1>')).toBe('Brothel catering to politicians busted in Boston');
  });

  it('prefers an h2 equal to og:title over an h1 equal only to the <title>', () => {
    const head = '<meta property="og:title" content="„Arschloch“: Danni und Ennesto trennen sich"><title>Danni und Ennesto trennen sich: „Arschloch“</title>';
    expect(titleOf(head, '<h1>Danni und Ennesto trennen sich: „Arschloch“</h1><h2>„Arschloch“: Danni und Ennesto trennen sich</h2>')).toBe('„Arschloch“: Danni und Ennesto trennen sich');
  });

  it('takes the JSON-LD headline as a metadata title, and the first h1 when the page has no metadata title', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Alaska Airlines sets new date"}</script>';
    expect(titleOf(ld, '<h1>Alaska Airlines sets new date</h1>')).toBe('Alaska Airlines sets new date');
    expect(titleOf('', '<h1>Time to say goodbye.</h1>')).toBe('Time to say goodbye.');
  });

  it('removes soft hyphens and zero-width characters', () => {
    expect(titleOf('<title>Messengerdienste sind kein rechtsfreier Raum</title>', '<h1>Mes\u00adsen\u00adger\u00addiens\u00adte sind kein rechts\u200bfrei\u00ader Raum</h1>')).toBe('Messengerdienste sind kein rechtsfreier Raum');
  });

  it('cuts the site name and a short tail off a metadata title', () => {
    expect(stripSiteName('Turkey added to quarantine list | London Evening Standard | Evening Standard', 'Evening Standard')).toBe('Turkey added to quarantine list');
    expect(stripSiteName('BMAS - Änderung der Anforderungen an Impfnachweise', 'BMAS')).toBe('Änderung der Anforderungen an Impfnachweise');
    expect(stripSiteName('A long headline about the city council and its budget', null)).toBe('A long headline about the city council and its budget');
  });
});
