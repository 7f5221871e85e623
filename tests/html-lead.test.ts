import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';

/**
 * The lead between the headline and the story (src/clean/html/lead.ts), on made-up pages
 * shaped like the trafilatura-dev pages it came from (zeit.de, tagesspiegel.de: the lead in
 * the article header; TYPO3 news: the lead in div.teaser-text). Golden pages pin it on real ones.
 */
const TITLE = 'Council votes on the new river bridge';
const story = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1} of the story tells readers about the council vote on the bridge, with quotes from the mayor and from residents near the crossing.</p>`).join('');
const LEAD = 'The city will build its first new crossing in forty years, after a vote that split the council down the middle.';

function record(head: string, options: { h1?: string } = {}) {
  const h1 = options.h1 ?? TITLE;
  const html = `<html><head><title>${TITLE}</title><meta property="og:title" content="${TITLE}"></head><body><nav><a href="/">Home</a></nav><article><header><h1>${h1}</h1>${head}</header><div class="story">${story}</div></article><footer>Footer text of the site</footer></body></html>`;
  const result = clean({ bytes: Buffer.from(html), name: 'bridge.html', receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.record;
}

describe('the lead between the headline and the story', () => {
  it('a lead in the article header, outside the story container, opens the body', () => {
    const r = record(`<div class="summary"><p>${LEAD}</p></div>`);
    expect(r.body.startsWith(LEAD)).toBe(true);
    expect(r.body).toContain('Paragraph 5 of the story');
  });

  it('a lead named "teaser" (pruned as a promo box elsewhere) is read as the lead and not reported removed', () => {
    const r = record(`<div class="teaser-text"><p>${LEAD}</p></div>`);
    expect(r.body.startsWith(LEAD)).toBe(true);
    expect(r.removed.some((b) => b.text.includes(LEAD))).toBe(false);
  });

  it('an <h2> the title names is the headline when the <h1> is empty (biathlon-antholz.it)', () => {
    const r = record(`<h2>${TITLE}</h2><div class="summary"><p>${LEAD}</p></div>`, { h1: '' });
    expect(r.body.startsWith(LEAD)).toBe(true);
  });

  it('a meta line between headline and story that ends no sentence is not the lead (ardmediathek.de)', () => {
    const r = record(`<h4>16.10.2019 Council news: the bridge vote ∙ Riverside Weekly Television</h4><div class="summary"><p>${LEAD}</p></div>`);
    expect(r.body).not.toContain('16.10.2019 Council news');
    expect(r.body.startsWith(LEAD)).toBe(true);
  });

  it('no lead is read after an <h1> that is not the headline (a site logo)', () => {
    const r = record(`<div class="summary"><p>${LEAD}</p></div>`, { h1: 'Riverside Weekly' });
    expect(r.body).not.toContain(LEAD);
  });

  it('a caption in a figure, a cut-off teaser and a link line between headline and story are not the lead', () => {
    const caption = 'The mayor speaks to residents at the riverbank on Monday, as the council prepared for its vote on the new bridge.';
    const teaser = 'Another story about the bridge tells of the years of debate before the council finally agreed,...';
    const links = '<p><a href="/a">Read our earlier coverage of the bridge</a> and <a href="/b">the council meeting of last week</a>.</p>';
    const r = record(`<figure><img src="a.jpg"><div class="text"><p>${caption}</p></div></figure><div class="summary"><p>${teaser}</p></div>${links}`);
    expect(r.body).not.toContain('The mayor speaks to residents');
    expect(r.body).not.toContain('Another story about the bridge');
    expect(r.body).not.toContain('earlier coverage');
  });

  it('more prose between headline and story than a lead holds is some other part of the page, and none of it is taken', () => {
    const other = Array.from({ length: 4 }, (_, i) => `<p>Other text ${i + 1} of the page runs on for a while about something else entirely, and ends here.</p>`).join('');
    const r = record(`<div class="intro">${other}</div>`);
    expect(r.body).not.toContain('Other text 1');
  });

  it('a lead without a full stop is read from 80 characters (standard.co.uk, schwimmverband.at)', () => {
    const unended = 'Penalties for those who refuse to self-isolate after the vote rise to a maximum of ten thousand pounds';
    const r = record(`<div class="summary"><p>${unended}</p></div>`);
    expect(r.body.startsWith(unended)).toBe(true);
  });

  it('a lead ending in dots of its own is read; one cut after a comma is not (grazia-magazin.de)', () => {
    const dotted = 'The city will build its first new crossing in forty years, and the mayor already has a name for it...';
    expect(record(`<div class="summary"><p>${dotted}</p></div>`).body.startsWith(dotted)).toBe(true);
  });

  it('a lead written twice (a second layout, or again in the story) is read once', () => {
    const r = record(`<div class="summary mobile"><p>${LEAD}</p></div><div class="summary desktop"><p>${LEAD}</p></div>`);
    expect(r.body.split(LEAD).length - 1).toBe(1);
  });

  it('with the headline far above the <article>, the lead at the top of the <article> is read (blinker.de)', () => {
    const html = `<html><head><title>${TITLE}</title></head><body><div class="row"><div class="col"><div class="x"><div class="y"><div class="z"><div class="w"><h1>${TITLE}</h1></div></div></div></div></div></div><div class="main"><div class="a"><div class="b"><div class="c"><div class="d"><div class="e"><article><div class="excerpt"><p>${LEAD}</p></div><div class="entry-date">09.07.2021</div><div class="entry-content">${story}</div></article></div></div></div></div></div></div></body></html>`;
    const result = clean({ bytes: Buffer.from(html), name: 'bridge.html', receivedAt: '2021-07-09T00:00:00Z' }, { processedAt: '2021-07-09T00:00:00Z' });
    if (!result.ok) throw new Error(`rejected: ${result.reason}`);
    expect(result.record.body.startsWith(LEAD)).toBe(true);
  });
});
