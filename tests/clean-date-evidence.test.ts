import { describe, expect, it } from 'vitest';
import { assemble } from '../src/clean/assemble.js';
import { textDateCandidates } from '../src/clean/dates/index.js';
import type { Block, Extraction } from '../src/clean/types.js';

// A story with no date of its own, whose page carries one in the furniture the text
// extractor removed above it (mk.ru's "МК в регионах 13 января 2020" row on the
// dates-htmldate dumps), and a trailer whose date is another page's.
const prose =
  'The council voted on Tuesday to extend the opening hours of the public library, after a long debate about the cost of staff and heating during the winter months.';
const blocks: Block[] = [
  { kind: 'boilerplate', text: 'Local news in the regions 13 January 2020', reason: 'before the article' },
  ...Array.from({ length: 6 }, (_, i): Block => ({ kind: 'boilerplate', text: `Section ${i}`, reason: 'before the article' })),
  { kind: 'title', text: 'Library hours extended after council vote', reason: 'headline above the story' },
  { kind: 'body', text: prose },
  { kind: 'body', text: prose.replace('council', 'committee') },
  { kind: 'body', text: prose.replace('Tuesday', 'Wednesday') },
  { kind: 'trailer', text: 'Popular posts from this blog', reason: 'trailer-marker' },
  { kind: 'trailer', text: 'February 8, 2020 Cricket bats for sale', reason: 'after trailer-marker' },
];

function extraction(dateBlocks: Block[]): Extraction {
  return {
    format: 'text',
    blocks: dateBlocks,
    title: 'Library hours extended after council vote',
    byline: null,
    dateline: null,
    publisher: null,
    language: null,
    url: null,
    highlights: [],
    captions: [],
    dateCandidates: textDateCandidates(dateBlocks),
    method: 'text',
  };
}

const ctx = {
  input: { bytes: new TextEncoder().encode('x'), name: 'x.txt', receivedAt: '2020-01-14T00:00:00.000Z' },
  options: { processedAt: '2020-01-14T00:00:00.000Z' },
  inputChars: 1,
  encoding: 'utf-8',
};

describe('a date read outside the story', () => {
  it('is taken from head furniture only when the story has none, and that line is re-marked as the page date line in removed', () => {
    const result = assemble(extraction(blocks), ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.date).toBe('2020-01-13');
    const dateLines = result.record.removed.filter((r) => r.kind === 'date');
    expect(dateLines).toHaveLength(1);
    expect(dateLines[0]!.text).toBe('Local news in the regions 13 January 2020');
    expect(dateLines[0]!.reason).toMatch(/^the page's date line, outside the story \(before the article\)$/);
    // The rest of the furniture keeps its kind.
    expect(result.record.removed.filter((r) => r.kind === 'boilerplate')).toHaveLength(6);
  });

  it('never comes from a trailer: without the head line the record has no date', () => {
    const result = assemble(extraction(blocks.slice(1)), ctx);
    expect(result.ok && result.record.date).toBeNull();
    expect(result.ok && result.record.removed.some((r) => r.kind === 'date')).toBe(false);
  });

  it('is not used when the story dates itself', () => {
    const own: Block[] = [...blocks.slice(0, 8), { kind: 'date', text: 'Posted 11 January 2020' }, ...blocks.slice(8)];
    const result = assemble(extraction(own), ctx);
    expect(result.ok && result.record.date).toBe('2020-01-11');
    expect(result.ok && result.record.removed.filter((r) => r.reason.startsWith("the page's date line"))).toHaveLength(0);
  });
});
