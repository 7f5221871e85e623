import { describe, expect, it } from 'vitest';
import { htmlVisibleText } from '../src/dashboard/console/source-text.js';
import { locateBlocks, type BlockToLocate } from '../src/dashboard/console/locate-blocks.js';
import { annotatedSource, recordPage } from '../src/dashboard/console/record-page.js';
import { CleanRecord } from '../src/schemas/index.js';
import { sampleRecord } from './helpers/sample-entries.js';
import { buildSeries, quantile, workerIdOf, type Sample } from '../src/metrics/time-series.js';

/** The console's pure parts: source text, locating blocks, and the chart series arithmetic. */

const kept = (text: string): BlockToLocate => ({ text, kept: true, kind: 'body', reason: null });
const removed = (text: string, kind = 'boilerplate', reason = 'boilerplate-phrase'): BlockToLocate => ({ text, kept: false, kind, reason });

describe('htmlVisibleText', () => {
  it('keeps what a reader sees (and noscript, which the cleaner reads), a line per block, without scripts, styles and the head but its title', () => {
    const text = htmlVisibleText(
      '<html><head><title>The page</title><style>p{}</style><script>var x = "<p>no</p>";</script></head>' +
        '<body><nav><a href="/">Home</a> <a href="/n">News</a></nav><article><h1>Head &amp; line</h1><p>First <b>bold</b> para.</p><p>Second.</p></article>' +
        '<noscript>enable js</noscript><template><p>tpl</p></template></body></html>',
    );
    expect(text.split('\n').filter(Boolean)).toEqual(['The page', 'Home News', 'Head & line', 'First bold para.', 'Second.', 'enable js']);
  });
});

describe('locateBlocks', () => {
  it('places kept and removed blocks at their first free occurrence, comparing whitespace loosely', () => {
    const text = 'Skip to main content\n\nTitle here\n\nThe first   paragraph\nruns on here.\n\nComments\n\nPopular posts from this blog\n';
    const blocks = [kept('The first paragraph runs on here.'), removed('Skip to main content'), removed('Comments', 'trailer', 'trailer-marker: Comments'), removed('Popular posts from this blog', 'trailer')];
    const { spans, missing } = locateBlocks(text, blocks);
    expect(missing).toEqual([]);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.block])).toEqual([
      ['Skip to main content', 1],
      ['The first   paragraph\nruns on here.', 0],
      ['Comments', 2],
      ['Popular posts from this blog', 3],
    ]);
  });

  it('finds a block the cleaner glued together from a list (HomeNewsSport) in the page text, a line per item', () => {
    const text = htmlVisibleText('<body><ul class="nav"><li>Home</li><li>News</li><li>Sport</li></ul><p>The story itself, told at length here.</p></body>');
    const { spans, missing } = locateBlocks(text, [kept('The story itself, told at length here.'), removed('HomeNewsSport')]);
    expect(missing).toEqual([]);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toMatch(/^Home\s+News\s+Sport$/);
  });

  it('does not take a short block from the middle of a word, nor twice', () => {
    const text = 'Commentsless text. Share this. Share';
    const { spans, missing } = locateBlocks(text, [removed('Share'), removed('Share'), removed('Comments'), removed('not there at all')]);
    expect(spans.map((s) => s.start)).toEqual([19, 31]);
    expect(missing).toEqual([2, 3]);
  });

  it('handles a 4 MB source with thousands of blocks in one pass', () => {
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => `Paragraph number ${i} says something about the matter at hand, at some length.`);
    let text = '';
    while (text.length < 4_000_000) text += paragraphs.join('\n\n') + '\n\n';
    const blocks = paragraphs.filter((_, i) => i % 7 === 0).map((p, i) => (i % 2 ? kept(p) : removed(p)));
    const { spans, missing } = locateBlocks(text, blocks);
    expect(missing).toEqual([]);
    expect(spans).toHaveLength(blocks.length);
  });
});

describe('annotatedSource', () => {
  it('escapes the source and labels removed blocks with kind and reason', () => {
    const { view } = annotatedSource('<b>menu</b>\n\nReal text here, long enough.', [kept('Real text here, long enough.'), removed('<b>menu</b>', 'boilerplate', 'nav <x>')]);
    expect(view.value).toBe(
      '<pre class="source"><span class="blk removed" data-kind="boilerplate" title="removed: boilerplate · nav &lt;x&gt;"><span class="tag">removed: boilerplate · nav &lt;x&gt;</span>&lt;b&gt;menu&lt;/b&gt;</span>' +
        '<span class="gap">\n\n</span><span class="blk kept" title="kept: body">Real text here, long enough.</span></pre>',
    );
  });

  it('shortens long unmarked stretches to their ends', () => {
    const { view } = annotatedSource(`${'x'.repeat(10_000)}\nKept paragraph text.`, [kept('Kept paragraph text.')]);
    expect(view.value).toContain('characters not shown');
    expect(view.value.length).toBeLessThan(3000);
  });
});

describe('recordPage', () => {
  it('stays bounded on a huge record: the source view, the body and the block list are cut, saying so', () => {
    const paragraphs = Array.from({ length: 40_000 }, (_, i) => `Paragraph ${i} of a very long story, long enough to be body text here.`);
    const removedBlocks = Array.from({ length: 5000 }, (_, i) => ({ kind: 'boilerplate' as const, text: `Share this ${i} ${'x'.repeat(3000)}`, reason: 'boilerplate-phrase' }));
    const body = paragraphs.join('\n\n');
    const record = CleanRecord.parse({ ...sampleRecord('huge', body), removed: removedBlocks });
    const source = `${removedBlocks.map((b) => b.text).join('\n')}\n${body}`;
    expect(source.length).toBeGreaterThan(17_000_000);
    const page = recordPage(record, source);
    expect(page.length).toBeLessThan(4_000_000);
    expect(page).toContain('more characters, not shown here');
    expect(page).toContain('more characters in the stored JSON');
    expect(page).toContain('… and 3000 more in the stored JSON');
  });
});

describe('chart series', () => {
  const sample = (t: number, over: Partial<Sample> = {}): Sample => ({ t, files: 0, records: 0, failures: 0, rejections: {}, latency: {}, queueDepth: 0, workers: 1, ...over });

  it('estimates quantiles inside the bucket, from the declared bound below it', () => {
    expect(quantile(0.5, {})).toBeNull();
    expect(quantile(0.5, { '0.5': 2 })).toBeCloseTo(0.375, 9);
    expect(quantile(0.99, { '0.1': 99, '10': 1 })).toBeCloseTo(0.1, 9);
    expect(quantile(0.99, { '0.1': 1, '+Inf': 99 })).toBe(3600);
  });

  it('adds the difference of consecutive samples to the minute of the later one; a reset adds nothing', () => {
    const now = 10 * 60_000 + 30_000;
    const samples = [
      sample(8 * 60_000 + 5_000, { files: 10, records: 8, rejections: { empty: 1 }, latency: { '1': 4 } }),
      sample(9 * 60_000 + 5_000, { files: 15, records: 12, rejections: { empty: 2, 'too-short': 1 }, latency: { '1': 8 }, queueDepth: 7 }),
      sample(10 * 60_000 + 1_000, { files: 2, records: 1, queueDepth: 3, workers: 2 }), // counters reset
      sample(10 * 60_000 + 20_000, { files: 5, records: 4, failures: 1, queueDepth: 1, workers: 2, latency: { '0.5': 3 } }),
    ];
    const series = buildSeries(samples, now, 5 * 60_000);
    const byMinute = new Map(series.points.map((p) => [p.t / 60_000, p]));
    expect(byMinute.get(8)).toMatchObject({ filesIn: 0, queueDepth: 0 });
    expect(byMinute.get(9)).toMatchObject({ filesIn: 5, records: 4, rejections: { empty: 1, 'too-short': 1 }, queueDepth: 7 });
    expect(byMinute.get(9)!.p50).toBeCloseTo(0.75, 9);
    expect(byMinute.get(10)).toMatchObject({ filesIn: 3, records: 3, failures: 1, queueDepth: 1, workers: 2 });
    expect(byMinute.get(10)!.p99).toBeLessThanOrEqual(0.5);
    expect(byMinute.get(7)).toMatchObject({ queueDepth: null, p50: null });
  });

  it('tracks each worker process per minute: seen, sampled without it, or not sampled', () => {
    const now = 10 * 60_000 + 30_000;
    const samples = [
      sample(7 * 60_000, { alive: ['host-1', 'host-2'] }),
      sample(8 * 60_000, { alive: ['host-1'] }),
      sample(10 * 60_000, { alive: ['host-2'] }),
    ];
    const series = buildSeries(samples, now, 4 * 60_000);
    expect(series.points.map((p) => p.t / 60_000)).toEqual([7, 8, 9, 10]);
    expect(series.presence).toEqual([
      { worker: 'host-1', seen: [true, true, null, false] },
      { worker: 'host-2', seen: [true, false, null, true] },
    ]);
  });

  it('names a worker by its BullMQ worker name, else by its address', () => {
    expect(workerIdOf('scour:Y2xlYW4=:w:box-4242', '10.0.0.2:5000')).toBe('box-4242');
    expect(workerIdOf('scour:Y2xlYW4=', '10.0.0.2:5000')).toBe('10.0.0.2:5000');
  });
});
