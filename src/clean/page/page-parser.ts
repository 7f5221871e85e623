import { DomHandler, type ChildNode, type Document, type ParentNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import { FastTokenizer } from './fast-tokenizer.js';
import { isAscii, KnownNames } from './known-names.js';

/**
 * Every attribute name some reader of the page reads (`el.attribs.X` in src/clean); no other
 * attribute is stored. Storing each attribute of every element (entity-decoded, on an object
 * whose shape changes with each new name) was the largest self time of the parse, and most
 * attributes (style excepted: prune reads it) are never read: src, srcset, d, data-*, on*,
 * aria-*. tests/html-page-parser.test.ts fails when a reader reads a name missing here.
 */
export const READ_ATTRIBUTES: ReadonlySet<string> = new Set([
  'class', 'id', 'itemprop', 'rel', 'role', 'lang', 'hidden', 'style', 'aria-hidden', 'title',
  'href', 'type', 'name', 'property', 'http-equiv', 'content', 'datetime', 'value',
  'data-testid', 'data-component', 'pubdate',
]);

const KNOWN_ATTRIBUTES = new KnownNames(READ_ATTRIBUTES);

/** The elements of HTML (and the usual SVG ones), whose names are matched in place (known-names.ts). */
const KNOWN_TAGS = new KnownNames([
  'a', 'abbr', 'address', 'area', 'article', 'aside', 'audio', 'b', 'base', 'bdi', 'bdo', 'blockquote', 'body', 'br',
  'button', 'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'data', 'datalist', 'dd', 'del', 'details',
  'dfn', 'dialog', 'div', 'dl', 'dt', 'em', 'embed', 'fieldset', 'figcaption', 'figure', 'font', 'footer', 'form', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'i', 'iframe', 'img', 'input', 'ins', 'kbd',
  'label', 'legend', 'li', 'link', 'main', 'map', 'mark', 'menu', 'meta', 'meter', 'nav', 'noscript', 'object', 'ol',
  'optgroup', 'option', 'output', 'p', 'param', 'picture', 'pre', 'progress', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'script', 'search', 'section', 'select', 'slot', 'small', 'source', 'span', 'strike', 'strong', 'style', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'time', 'title', 'tr',
  'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
  'svg', 'g', 'path', 'use', 'symbol', 'defs', 'circle', 'rect', 'line', 'polygon', 'polyline', 'ellipse', 'stop', 'clippath', 'mask', 'lineargradient',
]);

/** The parser's internals the overrides use (private in its type declarations). */
interface Internals {
  attribs: Record<string, string> | null;
  attribname: string;
  attribvalue: string;
  startIndex: number;
  endIndex: number;
  buffers: string[];
  bufferOffset: number;
  /** Whether the attribute being read is one of READ_ATTRIBUTES. */
  keepAttribute: boolean;
  /** The name the next getSlice returns instead of a slice (see getSlice below). */
  knownName: string | null;
}

/** htmlparser2's HTML parse that stores only READ_ATTRIBUTES and matches known names in place. */
class PageParser extends Parser {
  protected keepAttribute = true;
  protected knownName: string | null = null;
}

type Method = (...args: number[]) => unknown;
const stock = Parser.prototype as unknown as Internals & Record<'onattribname' | 'onattribdata' | 'onattribentity' | 'onattribend' | 'onopentagname' | 'onclosetag' | 'getSlice', Method>;
const own = PageParser.prototype as unknown as typeof stock;

/**
 * The known name buffer[start, end) spells, or null (also when the span is not inside the
 * current buffer: one chunk holds the whole page here, as parseDocument writes it at once).
 */
function knownAt(parser: Internals, names: KnownNames, start: number, end: number): string | null {
  const buffer = parser.buffers[0];
  const from = start - parser.bufferOffset;
  if (buffer === undefined || from < 0 || end - parser.bufferOffset > buffer.length) return null;
  return names.at(buffer, from, end - parser.bufferOffset);
}

/**
 * onopentagname and onclosetag cut the name with getSlice and lower-case it: a known name is
 * handed to them through getSlice instead (lower-case already, so toLowerCase keeps it).
 */
own.getSlice = function (this: Internals, start: number, end: number): unknown {
  const known = this.knownName;
  if (known === null) return stock.getSlice.call(this, start, end);
  this.knownName = null;
  return known;
};

own.onopentagname = function (this: Internals, start: number, endIndex: number): void {
  this.knownName = knownAt(this, KNOWN_TAGS, start, endIndex);
  stock.onopentagname.call(this, start, endIndex);
};

own.onclosetag = function (this: Internals, start: number, endIndex: number): void {
  this.knownName = knownAt(this, KNOWN_TAGS, start, endIndex);
  stock.onclosetag.call(this, start, endIndex);
};

/** An attribute none reads is not cut out at all; a non-ASCII name goes the stock way (toLowerCase folds more than ASCII). */
own.onattribname = function (this: Internals, start: number, endIndex: number): void {
  const known = knownAt(this, KNOWN_ATTRIBUTES, start, endIndex);
  if (known !== null) {
    this.startIndex = start;
    this.attribname = known;
    this.keepAttribute = true;
    return;
  }
  const buffer = this.buffers[0];
  const from = start - this.bufferOffset;
  if (buffer !== undefined && from >= 0 && endIndex - this.bufferOffset <= buffer.length && isAscii(buffer, from, endIndex - this.bufferOffset)) {
    this.startIndex = start;
    this.keepAttribute = false;
    return;
  }
  stock.onattribname.call(this, start, endIndex);
  this.keepAttribute = READ_ATTRIBUTES.has(this.attribname);
};

own.onattribdata = function (this: Internals, start: number, endIndex: number): void {
  if (this.keepAttribute) stock.onattribdata.call(this, start, endIndex);
};

own.onattribentity = function (this: Internals, codePoint: number): void {
  if (this.keepAttribute) stock.onattribentity.call(this, codePoint);
};

/**
 * The stock onattribend, without the onattribute callback (DomHandler has none) and with a
 * lookup for the first-wins test: every kept name is an own string-valued key or absent
 * (none is an Object.prototype name), so `=== undefined` means what hasOwnProperty did.
 */
own.onattribend = function (this: Internals, _quote: number, endIndex: number): void {
  this.endIndex = endIndex;
  if (!this.keepAttribute) return;
  const attribs = this.attribs;
  if (attribs !== null && attribs[this.attribname] === undefined) attribs[this.attribname] = this.attribvalue;
  this.attribvalue = '';
};

/**
 * A child array grown by push from empty gets room for 17 children (V8's growth step), and
 * most elements have one child: that slack was among the largest allocations of the parse,
 * kept alive with the tree. A first child gets an array of its own length instead.
 */
class PageHandler extends DomHandler {
  override addNode(node: ChildNode): void {
    const parent = this.tagStack[this.tagStack.length - 1] as ParentNode;
    const siblings = parent.children;
    const previous = siblings[siblings.length - 1];
    // The root's array is also the handler's `dom`: left as it is.
    if (siblings.length === 0 && parent !== this.root) parent.children = [node];
    else siblings.push(node);
    if (previous) {
      node.prev = previous;
      previous.next = node;
    }
    node.parent = parent;
    this.lastNode = null;
  }
}

/** htmlparser2's options for a page: HTML (not XML), entities decoded, the fast tokenizer. */
const OPTIONS = { xmlMode: false, decodeEntities: true, Tokenizer: FastTokenizer } as const;

/** The page's document tree, as htmlparser2's parseDocument builds it but with only READ_ATTRIBUTES. */
export function parseDocument(html: string): Document {
  const handler = new PageHandler(undefined, OPTIONS);
  new PageParser(handler, OPTIONS).end(html);
  return handler.root;
}
