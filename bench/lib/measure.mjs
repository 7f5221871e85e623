// Timing helpers. The machine has 2 shared, noisy cores: every figure is a median over
// rounds, and a figure and its baseline run in alternating rounds so that a burst of load
// from another process hits both, and their ratio stays meaningful.

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Seconds one pass of fn over items takes. */
export function timePass(items, fn) {
  const start = process.hrtime.bigint();
  for (const item of items) fn(item);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Subjects = [{ key, items, fn, warmup? }]. Each runs a warm-up pass (over `warmup` items,
 * default all), then `rounds` rounds in which every subject runs once, in turn.
 * Returns { [key]: { perSecond, rates } } with the median items/s over the rounds.
 */
export function interleavedRates(subjects, rounds, onRound = () => undefined) {
  for (const s of subjects) timePass(s.items.slice(0, s.warmup ?? s.items.length), s.fn);
  const rates = Object.fromEntries(subjects.map((s) => [s.key, []]));
  for (let round = 0; round < rounds; round++) {
    for (const s of subjects) rates[s.key].push(s.items.length / timePass(s.items, s.fn));
    onRound(round, rates);
  }
  return Object.fromEntries(subjects.map((s) => [s.key, { perSecond: median(rates[s.key]), rates: rates[s.key] }]));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const round = (value, digits = 0) => (Number.isFinite(value) ? +value.toFixed(digits) : null);
