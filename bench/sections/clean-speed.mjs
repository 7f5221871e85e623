// Section "clean": clean() pages/s on one core (this process, sequential) on the HTML pages
// and the text dumps, with @mozilla/readability + jsdom on the same HTML pages in
// alternating rounds of the same run.
import { htmlPages, megabytes, textSets } from '../lib/inputs.mjs';
import { interleavedRates, median, round } from '../lib/measure.mjs';

const TARGET_HTML_RATIO = 20;
const TARGET_TEXT_DOCS_PER_S = 2000;

export async function cleanSpeed({ dist, evalDir, quick, log }) {
  const { clean } = await import(`${dist}/clean/index.js`);
  const processedAt = '2026-11-23T00:00:00.000Z';
  const options = { processedAt };
  const run = (p) => clean({ bytes: p.bytes, name: p.name, receivedAt: processedAt }, options);
  const rounds = quick ? 1 : 3;
  const out = { result: {}, rows: [], targets: [] };

  // Text first: once jsdom has run, its garbage (hundreds of MB of DOM) taxes every later
  // allocation in this process, ~7% of the text rate; a worker process never loads jsdom.
  const sets = textSets(evalDir);
  if (Object.keys(sets).length === 0) log(`clean: text dumps skipped, none under ${evalDir}`);
  else textSpeed(sets, { run, rounds, log, out });

  const html = htmlPages(evalDir);
  if (!html) log(`clean: HTML pages skipped, no ${evalDir}/scrapinghub/html`);
  else await htmlSpeed(html, { run, rounds, quick, log, out });
  return out;
}

async function htmlSpeed(allPages, { run, rounds, quick, log, out }) {
  const pages = quick ? allPages.slice(0, 40) : allPages;
  const accepted = pages.filter((p) => run(p).ok).length;
  const { JSDOM, VirtualConsole } = await import('jsdom');
  const { Readability } = await import('@mozilla/readability');
  const virtualConsole = new VirtualConsole();
  // jsdom throws on some real pages (its CSS code, e.g. "Cannot create property 'border-width'");
  // such a page still costs what it cost up to the throw, and is counted.
  const failures = new Set();
  const readability = (p) => {
    let dom;
    try {
      dom = new JSDOM(p.bytes, { virtualConsole });
      new Readability(dom.window.document).parse();
    } catch {
      failures.add(p.name);
    } finally {
      dom?.window.close();
    }
  };
  log(`clean: ${pages.length} HTML pages (${megabytes(pages).toFixed(1)} MB), clean() and Readability+jsdom, ${rounds} alternating round(s)…`);
  const rates = interleavedRates(
    [
      { key: 'clean', items: pages, fn: run },
      { key: 'readability', items: pages, fn: readability, warmup: 10 },
    ],
    rounds,
    (r, so) => log(`clean: round ${r + 1}: clean() ${so.clean.at(-1).toFixed(1)} pages/s, Readability ${so.readability.at(-1).toFixed(2)} pages/s`),
  );
  const mbPerPage = megabytes(pages) / pages.length;
  const ratios = rates.clean.rates.map((r, i) => r / rates.readability.rates[i]);
  const ratio = median(ratios);
  Object.assign(out.result, {
    clean_html_pages_per_s: round(rates.clean.perSecond, 1),
    clean_html_mb_per_s: round(rates.clean.perSecond * mbPerPage, 2),
    readability_pages_per_s: round(rates.readability.perSecond, 2),
    readability_mb_per_s: round(rates.readability.perSecond * mbPerPage, 3),
    clean_html_vs_readability: round(ratio, 1),
    clean_html_pages: pages.length,
    clean_html_accepted: accepted,
    readability_failed_pages: failures.size,
  });
  out.rows.push(
    ['clean() HTML pages, 1 core', `${out.result.clean_html_pages_per_s} pages/s`, `${out.result.clean_html_mb_per_s} MB/s`, `${accepted}/${pages.length} accepted`],
    ['@mozilla/readability + jsdom, same pages', `${out.result.readability_pages_per_s} pages/s`, `${out.result.readability_mb_per_s} MB/s`, failures.size ? `jsdom threw on ${failures.size} page(s)` : ''],
  );
  out.targets.push({ what: 'clean() ≥ 20× Readability+jsdom on HTML', value: `${out.result.clean_html_vs_readability}×`, pass: ratio >= TARGET_HTML_RATIO });
}

function textSpeed(sets, { run, rounds, log, out }) {
  const names = Object.keys(sets);
  const all = names.flatMap((n) => sets[n]);
  log(`clean: ${all.length} text dumps (${megabytes(all).toFixed(1)} MB) in ${names.join(', ')}, ${rounds} round(s)…`);
  const rates = interleavedRates(
    names.map((n) => ({ key: n, items: sets[n], fn: run })),
    rounds,
  );
  // The combined rate of a round: all docs over the summed time of that round's passes.
  const combined = rates[names[0]].rates.map((_, i) => all.length / names.reduce((t, n) => t + sets[n].length / rates[n].rates[i], 0));
  const perSecond = median(combined);
  out.result.clean_text_docs_per_s = round(perSecond, 0);
  out.result.clean_text_mb_per_s = round((perSecond * megabytes(all)) / all.length, 2);
  out.result.clean_text_accepted = all.filter((p) => run(p).ok).length;
  out.result.clean_text_docs = all.length;
  out.result.clean_text_by_set = {};
  for (const n of names) {
    const perSet = rates[n].perSecond;
    out.result.clean_text_by_set[n] = { docs: sets[n].length, docs_per_s: round(perSet, 0), mb_per_s: round((perSet * megabytes(sets[n])) / sets[n].length, 2) };
    out.rows.push([`clean() text dumps ${n}, 1 core`, `${round(perSet, 0)} docs/s`, `${out.result.clean_text_by_set[n].mb_per_s} MB/s`, `${sets[n].length} docs, ${(megabytes(sets[n]) / sets[n].length * 1000).toFixed(1)} KB avg`]);
  }
  out.rows.push(['clean() text dumps, all, 1 core', `${out.result.clean_text_docs_per_s} docs/s`, `${out.result.clean_text_mb_per_s} MB/s`, `${out.result.clean_text_accepted}/${all.length} accepted`]);
  out.targets.push({ what: 'clean() text dumps ≥ 2,000 docs/s per core', value: `${out.result.clean_text_docs_per_s} docs/s`, pass: perSecond >= TARGET_TEXT_DOCS_PER_S });
}
