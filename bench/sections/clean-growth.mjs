// Section "growth": clean() on one large input of each shape at n and 4n units (lines,
// paragraphs), timed in this process. A per-page benchmark on ~9 KB pages never sees work
// that grows with the square of the input; a 16 MB input does, and a worker stuck for
// minutes on one file looks like a dead one. Each shape passes when 4× the input takes at
// most 8× the time (linear is 4×, up to 5× with the larger heap's garbage collection;
// quadratic is 16×).
import { median, round } from '../lib/measure.mjs';

const GROWTH_LIMIT = 8;
const WORDS = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon'.split(' ');

/** A reproducible word stream, so every run times the same inputs. */
function words(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return WORDS[state % WORDS.length];
  };
}

/**
 * Shapes that have hit super-linear code: many lines of one length, repeated lines, many
 * paragraphs, one line of many dates (a shape may set the referenceDate it needs). (Deep
 * nesting is not here: htmlparser2's own parse grows with the square of the depth, ~6 s for
 * 100,000 levels, whatever scour does after it.)
 */
const SHAPES = [
  {
    name: 'text, lines of one length',
    unit: 'lines',
    n: 16000,
    make(n) {
      const next = words(1);
      const lines = ['A title for a large dump', ''];
      for (let i = 0; i < n; i++) {
        let line = '';
        while (line.length < 60) line += `${next()} `;
        lines.push(`${line.slice(0, 56)} ${String(i).padStart(3, '0').slice(-3)}.`);
      }
      return lines.join('\n');
    },
  },
  {
    name: 'text, one menu line repeated',
    unit: 'lines',
    n: 50000,
    make: (n) => `A title for a large dump\n\nThe story starts here and says something.\n${'Share this on Facebook\n'.repeat(n)}`,
  },
  {
    name: 'HTML, paragraphs in one article',
    unit: 'paragraphs',
    n: 10000,
    make(n) {
      const next = words(2);
      const paragraphs = Array.from({ length: n }, (_, i) => `<p>Paragraph ${i}: ${Array.from({ length: 12 }, next).join(' ')}.</p>`);
      return `<html><head><title>Large page</title></head><body><article>${paragraphs.join('')}</article></body></html>`;
    },
  },
  {
    // 14.8 MB of these took 105 s: each reading was checked against every kept one.
    name: 'text, date phrases on one line',
    unit: 'phrases',
    n: 40000,
    make: (n) => `A title for a large dump\n\n${'Wednesday, July 14, 2021 '.repeat(n)}\n`,
  },
  {
    // With a reference date, each relative date rebuilt its whole line to test for a timestamp.
    name: 'text, relative date phrases on one line',
    unit: 'phrases',
    n: 20000,
    referenceDate: '2021-07-20',
    make: (n) => `A title for a large dump\n\n${'Wednesday 14 July 2021, yesterday '.repeat(n)}\n`,
  },
];

export async function cleanGrowth({ dist, log }) {
  const { clean } = await import(`${dist}/clean/index.js`);
  const processedAt = '2026-11-30T00:00:00.000Z';
  // A median of 3 even with --quick: one timing of a 50 ms call is at the mercy of one GC.
  const reps = 3;
  const timeOf = (text, referenceDate) => {
    const bytes = Buffer.from(text);
    const input = { bytes, name: 'large', receivedAt: processedAt };
    const times = [];
    for (let r = 0; r < reps; r++) {
      const start = process.hrtime.bigint();
      clean(input, { processedAt, referenceDate, maxBytes: Number.MAX_SAFE_INTEGER });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(times);
  };
  const out = { result: { clean_growth: {} }, rows: [], targets: [] };
  for (const shape of SHAPES) {
    const small = shape.make(shape.n);
    const large = shape.make(4 * shape.n);
    timeOf(small, shape.referenceDate); // warm-up
    const smallMs = timeOf(small, shape.referenceDate);
    const largeMs = timeOf(large, shape.referenceDate);
    const growth = largeMs / Math.max(smallMs, 0.001);
    log(`growth: ${shape.name}: ${shape.n} ${shape.unit} ${smallMs.toFixed(0)} ms, ${4 * shape.n} ${largeMs.toFixed(0)} ms (${growth.toFixed(1)}×)`);
    out.result.clean_growth[shape.name] = { n: shape.n, ms: round(smallMs, 1), ms_4n: round(largeMs, 1), growth: round(growth, 2), mb_4n: round(large.length / 1e6, 2) };
    out.rows.push([`clean() growth: ${shape.name}`, `${shape.n} → ${4 * shape.n} ${shape.unit}`, `${smallMs.toFixed(0)} → ${largeMs.toFixed(0)} ms`, `${growth.toFixed(1)}× for 4× the input`]);
    out.targets.push({ what: `clean() time grows ≤ ${GROWTH_LIMIT}× for 4× input: ${shape.name}`, value: `${growth.toFixed(1)}×`, pass: growth <= GROWTH_LIMIT });
  }
  return out;
}
