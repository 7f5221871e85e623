// The human-readable table: one row per figure, then each target with PASS/MISS.

/** Array rows are aligned in columns (the last one free); string rows are printed as they are. */
function table(rows) {
  const cells = rows.filter((r) => Array.isArray(r));
  const widths = [0, 1, 2].map((c) => Math.max(0, ...cells.map((r) => (r[c] ?? '').length)));
  const line = (r) => (Array.isArray(r) ? r.map((cell, c) => (c < 3 ? (cell ?? '').padEnd(widths[c]) : cell ?? '')).join('  ').trimEnd() : r);
  return rows.map(line).join('\n');
}

export function formatReport({ result, rows, targets, skipped }, { date }) {
  const m = result.machine;
  const lines = [`scour bench — ${date}, node ${m.node}, ${m.cores} cores (${m.cpu ?? 'unknown CPU'})${result.quick ? ', --quick' : ''}`, ''];
  if (rows.length) lines.push(table(rows), '');
  if (targets.length) {
    lines.push('targets:');
    lines.push(table(targets.map((t) => [`  ${t.pass ? 'PASS' : 'MISS'}  ${t.what}`, t.value])));
    lines.push('');
  }
  for (const s of skipped) lines.push(`skipped ${s}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
