import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, type Decoded } from '../src/clean/decode.js';
import { clean } from '../src/clean/index.js';
import { random } from './helpers/random.js';

const MAX = 1024 * 1024;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: ArrayLike<number>[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function decoded(bytes: Uint8Array, maxBytes = MAX): Decoded {
  const result = decode(bytes, { maxBytes });
  if (!result.ok) throw new Error(`rejected: ${result.reason} ${result.detail}`);
  return result;
}

function rejection(bytes: Uint8Array, maxBytes = MAX): string {
  const result = decode(bytes, { maxBytes });
  if (result.ok) throw new Error(`decoded as ${result.encoding}`);
  return result.reason;
}

const GERMAN = 'Größere Städte müssen bis Ende Mai ihre Pläne für den Lärmschutz vorlegen, sagte die Ministerin.';
const FRENCH = 'Le café de la gare a rouvert ses portes après des travaux — « enfin », disent les habitués.';
const JAPANESE = '東京都は十四日、新たに三百人の感染を確認したと発表した。これは先週の同じ曜日よりも多い数字である。';
const CHINESE = '国务院新闻办公室今天举行新闻发布会，介绍了上半年国民经济运行情况，经济总体保持稳定增长。';
const KOREAN = '서울시는 오늘 새로운 교통 정책을 발표했으며 시민들의 의견을 다음 달까지 받을 예정이라고 밝혔다.';
const TRADITIONAL = '政府今天宣佈新的經濟政策，將於下個月開始實施，並且會對中小企業提供更多協助與補貼。';
const RUSSIAN = 'Министр иностранных дел провёл переговоры с коллегами и обсудил вопросы региональной безопасности.';

describe('decode: Unicode', () => {
  it('reads UTF-8 and strips its BOM', () => {
    const d = decoded(concat([0xef, 0xbb, 0xbf], utf8(GERMAN)));
    expect(d).toMatchObject({ encoding: 'utf-8', text: GERMAN, gzipped: false });
  });
  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decoded(concat([0xff, 0xfe], iconv.encode(FRENCH, 'utf-16le')))).toMatchObject({ encoding: 'utf-16le', text: FRENCH });
    expect(decoded(concat([0xfe, 0xff], iconv.encode(FRENCH, 'utf-16be')))).toMatchObject({ encoding: 'utf-16be', text: FRENCH });
  });
  it('recognises UTF-16 LE without a BOM by its NUL pattern (not as binary)', () => {
    expect(decoded(iconv.encode(`${FRENCH} ${GERMAN}`, 'utf-16le'))).toMatchObject({ encoding: 'utf-16le' });
  });
  it('normalises CRLF and CR line breaks to LF', () => {
    expect(decoded(utf8('one\r\ntwo\rthree\n')).text).toBe('one\ntwo\nthree\n');
  });
  it('prefers valid UTF-8 over a wrong iso-8859-1 declaration', () => {
    const html = `<html><head><meta charset="iso-8859-1"></head><body><p>${GERMAN}</p></body></html>`;
    expect(decoded(utf8(html))).toMatchObject({ encoding: 'utf-8', text: html });
  });
});

describe('decode: UTF-8 as the fatal TextDecoder reads it', () => {
  // decode() checks UTF-8 with isUtf8 and converts it with transcode: the same acceptance and
  // the same text as TextDecoder('utf-8', { fatal: true }), which it replaced for speed.
  const VALID = ['a', 'Zeitung ', 'é', 'ÿ', '€', '東', '😀', '\ufeff', '\uffff', '\u00a0'].map(utf8);
  const INVALID = [[0x80], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xe2, 0x82]];
  const reference = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const strict = (bytes: Uint8Array): string | null => {
    try {
      return reference.decode(bytes);
    } catch {
      return null;
    }
  };

  it('gives the same text for valid UTF-8 and falls back for invalid, on random mixes', () => {
    const next = random(18);
    for (let round = 0; round < 400; round++) {
      const parts: ArrayLike<number>[] = [utf8('Text ')];
      const invalid = next() < 0.3;
      for (let k = 0; k < 1 + Math.floor(next() * 40); k++) parts.push(VALID[Math.floor(next() * VALID.length)]!);
      if (invalid) parts.splice(1 + Math.floor(next() * (parts.length - 1)), 0, INVALID[Math.floor(next() * INVALID.length)]!);
      const bytes = concat(...parts);
      const expected = strict(bytes);
      const d = decoded(bytes);
      if (expected === null) expect(d.encoding).not.toBe('utf-8');
      else expect(d).toMatchObject({ encoding: 'utf-8', text: expected });
    }
  });
});

describe('decode: legacy encodings', () => {
  it('falls back to windows-1252 for Latin text that is not UTF-8', () => {
    const text = `${GERMAN}\n${FRENCH} “Quoted” – 5 €`;
    expect(decoded(iconv.encode(text, 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text });
  });
  it('follows a <meta charset> declaration', () => {
    const html = `<!doctype html><html><head><meta charset="euc-kr"><title>뉴스</title></head><body><p>${KOREAN}</p></body></html>`;
    const d = decoded(iconv.encode(html, 'euc-kr'));
    expect(d.encoding).toBe('euc-kr');
    expect(d.text).toContain(KOREAN);
  });
  it('follows an http-equiv Content-Type declaration with a legacy alias (x-sjis → shift_jis)', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=x-sjis"></head><body>${JAPANESE}</body></html>`;
    const d = decoded(iconv.encode(html, 'shift_jis'));
    expect(d.encoding).toBe('shift_jis');
    expect(d.text).toContain(JAPANESE);
  });
  it.each([
    ['shift_jis', JAPANESE],
    ['euc-jp', JAPANESE],
    ['gb18030', CHINESE],
    ['euc-kr', KOREAN],
    ['big5', TRADITIONAL],
    ['windows-1251', RUSSIAN],
  ])('guesses undeclared %s text', (encoding, sample) => {
    const text = `${sample}\n\n${sample}`;
    const d = decoded(iconv.encode(text, encoding));
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
  });
});

describe('decode: gzip', () => {
  it('inflates gzip input', () => {
    expect(decoded(gzipSync(utf8(GERMAN)))).toMatchObject({ text: GERMAN, gzipped: true, encoding: 'utf-8' });
  });
  it('rejects a gzip bomb as too-large without inflating it all', () => {
    const bomb = gzipSync(new Uint8Array(4 * MAX).fill(0x41));
    expect(bomb.length).toBeLessThan(MAX / 50);
    expect(rejection(bomb, MAX)).toBe('too-large');
  });
  it('rejects corrupt gzip as decode-error', () => {
    expect(rejection(concat([0x1f, 0x8b, 0x08, 0x00], utf8('definitely not deflate data')))).toBe('decode-error');
    const truncated = gzipSync(utf8(GERMAN.repeat(20))).subarray(0, 30);
    expect(rejection(truncated)).toBe('decode-error');
  });
  it('rejects an image inside gzip as binary', () => {
    expect(rejection(gzipSync(concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], new Uint8Array(100))))).toBe('binary');
  });
});

describe('decode: binary and empty', () => {
  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0]],
    ['PDF', Array.from(utf8('%PDF-1.7\n'))],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
  ])('rejects %s by its signature', (_name, magic) => {
    expect(rejection(concat(magic, utf8(' some trailing text that would decode fine')))).toBe('binary');
  });
  it('rejects text with NUL bytes and text full of control characters', () => {
    expect(rejection(concat(utf8('hello'), [0, 0, 0, 1], utf8('world')))).toBe('binary');
    const controls = Uint8Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 0x01 + (i % 7) : 0x61));
    expect(rejection(controls)).toBe('binary');
  });
  it('keeps text with tabs, form feeds and an ANSI escape', () => {
    expect(decoded(utf8('a\tb\fc \u001b[1mbold\u001b[0m')).encoding).toBe('utf-8');
  });
  it('rejects no bytes, whitespace only, and gzip of nothing as empty', () => {
    expect(rejection(new Uint8Array(0))).toBe('empty');
    expect(rejection(utf8(' \n\t\r\n\u00a0\u200b '))).toBe('empty');
    expect(rejection(gzipSync(new Uint8Array(0)))).toBe('empty');
  });
});

describe('clean(): size limit', () => {
  const input = (bytes: Uint8Array) => ({ bytes, name: 'big.txt', receivedAt: '2024-01-01T00:00:00Z' });
  it('rejects input over maxBytes as too-large before decoding', () => {
    const result = clean(input(new Uint8Array(2048).fill(0x61)), { processedAt: '2024-01-01T00:00:00Z', maxBytes: 1024 });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });
  it('applies the default 16 MiB limit', () => {
    const result = clean(input(new Uint8Array(16 * 1024 * 1024 + 1).fill(0x20)), { processedAt: '2024-01-01T00:00:00Z' });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });
});
