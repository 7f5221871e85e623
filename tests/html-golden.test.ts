import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';

/**
 * Golden pages: real pages from the dev sets (scrapinghub article-extraction-benchmark and
 * htmldate's test pages), each kept because an extractor fix was made for it. Expected
 * values were reviewed by reading the page: the title, byline and date it shows, the first
 * and last sentences of its story (`with`), and furniture that must not reach the body
 * (`without`): navigation, related lists, captions, hover cards, comment prompts.
 */
interface Golden {
  file: string;
  /** What the page is and why it is here. */
  note: string;
  url: string;
  title: string;
  byline: string | null;
  /** Publication date as the record carries it. */
  date: string;
  with: string[];
  without: string[];
}

const GOLDEN: Golden[] = [
  {
    file: '2f42ef1d3ea0c96e56355d3db93d0e06b47e760b74f6f4261278b8cd1c246dd6.html.gz',
    note: 'wired.com: the story is cut into chunks between ad rails; the meta author is the publisher, JSON-LD names the writer',
    url: 'https://www.wired.com/story/the-future-of-banking-is-youre-broke/',
    title: "The Future of Banking Is … You're Broke",
    byline: 'Molly Wood',
    date: '2019-11-14T14:00:00Z',
    with: [
      'The latest wave of tech-based financial startups have a new angle on the banking sector',
      'So-called neo-banks, or challenger banks, have been all the rage in Europe and Australia',
      'When it comes to the actual sickness, you’re still on your own.',
    ],
    without: ['More Great WIRED Stories', 'YouTubers must unionize', 'Skip to main content', 'Subscribe to WIRED'],
  },
  {
    file: '3f65af7b6b98b1c9ae9a3e0d8a09a85600cdc44e26e4b3a6db96a31f4b1767e3.html.gz',
    note: 'nj.com: the story quotes tweets inside a "social-media-embed" box',
    url: 'https://www.nj.com/entertainment/2019/11/florida-man-exists-south-dakota-hold-my-beer-meth-were-on-it.html',
    title: 'South Dakota doubles down on ‘Meth. We’re on it.’ They just might be.',
    byline: 'Amy Kuperinsky | NJ Advance Media for NJ.com',
    date: '2019-11-19T01:19:34Z',
    with: [
      'Remember New Jersey’s epic quest to find a state slogan?',
      'Yes this is real and yes the state spent nearly half a million dollars on it',
      '— Cooper Lund (@cooperlund) November 18, 2019',
    ],
    without: ['Get the latest updates right in your inbox', 'Back To Main Menu', 'Registration on or use of this site constitutes acceptance'],
  },
  {
    file: '65408257dbe4b41f71a35ade24e30243265095fc1d4988a35b9a6ca52f2b4eab.html.gz',
    note: 'moneycontrol.com: a "related news" box after the third paragraph is an inset, not the end of the story',
    url: 'https://www.moneycontrol.com/news/business/markets/economy-in-stress-and-markets-on-a-high-time-to-be-careful-4656421.html',
    title: 'Economy in stress and markets on a high; time to be careful?',
    byline: 'Nishant Kumar',
    date: '2019-11-20',
    with: [
      'The equity benchmark Sensex scaled a new all-time high of 40,816.38 in the morning trade on November 20.',
      'A key reason for the market rally is the improved September quarter earnings.',
      'advises users to check with certified experts before taking any investment decisions.',
    ],
    without: ['related news', 'FIIs bullish on India, growth should start accelerating', 'Top 5 Trending Stocks'],
  },
  {
    file: '6ebac05f637ece8aa57c298a2a5e3a8047f546f855d0f29cc683cea60ce85c85.html.gz',
    note: 'thehill.com: people hover cards (other headlines) sit inside the sentences; the copyright footer scores as a box with a "page" class',
    url: 'https://thehill.com/blogs/blog-briefing-room/news/471031-new-york-man-pleads-guilty-to-threatening-to-kill-omar',
    title: 'New York man pleads guilty to threatening to kill Omar',
    byline: 'Justine Coleman',
    date: '2019-11-18T23:04:24-05:00',
    with: [
      'A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar (D-Minn.), the U.S. Attorney’s Office for the Western District of New York announced Monday.',
      'Sonya A. Zoghlin, Carlineo’s attorney, told The Hill in a statement',
      '— Rep. Ilhan Omar (@Ilhan) November 19, 2019',
    ],
    without: ['Sanders doubles down on Bolivia', '1625 K Street', 'ADVERTISEMENT', 'Updated at 1:23 p.m.', 'TRENDING'],
  },
  {
    file: 'db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754.html.gz',
    note: 'chron.com (Hearst): a photo gallery with captions, credits and gallery controls above an AP story',
    url: 'https://www.chron.com/news/world/article/Esper-says-US-providing-Vietnam-with-coast-guard-14848382.php',
    title: 'Esper accuses China of intimidating smaller Asian nations',
    byline: 'ROBERT BURNS, AP National Security Writer',
    date: '2019-11-20T11:19:29+00:00',
    with: [
      'HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion and intimidation',
      'Sen. John McCain was held there after he was shot down in his Navy jet over Hanoi in 1967.',
    ],
    without: ['Back to Gallery', 'Photo: Hau Dinh, AP', 'shake hands in Hanoi, Vietnam Wednesday', 'Caption'],
  },
  {
    file: 'bdb56ac83513635db1d8b9eb46b2da4c0de8da2f1f28f5bf5163df3eb3d3ec06.html.gz',
    note: 'quantamagazine.org: one div.post__content per section of the story; the meta author starts with "By"',
    url: 'https://www.quantamagazine.org/tuft-cells-that-taste-danger-set-off-immune-responses-20191115/',
    title: 'Cells That ‘Taste’ Danger Set Off Immune Responses',
    byline: 'Carrie Arnold',
    date: '2019-11-15',
    with: [
      'When the immunologist De’Broski Herbert at the University of Pennsylvania looked deep inside the lungs of mice',
      'But what would a cell covered with taste receptors be doing in the lungs?',
      'This article was reprinted on Wired.com.',
    ],
    without: ['Cells That ‘Taste’ Danger Set Off Immune Responses', 'November 15, 2019'],
  },
  {
    file: '0a6291ebbce449b3b04256b43c73e39d.html.gz',
    note: 'wien.orf.at (dates-htmldate set): German story with section headings, share links and a navigation skip bar',
    url: 'https://wien.orf.at/stories/3017954/',
    title: 'Chronik: Lotte Tobisch ist tot',
    byline: 'red, wien.ORF.at/Agenturen',
    date: '2019-10-19T10:09:10Z',
    with: [
      'Tobisch starb Samstagfrüh nach langer Krankheit im Badener Künstlerheim.',
      '16 turbulente Opernball-Jahre',
      'Das einzig wirklich Interessante auf der Welt ist ja doch der Mensch.',
    ],
    without: ['Zur ORF.at-Navigation', 'Auf Twitter teilen', 'APA/Georg Hochmuth'],
  },
  {
    file: '1536545428.html.gz',
    note: 'globalnews.ca (dates-htmldate set): a Reuters story with READ MORE links, ad labels and hidden trending rails',
    url: 'https://globalnews.ca/news/6620622/syria-turkey-strikes-conflict/',
    title: 'Syrian forces move into strategic town as Turkey vows to keep hammering Assad’s troops',
    byline: 'Orhan Coskun and Suleiman Al-Khalidi',
    date: '2020-03-02T17:04:04-05:00',
    with: [
      'Syrian government forces entered parts of a strategic rebel-held town on Monday',
      'where guards from both sides have fired tear gas into crowds caught in no-man’s land.',
    ],
    without: ['READ MORE: Turkey-Syria conflict escalates', 'Story continues below advertisement', 'Trending Stories', '© 2020 Reuters'],
  },
];

const fixtures = join(import.meta.dirname, 'fixtures', 'html');
const options = { processedAt: '2026-11-30T00:00:00.000Z' };

describe('HTML golden pages', () => {
  for (const golden of GOLDEN) {
    it(`${golden.file.slice(0, 12)}: ${golden.note}`, () => {
      const bytes = gunzipSync(readFileSync(join(fixtures, golden.file)));
      const result = clean({ bytes, name: golden.file, receivedAt: options.processedAt, url: golden.url }, options);
      if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.detail}`);
      const { record } = result;
      expect(record.title).toBe(golden.title);
      expect(record.byline).toBe(golden.byline);
      expect(record.date).toBe(golden.date);
      const body = record.body.replace(/\s+/g, ' ');
      for (const snippet of golden.with) expect(body, `body should hold: ${snippet}`).toContain(snippet);
      for (const snippet of golden.without) expect(body, `body should not hold: ${snippet}`).not.toContain(snippet);
      // Nothing is dropped silently: what left the body is listed with a reason.
      expect(record.removed.length).toBeGreaterThan(0);
      for (const block of record.removed) expect(block.reason).toBeTruthy();
    });
  }
});
