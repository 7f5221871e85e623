// V8's sampling profiler in this process (node:inspector), for the hot functions inside
// clean(): where the stage timings say "strip is slowest", this says which code.
import { Session } from 'node:inspector/promises';

/** Profiler sampling interval, µs: fine enough for a few seconds of work. */
const SAMPLING_INTERVAL_US = 200;
const MIN_PROFILE_MS = 1000;

/** Where a frame lives: a dist/ file, a package, or a V8/Node builtin. */
function placeOf(url) {
  if (!url) return '(builtin)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const dist = /\/dist\/(.+)$/.exec(url);
  if (dist) return dist[1];
  return url.startsWith('node:') ? url : url.replace(/^.*\//, '');
}

/** Runs fn under the profiler; returns self time per function and per place, as shares of the total. */
export async function cpuProfile(fn) {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await session.post('Profiler.start');
    // At least a second of work, so the samples are many and the profiler's own stop is small.
    const started = Date.now();
    do fn();
    while (Date.now() - started < MIN_PROFILE_MS);
    const { profile } = await session.post('Profiler.stop');
    return summarize(profile);
  } finally {
    session.disconnect();
  }
}

/**
 * Self time per function and per place of a V8 .cpuprofile, as shares of the total (idle and
 * the profiler's own work left out). window = [fromUs, toUs] on the profile's clock (Linux:
 * CLOCK_MONOTONIC, the clock of process.hrtime in any process) keeps only the samples taken
 * within it. n = how many functions and places to list. within = [{ label, functionName, place }]:
 * each one's inclusive share, the time spent with that function somewhere on the stack.
 */
export function summarize(profile, { window = null, n = 8, within = [] } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const isUnder = (id, w) => {
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at).callFrame;
      if (frame.functionName === w.functionName && placeOf(frame.url) === w.place) return true;
    }
    return false;
  };
  const withinUs = new Map(within.map((w) => [w.label, 0]));
  const selfUs = new Map();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window[0] || at > window[1])) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  const byFunction = new Map();
  const byPlace = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    // Not clean()'s time: idle, and the inspector's own "dispatch" as it builds the profile on stop.
    if (functionName === '(idle)' || functionName === '(program)' || (functionName === 'dispatch' && !url)) continue;
    const place = placeOf(url);
    const fnKey = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    total += us;
    byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    for (const w of within) if (isUnder(id, w)) withinUs.set(w.label, withinUs.get(w.label) + us);
  }
  // A thread idle throughout (a worker's clean thread when every input was small) has no samples: shares 0, not NaN.
  const shareOf = (us) => (total > 0 ? +(us / total).toFixed(3) : 0);
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name: name.length > 90 ? `${name.slice(0, 87)}…` : name, share: shareOf(us) }));
  const withinShares = Object.fromEntries([...withinUs].map(([label, us]) => [label, shareOf(us)]));
  return { totalMs: total / 1000, functions: top(byFunction, n), places: top(byPlace, n), within: withinShares };
}
