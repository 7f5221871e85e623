import { HTML_SETTINGS as S } from '../rules/html-scoring.js';
import { BOILERPLATE_LINE, BOILERPLATE_PREFIX, COMMENT_HEADER, NO_LETTERS, TRAILER_LINE, URL_LINE } from '../text/patterns.js';
import { bylineOf, isCaptionLine, isDateLine } from '../text/flag-units.js';
import type { Block } from '../types.js';
import type { Run } from './collect-runs.js';

const HAS_DIGIT = /\d/;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const normalise = (s: string): string => s.replace(NON_WORD, ' ').trim().toLowerCase();

export interface Classified {
  blocks: Block[];
  /** A byline read from the article's head ("By Jane Doe"), when the page has no author meta. */
  byline: string | null;
  bodyChars: number;
}

/** One run's kind by its own text: furniture phrases, captions, link lists. */
function kindOf(run: Run, title: string, seen: Set<string>): [Block['kind'], string?] {
  const text = run.text;
  if (run.tag === 'h1' || (title && normalise(text) === title)) return ['title', 'title repeated in the body'];
  if (run.linkChars / text.length > S.maxLinkDensity) return ['boilerplate', 'link-density'];
  if (text.length <= S.metaLineMaxChars * 2) {
    if (BOILERPLATE_LINE.test(text) || URL_LINE.test(text)) return ['boilerplate', 'boilerplate-phrase'];
    if (BOILERPLATE_PREFIX.test(text) && run.linkChars > 0) return ['boilerplate', 'link to another story'];
    if (NO_LETTERS.test(text) && !HAS_DIGIT.test(text)) return ['boilerplate', 'no letters'];
    if (isCaptionLine(text)) return ['caption', 'photo caption or credit'];
  }
  if (seen.has(text) && run.tag !== 'li') return ['boilerplate', 'repeated block'];
  return ['body'];
}

/**
 * Kinds of the runs inside the article container: the repeated title, bylines and date
 * lines at its head, captions, furniture lines and link lists; a trailer marker ("Related
 * articles", "Leave a Reply") after some body ends the article.
 */
export function classifyRuns(runs: readonly Run[], title: string | null, referenceDate: string | undefined): Classified {
  const blocks: Block[] = [];
  const seen = new Set<string>();
  const normTitle = title ? normalise(title) : '';
  let byline: string | null = null;
  let bodyChars = 0;
  let trailer: string | null = null;
  for (const run of runs) {
    const text = run.text;
    if (trailer) {
      blocks.push({ kind: 'trailer', text, reason: `after trailer-marker: ${trailer}`, tag: run.tag });
      continue;
    }
    if (bodyChars >= S.trailerMinBodyChars && text.length <= S.metaLineMaxChars && (TRAILER_LINE.test(text) || COMMENT_HEADER.test(text))) {
      trailer = text;
      blocks.push({ kind: 'trailer', text, reason: `trailer-marker: ${text}`, tag: run.tag });
      continue;
    }
    let [kind, reason] = kindOf(run, normTitle, seen);
    if (kind === 'body' && bodyChars === 0 && text.length <= S.metaLineMaxChars) {
      const name = bylineOf(text);
      if (name) {
        byline ??= name;
        [kind, reason] = ['byline', 'byline'];
      } else if (isDateLine(text, referenceDate)) {
        [kind, reason] = ['dateline', 'date line'];
      }
    }
    blocks.push(reason ? { kind, text, reason, tag: run.tag } : { kind, text, tag: run.tag });
    if (kind === 'body') {
      bodyChars += text.length;
      seen.add(text);
    }
  }
  return { blocks, byline, bodyChars };
}
