import { Tokenizer } from 'htmlparser2';

/**
 * htmlparser2's tokenizer, with its runs of ordinary characters skipped by String#indexOf
 * instead of one trip per character through its state loop. With entity decoding on (what
 * the extractor asks for), text and quoted attribute values are walked a character at a
 * time, and the fast-forward through <script>, <style> and comments tests one charCodeAt per
 * character: together the largest self time of clean() on HTML.
 *
 * The states overridden only ever act on a few characters ('<' and '&' in text, the quote
 * and '&' in a quoted attribute value, the one character fastForwardTo looks for) and do
 * nothing on any other, so jumping to the next of those characters gives the same tokens,
 * callbacks and indices. tests/fast-tokenizer.test.ts compares the trees with the stock
 * tokenizer's. The methods are private in htmlparser2's types, hence the casts; they are
 * plain prototype methods in its code (htmlparser2 10.x).
 */
export class FastTokenizer extends Tokenizer {
  // The '&' cache of nextAmp, declared so every instance has them from the start (one shape).
  protected ampAt = -1;
  protected ampFrom = 0;
  protected ampBuffer: string | undefined = undefined;
}

/** The tokenizer's internals the overrides read (private in its type declarations). */
interface Internals {
  buffer: string;
  index: number;
  offset: number;
  decodeEntities: boolean;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
  /** Where the next '&' at or after ampFrom is in ampBuffer (-1: none). */
  ampAt: number;
  ampFrom: number;
  ampBuffer: string | undefined;
}

const LT = 0x3c;
const AMP = 0x26;

const stock = Tokenizer.prototype as unknown as Internals;
const stockText = stock.stateText;
const stockAttributeValue = stock.handleInAttributeValue;
const fast = FastTokenizer.prototype as unknown as Internals;

/** Position of the next '&' at or after `from` in the buffer, or -1; one scan per '&' per buffer. */
function nextAmp(t: Internals, from: number): number {
  if (t.ampBuffer !== t.buffer || from < t.ampFrom || (t.ampAt !== -1 && t.ampAt < from)) {
    t.ampBuffer = t.buffer;
    t.ampAt = t.buffer.indexOf('&', from);
  }
  t.ampFrom = from;
  return t.ampAt;
}

/**
 * Leaves the index just before the next of `stop` or (when entities are decoded) '&' after
 * the current character, so the state loop's own increment lands on it; at the end of the
 * buffer when there is none, as the stock fastForwardTo does.
 */
function skipTo(t: Internals, stop: string): void {
  const from = t.index - t.offset + 1;
  const buffer = t.buffer;
  let next = buffer.indexOf(stop, from);
  if (t.decodeEntities) {
    const amp = nextAmp(t, from);
    if (amp !== -1 && (next === -1 || amp < next)) next = amp;
  }
  t.index = (next === -1 ? buffer.length : next) + t.offset - 1;
}

fast.stateText = function (this: Internals, c: number): void {
  if (c === LT || c === AMP || !this.decodeEntities) stockText.call(this, c);
  else skipTo(this, '<');
};

fast.handleInAttributeValue = function (this: Internals, c: number, quote: number): void {
  if (c === quote || c === AMP || !this.decodeEntities) stockAttributeValue.call(this, c, quote);
  else skipTo(this, String.fromCharCode(quote));
};

fast.fastForwardTo = function (this: Internals, c: number): boolean {
  const found = this.buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
  if (found !== -1) {
    this.index = found + this.offset;
    return true;
  }
  this.index = this.buffer.length + this.offset - 1;
  return false;
};
