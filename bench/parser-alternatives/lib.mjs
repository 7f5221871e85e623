// Shared: page loading (scour's own decode), the candidate parsers, and tree stats.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const MAIN = new URL('../..', import.meta.url).pathname.replace(/\/$/, ''); // the scour checkout
const { decode } = await import(`${MAIN}/dist/clean/decode.js`);
const scour = await import(`${MAIN}/dist/clean/page/page-parser.js`);
const { parsePage } = await import(`${MAIN}/dist/clean/page/parse-page.js`);
const requireMain = createRequire(`${MAIN}/package.json`);
const htmlparser2 = requireMain('htmlparser2');
const entities = requireMain('entities');
export const READ = scour.READ_ATTRIBUTES;

export const SETS = {
  scrapinghub: `${MAIN}/../shared/eval/scrapinghub/html`,
  'dates-htmldate': `${MAIN}/../shared/eval/dates-htmldate/html`,
};

/** Every page of a set as clean() sees it: scour's decode (gunzip, charset, line breaks). */
export function loadSet(set) {
  const dir = SETS[set];
  const pages = [];
  for (const f of readdirSync(dir).sort()) {
    const d = decode(readFileSync(join(dir, f)), { maxBytes: 64 << 20 });
    if (!d.ok) { console.error('skip', f, d.reason); continue; }
    pages.push({ name: f, text: d.text, bytes: Buffer.from(d.text, 'utf8'), encoding: d.encoding });
  }
  return pages;
}

// ---------- mini tree: what an extraction walk needs ----------
// element: { type: 1, name, attribs, children, parent }   text: { type: 3, data, parent }
const el = (name, attribs, parent) => ({ type: 1, name, attribs, children: [], parent });
const decText = (s) => (s.indexOf('&') === -1 ? s : entities.decodeHTML(s));
const decAttr = (s) => (s.indexOf('&') === -1 ? s : entities.decodeHTMLAttribute(s));
// Raw text (no entity decoding); title and textarea are RCDATA and are decoded.
const RAWTEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

// htmlparser2 10's implied closes and void elements (copied from its Parser.js), for the lol-html builder.
const formTags = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const pTag = new Set(['p']);
const tableSectionTags = new Set(['thead', 'tbody']);
const ddtTags = new Set(['dd', 'dt']);
const rtpTags = new Set(['rt', 'rp']);
const IMPLIES = new Map([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])], ['li', new Set(['li'])], ['p', pTag], ['h1', pTag], ['h2', pTag],
  ['h3', pTag], ['h4', pTag], ['h5', pTag], ['h6', pTag], ['select', formTags], ['input', formTags], ['output', formTags],
  ['button', formTags], ['datalist', formTags], ['textarea', formTags], ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])], ['dd', ddtTags], ['dt', ddtTags], ['address', pTag], ['article', pTag],
  ['aside', pTag], ['blockquote', pTag], ['details', pTag], ['div', pTag], ['dl', pTag], ['fieldset', pTag],
  ['figcaption', pTag], ['figure', pTag], ['footer', pTag], ['form', pTag], ['header', pTag], ['hr', pTag], ['main', pTag],
  ['nav', pTag], ['ol', pTag], ['pre', pTag], ['section', pTag], ['table', pTag], ['ul', pTag], ['rt', rtpTags],
  ['rp', rtpTags], ['tbody', tableSectionTags], ['tfoot', tableSectionTags],
]);
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex',
  'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

// ---------- lol-html (two WASM builds) ----------
let lolFork = require('lol-html'); // lol-html 2.3.0 js-api (wasm-bindgen), fork with onEndTag
let hrw = require('html-rewriter-wasm'); // mrbbot's asyncify build, lol-html 0.3 (cssparser 0.27)
/**
 * Both bindings leak on the JS side (heap +~30 MB per 181 pages even with empty handlers) and
 * slow down 10x+ after a few hundred pages; a fresh module instance (new WASM instance and JS glue)
 * is fast again. LOL_RELOAD=N re-requires both every N pages (0: never).
 */
const LOL_RELOAD = Number(process.env.LOL_RELOAD ?? 0);
let lolPages = 0;
function maybeReload() {
  if (!LOL_RELOAD || ++lolPages % LOL_RELOAD) return;
  for (const k of Object.keys(require.cache)) if (/node_modules\/(lol-html|html-rewriter-wasm)\//.test(k)) delete require.cache[k];
  lolFork = require('lol-html');
  hrw = require('html-rewriter-wasm');
}
const noop = () => {};

/** Token stream only: catch-all handlers that touch nothing (the floor of any lol-html tree build). */
function lolBare(kind, page) {
  maybeReload();
  const rw = kind === 'fork' ? new lolFork.HTMLRewriter('utf8', noop) : new hrw.HTMLRewriter(noop);
  let n = 0;
  rw.on('*', { element() { n++; } });
  rw.onDocument({ text() { n++; } });
  const a = rw.write(page.bytes);
  const b = rw.end();
  if (kind === 'fork') { rw.free(); return n; }
  return a.then(() => b).then(() => { rw.free(); return n; });
}

/** A tree as htmlparser2 would nest it: lol-html tokens + onEndTag + htmlparser2's implied closes, entities decoded in JS. */
function lolTree(kind, page) {
  maybeReload();
  const root = el('#root', {}, null);
  const stack = [root];
  let text = '';
  const flush = () => {
    if (text === '') return;
    const p = stack[stack.length - 1];
    const top = p.name;
    p.children.push({ type: 3, data: RAWTEXT.has(top) ? text : decText(text), parent: p });
    text = '';
  };
  const rw = kind === 'fork' ? new lolFork.HTMLRewriter('utf8', noop) : new hrw.HTMLRewriter(noop);
  rw.on('*', {
    element(e) {
      flush();
      const name = e.tagName;
      const implied = IMPLIES.get(name);
      if (implied) while (stack.length > 1 && implied.has(stack[stack.length - 1].name)) stack.pop();
      const attribs = {};
      if (kind === 'fork') { for (const a of e.attributes) if (READ.has(a.name) && attribs[a.name] === undefined) attribs[a.name] = decAttr(a.value); }
      else for (const [k, v] of e.attributes) if (READ.has(k) && attribs[k] === undefined) attribs[k] = decAttr(v);
      const parent = stack[stack.length - 1];
      const node = el(name, attribs, parent);
      parent.children.push(node);
      if (VOID.has(name)) return;
      stack.push(node);
      try {
        e.onEndTag(() => {
          flush();
          const i = stack.lastIndexOf(node);
          if (i > 0) stack.length = i;
        });
      } catch { stack.pop(); } // self-closing (foreign content): no end tag
    },
  });
  rw.onDocument({ text(t) { text += t.text; if (t.lastInTextNode) flush(); } });
  const a = rw.write(page.bytes);
  const b = rw.end();
  if (kind === 'fork') { flush(); rw.free(); return root; }
  return a.then(() => b).then(() => { flush(); rw.free(); return root; });
}

// ---------- domparser-rs (html5ever via napi-rs) ----------
const domparser = require('domparser-rs/index.js'); // the napi binding's own parse (DOMParser wraps it)
function dpParse(page) { return domparser.parse(page.text); }
function dpConvert(n, parent) {
  for (const c of n.childNodes) {
    const t = c.nodeType;
    if (t === 1) {
      const attribs = {};
      for (const k of c.getAttributeNames()) if (READ.has(k)) attribs[k] = c.getAttribute(k);
      const node = el(c.localName, attribs, parent);
      parent.children.push(node);
      dpConvert(c, node);
    } else if (t === 3) parent.children.push({ type: 3, data: c.data, parent });
  }
}
function dpTree(page) { const root = el('#root', {}, null); dpConvert(dpParse(page), root); return root; }

// ---------- libxmljs2 (libxml2's HTML parser, nan addon) ----------
let libxml = null;
try { libxml = require('libxmljs2'); } catch (e) { console.error('libxmljs2 unavailable:', e.message.split('\n')[0]); }
// encoding + ignore_enc: the string is UTF-8 already; a <meta charset> must not re-decode it. huge: no 256-deep limit.
const LIBXML_OPTS = { encoding: 'utf-8', ignore_enc: true, huge: true, recover: true, noerror: true, nowarning: true, nonet: true };
function lxParse(page) { return libxml.parseHtmlString(page.text, LIBXML_OPTS); }
function lxConvert(n, parent) {
  for (const c of n.childNodes()) {
    const t = c.type();
    if (t === 'element') {
      const attribs = {};
      for (const a of c.attrs()) { const k = a.name(); if (READ.has(k)) attribs[k] = a.value(); }
      const node = el(c.name(), attribs, parent);
      parent.children.push(node);
      lxConvert(c, node);
    } else if (t === 'text' || t === 'cdata') parent.children.push({ type: 3, data: c.text(), parent });
  }
}
function lxTree(page) {
  const root = el('#root', {}, null);
  const doc = lxParse(page);
  const r = doc.root();
  if (r) { const node = el(r.name(), {}, root); root.children.push(node); lxConvert(r, node); }
  return root;
}

// ---------- node-html-parser (pure JS) ----------
const nhp = require('node-html-parser');
const NHP_OPTS = { comment: false, lowerCaseTagName: false, blockTextElements: { script: true, noscript: true, style: true, pre: true } };
function nhpParse(page) { return nhp.parse(page.text, NHP_OPTS); }
function nhpConvert(n, parent) {
  for (const c of n.childNodes) {
    if (c.nodeType === 1) {
      const all = c.attributes; // parsed lazily from rawAttrs, entity-decoded
      const attribs = {};
      for (const k in all) { const lk = k.toLowerCase(); if (READ.has(lk)) attribs[lk] = all[k]; }
      const node = el(c.rawTagName.toLowerCase(), attribs, parent);
      parent.children.push(node);
      nhpConvert(c, node);
    } else if (c.nodeType === 3) parent.children.push({ type: 3, data: RAWTEXT.has(parent.name) ? c.rawText : decText(c.rawText), parent });
  }
}
function nhpTree(page) { const root = el('#root', {}, null); nhpConvert(nhpParse(page), root); return root; }

// ---------- parse5 (WHATWG tree construction in JS, reference for "HTML5 rules") ----------
const parse5 = require('parse5');
function p5Convert(n, parent) {
  for (const c of n.childNodes ?? []) {
    if (c.tagName) {
      const attribs = {};
      for (const a of c.attrs) if (READ.has(a.name)) attribs[a.name] = a.value;
      const node = el(c.tagName, attribs, parent);
      parent.children.push(node);
      p5Convert(c.content ?? c, node); // <template> content
    } else if (c.nodeName === '#text') parent.children.push({ type: 3, data: c.value, parent });
  }
}
function p5Tree(page) { const root = el('#root', {}, null); p5Convert(parse5.parse(page.text), root); return root; }

// ---------- tree-sitter-html (native; a syntax grammar, not an HTML tree builder) ----------
let ts = null;
try {
  const Parser = require('tree-sitter');
  const HTML = require('tree-sitter-html');
  const p = new Parser(); p.setLanguage(HTML); ts = p;
} catch (e) { console.error('tree-sitter unavailable:', e.message.split('\n')[0]); }
// node-tree-sitter 0.21 throws "Invalid argument" on strings over its default 32 KiB buffer: bufferSize set.
function tsParse(page) { return ts.parse(page.text, undefined, { bufferSize: page.text.length + 1 }); }

// ---------- the candidates ----------
// parse: the parse alone (result may be a native handle); tree: parse + a JS tree the extraction could walk.
export const CANDIDATES = {
  'scour parseDocument': { parse: (p) => scour.parseDocument(p.text), tree: (p) => scour.parseDocument(p.text), domhandler: true },
  'scour parsePage (+guards, cheerio load, index)': { parse: (p) => parsePage(p.text), tree: (p) => parsePage(p.text).root, domhandler: true, timingOnly: true },
  'htmlparser2 parseDocument (stock)': { parse: (p) => htmlparser2.parseDocument(p.text, { decodeEntities: true }), tree: (p) => htmlparser2.parseDocument(p.text, { decodeEntities: true }), domhandler: true },
  'lol-html 2.3.0 wasm (fork)': { parse: (p) => lolBare('fork', p), tree: (p) => lolTree('fork', p) },
  'html-rewriter-wasm 0.4.1': { parse: (p) => lolBare('hrw', p), tree: (p) => lolTree('hrw', p) },
  'domparser-rs 0.1.1 (html5ever, napi)': { parse: dpParse, tree: dpTree },
  ...(libxml ? { 'libxmljs2 0.35.0 (libxml2 HTML)': { parse: lxParse, tree: lxTree } } : {}),
  'node-html-parser 9.0.7': { parse: nhpParse, tree: nhpTree },
  'parse5 7 (WHATWG, JS)': { parse: (p) => parse5.parse(p.text), tree: p5Tree },
  ...(ts ? { 'tree-sitter-html 0.23.2 (native, syntax tree)': { parse: tsParse, tree: null } } : {}),
};

// ---------- stats for correctness ----------
const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template']);
const IMPLIED = new Set(['html', 'head', 'body', 'tbody']);
/** Stats over a mini tree or a domhandler tree. */
export function stats(root, domhandler) {
  const tags = new Map();
  let elements = 0, textAll = 0, noscript = 0;
  const vis = [];
  const shape = [];
  const walk = (n, depth, inSkip) => {
    for (const c of n.children) {
      let isEl, name, data;
      if (domhandler) {
        isEl = c.type === 'tag' || c.type === 'script' || c.type === 'style';
        if (isEl) name = c.name;
        else if (c.type === 'text') data = c.data;
        else if (c.type === 'cdata') { walk(c, depth, inSkip); continue; }
        else continue;
      } else { isEl = c.type === 1; name = c.name; data = c.data; }
      if (isEl) {
        name = name.toLowerCase();
        elements++;
        tags.set(name, (tags.get(name) ?? 0) + 1);
        if (!IMPLIED.has(name)) shape.push(name + '@' + depth);
        // <noscript>: htmlparser2 parses its content as markup (scripting off), lol-html, parse5,
        // html5ever and node-html-parser here keep it as raw text (scripting on): not compared.
        if (name === 'noscript') { noscript++; continue; }
        walk(c, IMPLIED.has(name) ? depth : depth + 1, inSkip || SKIP_TEXT.has(name));
      } else if (data !== undefined) {
        textAll += data.length;
        if (!inSkip) vis.push(data.replace(/\s+/g, ''));
      }
    }
  };
  walk(root, 0, false);
  const visText = vis.join('');
  return { elements, tags, textAll, visText, shape: shape.join(' '), noscript };
}
