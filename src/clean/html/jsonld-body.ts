import type { CheerioAPI } from 'cheerio';

const TAGS = /<[^>]+>/g;
const SPACE = /[^\S\n]+/g;

function find(node: unknown, depth: number): string | null {
  if (depth > 8 || !node || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    let best: string | null = null;
    for (const item of node) {
      const found = find(item, depth + 1);
      if (found && found.length > (best?.length ?? 0)) best = found;
    }
    return best;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.articleBody === 'string') return record.articleBody;
  if (typeof record.text === 'string' && /Article|Posting|Report/.test(String(record['@type']))) return record.text;
  return find(record['@graph'] ?? record.mainEntity ?? record.mainEntityOfPage ?? null, depth + 1);
}

/**
 * The articleBody a page declares in its JSON-LD (schema.org Article, NewsArticle,
 * BlogPosting, also inside @graph), split into paragraphs; null when there is none. It is
 * a second opinion on the extraction, trusted when the extraction came out much shorter.
 */
export function jsonLdBody($: CheerioAPI): string[] | null {
  let best: string | null = null;
  $('script[type="application/ld+json"]').each((_, el) => {
    const raw = $(el).text().trim();
    if (!raw.includes('articleBody') && !raw.includes('"text"')) return;
    try {
      const found = find(JSON.parse(raw), 0);
      if (found && found.length > (best?.length ?? 0)) best = found;
    } catch {
      // Broken JSON-LD is common (unescaped quotes, trailing commas): it just gives no body.
    }
  });
  if (!best) return null;
  const text = (best as string).replace(TAGS, '\n').replace(SPACE, ' ');
  const paragraphs = text.split(/\s*\n\s*/).map((p) => p.trim()).filter(Boolean);
  return paragraphs.length ? paragraphs : null;
}
