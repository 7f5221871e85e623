import { describe, expect, it } from 'vitest';
import { clean } from '../src/clean/index.js';
import { countLines, countMarkup } from '../src/clean/complexity.js';
import { CLEAN_SETTINGS } from '../src/clean/rules/clean-settings.js';

const OPTIONS = { processedAt: '2026-12-01T00:00:00.000Z' };
const run = (text: string, name: string) => clean({ bytes: Buffer.from(text), name, receivedAt: OPTIONS.processedAt }, OPTIONS);

/** Heap in use after a forced-free moment is not observable here; peak RSS is, and only grows. */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

describe('what one input may cost', () => {
  it('8 MB of <p>x</p> is too-complex, found before the parse (it took 1.7 GB of a worker)', () => {
    const before = peakRssMb();
    const result = run('<p>x</p>'.repeat(1_000_000), 'page.html');
    expect(result).toMatchObject({ ok: false, reason: 'too-complex' });
    expect(result.ok || result.detail).toMatch(/more than 200000 tags/);
    // The 8 MB text and its decoded copy, not a tree of a million nodes.
    expect(peakRssMb() - before).toBeLessThan(200);
  });

  it('16 MB of one-letter lines is too-complex (it took 1.3 GB)', () => {
    expect(run('x\n'.repeat(8_000_000), 'dump.txt')).toMatchObject({ ok: false, reason: 'too-complex' });
  });

  it('counts tags and comments, not closing tags nor a "<" in text', () => {
    expect(countMarkup('<p>a < b</p><!-- c --><!doctype html><?xml?><br/>', 100)).toBe(5);
    expect(countLines('a\nb\n\nc', 100)).toBe(4);
  });

  it('stops counting past the limit', () => {
    expect(countMarkup('<i>'.repeat(1000), 10)).toBe(11);
    expect(countLines('\n'.repeat(1000), 10)).toBe(11);
  });

  it('lets through an input right at the limits', () => {
    const html = `<html><body><article>${'<p>Some words of a paragraph.</p>'.repeat(CLEAN_SETTINGS.maxHtmlTags - 3)}</article></body></html>`;
    expect(countMarkup(html, CLEAN_SETTINGS.maxHtmlTags)).toBe(CLEAN_SETTINGS.maxHtmlTags);
    expect(run(html, 'page.html')).not.toMatchObject({ reason: 'too-complex' });
    const text = `A title\n${'A line of prose.\n'.repeat(CLEAN_SETTINGS.maxTextLines - 2)}`;
    expect(countLines(text, CLEAN_SETTINGS.maxTextLines)).toBe(CLEAN_SETTINGS.maxTextLines);
    expect(run(text, 'dump.txt')).not.toMatchObject({ reason: 'too-complex' });
  });
});
