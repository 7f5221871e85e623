// Correctness: each candidate's JS tree vs scour's parse (htmlparser2 + page-parser.ts), on every page.
// usage: node correct.mjs [set ...] > correct-out.txt
import { CANDIDATES, loadSet, stats, SETS } from './lib.mjs';

const sets = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SETS);
const REF = 'scour parseDocument';
const IMPLIED = new Set(['html', 'head', 'body', 'tbody']);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[s.length >> 1] : NaN; };

function tagDiff(a, b) {
  const out = [];
  for (const k of new Set([...a.tags.keys(), ...b.tags.keys()])) {
    const d = (b.tags.get(k) ?? 0) - (a.tags.get(k) ?? 0);
    if (d) out.push([k, d]);
  }
  return out.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
}
function firstDiff(a, b) {
  let i = 0; const n = Math.min(a.length, b.length);
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i === n && a.length === b.length ? -1 : i;
}

for (const set of sets) {
  const pages = loadSet(set);
  console.log(`\n##### ${set}: ${pages.length} pages`);
  const ref = pages.map((p) => stats(CANDIDATES[REF].tree(p), true));
  for (const [name, c] of Object.entries(CANDIDATES)) {
    if (name === REF || c.timingOnly || !c.tree) continue;
    let sameEls = 0, sameElsNoImplied = 0, sameTags = 0, sameVis = 0, sameShape = 0, errors = 0;
    const dEl = [], visRatio = [], samples = [];
    const tagTotals = new Map();
    for (let i = 0; i < pages.length; i++) {
      let s;
      try {
        let t = c.tree(pages[i]);
        if (t && typeof t.then === 'function') t = await t;
        s = stats(t, !!c.domhandler);
      } catch (e) { errors++; if (samples.length < 3) samples.push(`${pages[i].name}: THROWS ${e.message}`); continue; }
      const r = ref[i];
      const td = tagDiff(r, s);
      const tdNo = td.filter(([k]) => !IMPLIED.has(k));
      if (s.elements === r.elements) sameEls++;
      if (tdNo.length === 0) sameElsNoImplied++;
      if (td.length === 0) sameTags++;
      if (s.visText === r.visText) sameVis++;
      if (s.shape === r.shape) sameShape++;
      dEl.push(Math.abs(s.elements - r.elements) / Math.max(1, r.elements));
      visRatio.push(s.visText.length / Math.max(1, r.visText.length));
      for (const [k, d] of tdNo) tagTotals.set(k, (tagTotals.get(k) ?? 0) + d);
      if (samples.length < 3 && (tdNo.length || s.visText !== r.visText)) {
        const fd = firstDiff(r.visText, s.visText);
        samples.push(`${pages[i].name.slice(0, 16)}: elements ${r.elements}->${s.elements}; tag diff (cand-ref) ${JSON.stringify(tdNo.slice(0, 6))}; visible text ${r.visText.length}->${s.visText.length}` +
          (fd >= 0 ? `; first text diff @${fd}: ref «${r.visText.slice(Math.max(0, fd - 30), fd + 40)}» cand «${s.visText.slice(Math.max(0, fd - 30), fd + 40)}»` : '; text identical'));
      }
    }
    const n = pages.length;
    const topTags = [...tagTotals].sort((x, y) => Math.abs(y[1]) - Math.abs(x[1])).slice(0, 10);
    console.log(`\n== ${name}`);
    console.log(`  errors ${errors}/${n}; same element count ${sameEls}/${n}; same count per tag ${sameTags}/${n} (ignoring html/head/body/tbody: ${sameElsNoImplied}/${n}); same nesting (tag@depth sequence) ${sameShape}/${n}; same visible text (whitespace removed, outside script/style/noscript/template) ${sameVis}/${n}`);
    console.log(`  median |Δelements|/elements ${(100 * median(dEl)).toFixed(2)}%, max ${(100 * Math.max(...dEl)).toFixed(1)}%; visible text length ratio median ${median(visRatio).toFixed(4)} min ${Math.min(...visRatio).toFixed(3)} max ${Math.max(...visRatio).toFixed(3)}`);
    console.log(`  net tag count diff over the set (cand - ref, top 10, w/o implied): ${JSON.stringify(topTags)}`);
    for (const s of samples) console.log('  sample: ' + s);
  }
}
