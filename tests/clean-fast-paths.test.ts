import { describe, expect, it } from 'vitest';
import { binaryReason } from '../src/clean/binary-sniff.js';
import { ABSOLUTE_DATE_HINT, findDates } from '../src/clean/dates/find-dates.js';
import { LineDates } from '../src/clean/dates/line-dates.js';
import { commonEnding, findRelativeDates, templateHint } from '../src/clean/dates/relative.js';
import { AGO_PHRASES, BARE_WEEKDAYS } from '../src/clean/rules/dates-relative.js';
import { CLEAN_SETTINGS } from '../src/clean/rules/clean-settings.js';
import { DATE_PATTERNS } from '../src/clean/rules/dates-patterns.js';
import { MONTH_ALTERNATION, MONTH_BY_NAME, WEEKDAY_ALTERNATION } from '../src/clean/dates/names.js';
import { CAPTION_END_CREDITS } from '../src/clean/rules/captions.js';
import { CAPTION_END, CAPTION_END_HINT, LINE_START_RULES } from '../src/clean/lines/line-rules.js';
import { CLEAN_END, SENTENCE_END, TRUNCATED_END } from '../src/clean/text/patterns.js';
import { NarrowLines } from '../src/clean/text/narrow-lines.js';
import { hasContentWord } from '../src/clean/text/head.js';
import { SeenLines } from '../src/clean/text/seen-lines.js';
import { segment } from '../src/clean/text/segment.js';
import { countTidyWords, countWords, countWordsIfPlain } from '../src/clean/word-count.js';

/**
 * The speed-ups of the text cleaner must not change what it computes: each fast path is
 * checked here against the plain definition it replaced.
 */

/** countWords as first written: a regex test for every character outside the common ranges. */
function referenceCountWords(text: string): number {
  const wordChar = /[\p{L}\p{N}\p{M}]/u;
  const isCjk = (c: number): boolean => (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff);
  let words = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let isWord: boolean;
    if (code < 128) isWord = /[A-Za-z0-9]/.test(text[i]!);
    else if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) isWord = true;
    else if (code >= 0x2000 && code <= 0x206f) isWord = false;
    else if (isCjk(code)) {
      cjk++;
      inWord = false;
      continue;
    } else isWord = code >= 0xd800 && code <= 0xdbff ? wordChar.test(text.slice(i, i + 2)) : wordChar.test(text[i]!);
    if (isWord && !inWord) words++;
    inWord = isWord;
  }
  return words + Math.ceil(cjk / 2);
}

const SAMPLES = [
  'The city council approved the new budget.',
  'Москва — столица России, 12 млн жителей.',
  'Ελληνικά κείμενα και αριθμοί 2021',
  'مرحبا بالعالم ١٢٣',
  '東京都の人口は約1400万人です。',
  'naïve café – “quoted” … done',
  'e\u0301tude a\u0308\u0308 x',
  'emoji 😀 and 𝐁𝐨𝐥𝐝 letters 𝟏𝟐',
  'lone \ud83d surrogate and \ude00 low',
  '\u00a0no-break\u00a0spaces\u3000ideographic space',
];

describe('countWords fast paths', () => {
  it('agrees with the per-character regex definition on every BMP character', () => {
    for (let code = 0; code < 0x10000; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      if (countWords(text) !== referenceCountWords(text)) throw new Error(`U+${code.toString(16)}: ${countWords(text)} ≠ ${referenceCountWords(text)}`);
    }
  });

  it.each(SAMPLES)('agrees with the definition on %s', (text) => {
    expect(countWords(text)).toBe(referenceCountWords(text));
  });

  it('counts a range of a text as the same slice on its own, surrogate pairs at the edges included', () => {
    const text = SAMPLES.join('\n');
    for (let start = 0; start < text.length; start += 7) {
      for (let end = start; end <= text.length; end += 11) {
        expect(countWords(text, start, end)).toBe(countWords(text.slice(start, end)));
      }
    }
  });

  it('countWordsIfPlain: the count where nothing needs tidying, -1 where the segmenter would tidy (every BMP character)', () => {
    const untidy = /[^\S ]|[\u200b-\u200d\u2060\ufeff\u00ad]/;
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      const text = `a${char}b`;
      const expected = untidy.test(char) ? -1 : countWords(text);
      if (countWordsIfPlain(text, 0, text.length) !== expected) throw new Error(`U+${code.toString(16)}: ${countWordsIfPlain(text, 0, text.length)} ≠ ${expected}`);
    }
    expect(countWordsIfPlain('two  spaces', 0, 11)).toBe(-1);
    for (const text of [...SAMPLES, 'two  spaces', ' edge ']) expect(countTidyWords(text), text).toBe(countWords(text));
    expect(countWordsIfPlain(' one space each ', 0, 16)).toBe(3);
    for (const text of SAMPLES) expect(countWordsIfPlain(text, 0, text.length), text).toBe(untidy.test(text) || text.includes('  ') ? -1 : countWords(text));
  });

  it('gives every segmented unit the words of its own text (lines counted in the whole text, joined lines recounted)', () => {
    const wrapped = Array.from({ length: 8 }, (_, i) => `Line ${i} of a wrapped paragraph of the story runs on into the next one`).join('\n');
    const dump = [
      '  Menu \t Home  ',
      '\u200bSkip\u00a0to content',
      'Москва — столица России, and the talks continued',
      'on Friday after a long break in 東京都',
      '',
      wrapped,
      '😀 end',
    ].join('\n');
    for (const unit of segment(dump)) expect(unit.words, unit.text).toBe(countWords(unit.text));
  });

  it('segments as tidying the whole text first did (invisible characters removed, white space runs collapsed)', () => {
    const dump = ['  Menu \t Home  ', '\u200bSkip\u00a0to content', 'co\u00adoperate and  more', ' \u200b ', 'plain line', '\r', 'last\r'].join('\n');
    const tidied = dump.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]+/g, '').replace(/[^\S\n ][^\S\n]*| [^\S\n]+/g, ' ');
    const expected = tidied.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(segment(dump).map((u) => u.text)).toEqual(expected);
    expect(segment(dump).map((u) => u.gap)).toEqual([0, 0, 0, 1, 1]);
  });
});

describe('SeenLines', () => {
  it('answers as a set of lower-cased lines does, İ and other case pairs included', () => {
    const lines = ['Home', 'HOME', 'home', 'İstanbul', 'i̇stanbul', 'Istanbul', 'KELVIN', 'kelvin', 'ΟΔΟΣ', 'οδος', 'οδοσ', 'Straße', 'STRASSE', 'abc', 'ABCD', 'İİ', 'i̇i̇', ''];
    const seen = new SeenLines();
    const plain = new Set<string>();
    for (const line of lines) {
      for (const probe of lines) expect(seen.has(probe), `${probe} after ${[...plain].join('|')}`).toBe(plain.has(probe.toLowerCase()));
      seen.add(line);
      plain.add(line.toLowerCase());
    }
  });

  it('still answers as that set once many lines share one length (a bucket past its scan limit becomes a set)', () => {
    // 200 lines of 12 characters each, in mixed case, with İ lines of the same lower-case length.
    const lines = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `LINE NUMBER ${String(i).padStart(3, '0')}`.slice(0, 12) : `line ${String(i).padStart(7, '0')}`));
    lines.push('İİİİİİ', 'i̇i̇i̇i̇i̇i̇'.slice(0, 12), 'Line 0000042', 'LINE 0000043');
    const seen = new SeenLines();
    const plain = new Set<string>();
    for (const [n, line] of lines.entries()) {
      if (n % 7 === 0) for (const probe of lines) expect(seen.has(probe), `${probe} after ${n} lines`).toBe(plain.has(probe.toLowerCase()));
      seen.add(line);
      plain.add(line.toLowerCase());
    }
    for (const probe of [...lines, 'line 9999999', 'LINE 0000100']) expect(seen.has(probe)).toBe(plain.has(probe.toLowerCase()));
  });
});

describe('NarrowLines', () => {
  it('slices what text.slice does, whatever the characters (Latin-1 ones included)', () => {
    const text = ['Plain ASCII line', 'Café crème – “quoted”', 'Ünïcödé\u00ff\u00a0x', '東京 line', 'emoji 😀 end', 'back to plain', '\u0100 edge \u00ff'].join('\n');
    for (const step of [1, 3, 7]) {
      const narrow = new NarrowLines(text);
      for (let start = 0; start < text.length; start += step) {
        const end = Math.min(text.length, start + 2 * step + 5);
        expect(narrow.slice(start, end)).toBe(text.slice(start, end));
      }
    }
    const plain = new NarrowLines('only one-byte characters here');
    expect(plain.slice(5, 12)).toBe('one-byt');
  });
});

describe('CAPTION_END_HINT', () => {
  // What each credit of CAPTION_END_CREDITS must hold, in table order: a credit added or
  // changed there fails this list until the hint is checked for it.
  const needs: Array<[string, RegExp]> = [
    ['[—–-]\\s*(?:PID|APP|AFP|AP|Reuters|EPA|Getty Images|File|Online|INP|PPI|NNI|Agencies|Xinhua)\\.?', /[—–-]/],
    ['\\((?:AP|AFP|Reuters|EPA|Getty|File)(?: Photo| Images)?[^)]{0,80}\\)', /\(/],
    ['(?:photo|foto|image|picture|credit|bild|photograph)s?\\s*:\\s*[^.]{2,80}', /:/],
    ['©\\s*[^.]{2,80}', /©/],
    ['(?:[.!?]|\\.\\.\\.)\\s+(?:less|more)', /(?:less|more)\s*$/iu],
  ];
  it('names, for every credit shape, something each of its matches holds', () => {
    expect(CAPTION_END_CREDITS.map((c) => c.pattern)).toEqual(needs.map(([pattern]) => pattern));
  });
  it('accepts every caption end, and settles plain prose', () => {
    const captions = ['Talks in Islamabad on July 14, 2021. — PID', 'Workers at the plant (AP Photo/Damian Dovarganes)', 'The square at night. Photo: Damian Dovarganes, AP', 'A street in Pennsylvania © Noah Addis', 'Crowds gathered downtown on Sunday. less', 'Crowds gathered downtown on Sunday. MORE  ', 'A view. leſſ'];
    for (const text of captions) {
      expect(CAPTION_END.test(text), text).toBe(true);
      expect(CAPTION_END_HINT.test(text), text).toBe(true);
    }
    expect(CAPTION_END_HINT.test('The city council approved the new budget on Tuesday.')).toBe(false);
  });
});

describe('LineDates', () => {
  it('ABSOLUTE_DATE_HINT is in every absolute pattern: a 19xx/20xx year group, or the numeric short-year shape', () => {
    for (const p of DATE_PATTERNS) {
      const hasYear = p.source.includes('(?<y>(?:19|20)\\d{2})');
      const shortYear = p.source.includes('(?<sep>[./])(?<b>[0-3]?\\d)\\k<sep>(?<y2>\\d{2})');
      expect(hasYear || shortYear, p.name).toBe(true);
    }
    for (const shape of ['1999', '2021', '14.07.21', '7/4/21', '03-04-21']) expect(ABSOLUTE_DATE_HINT.test(shape), shape).toBe(true);
  });

  it('finds what findDates finds, with and without a reference date, short and long lines', () => {
    const lines = ['Wednesday Jul 14 2021', '14.07.21 by Ann', 'on Friday', 'no date here', '3 hours ago', `${'Long prose. '.repeat(20)}July 14, 2021.`, 'Price 12/05 and 1999 models'];
    for (const referenceDate of [undefined, '2021-07-20']) {
      const lineDates = new LineDates(referenceDate);
      for (const text of [...lines, ...lines]) expect(lineDates.find(text), text).toEqual(findDates(text, { referenceDate }));
    }
  });
});

describe('relative-date hints', () => {
  const reference = { year: 2021, month: 7, day: 10 };

  it('gives every "ago" phrase a word each of its matches holds, in any case', () => {
    for (const phrase of AGO_PHRASES) {
      const hint = templateHint(phrase.template);
      expect(hint, phrase.template).not.toBeNull();
      for (const units of Object.values(phrase.units)) {
        for (const unit of units) {
          const text = phrase.template.replace('{n}', '2').replace('{unit}', unit).replaceAll('\\s+', ' ').toUpperCase();
          expect(findRelativeDates(`Posted ${text}.`, reference), text).toHaveLength(1);
          expect(hint!.test(text), text).toBe(true);
        }
      }
    }
  });

  it('finds the ending the bare weekdays share (their hint), and none where words share none', () => {
    expect(commonEnding(BARE_WEEKDAYS.names)).toBe('day');
    for (const name of BARE_WEEKDAYS.names) expect(name.endsWith(commonEnding(BARE_WEEKDAYS.names))).toBe(true);
    expect(commonEnding(['Montag', 'lundi'])).toBe('');
    expect(commonEnding([])).toBe('');
  });

  it('takes no word from a template it cannot read as literal words, white space and placeholders', () => {
    expect(templateHint('(?:il|elle)\\s+y\\s+a\\s+{n}\\s+{unit}')).toBeNull();
    expect(templateHint('{n}\\s+{unit}\\s+agos?')).toBeNull();
    expect(templateHint('{n}\\s+{unit}\\s+ago')!.source).toBe('ago');
  });

  it('finds with a reference date what findDates found before the hints (answers of the build before them)', () => {
    const before: Array<[string, string[]]> = [
      ['3 days ago', ['2021-07-07']],
      ['Chicago, 3 days ago', ['2021-07-07']],
      ['vor 2 Tagen', ['2021-07-08']],
      ['il y a 3 jours', ['2021-07-07']],
      ['hace 2 días', ['2021-07-08']],
      ['2 giorni fa', ['2021-07-08']],
      ['há 2 dias', ['2021-07-08']],
      ['HÁ 2 DIAS', ['2021-07-08']],
      ['2 dagen geleden', ['2021-07-08']],
      ['A day ago', ['2021-07-09']],
      ['on Friday', ['2021-07-09']],
      ['Qureshi Friday said', ['2021-07-09']],
      ['Updated 14.07.21', []],
      ['Ago 3 days', []],
      ['ten days ago', []],
      ['no date here', []],
      ['Posted yesterday', ['2021-07-09']],
      ['HEUTE, 10:32', ['2021-07-10']],
      ['aujourd’hui', ['2021-07-10']],
      ['in the heute-show', ['2021-07-10']],
      ['Black Friday deals', []],
      ['Friday2 deal', ['2021-07-09']],
      ['Sunday, 9 a.m.', ['2021-07-04']],
      ['FRIDAY', []],
      ['am Freitag', ['2021-07-09']],
      ['ON FRIDAY', ['2021-07-09']],
      ['on\u00a0Friday', ['2021-07-09']],
      ['ce vendredi', ['2021-07-09']],
      ['onFriday', []],
    ];
    for (const [text, dates] of before) expect(findDates(text, { referenceDate: '2021-07-10' }).map((d) => d.date), text).toEqual(dates);
  });
});

describe('binaryReason', () => {
  const window = CLEAN_SETTINGS.binarySniffBytes;

  it('finds a NUL inside the sniffed window only', () => {
    expect(binaryReason(`${'a'.repeat(window - 1)}\0`)).toBe('contains NUL characters');
    expect(binaryReason(`${'a'.repeat(window)}\0`)).toBeNull();
  });

  it('counts control characters (not tab, line breaks, form feed or ESC) against the window', () => {
    const share = CLEAN_SETTINGS.binaryControlShare;
    const allowed = '\t\n\v\f\r\x1b';
    expect(binaryReason(allowed.repeat(100))).toBeNull();
    const over = Math.floor(share * 1000) + 1;
    const text = '\x01'.repeat(over) + 'a'.repeat(1000 - over);
    expect(binaryReason(text)).toBe(`${over} control characters in the first 1000`);
    expect(binaryReason('\x7f' + 'a'.repeat(999))).toBeNull();
  });
});

describe('end-of-line shapes written as $(?<=…)', () => {
  const cases: Array<[RegExp, RegExp, string[]]> = [
    [SENTENCE_END, /[.!?…。！？]["'”’»)\]]*$/u, ['Done.', 'He said "no."', 'Why?)', 'no end', 'a.b', '終わり。', '']],
    [CLEAN_END, /[.!?…。！？:;"'”’»)\]]$/u, ['Label:', 'list;', 'open', 'quote”', '']],
    [TRUNCATED_END, /\p{L}(?:\.\.\.|…)$/u, ['It was…', 'It was...', 'It was ...', '42…', '']],
  ];
  it.each(cases)('%s matches exactly where the plain form does', (fast, plain, texts) => {
    for (const text of texts) expect(fast.test(text), text).toBe(plain.test(text));
  });
});

describe('LINE_START_RULES', () => {
  it('matches the line-start rules (a filter: lines it rejects match none of them)', () => {
    for (const line of ['Comments', 'Advertisement', 'https://example.com/x', 'Read more: other story', 'Photo: AP', 'By Jane Doe', 'Our Staff Reporter']) {
      expect(LINE_START_RULES.test(line), line).toBe(true);
    }
    expect(LINE_START_RULES.test('The city council approved the new budget on Tuesday.')).toBe(false);
  });
});

describe('date pattern gates', () => {
  const DATED = [
    'Wednesday Jul 14 2021', 'July 14, 2021', 'Sept. 14, 2021', 'Thursday, the 5th of August 2021', '14 July 2021',
    'zeit.de 19. Oktober 2019', '14 de julio de 2021', 'le 14 juillet 2021', '14-Jul-2021', "1er d'août 2020",
    'Nicole Collignon22. Februar 2020', '28. Juni 201914. Januar 2020', 'November 9, 20235:01 AM ET', 'vendredi 3 mars 2023',
    'Posted on 3rd March, 2022 by Ann', 'Mo., 3. Januar 2022', '2 июля 2021', 'Mar 3 2022, 12:00', '7. Januar 20220',
  ];
  const gated = DATE_PATTERNS.filter((p) => p.gate !== undefined);
  const full = (source: string): RegExp => new RegExp(source.replaceAll('{MONTH}', MONTH_ALTERNATION).replaceAll('{WEEKDAY}', WEEKDAY_ALTERNATION), 'giu');

  it('gates the two name patterns and reads month names as letters and dots, as the gates assume', () => {
    expect(gated.map((p) => p.name).sort()).toEqual(['day-month-name-year', 'month-name-day-year']);
    for (const name of MONTH_BY_NAME.keys()) expect(name, name).toMatch(/^\p{L}[\p{L}.]*$/u);
  });
  it.each(gated.map((p) => [p.name, p] as const))('%s: its gate accepts every match, alone and in context', (_name, p) => {
    const re = full(p.source);
    const gate = new RegExp(p.gate!, 'iu');
    let matched = 0;
    for (const d of DATED) {
      for (const text of [d, `Updated ${d} by staff`, `(${d})`]) {
        for (const m of text.matchAll(re)) {
          matched++;
          expect(gate.test(text), text).toBe(true);
          expect(gate.test(m[0]), m[0]).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThan(10);
  });
});

describe('hasContentWord (the title vote)', () => {
  it('finds a content word in the opening exactly where the set of its content words has it', () => {
    const contentWords = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [];
    const openings = [
      'the city council approved the budget\nbudgets grew 12345 times',
      'council-approved: councils; council.',
      '𝔘𝔫𝔦𝔳ersity 𝔘𝔫𝔦𝔳 word𝔘 𝔘word wordé éword straße',
      'a\ud800word word\udc00 x',
      'ΣΟΦΟΣ σοφος naïve naive 2026 20261',
    ];
    const words = ['council', 'budget', 'budgets', 'approved', '12345', '1234', 'city', 'word', 'ersity', '𝔘𝔫𝔦𝔳', 'straße', 'σοφος', 'σοφοσ', 'naïve', 'naive', '2026', 'times'];
    let present = 0;
    for (const opening of openings) {
      const lower = opening.toLowerCase();
      const set = new Set(contentWords(lower));
      for (const word of [...words, ...set]) {
        expect(hasContentWord(lower, word), `${word} in ${JSON.stringify(lower)}`).toBe(set.has(word));
        if (set.has(word)) present++;
      }
    }
    expect(present).toBeGreaterThan(10);
  });
});
