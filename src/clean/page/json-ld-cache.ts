/** What the cache gives for a text that is not valid JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/**
 * JSON.parse results of one page's JSON-LD script texts. The date reader and the article
 * reader both read every JSON-LD script of a page; through this each text is parsed once.
 * The values are shared, so readers must not change them.
 */
export class JsonLdCache {
  readonly #values = new Map<string, unknown>();

  parse(text: string): unknown {
    let value = this.#values.get(text);
    if (value === undefined) {
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        value = NOT_JSON;
      }
      this.#values.set(text, value);
    }
    return value;
  }
}
