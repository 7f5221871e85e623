#!/usr/bin/env node
// Dumps the fingerprint clean() gives every eval page (all sets, HTML and text), one line per
// page: "set/form/name bodyHash signature shingles". Run it on two builds and diff the outputs
// to show that a change to src/clean/fingerprint.ts leaves every fingerprint as it was.
//   node scripts/dump-fingerprints.mjs [--dist=DIR] [--eval=DIR] [--bodies=FILE.json]
// --bodies also writes the cleaned bodies (to time the fingerprint alone on real text).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const flag = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dist = resolve(flag('dist') ?? join(root, 'dist'));
const evalDir = flag('eval') ?? join(root, '..', 'shared', 'eval');
const { clean } = await import(pathToFileURL(join(dist, 'clean', 'index.js')).href);
const at = '2026-12-01T00:00:00.000Z';
const bodies = [];
for (const set of readdirSync(evalDir).sort()) {
  for (const [form, suffix] of [['html', '.html.gz'], ['text', '.txt']]) {
    const dir = join(evalDir, set, form);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(suffix)).sort()) {
      const raw = readFileSync(join(dir, file));
      const bytes = suffix.endsWith('.gz') ? gunzipSync(raw) : raw;
      const result = clean({ bytes, name: file.replace(/\.gz$/, ''), receivedAt: at }, { processedAt: at });
      const key = `${set}/${form}/${file}`;
      if (!result.ok) {
        process.stdout.write(`${key} rejected\n`);
        continue;
      }
      const { bodyHash, signature, shingles } = result.record.fingerprint;
      process.stdout.write(`${key} ${bodyHash} ${signature} ${shingles}\n`);
      bodies.push(result.record.body);
    }
  }
}
if (flag('bodies')) writeFileSync(flag('bodies'), JSON.stringify(bodies));
