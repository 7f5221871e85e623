import { describe, expect, it } from 'vitest';
import { textDateCandidates } from '../src/clean/dates/index.js';
import type { Block } from '../src/clean/types.js';
import type { BlockKind } from '../src/schemas/index.js';

/**
 * One case per class of misses found on the dates-htmldate text dumps; each snippet is cut
 * down from the dump named in its title.
 */

const best = (blocks: Block[], referenceDate?: string) =>
  [...textDateCandidates(blocks, { referenceDate })].sort((a, b) => b.confidence - a.confidence)[0] ?? null;

const b = (kind: BlockKind, text: string): Block => ({ text, kind });
const menu = (n: number, kind: BlockKind = 'boilerplate'): Block[] => Array.from({ length: n }, (_, i) => b(kind, `Menu entry ${i}`));
const prose = 'The council met on the matter again and the members agreed on a plan that will be put to a vote.';

describe('the place of a date relative to the title', () => {
  it('bostonherald: the header\'s "today" far above loses to the PUBLISHED row under the title', () => {
    const blocks = [
      b('date', 'Thursday, November 9th 2023'),
      ...menu(25),
      b('title', 'Brothel catering to politicians, doctors, lawyers busted in Boston'),
      b('date', 'PUBLISHED: November 8, 2023 at 4:56 p.m. | UPDATED: November 8, 2023 at 6:00 p.m.'),
      b('body', prose),
    ];
    expect(best(blocks)?.date).toBe('2023-11-08');
  });

  it('dawo-dresden: of two date lines around the title, the one under it wins', () => {
    const blocks = [b('date', '31. Oktober 2023'), ...menu(2), b('title', 'Drei Haselnüsse für Aschenbrödel'), b('date', '30. Oktober 2023 Carola Pönisch Kultur'), b('body', prose)];
    expect(best(blocks)?.date).toBe('2023-10-30');
  });

  it('AP via chicago.suntimes: a file-photo date in the first paragraph loses to the byline row above', () => {
    const blocks = [
      b('date', 'By Associated Press Jun 24, 2020, 3:53pm CDT'),
      ...menu(8),
      b('title', 'Senate approves new flag commission'),
      b('body', 'In this Feb. 17, 2016 file photo, then Rep. Cory Wilson discusses a transportation issue at the Capitol in Jackson.'),
    ];
    expect(best(blocks)?.date).toBe('2020-06-24');
  });

  it('seattlepi: an "Updated" stamp a dozen lines above the title beats a date told in the story', () => {
    const blocks = [
      b('date', 'Updated 9:53 am PDT, Tuesday, September 1, 2020'),
      ...menu(11, 'caption'),
      b('title', 'Tiz the Law draws No. 17 post as 3-5 Kentucky Derby favorite'),
      b('body', 'The colt, who won the Travers on Saturday, Aug. 29, 2020, drew the outside post for the race.'),
    ];
    expect(best(blocks)?.date).toBe('2020-09-01');
  });

  it('kiow.com: a date opening a byline row counts as a dateline, not as a date in prose', () => {
    const blocks = [b('title', 'October 26, 2020 AJ Taylor Audio, Local News, Media Comments Off on Absentee Ballots Are Slow to Return'), b('body', prose)];
    expect(best(blocks)).toMatchObject({ date: '2020-10-26', source: 'dateline' });
    expect(best([b('body', 'On 14 July 2021 the ministers met in Dushanbe to discuss a long list of issues.')])?.source).toBe('text');
  });

  it('computerbild: a date with its time of day beats a bare one at the same place', () => {
    const blocks = [b('title', 'Cloud-Gaming: Die wichtigsten Fragen'), b('date', '23. März 2023'), b('date', '1. April 2023, 12:00 Uhr'), b('body', prose)];
    expect(best(blocks)?.date).toBe('2023-04-01');
  });
});

describe('furniture the extractor removed', () => {
  it('seglerblog: with no date in the article, the removed byline row above the story gives it', () => {
    const blocks = [...menu(5), b('boilerplate', 'Veröffentlicht von SeglerBlog am 23. Februar 2020'), ...menu(20), b('title', 'Haltet unsere Gewässer sauber'), b('body', prose)];
    expect(best(blocks)?.date).toBe('2020-02-23');
  });

  it('literaturkritik: a labelled date below the story is read too, a trailer or comment never', () => {
    const blocks = [b('title', 'Die Anleitungen der Vorfahren'), b('body', prose), ...menu(10), b('boilerplate', 'Erschienen am: 01.11.2023')];
    expect(best(blocks)?.date).toBe('2023-11-01');
    const trailer = [b('title', 'Die Anleitungen der Vorfahren'), b('body', prose), b('trailer', 'Erschienen am: 01.11.2023'), b('comment', '2. November 2023 um 10:12')];
    expect(textDateCandidates(trailer, {})).toEqual([]);
  });

  it('a confident dateline in the article leaves the furniture unread', () => {
    const blocks = [b('boilerplate', 'Thursday, November 9th 2023'), b('title', 'Story'), b('date', 'November 8, 2023'), b('body', prose)];
    expect(textDateCandidates(blocks, {}).map((c) => c.date)).toEqual(['2023-11-08']);
  });

  it('mk.ru: the site header in the first lines dates the page when the title found is far below', () => {
    const blocks = [...menu(10), b('boilerplate', 'МК в регионах 13 января 2020'), ...menu(360), b('title', 'Про товары и услуги'), b('body', prose)];
    expect(best(blocks)?.date).toBe('2020-01-13');
  });

  it('5min.at: a copyright credit after the date leaves the byline row its date; one before it makes a footer', () => {
    expect(best([b('date', 'Veröffentlicht am 5. November 2023, 14:09 / ©5min.at'), b('body', prose)])?.date).toBe('2023-11-05');
    expect(textDateCandidates([b('body', prose), b('date', '© Example News 14.07.2021')], {})).toEqual([]);
  });

  it('umweltbundesamt: a thousand furniture lines above the story do not push its date out of reach', () => {
    const blocks = [...menu(1500), b('title', 'EU-Taxonomie: Atomkraft und Erdgas sind nicht nachhaltig'), b('body', 'EU Taxonomie: Erdgas und Kernkraft sind nicht nachhaltig.'), b('date', '25.01.2022')];
    expect(best(blocks)?.date).toBe('2022-01-25');
  });
});

describe('words in front of a date', () => {
  it('embedded tweets are never the page\'s date', () => {
    const tweet = [b('title', 'Trump visited a Trump-owned golf course'), b('body', '— Daniel Dale (@ddale8) January 1, 2020'), b('date', 'January 2, 2020')];
    expect(best(tweet)?.date).toBe('2020-01-02');
  });

  it('curved.de "Artikel vom" labels the publication day; "gültig seit:" and "Termin:" name other days', () => {
    expect(best([b('title', 'Apple Keynote'), b('date', 'Artikel vom 31.10.23'), b('body', 'Apple hat am 7. November 2023 neue Macs vorgestellt.')])?.date).toBe('2023-10-31');
    expect(best([b('date', 'Stand - 12.11.2021'), b('date', '(Unverändert gültig seit: 05.11.2021)')])?.date).toBe('2021-11-12');
    expect(best([b('date', 'Termin: Montag, 15. November 2021 um 10.30 Uhr'), b('date', '10.11.2021')])?.date).toBe('2021-11-10');
  });
});

describe('words after a date', () => {
  it('hobby-werkstatt-blog: a verb-final label ("wurde am … geschrieben") marks the publication day', () => {
    const blocks = [
      b('title', 'Eine Arduino-Virtual-Wall für den IRobot Roomba'),
      b('body', prose),
      b('body', 'Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von Heiner geschrieben und unter dem Stichwort Arduino eingeordnet.'),
      b('date', '15. Dezember 2015 at 11:21 · Antwort'),
    ];
    expect(best(blocks)?.date).toBe('2015-12-14');
  });

  it('slf.ch: the first day of a period ("14. bis 20. Januar 2022") counts as an event, not a dateline', () => {
    const blocks = [b('title', 'Wochenbericht'), b('date', 'Wochenbericht 14. Januar 2022 bis 20. Januar 2022'), b('date', '21.01.2022')];
    expect(best(blocks)?.date).toBe('2022-01-21');
  });
});
