// Section "profile": where clean()'s time goes. clean() has no stage hooks, so each stage
// function is called directly from dist/ on every page, timed one call at a time:
//   decode   decode() + detectFormat()
//   parse    parsePage() (HTML: the extractor's parse and page index) / segment() (text)
//   dates    htmlDateCandidates() / textDateCandidates()
//   metadata readMetadata() (HTML; on text it happens inside the extractor, under "strip")
//   strip    the rest of the extractor: extractHtml()/extractText() minus the stages above
//   assemble assemble() minus its schema check; validate = CleanRecord.parse()
import { htmlPages, textSets } from '../lib/inputs.mjs';
import { cpuProfile } from '../lib/cpu-profile.mjs';
import { median, round } from '../lib/measure.mjs';

const MAX_BYTES = 16 * 1024 * 1024;
const STAGES = ['decode', 'parse', 'strip', 'metadata', 'dates', 'assemble', 'validate'];

async function importOptional(path, log) {
  try {
    return await import(path);
  } catch (err) {
    log(`profile: ${path.replace(/^.*\/dist\//, 'dist/')} not loadable (${err.code ?? err.message}); its stage is not timed`);
    return {};
  }
}

const elapsedMs = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** Calls fn, adds its ms to totals[stage], returns its value. */
function timed(totals, stage, fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  totals[stage] = (totals[stage] ?? 0) + elapsedMs(start);
  return value;
}

export async function profile({ dist, evalDir, quick, log }) {
  const m = {
    ...(await importOptional(`${dist}/clean/index.js`, log)),
    ...(await importOptional(`${dist}/clean/decode.js`, log)),
    ...(await importOptional(`${dist}/clean/detect-format.js`, log)),
    ...(await importOptional(`${dist}/clean/assemble.js`, log)),
    ...(await importOptional(`${dist}/clean/html/index.js`, log)),
    ...(await importOptional(`${dist}/clean/page/parse-page.js`, log)),
    ...(await importOptional(`${dist}/clean/html/metadata.js`, log)),
    ...(await importOptional(`${dist}/clean/dates/index.js`, log)),
    ...(await importOptional(`${dist}/clean/text/index.js`, log)),
    ...(await importOptional(`${dist}/clean/text/segment.js`, log)),
    ...(await importOptional(`${dist}/schemas/index.js`, log)),
  };
  const rounds = quick ? 1 : 3;
  const out = { result: {}, rows: [], targets: [] };
  const html = htmlPages(evalDir);
  const text = Object.values(textSets(evalDir)).flat();
  if (!html && text.length === 0) {
    log(`profile: skipped, no eval pages under ${evalDir}`);
    return out;
  }
  const processedAt = '2026-11-23T00:00:00.000Z';
  const passes = {
    html: (p, t) => htmlPass(p, t, m, processedAt),
    text: (p, t) => textPass(p, t, m, processedAt),
  };
  for (const [format, pages] of [['html', html ?? []], ['text', text]]) {
    if (pages.length === 0) continue;
    const subset = quick ? pages.slice(0, 60) : pages;
    log(`profile: ${format} stages on ${subset.length} pages, ${rounds} round(s)…`);
    const perRound = [];
    for (let r = -1; r < rounds; r++) {
      const totals = {};
      for (const page of subset) passes[format](page, totals);
      if (r >= 0) perRound.push(totals);
    }
    const msPerPage = (stage) => median(perRound.map((t) => t[stage] ?? 0)) / subset.length;
    const stages = {};
    for (const stage of [...STAGES, 'extractor', 'clean']) stages[stage] = msPerPage(stage);
    // The extractor's own work once its parse, dates and metadata are taken out.
    stages.strip = Math.max(0, stages.extractor - stages.parse - stages.dates - stages.metadata);
    stages.assemble = Math.max(0, stages.assemble - stages.validate);
    const timedStages = STAGES.filter((s) => perRound[0][s] !== undefined || s === 'strip');
    const slowest = timedStages.reduce((a, b) => (stages[b] > stages[a] ? b : a));
    out.result[`profile_${format}_ms_per_page`] = Object.fromEntries([...timedStages, 'clean'].map((s) => [s, round(stages[s], 3)]));
    out.result[`profile_${format}_slowest_stage`] = slowest;
    for (const s of timedStages) {
      const share = stages.clean > 0 ? `${Math.round((stages[s] / stages.clean) * 100)}% of clean()` : '';
      out.rows.push([`profile ${format}: ${s}${s === slowest ? '  ← slowest' : ''}`, `${stages[s].toFixed(3)} ms/page`, share, '']);
    }
    out.rows.push([`profile ${format}: clean() whole`, `${stages.clean.toFixed(3)} ms/page`, '', '']);
    if (m.clean) {
      // Which code, inside those stages: V8's sampling profiler over one more pass of clean().
      const hot = await cpuProfile(() => {
        for (const p of subset) m.clean({ bytes: p.bytes, name: p.name, receivedAt: processedAt }, { processedAt });
      });
      out.result[`profile_${format}_hot_functions`] = hot.functions;
      out.result[`profile_${format}_hot_places`] = hot.places;
      const pct = (h) => `${(h.share * 100).toFixed(1)}%`;
      // Plain strings: printed as they are, not as table columns.
      out.rows.push(`hot ${format} code by self time: ${hot.places.slice(0, 5).map((h) => `${h.name} ${pct(h)}`).join(', ')}`);
      for (const h of hot.functions.slice(0, 5)) out.rows.push(`  ${pct(h).padStart(6)}  ${h.name}`);
    }
  }
  return out;
}

function htmlPass(page, t, m, processedAt) {
  const input = { bytes: page.bytes, name: page.name, receivedAt: processedAt };
  if (m.clean) timed(t, 'clean', () => m.clean(input, { processedAt }));
  const decoded = timed(t, 'decode', () => {
    const d = m.decode(page.bytes, { maxBytes: MAX_BYTES });
    if (d.ok && m.detectFormat) m.detectFormat(d.text, page.name);
    return d;
  });
  if (!decoded.ok) return;
  if (m.parsePage) {
    timed(t, 'parse', () => m.parsePage(decoded.text));
    // The readers take the parsed tree (and build the page index themselves when not given it).
    if (m.htmlDateCandidates) {
      const { root } = m.parsePage(decoded.text);
      timed(t, 'dates', () => m.htmlDateCandidates(root, { url: m.pageUrl ? m.pageUrl(root) : null }));
    }
    if (m.readMetadata) {
      const { root } = m.parsePage(decoded.text);
      timed(t, 'metadata', () => m.readMetadata(root));
    }
  }
  if (!m.extractHtml) return;
  const extraction = timed(t, 'extractor', () => m.extractHtml(decoded.text, { url: null }));
  assembleAndValidate(extraction, input, decoded, t, m, processedAt);
}

function textPass(page, t, m, processedAt) {
  const input = { bytes: page.bytes, name: page.name, receivedAt: processedAt };
  if (m.clean) timed(t, 'clean', () => m.clean(input, { processedAt }));
  const decoded = timed(t, 'decode', () => {
    const d = m.decode(page.bytes, { maxBytes: MAX_BYTES });
    if (d.ok && m.detectFormat) m.detectFormat(d.text, page.name);
    return d;
  });
  if (!decoded.ok) return;
  if (m.segment) timed(t, 'parse', () => m.segment(decoded.text));
  if (!m.extractText) return;
  const extraction = timed(t, 'extractor', () => m.extractText(decoded.text, {}));
  if (extraction.ok === false) return;
  // extractText calls textDateCandidates on its blocks; timing it again on the same blocks isolates it.
  if (m.textDateCandidates) timed(t, 'dates', () => m.textDateCandidates(extraction.blocks, {}));
  assembleAndValidate(extraction, input, decoded, t, m, processedAt);
}

function assembleAndValidate(extraction, input, decoded, t, m, processedAt) {
  if (extraction.ok === false || !m.assemble) return;
  // assemble() validates inside; "assemble" is reported minus the separately timed validate.
  const assembled = timed(t, 'assemble', () =>
    m.assemble(extraction, { input, options: { processedAt }, inputChars: decoded.text.length, encoding: decoded.encoding }),
  );
  if (assembled.ok && m.CleanRecord) timed(t, 'validate', () => m.CleanRecord.parse(assembled.record));
}
