import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import type { CleanRecord } from '../src/schemas/index.js';

/** Generic shapes of text dumps (not the seeds): each case could fail on its own. */

const P1 =
  'The city council approved the new budget on a narrow vote late on Tuesday, ending weeks of debate over spending on roads, schools and public transport in the region.';
const P2 =
  'Supporters said the plan would finally fix crumbling bridges, while critics warned that the higher property taxes it relies on would hurt families already struggling with rising costs.';
const P3 =
  'The mayor is expected to sign the measure within days, and the first contracts could be awarded before the end of the year, according to officials familiar with the schedule.';
const STORY = [P1, P2, P3];

function run(text: string, referenceDate?: string): CleanRecord {
  const result = clean(
    { bytes: new TextEncoder().encode(text), name: 'case.txt', receivedAt: '2024-01-01T00:00:00Z' },
    { processedAt: '2024-01-01T00:00:00Z', referenceDate },
  );
  if (!result.ok) throw new Error(`rejected: ${result.reason}: ${result.detail}`);
  return result.record;
}

const lines = (...parts: string[]): string => parts.join('\n\n');
const removedReason = (r: CleanRecord, text: string): string | undefined => r.removed.find((b) => b.text === text)?.reason;

describe('trailers', () => {
  it.each(['Related articles', '12 Comments', '[ 167 comments ]', 'Leave a Reply', 'You may also like', 'Kommentare (3)', 'Mehr zum Thema:'])(
    'cuts everything after "%s"',
    (marker) => {
      const teaser = 'Another story entirely: the weather service expects heavy snow across the northern districts later this week, with travel disruption likely.';
      const r = run(lines(...STORY, marker, teaser, teaser.replace('snow', 'rain')));
      expect(r.body).toBe(STORY.join('\n\n'));
      expect(removedReason(r, marker)).toMatch(/^trailer-marker: /);
      expect(r.removed.find((b) => b.text === teaser)).toMatchObject({ kind: 'trailer', reason: expect.stringMatching(/^after trailer-marker/) });
    },
  );

  it('does not weigh a story down for a marker above it when the teasers after a later marker hold as much prose', () => {
    const teasers = [
      'Singer opens up about her new album and the long tour that made her rethink everything she knew about fame.',
      'Actor spotted at a downtown restaurant with his co-star, fuelling rumours of a romance that neither will confirm.',
      'Reality star launches a skincare line that sold out within hours, and fans are already asking for a second drop.',
      'Comedian returns to late-night television after a two-year break with a monologue that had the audience in tears.',
      'Former athlete sells his mansion on the coast for a record price after a bidding war between two tech founders.',
      'Fashion house names a new creative director, ending months of speculation about who would take over the label.',
    ];
    const r = run(lines('Home', 'Share this:', 'Facebook', 'Budget passes after long fight', ...STORY, 'Trending Now', ...teasers));
    expect(r.body).toBe(STORY.join('\n\n'));
  });

  it('does not let a "Comments" link in a share bar above the story cut the story', () => {
    const r = run(lines('Share', 'Comments', 'Print', 'Budget passes after long fight', ...STORY, P1.replace('city council', 'county board'), P2.replace('bridges', 'tunnels')));
    expect(r.body).toContain(P1);
    expect(r.body).toContain(P3);
  });
});

describe('boilerplate inside and around the story', () => {
  it('removes ad labels, share buttons and "Read more:" links between paragraphs, each with a reason', () => {
    const r = run(lines(P1, 'Advertisement', P2, 'Read more: Council delays vote on stadium', 'Share on Facebook', P3));
    expect(r.body).toBe(STORY.join('\n\n'));
    expect(removedReason(r, 'Advertisement')).toBe('boilerplate-phrase');
    expect(removedReason(r, 'Read more: Council delays vote on stadium')).toBe('link to another story');
  });

  it('finds the story between a long menu and a footer', () => {
    const menu = ['Home', 'News', 'Local', 'Sports', 'Business', 'Opinion', 'Weather', 'Obituaries', 'Contact Us', 'Subscribe'];
    const footer = ['About', 'Careers', 'Privacy Policy', 'Terms of Use', '© 2024 Example Media Group. All rights reserved.'];
    const r = run([...menu, '', 'Council passes budget after marathon session', '', ...STORY.flatMap((p) => [p, '']), ...footer].join('\n'));
    expect(r.body).toBe(STORY.join('\n\n'));
    expect(r.title).toBe('Council passes budget after marathon session');
    expect(r.removed.filter((b) => b.reason === 'before the article').length).toBeGreaterThanOrEqual(5);
  });

  it('never takes a cookie banner for the article', () => {
    const banner =
      'We use cookies and similar technologies to personalise content and ads, to provide social media features and to analyse our traffic. By clicking Accept you consent to our use of cookies and to sharing data with our partners.';
    const r = run(lines(banner, 'Accept all', ...STORY));
    expect(r.body).not.toContain('We use cookies');
    expect(r.removed).toContainEqual({ kind: 'boilerplate', text: banner, reason: expect.any(String) });
    expect(r.body).toBe(STORY.join('\n\n'));
  });

  it('drops a box of short lines inside the story, but keeps a single subheading and a list the story introduces', () => {
    const box = ['Read next', 'Budget vote: what changes for drivers', 'Schools get new funding round'];
    const r = run(lines(P1, 'What the plan pays for', P2, ...box, P3, 'The budget covers three items:', 'Road repairs', 'School roofs', P1.replace('city council', 'county board')));
    for (const line of box) expect(removedReason(r, line)).toBe('run of non-prose lines inside the article');
    expect(r.body).toContain('What the plan pays for');
    expect(r.body).toContain('Road repairs\n\nSchool roofs');
    const bulleted = run(lines(P1, P2, '1. Road repairs', '2. School roofs', '3. Bus lanes', P3));
    expect(bulleted.body).toContain('3. Bus lanes');
  });

  it('takes the lines of a blog comment form for comment furniture, not for a story', () => {
    const form = [
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
      'Save my name, email, and website in this browser for the next time I comment.',
      'Notify me of follow-up comments by email.',
      'Notify me of new posts by email.',
      'This site uses Akismet to reduce spam. Learn how your comment data is processed.',
    ];
    const r = run(lines('Budget passes after long fight', P1, P2, ...form.slice(1)));
    expect(r.body).toBe(lines(P1, P2));
    const german = run(lines(P1, P2, 'Meinen Namen, E-Mail und Website in diesem Browser speichern, bis ich wieder kommentiere.', P3));
    expect(removedReason(german, 'Meinen Namen, E-Mail und Website in diesem Browser speichern, bis ich wieder kommentiere.')).toBe('comment form');
  });

  it('drops a repeated line inside the body as a duplicate', () => {
    const r = run(lines(P1, P2, P1, P3));
    expect(r.body).toBe(STORY.join('\n\n'));
    expect(r.removed).toContainEqual({ kind: 'duplicate', text: P1, reason: 'repeats an earlier line' });
  });
});

describe('metadata lines', () => {
  it.each([
    ['By Jane Doe', 'Jane Doe'],
    ['By JANE DOE and John Roe', 'JANE DOE and John Roe'],
    ['Von Heike Buchter', 'Heike Buchter'],
    ['By John Smith | March 3, 2021', 'John Smith'],
    ['Tom Krisher, AP Auto Writer', 'Tom Krisher, AP Auto Writer'],
    ['Staff Reporter', 'Staff Reporter'],
  ])('reads the byline "%s"', (line, byline) => {
    const r = run(lines('Budget passes after long fight', line, ...STORY));
    expect(r.byline).toBe(byline);
    expect(r.body).not.toContain(line);
  });

  it.each([
    ['Bettina Kugler 19.10.2019, 05:00 Uhr', 'Bettina Kugler'],
    ['11.12.2019 - Amelie Loevenich', 'Amelie Loevenich'],
    ['22. Dezember 2019 von Peter Addor', 'Peter Addor'],
    ['Veröffentlicht am 13. März 2019 von Michael Veeser-Dombrowski', 'Michael Veeser-Dombrowski'],
    ['September 15, 2020 byMobasir Hassan', 'Mobasir Hassan'],
    ['Posted by Nesselsetzer under Just For Fun', 'Nesselsetzer'],
  ])('reads the byline in the dated row "%s"', (line, byline) => {
    expect(run(lines('Budget passes after long fight', line, ...STORY)).byline).toBe(byline);
  });

  it('reads a name alone on its line next to the date row or a lone "Von"', () => {
    expect(run(lines('Budget passes after long fight', 'Jane Doe', 'March 3, 2021', ...STORY)).byline).toBe('Jane Doe');
    expect(run(lines('Budget passes after long fight', 'Von', 'Jane Doe', ...STORY)).byline).toBe('Jane Doe');
  });

  it('reads no byline from a menu of capitalised words, a label before the date or a photo credit', () => {
    expect(run(lines('Budget passes after long fight', 'Open Future', 'Local Politics', ...STORY)).byline).toBeNull();
    expect(run(lines('Budget passes after long fight', 'Last Modified: March 3, 2021', ...STORY)).byline).toBeNull();
    expect(run(lines('Budget passes after long fight', 'Foto: Jane Doe', ...STORY)).byline).toBeNull();
  });

  it('takes a subtitle without its full stop into the story, and leaves a long headline under a kicker its title', () => {
    const subtitle = 'Council members agree on the new budget after weeks of debate over roads and schools in the region';
    const withSubtitle = run(lines('Council approves the city budget', subtitle, ...STORY));
    expect(withSubtitle.title).toBe('Council approves the city budget');
    expect(withSubtitle.body.startsWith(subtitle)).toBe(true);
    const headline = 'Weeks of debate end as the council approves a city budget for roads, schools and transport';
    const underKicker = run(lines('Updated two hours ago', headline, ...STORY));
    expect(underKicker.title).toBe(headline);
    expect(underKicker.body).not.toContain(headline);
  });

  it('does not read a sentence starting with "By" as a byline', () => {
    const sentence = 'By Friday, most of the council members had made up their minds about the plan.';
    const r = run(lines(sentence, ...STORY));
    expect(r.byline).toBeNull();
    expect(r.body.startsWith(sentence)).toBe(true);
  });

  it.each([
    ['NEW YORK (Reuters) - ', 'NEW YORK'],
    ['WASHINGTON (AP) — ', 'WASHINGTON'],
    ['LONDON, March 3 (Reuters) - ', 'LONDON'],
    ['SÃO PAULO: ', 'SÃO PAULO'],
  ])('reads the dateline of "%s…" and keeps the text in the body', (lead, place) => {
    const r = run(lines(lead + P1, P2, P3));
    expect(r.dateline).toBe(place);
    expect(r.body.startsWith(lead.trim())).toBe(true);
  });

  it.each(['UPDATE: ', 'Paris: ', 'EDITOR’S NOTE: '])('reads no dateline from "%s…"', (lead) => {
    expect(run(lines(lead + P1, P2, P3)).dateline).toBeNull();
  });

  it('puts photo captions and credits in captions, not the body', () => {
    const caption = 'Council members listen to public comment during Tuesday’s meeting. (AP Photo/Jane Doe)';
    const r = run(lines('Budget passes after long fight', caption, 'Photo: Reuters', ...STORY));
    expect(r.captions).toEqual([caption, 'Photo: Reuters']);
    expect(r.body).toBe(STORY.join('\n\n'));
  });

  it('takes bullets before the story as highlights, and keeps bullets inside it', () => {
    const r = run(lines('Budget passes after long fight', '• Vote was 5-4', '• Taxes rise 2%', P1, '- roads: $4 million', '- schools: $2 million', P2, P3));
    expect(r.highlights).toEqual(['Vote was 5-4', 'Taxes rise 2%']);
    expect(r.body).toContain('- roads: $4 million');
  });

  it('reads a dateline date and a day-first European date', () => {
    expect(run(lines('Budget passes after long fight', 'March 3, 2021', ...STORY))).toMatchObject({ date: '2021-03-03', dateEvidence: { source: 'dateline' } });
    expect(run(lines('Haushalt beschlossen', '03.04.2021 14:30 Uhr', ...STORY)).date).toBe('2021-04-03');
  });

  it('uses no date from the trailer', () => {
    const r = run(lines(...STORY, 'Related articles', 'Council met on January 5, 2020 to discuss an earlier plan that failed.'));
    expect(r.date).toBeNull();
  });
});

describe('paragraph repair', () => {
  it('joins a hard-wrapped dump into paragraphs', () => {
    const wrap = (p: string): string => p.replace(/(.{1,68})(?:\s|$)/g, '$1\n').trim();
    const r = run(STORY.map(wrap).join('\n\n'));
    expect(r.body).toBe(STORY.join('\n\n'));
  });

  it('joins a paragraph split mid-sentence, but not two sentences', () => {
    const cut = P1.indexOf(' ', 80);
    const [head, tail] = [P1.slice(0, cut), P1.slice(cut + 1)];
    const r = run(lines(head, tail, P2, P3));
    expect(r.body.split('\n\n')[0]).toBe(P1);
    expect(r.stats.paragraphs).toBe(3);
  });
});

describe('rejections', () => {
  it('a menu without prose is no-article', () => {
    const result = clean(
      { bytes: new TextEncoder().encode(['Home', 'News', 'Sports', 'Contact'].join('\n')), name: 'menu.txt', receivedAt: '2024-01-01T00:00:00Z' },
      { processedAt: '2024-01-01T00:00:00Z' },
    );
    expect(result).toMatchObject({ ok: false, reason: 'no-article' });
  });

  it('a single sentence is too-short', () => {
    const result = clean(
      { bytes: new TextEncoder().encode('The council approved the budget on Tuesday after a long debate.'), name: 'one.txt', receivedAt: '2024-01-01T00:00:00Z' },
      { processedAt: '2024-01-01T00:00:00Z' },
    );
    expect(result).toMatchObject({ ok: false, reason: 'too-short' });
  });
});

describe('story span: leads and tables', () => {
  const LEAD = 'Council members spent the night arguing over the budget for roads and schools.';
  it('takes the lead above a share bar into the story', () => {
    const r = run(lines('Home', 'Budget passes after marathon session', LEAD, 'Share', 'Share', 'Share', 'Tweet', 'E-Mail', ...STORY, 'Imprint'));
    expect(r.body.startsWith(LEAD)).toBe(true);
    expect(r.body).not.toContain('Tweet');
  });

  it('does not take a headline ending in "!" above the share bar as a lead', () => {
    const headline = 'This is how the council finally passed the city budget!';
    const r = run(lines('Home', headline, 'Share', 'Share', 'Share', ...STORY));
    expect(r.body.startsWith(P1)).toBe(true);
    expect(r.title).toBe(headline);
  });

  const INTRO = 'This page always has the current standings of the championship after the last race!';
  const rows = Array.from({ length: 12 }, (_, i) => `${i + 1} Driver Number${i + 1} ${500 - i * 30} ${i % 3} ${i % 2}`);
  const SIDEBAR = [
    'Click the picture above and see how the drivers rank this season in the championship and in the overall standings of the year.',
    'Click to see the TV times of the next race, learn about the circuit, the statistics, the tyres and the weather for the weekend ahead of us.',
    'The great return of our podcast for its twelfth season, talking about everything that has happened in motorsport lately, seriously and with humour.',
  ];
  it('counts numbered table rows carrying figures for the story, over a sidebar of blurbs', () => {
    const r = run(lines('Home', 'Standings', INTRO, 'Pos. Driver Points Wins', ...rows, 'Share this on WhatsApp', 'www.example.com', ...SIDEBAR));
    expect(r.body).toContain(rows[0]);
    expect(r.body).toContain(rows[11]);
  });

  it('leaves a numbered list of headlines (no figures after the number) weighing against the story', () => {
    const headlines = Array.from({ length: 6 }, (_, i) => `${i + 1}Headline of another story about the town council number ${'abcdef'[i]}`);
    const r = run(lines(...STORY, 'Weekend picks', ...headlines));
    expect(r.body).toBe(STORY.join('\n\n'));
  });
});

describe('text titles', () => {
  it('takes the heading-like line sharing words with the story over a nearer video or section line', () => {
    const headline = 'City council approves new budget for roads and schools';
    const r = run(lines('Home', headline, 'EMBED More Videos Here', 'Watch the latest local news', ...STORY));
    expect(r.title).toBe(headline);
  });
});

describe('story span: tails', () => {
  it('leaves a short plea after a box of furniture below the story out', () => {
    const plea = 'Never miss the latest news from the region and the city council: sign up to our free weekly newsletter today!';
    const story = [...STORY, P1.replace('Tuesday', 'Monday'), P2.replace('Supporters', 'Opponents')];
    const r = run(lines(...story, 'Our services', 'Contact', plea, 'Imprint'));
    expect(r.body).toBe(story.join('\n\n'));
    expect(removedReason(r, plea)).toBe('short tail after furniture below the story');
  });

  it('keeps a last paragraph as long as the story after a box', () => {
    const r = run(lines(P1, P2, 'Read more', 'Other story', P3, P2.replace('Supporters', 'Opponents')));
    expect(r.body).toContain(P3);
  });
});
