import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { textDateCandidates } from '../src/clean/dates/index.js';
import { isDateLine } from '../src/clean/lines/date-line.js';
import type { Block } from '../src/clean/types.js';
import type { BlockKind } from '../src/schemas/index.js';
import { seedPath } from './helpers/seeds.js';

const seed = (prefix: string): string => readFileSync(seedPath(prefix), 'utf8');

/** One block per non-empty line, kind body unless a predicate says otherwise. */
function lineBlocks(text: string, kindOf: (line: string, i: number) => BlockKind = () => 'body'): Block[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => ({ text: l, kind: kindOf(l, i), tag: 'line' }));
}

const best = (blocks: Block[], referenceDate?: string) =>
  [...textDateCandidates(blocks, { referenceDate })].sort((a, b) => b.confidence - a.confidence)[0] ?? null;

describe('textDateCandidates on the seeds', () => {
  it('000: the "date 2020-11-27 AT News" header wins, source header', () => {
    const top = best(lineBlocks(seed('000')));
    expect(top).toMatchObject({ date: '2020-11-27', source: 'header' });
    expect(top!.confidence).toBeGreaterThan(0.9);
  });

  it('001: 2021-07-14 from the header, the datelines agree', () => {
    const cands = textDateCandidates(lineBlocks(seed('001')), {});
    expect(best(lineBlocks(seed('001')))).toMatchObject({ date: '2021-07-14', source: 'header' });
    expect(cands.filter((c) => c.source === 'dateline').map((c) => c.date)).toEqual(['2021-07-14', '2021-07-14']);
  });

  it('001 without its header: the "Wednesday Jul 14 2021" dateline wins over the caption date', () => {
    const blocks = lineBlocks(seed('001')).slice(1);
    const top = best(blocks);
    expect(top).toMatchObject({ date: '2021-07-14', source: 'dateline', text: 'Wednesday Jul 14 2021' });
  });

  it('002: the "February 8" in the popular-posts trailer is never used', () => {
    let inTrailer = false;
    const blocks = lineBlocks(seed('002'), (line) => {
      if (/^(Comments|Popular posts from this blog)$/.test(line.trim())) inTrailer = true;
      return inTrailer ? 'trailer' : 'body';
    });
    expect(textDateCandidates(blocks, {})).toEqual([]);
    // The same trailer treated as body would offer no day either: "February 8" has no year.
    expect(textDateCandidates(blocks.map((b) => ({ ...b, kind: 'body' as const })), {}).length).toBe(0);
  });

  it('002 with reference 2021-07-10: "Qureshi Friday received" in the lead gives 2021-07-09', () => {
    let inTrailer = false;
    const blocks = lineBlocks(seed('002'), (line) => {
      if (/^(Comments|Popular posts from this blog)$/.test(line.trim())) inTrailer = true;
      return inTrailer ? 'trailer' : 'body';
    });
    expect(best(blocks, '2021-07-10')).toMatchObject({ date: '2021-07-09', source: 'relative', text: 'Friday' });
  });

  it('a header date after the reference date still counts (the scraper wrote it)', () => {
    expect(best(lineBlocks(seed('001')), '2021-07-10')).toMatchObject({ date: '2021-07-14', source: 'header' });
  });

  it('002: a dated line inside a removed block is ignored, the same line kept is used', () => {
    const dated: Block = { text: 'Posted on February 8, 2024', kind: 'trailer' };
    expect(textDateCandidates([dated, { text: 'Body text.', kind: 'body' }], {})).toEqual([]);
    expect(best([{ ...dated, kind: 'body' }])).toMatchObject({ date: '2024-02-08', source: 'dateline' });
  });

  it('003: 2021-07-09 from the header', () => {
    expect(best(lineBlocks(seed('003')))).toMatchObject({ date: '2021-07-09', source: 'header' });
  });

  it('004: nothing without a reference date; "on Friday" → 2021-07-09 with reference 2021-07-10', () => {
    const blocks = lineBlocks(seed('004'), (_l, i) => (i === 0 ? 'byline' : 'body'));
    expect(textDateCandidates(blocks, {})).toEqual([]);
    const top = best(blocks, '2021-07-10');
    expect(top).toMatchObject({ date: '2021-07-09', source: 'relative', text: 'on Friday' });
    expect(top!.confidence).toBeLessThan(0.5);
  });
});

describe('textDateCandidates choices', () => {
  it('a dateline near the top beats a date in the prose', () => {
    const blocks: Block[] = [
      { text: 'Storm hits the coast', kind: 'title' },
      { text: 'The storm of 3 March 2019 was the worst since records began.', kind: 'body' },
      { text: '14. Juli 2021, 10:32 Uhr', kind: 'body' },
    ];
    expect(best(blocks)).toMatchObject({ date: '2021-07-14', source: 'dateline' });
  });

  it('a published label beats an updated label', () => {
    const blocks: Block[] = [{ text: 'Published 12 July 2021 · Updated 14 July 2021', kind: 'byline' }];
    expect(best(blocks)?.date).toBe('2021-07-12');
  });

  it('copyright years and copyright lines are never candidates', () => {
    const blocks: Block[] = [
      { text: 'Some article text here.', kind: 'body' },
      { text: '© 2021 Example News, 14.07.2021', kind: 'body' },
      { text: 'Copyright 2020', kind: 'body' },
    ];
    expect(textDateCandidates(blocks, {})).toEqual([]);
  });

  it('dates in the prose are low-confidence text candidates, the first one near the top ranks first', () => {
    const blocks: Block[] = [
      { text: 'On 14 July 2021 the ministers met in Dushanbe to discuss a long list of issues.', kind: 'body' },
      { text: 'A follow-up meeting is planned until 30 September 2021 at the latest, officials said.', kind: 'body' },
    ];
    const cands = textDateCandidates(blocks, {});
    expect(cands.every((c) => c.source === 'text' && c.confidence < 0.6)).toBe(true);
    expect(best(blocks)?.date).toBe('2021-07-14');
  });

  it('numeric order follows the page: an unambiguous 25/06/2021 makes 03/07/2021 day-first', () => {
    const blocks: Block[] = [
      { text: '03/07/2021', kind: 'date' },
      { text: 'The deal, signed on 25/06/2021 in Paris, takes effect next year.', kind: 'body' },
    ];
    expect(textDateCandidates(blocks, {})[0]?.date).toBe('2021-07-03');
  });
});

describe('textDateCandidates: lists and languages', () => {
  it('a run of dated teaser lines counts less than a lone dateline below it', () => {
    const blocks: Block[] = [
      { text: 'Teaser one 12.10.2023', kind: 'body' },
      { text: 'Teaser two 11.10.2023', kind: 'body' },
      { text: 'Teaser three 10.10.2023', kind: 'body' },
      ...Array.from({ length: 6 }, (_, i): Block => ({ text: `Navigation entry ${i}`, kind: 'body' })),
      { text: 'Headline of the story', kind: 'title' },
      { text: '07.11.2023', kind: 'body' },
    ];
    expect(best(blocks)?.date).toBe('2023-11-07');
  });

  it('Spanish function words make an ambiguous 06/05/2020 day first', () => {
    const blocks: Block[] = [
      { text: 'Miercoles, 06/05/2020', kind: 'body' },
      { text: 'El gobierno anunció que los contratos de la empresa serán revisados por una comisión del congreso.', kind: 'body' },
    ];
    expect(best(blocks)?.date).toBe('2020-05-06');
    const english: Block[] = [
      { text: 'Wednesday, 05/06/2020', kind: 'body' },
      { text: 'The government said that the contracts of the company will be reviewed by a committee of the congress.', kind: 'body' },
    ];
    expect(best(english)?.date).toBe('2020-05-06');
  });
});

describe('isDateLine and long blocks', () => {
  it.each([
    ['March 16, 2020', true],
    ['14. Juli 2021, 10:32 Uhr', true],
    ['Published: 14.07.2021', true],
    ['Wednesday Jul 14 2021', true],
    ['The storm of 3 March 2019 was the worst since records began.', false],
    ['Skip to main content', false],
  ])('%s → %s', (line, expected) => {
    expect(isDateLine(line, undefined)).toBe(expected);
  });

  it('a long block is not dropped for a copyright mark somewhere in it', () => {
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(10);
    const block: Block = { text: `Cookies © Example AG. ${filler} Artikel vom 2. Januar 2020. ${filler}`, kind: 'body' };
    expect(best([block])?.date).toBe('2020-01-02');
  });
});

const SET = join(import.meta.dirname, '../../shared/eval/dates-htmldate');
/**
 * Share of the 999 text dumps whose cleaned record has the true publication day (a true
 * null counts when the record has none), as `npm run eval` scores it: 0.844 when this floor
 * was recorded (0.756 before the place and furniture rules).
 */
const TEXT_ACCURACY_FLOOR = 0.84;

describe.skipIf(!existsSync(join(SET, 'text')))('dates-htmldate/text accuracy floor (needs ../shared/eval/dates-htmldate; skipped without it)', () => {
  it(`clean() dates ≥ ${TEXT_ACCURACY_FLOOR} of the text dumps`, () => {
    let correct = 0;
    let n = 0;
    for (const file of readdirSync(join(SET, 'text')).filter((f) => f.endsWith('.txt'))) {
      const id = file.replace(/\.txt$/, '');
      const truth = JSON.parse(readFileSync(join(SET, 'truth', `${id}.json`), 'utf8')) as { date: string | null };
      const at = '2000-01-01T00:00:00.000Z';
      const result = clean({ bytes: readFileSync(join(SET, 'text', file)), name: file, receivedAt: at, url: null }, { processedAt: at });
      const predicted = result.ok ? (result.record.date?.slice(0, 10) ?? null) : null;
      n++;
      if (predicted === (truth.date ?? null)) correct++;
    }
    expect(n).toBeGreaterThan(900);
    expect(correct / n).toBeGreaterThanOrEqual(TEXT_ACCURACY_FLOOR);
  }, 120_000);
});
