import type { BlockKind, CleanRecord, DateSource, Rejection } from '../schemas/index.js';

/** What clean() is given: the raw bytes and what the pipeline knows about them. */
export interface RawInput {
  bytes: Uint8Array;
  /** File name (relative to the inbox); used for source.name and as a format hint. */
  name: string;
  /** ISO datetime the pipeline received the file. */
  receivedAt: string;
  /** Page URL when known (HTML canonical/og:url is used otherwise). */
  url?: string | null;
}

export interface CleanOptions {
  /** ISO datetime stamped into record.pipeline.processedAt (clean() never reads the clock). */
  processedAt: string;
  /**
   * Stamped into record.pipeline.version: the pipeline passes its package version (clean()
   * reads no files). Default "unversioned", for library use outside a release.
   */
  pipelineVersion?: string;
  /** YYYY-MM-DD: resolves relative dates ("on Friday"). Without it they stay unresolved. */
  referenceDate?: string;
  /** Inputs over this many bytes are rejected as too-large (default 16 MiB). */
  maxBytes?: number;
}

export type CleanResult = { ok: true; record: CleanRecord } | Rejection;

/** One segment of the input (a paragraph, heading, list item, line group) and what it is. */
export interface Block {
  text: string;
  kind: BlockKind;
  /** Why a non-body block was classified so, e.g. "trailer-marker: Popular posts from this blog". */
  reason?: string;
  /** HTML tag the block came from (p, h2, li, blockquote…) or "line" for text input. */
  tag?: string;
}

/** A publication-date guess with where it came from; the assembler picks the best. */
export interface DateCandidate {
  /** YYYY-MM-DD or full ISO datetime with offset. */
  date: string;
  source: DateSource;
  /** The exact text or attribute value it was read from. */
  text: string;
  confidence: number;
  /** Set when the page marks the date as a revision (dateModified, "Updated …"): see html-candidates' shownRevision. */
  revision?: true;
  /**
   * Set when the date was read from a block the extractor removed (page furniture around a
   * story that carries no date of its own): that block's index in Extraction.blocks. The
   * assembler re-marks the winning one as the page's date line, so `removed` says why it
   * was read.
   */
  removedBlock?: number;
}

/** What a format-specific extractor (text or HTML) hands to the shared assembler. */
export interface Extraction {
  format: 'text' | 'html';
  /** Every block in reading order, body and removed alike. */
  blocks: Block[];
  title: string | null;
  byline: string | null;
  dateline: string | null;
  publisher: string | null;
  language: string | null;
  url: string | null;
  highlights: string[];
  captions: string[];
  /** Best first is not required: the assembler sorts by confidence. */
  dateCandidates: DateCandidate[];
  /** Route that produced the body, e.g. "text", "html:article", "html:jsonld". */
  method: string;
}
