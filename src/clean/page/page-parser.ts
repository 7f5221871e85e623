import { DomHandler, type Document } from 'domhandler';
import { Parser } from 'htmlparser2';
import { FastTokenizer } from './fast-tokenizer.js';

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

/** The parser's internals the overrides use (private in its type declarations). */
interface Internals {
  attribs: Record<string, string> | null;
  attribname: string;
  attribvalue: string;
  endIndex: number;
  /** Whether the attribute being read is one of READ_ATTRIBUTES. */
  keepAttribute: boolean;
}

/** htmlparser2's HTML parse that stores only READ_ATTRIBUTES. */
class PageParser extends Parser {
  protected keepAttribute = true;
}

const stock = Parser.prototype as unknown as Internals & Record<'onattribname' | 'onattribdata' | 'onattribentity' | 'onattribend', (...args: number[]) => void>;
const own = PageParser.prototype as unknown as typeof stock;

own.onattribname = function (this: Internals, start: number, endIndex: number): void {
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

/** What cheerio's htmlparser2 parse was asked for: HTML, entities decoded, the fast tokenizer. */
const OPTIONS = { xmlMode: false, decodeEntities: true, Tokenizer: FastTokenizer } as const;

/** The page's document tree, as htmlparser2's parseDocument builds it but with only READ_ATTRIBUTES. */
export function parseDocument(html: string): Document {
  const handler = new DomHandler(undefined, OPTIONS);
  new PageParser(handler, OPTIONS).end(html);
  return handler.root;
}
