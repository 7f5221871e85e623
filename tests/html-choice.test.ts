import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { closeHeadings } from '../src/clean/page/heading-close.js';

/**
 * Which pass of the extractor's cascade (src/clean/html/index.ts) gives the body: made-up
 * pages shaped like the dev pages they came from; golden pages pin the real ones.
 */
const options = { processedAt: '2026-12-06T00:00:00.000Z' };
const para = (n: number) => `Paragraph ${n} of the post explains, in plain sentences, how the new browser protection works and why it matters to its users.`;
const page = (body: string) => `<!doctype html><html lang="en"><head><title>Enhanced protection | Example Blog</title></head><body>${body}</body></html>`;
const result = (html: string) => clean({ bytes: Buffer.from(html), name: 'page.html', receivedAt: options.processedAt }, options);

describe('the article only inside <noscript>', () => {
  it('is read when the rest of the page holds no article (Blogger: a script template plus a <noscript> copy)', () => {
    const story = [1, 2, 3, 4].map((n) => `<p>${para(n)}</p>`).join('');
    const r = result(
      page(`<div class="header"><p>The latest news and insights on security.</p></div>
        <div class="post-body"><script type="text/template">${story}</script><noscript>${story}</noscript></div>
        <div class="footer"><a href="/privacy">Privacy</a></div>`),
    );
    if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.detail}`);
    expect(r.record.body).toContain('Paragraph 1 of the post');
    expect(r.record.body).toContain('Paragraph 4 of the post');
    expect(r.record.stats.method).toBe('html:noscript');
  });

  it('does not turn page chrome around a "JavaScript is disabled" notice into an article (hypixel.net forum)', () => {
    const chrome = ['Join 66,991 other online players today!', 'Thread starter Biggie-Cheese', 'Well-Known Member since 2017', 'Messages 3,066 and reactions 1,200', 'Server address mc.example.net for all players'];
    const r = result(page(`<div class="p-body">${chrome.map((c) => `<div class="row"><span>${c}</span></div>`).join('')}<noscript><div class="notice">JavaScript is disabled. For a better experience, please enable JavaScript in your browser before proceeding.</div></noscript></div>`));
    expect(r.ok).toBe(false);
  });
});

describe('a first pass just under the word minimum', () => {
  it('does not end the cascade: a later pass with enough words gives the body', () => {
    // Strict pruning drops the story box (its name says "related"); the strict pass then finds
    // only a notice of long compound words: 200+ characters but under 30 words.
    const notice = '<div class="box"><p>Bundesverwaltungsgerichtsentscheidung Datenschutzgrundverordnungsanpassungsgesetz Rechtsschutzversicherungsgesellschaften Kraftfahrzeughaftpflichtversicherung Arbeitnehmerentsendegesetz.</p><p>Donaudampfschifffahrtsgesellschaftskapitän Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung Telekommunikationsüberwachungsverordnung Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz.</p></div>';
    const story = `<div class="related-story">${[1, 2, 3, 4, 5, 6].map((n) => `<p>${para(n)}</p>`).join('')}</div>`;
    const r = result(page(`${notice}${story}`));
    if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.detail}`);
    expect(r.record.body).toContain('Paragraph 6 of the post');
  });
});

describe('a heading closed with the wrong level', () => {
  it('is closed as a browser closes it: the article after it reads as paragraphs, the ad between them is not body (thelocal.se)', () => {
    const first = [1, 2, 3].map((n) => `<p>${para(n)}</p>`).join('');
    const rest = [4, 5, 6].map((n) => `<p>${para(n)}</p>`).join('');
    const r = result(
      page(`<article><h1>Enhanced protection</h1><h2 class="excerpt">A standfirst of the post, in one sentence about the new protection.</h3>
        <div class="article-body">${first}<div class="ad-container"><h3 class="ad-heading">Advertisement</h3></div>${rest}</div></article>`),
    );
    if (!r.ok) throw new Error(`rejected: ${r.reason} ${r.detail}`);
    expect(r.record.body).toContain('Paragraph 6 of the post');
    expect(r.record.body).not.toContain('Advertisement');
    expect(r.record.stats.paragraphs).toBeGreaterThanOrEqual(6);
  });

  it('closeHeadings rewrites only end tags that match no open heading', () => {
    expect(closeHeadings('<h2>a</h3><p>b</p>')).toBe('<h2>a</h2><p>b</p>');
    expect(closeHeadings('<h2>a<h3>b</h2>')).toBe('<h2>a<h3>b</h2>');
    expect(closeHeadings('<h2>a</h2></h3>')).toBe('<h2>a</h2></h3>');
    expect(closeHeadings('<H4 class="x">a</H5>')).toBe('<H4 class="x">a</h4>');
    const same = '<h1>a</h1><h2>b</h2>';
    expect(closeHeadings(same)).toBe(same);
  });
});
