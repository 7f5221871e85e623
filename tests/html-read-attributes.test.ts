import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_ATTRS } from '../src/clean/dates/html/source-meta.js';
import { AUTHOR_ATTRIBUTES } from '../src/clean/page/author-element.js';
import { READ_ATTRIBUTES } from '../src/clean/page/page-parser.js';

/**
 * The parse keeps only READ_ATTRIBUTES (page-parser.ts), so an attribute a reader reads that is
 * missing there reads as absent, silently. tests/html-page-parser.test.ts notes the names read
 * while the golden pages are cleaned, which covers the code paths those pages take; this test
 * reads the source itself, so a read on a path no golden page takes is caught too.
 */
const SRC = join(import.meta.dirname, '..', 'src', 'clean');
const PARSER = join(SRC, 'page', 'page-parser.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') && path !== PARSER ? [path] : [];
  });
}

const escape = (name: string) => name.replace(/[$]/g, '\\$');

/** The attribute names a file reads by name, and the places it reads one by a computed key. */
function readsOf(code: string): { names: string[]; computed: string[] } {
  const holders = ['attribs'];
  // Aliases: `const a = el.attribs;`
  for (const m of code.matchAll(/\b(?:const|let)\s+([\w$]+)\s*=\s*[\w$.?]*\.attribs\b\s*;/g)) holders.push(m[1]!);
  const names: string[] = [];
  const computed: string[] = [];
  for (const holder of new Set(holders)) {
    const h = escape(holder);
    for (const m of code.matchAll(new RegExp(`\\b${h}\\??\\.([A-Za-z_$][\\w$]*)`, 'g'))) names.push(m[1]!);
    for (const m of code.matchAll(new RegExp(`\\b${h}\\[\\s*(['"\`])([^'"\`]+)\\1\\s*\\]`, 'g'))) names.push(m[2]!);
    for (const m of code.matchAll(new RegExp(`(['"])([\\w-]+)\\1\\s+in\\s+[\\w$.]*\\b${h}\\b`, 'g'))) names.push(m[2]!);
    for (const m of code.matchAll(new RegExp(`\\b${h}\\[\\s*[^'"\`\\s\\]][^\\]]*\\]|\\bin\\s+[\\w$.]*\\b${h}\\s*\\)`, 'g'))) computed.push(m[0]);
  }
  return { names, computed };
}

describe('READ_ATTRIBUTES holds every attribute the readers read', () => {
  const files = sourceFiles(SRC);

  it('finds the reads it looks for (the scan itself works)', () => {
    const { names, computed } = readsOf("const a = el.attribs; a.rel; el.attribs['aria-hidden']; 'pubdate' in a; attribs[key]; for (const k in attribs) x;");
    expect(names.sort()).toEqual(['aria-hidden', 'pubdate', 'rel']);
    expect(computed).toHaveLength(2);
    expect(files.length).toBeGreaterThan(20);
  });

  it('every name read in src/clean is kept by the parse', () => {
    const missing: string[] = [];
    let found = 0;
    for (const file of files) {
      for (const name of readsOf(readFileSync(file, 'utf8')).names) {
        found++;
        if (!READ_ATTRIBUTES.has(name)) missing.push(`${relative(SRC, file)}: ${name}`);
      }
    }
    expect(found).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('reads by a computed key happen only where their names are listed, and those are kept', () => {
    // Each file that reads attributes by a computed key, with the names it may read.
    const listed: Record<string, readonly string[]> = {
      'page/author-element.ts': [...AUTHOR_ATTRIBUTES],
      'dates/html/source-meta.ts': KEY_ATTRS,
    };
    const unlisted = files.filter((file) => readsOf(readFileSync(file, 'utf8')).computed.length > 0).map((file) => relative(SRC, file)).filter((file) => !(file in listed));
    expect(unlisted).toEqual([]);
    // A listed file that no longer reads by a computed key is a stale entry.
    for (const file of Object.keys(listed)) expect(readsOf(readFileSync(join(SRC, file), 'utf8')).computed.length, file).toBeGreaterThan(0);
    expect(Object.values(listed).flat().filter((name) => !READ_ATTRIBUTES.has(name))).toEqual([]);
  });
});
