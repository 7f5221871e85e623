import { describe, expect, it } from 'vitest';
import { findDates, parseDate } from '../src/clean/dates/index.js';
import { MONTH_BY_NAME, WEEKDAY_BY_NAME } from '../src/clean/dates/names.js';

const day = (text: string, opts = {}) => parseDate(text, opts)?.date.slice(0, 10) ?? null;

describe('parseDate: absolute formats', () => {
  it.each([
    ['date 2021-07-14', '2021-07-14'],
    ['2021-07-14T10:00:00+02:00', '2021-07-14'],
    ['Wednesday Jul 14 2021', '2021-07-14'],
    ['Wednesday Jul 14, 2021', '2021-07-14'],
    ['July 14, 2021', '2021-07-14'],
    ['July 14th, 2021', '2021-07-14'],
    ['Sept. 14, 2021', '2021-09-14'],
    ['14 July 2021', '2021-07-14'],
    ['14th of July, 2021', '2021-07-14'],
    ['14-Jul-2021', '2021-07-14'],
    ['Wed, 14 Jul 2021 10:00:00 GMT', '2021-07-14'],
    ['14.07.2021', '2021-07-14'],
    ['14. 07. 2021', '2021-07-14'],
    ['2021/07/14', '2021-07-14'],
    ['2021.07.14', '2021-07-14'],
    ['2021年7月14日', '2021-07-14'],
  ])('%s → %s', (text, expected) => {
    expect(day(text)).toBe(expected);
  });

  it.each([
    ['14. Juli 2021', '2021-07-14'],
    ['Mittwoch, 14. Juli 2021, 10:32 Uhr', '2021-07-14'],
    ['3. März 2020', '2020-03-03'],
    ['3. Jänner 2020', '2020-01-03'],
    ['le 14 juillet 2021', '2021-07-14'],
    ['1er juillet 2021', '2021-07-01'],
    ['14 juil. 2021', '2021-07-14'],
    ['mercredi 14 juillet 2021', '2021-07-14'],
    ['14 de julio de 2021', '2021-07-14'],
    ['miércoles, 14 de julio de 2021', '2021-07-14'],
    ['14 luglio 2021', '2021-07-14'],
    ['14 de julho de 2021', '2021-07-14'],
    ['14 juli 2021', '2021-07-14'],
    ['14 d’octubre de 2021', '2021-10-14'],
    ['10. marts 2020', '2020-03-10'],
    ['13 января 2020', '2020-01-13'],
    ['18 lutego 2020', '2020-02-18'],
    ['30. ledna 2020', '2020-01-30'],
  ])('%s → %s', (text, expected) => {
    expect(day(text)).toBe(expected);
  });

  it('keeps the time and offset of an ISO datetime', () => {
    expect(parseDate('2021-07-14T10:00:00+0200')?.date).toBe('2021-07-14T10:00:00+02:00');
    expect(parseDate('2021-07-14T08:00:00.000Z')?.date).toBe('2021-07-14T08:00:00Z');
    expect(parseDate('14 July 2021, 10:00')?.date).toBe('2021-07-14');
  });

  it('reports what it matched and where', () => {
    const d = parseDate('Published: 14 July 2021 by X');
    expect(d).toMatchObject({ matched: '14 July 2021', index: 11, kind: 'absolute' });
  });

  it('a weekday that contradicts the date lowers confidence, one that agrees raises it', () => {
    const agree = parseDate('Wednesday, 14 July 2021')!;
    const disagree = parseDate('Tuesday, 14 July 2021')!;
    const plain = parseDate('14 July 2021')!;
    expect(disagree.date).toBe('2021-07-14');
    expect(agree.confidence).toBeGreaterThan(plain.confidence);
    expect(disagree.confidence).toBeLessThan(plain.confidence);
  });
});

describe('parseDate: fields glued together by the scraper', () => {
  it.each([
    ['28. Juni 201914. Januar 2020 | Klaus Quibeldey-Cirkel', '2019-06-28'],
    ['15/01/201614/01/2016', '2016-01-15'],
    ['November 9, 20235:01 AM ET', '2023-11-09'],
    ['28 luglio 202010:43 News', '2020-07-28'],
    ['Anglertalkhejfish7. Januar 20220', '2022-01-07'],
    ['Nicole Collignon22. Februar 2020', '2020-02-22'],
    ['Yahoo News Australia28 October 2020', '2020-10-28'],
  ])('%s → %s', (text, expected) => {
    expect(day(text)).toBe(expected);
  });

  it('a longer number after a year, or a capital or digit before a day, is not a glued field', () => {
    expect(day('July 14, 2021555')).toBeNull();
    expect(day('COVID19 March 2020')).toBeNull();
  });
});

describe('parseDate: numeric order', () => {
  it('a part over 12 decides the order', () => {
    expect(day('25/06/2021')).toBe('2021-06-25');
    expect(day('06/25/2021')).toBe('2021-06-25');
  });

  it('dots mean day first', () => {
    expect(day('03.07.2021')).toBe('2021-07-03');
  });

  it('an ambiguous slash date follows the dayFirst hint, and a pure guess gets low confidence', () => {
    expect(day('03/07/2021', { dayFirst: true })).toBe('2021-07-03');
    expect(day('03/07/2021', { dayFirst: false })).toBe('2021-03-07');
    const guess = parseDate('03/07/2021')!;
    const hinted = parseDate('03/07/2021', { dayFirst: false })!;
    const certain = parseDate('25/06/2021')!;
    expect(guess.confidence).toBeLessThan(0.5);
    expect(hinted.confidence).toBeGreaterThan(guess.confidence);
    expect(certain.confidence).toBeGreaterThan(hinted.confidence);
  });

  it('two-digit years are read, with low confidence', () => {
    const d = parseDate('14.07.21')!;
    expect(d.date).toBe('2021-07-14');
    expect(d.confidence).toBeLessThan(0.6);
  });
});

describe('parseDate: impossible and implausible dates', () => {
  it.each(['31.06.2021', '29.02.2021', '2021-13-01', '2021-00-10', 'June 31, 2021', '32 July 2021'])('%s is rejected', (text) => {
    expect(findDates(text)).toEqual([]);
  });

  it('29 February exists in leap years only', () => {
    expect(day('29.02.2020')).toBe('2020-02-29');
  });

  it('years before 1995 and after 2100 are rejected; the reference date caps the range', () => {
    expect(day('July 4, 1776')).toBeNull();
    expect(day('14 July 1990')).toBeNull();
    expect(day('14 July 2101')).toBeNull();
    expect(day('14 July 2030')).toBe('2030-07-14');
    expect(day('14 July 2030', { referenceDate: '2021-07-10' })).toBeNull();
    expect(day('11 July 2021', { referenceDate: '2021-07-10' })).toBe('2021-07-11');
    expect(day('12 July 2021', { referenceDate: '2021-07-10' })).toBeNull();
  });

  it('a year alone, a copyright year, a month and year are not dates', () => {
    expect(findDates('© 2021 Example')).toEqual([]);
    expect(findDates('July 2021')).toEqual([]);
    expect(findDates('in 2021 and 2022')).toEqual([]);
  });

  it('numbers that merely look like dates inside longer numbers are ignored', () => {
    expect(findDates('call 0049.12.2021.55')).toEqual([]);
    expect(findDates('id 20210714123')).toEqual([]);
  });
});

describe('relative dates', () => {
  const ref = { referenceDate: '2021-07-10' }; // a Saturday

  it('are ignored without a reference date', () => {
    expect(findDates('Qureshi on Friday stressed, yesterday, vor 2 Tagen')).toEqual([]);
  });

  it('"on Friday" is the most recent Friday on or before the reference (seed 004)', () => {
    expect(parseDate('Qureshi on Friday stressed', ref)).toMatchObject({ date: '2021-07-09', kind: 'relative', matched: 'on Friday' });
    expect(day('on Saturday', ref)).toBe('2021-07-10');
    expect(day('on Sunday', ref)).toBe('2021-07-04');
    expect(day('am Freitag', ref)).toBe('2021-07-09');
  });

  it.each([
    ['yesterday', '2021-07-09'],
    ['today', '2021-07-10'],
    ['gestern', '2021-07-09'],
    ['hier', '2021-07-09'],
    ['ayer', '2021-07-09'],
    ['ieri', '2021-07-09'],
    ['ontem', '2021-07-09'],
    ['gisteren', '2021-07-09'],
    ['vor 2 Tagen', '2021-07-08'],
    ['vor einer Woche', '2021-07-03'],
    ['3 days ago', '2021-07-07'],
    ['5 hours ago', '2021-07-10'],
    ['il y a 3 jours', '2021-07-07'],
    ['hace 2 días', '2021-07-08'],
    ['2 giorni fa', '2021-07-08'],
    ['há 2 dias', '2021-07-08'],
    ['2 dagen geleden', '2021-07-08'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text, ref)).toMatchObject({ date: expected, kind: 'relative' });
  });

  it('a bare capitalised English weekday counts (AP style), named days do not', () => {
    expect(parseDate('Qureshi Friday received a call', ref)).toMatchObject({ date: '2021-07-09', matched: 'Friday' });
    expect(parseDate('deals on Black Friday', ref)).toBeNull();
    expect(parseDate('on Good Friday', ref)?.date).toBeUndefined();
    expect(parseDate('a friday feeling', ref)).toBeNull();
    expect(parseDate('Qureshi on Friday said', ref)!.confidence).toBeGreaterThan(parseDate('Qureshi Friday said', ref)!.confidence);
  });

  it('relative dates are less confident than absolute ones', () => {
    const rel = parseDate('yesterday', ref)!;
    const abs = parseDate('9 July 2021', ref)!;
    expect(rel.confidence).toBeLessThan(abs.confidence);
  });
});

describe('findDates', () => {
  it('returns every date in reading order without overlapping readings', () => {
    const found = findDates('Published Wednesday Jul 14 2021, updated 15.07.2021 and 2021-07-16T10:00Z.');
    expect(found.map((d) => d.date.slice(0, 10))).toEqual(['2021-07-14', '2021-07-15', '2021-07-16']);
    expect(found[0]?.matched).toBe('Wednesday Jul 14 2021');
  });
});

describe('month and weekday tables', () => {
  it('no spelling means two different months or weekdays (checked at load), and the tables are filled', () => {
    expect(MONTH_BY_NAME.get('juillet')).toBe(7);
    expect(MONTH_BY_NAME.get('mär')).toBe(3);
    expect(WEEKDAY_BY_NAME.get('mittwoch')).toBe(3);
    expect(MONTH_BY_NAME.size).toBeGreaterThan(150);
  });
});
