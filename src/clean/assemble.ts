import { CleanRecord, DateSource, SCHEMA_VERSION, type Rejection, type RemovedBlock } from '../schemas/index.js';
import { sha256Hex } from '../ids.js';
import { detectLanguage } from './language.js';
import { CLEAN_SETTINGS } from './rules/clean-settings.js';
import type { Block, CleanOptions, CleanResult, DateCandidate, Extraction, RawInput } from './types.js';
import { countWords } from './word-count.js';
import { fingerprint } from './fingerprint.js';

export interface AssembleContext {
  input: RawInput;
  options: CleanOptions;
  /** The decoded text's length (stats.inputChars). */
  inputChars: number;
  /** Encoding the bytes were read as. */
  encoding: string;
}

const SOURCE_RANK = new Map(DateSource.options.map((source, i) => [source, i]));

/** Most confident candidate; ties go to the source earlier in the DateSource order, then to the earlier one found. */
export function bestDate(candidates: readonly DateCandidate[]): DateCandidate | null {
  let best: DateCandidate | null = null;
  for (const c of candidates) {
    if (!best || c.confidence > best.confidence) best = c;
    else if (c.confidence === best.confidence && (SOURCE_RANK.get(c.source) ?? 99) < (SOURCE_RANK.get(best.source) ?? 99)) best = c;
  }
  return best;
}

const nonEmpty = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * Every block but the body, trimmed, with why it went; the block the date was read from
 * (`dateBlock`, furniture) is re-marked as the page's date line. Empty blocks are left out.
 */
function removedBlocks(blocks: readonly Block[], dateBlock: number | undefined): RemovedBlock[] {
  const removed: RemovedBlock[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const isDate = i === dateBlock;
    if (block.kind === 'body' && !isDate) continue;
    const text = block.text.trim();
    if (!text) continue;
    if (isDate) removed.push({ kind: 'date', text, reason: `the page's date line, outside the story (${block.reason ?? block.kind})` });
    else removed.push({ kind: block.kind, text, reason: block.reason ?? block.kind });
  }
  return removed;
}

/**
 * Extraction + input → a validated CleanRecord, or a rejection when no body (no-article) or
 * too little of one (too-short) survived. A record failing its own schema is a bug: it
 * comes back as a "failed" rejection carrying zod's message.
 */
export function assemble(extraction: Extraction, ctx: AssembleContext): CleanResult {
  const paragraphs: string[] = [];
  for (const block of extraction.blocks) {
    if (block.kind !== 'body') continue;
    const text = block.text.trim();
    if (text) paragraphs.push(text);
  }
  if (paragraphs.length === 0) return { ok: false, reason: 'no-article', detail: 'no block of the input reads as article text' };
  const body = paragraphs.join('\n\n');
  const bodyWords = countWords(body);
  if (body.length < CLEAN_SETTINGS.minBodyChars || bodyWords < CLEAN_SETTINGS.minBodyWords) {
    return {
      ok: false,
      reason: 'too-short',
      detail: `the article body has ${body.length} characters and ${bodyWords} words (minimum ${CLEAN_SETTINGS.minBodyChars} and ${CLEAN_SETTINGS.minBodyWords})`,
    };
  }
  const date = bestDate(extraction.dateCandidates);
  const removed = removedBlocks(extraction.blocks, date?.removedBlock);
  const sha256 = sha256Hex(ctx.input.bytes);
  const record = {
    schemaVersion: SCHEMA_VERSION,
    id: sha256,
    source: {
      name: ctx.input.name,
      sha256,
      bytes: ctx.input.bytes.length,
      format: extraction.format,
      encoding: ctx.encoding,
      url: nonEmpty(ctx.input.url) ?? nonEmpty(extraction.url),
      receivedAt: ctx.input.receivedAt,
    },
    title: nonEmpty(extraction.title),
    byline: nonEmpty(extraction.byline),
    dateline: nonEmpty(extraction.dateline),
    publisher: nonEmpty(extraction.publisher),
    date: date?.date ?? null,
    dateEvidence: date ? { source: date.source, text: date.text, confidence: date.confidence } : null,
    // A page that declares no language (text dumps never do) gets the body's.
    language: nonEmpty(extraction.language) ?? detectLanguage(body),
    body,
    highlights: extraction.highlights.map((h) => h.trim()).filter(Boolean),
    captions: extraction.captions.map((c) => c.trim()).filter(Boolean),
    removed,
    stats: {
      inputChars: ctx.inputChars,
      bodyChars: body.length,
      bodyWords,
      paragraphs: paragraphs.length,
      blocksRemoved: removed.length,
      method: extraction.method,
    },
    pipeline: { version: ctx.options.pipelineVersion ?? 'unversioned', processedAt: ctx.options.processedAt },
    fingerprint: fingerprint(body),
    story: null,
  };
  const parsed = CleanRecord.safeParse(record);
  if (!parsed.success) {
    const detail: Rejection['detail'] = `the record fails its schema (a cleaner bug): ${parsed.error.message}`;
    return { ok: false, reason: 'failed', detail };
  }
  return { ok: true, record: parsed.data };
}
