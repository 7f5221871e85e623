import { describe, expect, it } from 'vitest';
import { headRowsTest } from '../src/clean/html/head-rows.js';
import { alternatives } from '../src/clean/regex-source.js';
import { HTML_BOILERPLATE_LINES, HTML_DISCLOSURE_LINES } from '../src/clean/rules/html-lines.js';

/**
 * headRowsTest is a faster form of `^(?:rows)end`: it must answer exactly as that regex does,
 * on texts each row matches, texts where the row's words stand too far in, and plain prose.
 */
const texts = [
  '* Links mit Sternchen sind sogenannte Affiliate-Links: Wenn du darauf klickst, unterstützt du meine Arbeit.',
  'Dieser Artikel kann Links zu Anbietern enthalten, von denen outdoor-magazin eine Provision erhält.',
  `${'Ein langer Satz über den Wald und die Jagd, der nichts mit Werbung zu tun hat. '.repeat(3)}Diese Affiliate-Links helfen uns.`,
  'This work is licensed under a Creative Commons Attribution 4.0 International License.',
  'Natalie Naccache | Bloomberg | Getty Images',
  `${'x'.repeat(90)} Getty Images`,
  '05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde',
  'Dieses Skript als PDF herunterladen',
  'Download the report as PDF',
  'Tags:',
  'By',
  'The council voted on the new bridge on Tuesday, with quotes from the mayor and residents.',
  'AFFILIATE LINKS below',
  'ſhutterstock',
  '',
];

function same(rows: typeof HTML_DISCLOSURE_LINES, end: '' | '$') {
  const plain = new RegExp(`^(?:${alternatives(rows)})${end}`, 'iu');
  const fast = headRowsTest(rows, end, 'iu');
  return texts.map((text) => [text, fast(text)]).filter(([text, got]) => got !== plain.test(text as string));
}

describe('headRowsTest', () => {
  it('answers as the disclosure regex does', () => {
    expect(same(HTML_DISCLOSURE_LINES, '')).toEqual([]);
  });

  it('answers as the whole-block boilerplate regex does', () => {
    expect(same(HTML_BOILERPLATE_LINES, '$')).toEqual([]);
  });

  it('keeps the bound of a row\'s head', () => {
    const test = headRowsTest([{ pattern: '.{0,5}\\bfoo', note: 'made up' }], '', 'iu');
    expect(test('ab foo bar')).toBe(true);
    expect(test('abcdefgh foo')).toBe(false);
    expect(test('bar')).toBe(false);
  });

  it('reads rows without a head as they are', () => {
    const test = headRowsTest([{ pattern: 'tags?:?', note: 'made up' }, { pattern: '.{0,5}\\bfoo', note: 'made up' }], '$', 'iu');
    expect(test('Tags:')).toBe(true);
    expect(test('more tags')).toBe(false);
    expect(test('x foo')).toBe(true);
  });
});
