import type { CleanRecord, RejectionRecord } from '../../schemas/index.js';
import { BOARD_PATH } from '../queue-board.js';
import { QUEUE_NAME } from '../../queue/clean-queue.js';
import { html, type Html, page } from './html.js';
import { jobPagePath } from './paths.js';
import { locateBlocks, type BlockToLocate } from './locate-blocks.js';

/**
 * /records/:id: one record (or rejection) as a reader checks it: its fields, the date and the
 * evidence for it, the clean body, and the source text with every kept paragraph and removed
 * block marked where it was, so what was cut, and why, shows in place.
 */

/** Unmarked source text longer than this is shortened to its two ends. */
const GAP_CHARS = 3000;
const GAP_KEEP = 1000;
/** A rejection's source is shown up to this many characters. */
const REJECTED_SOURCE_CHARS = 200_000;
/**
 * Bounds on one page, whatever the input: the source view covers this much of the source text,
 * the body and each listed block this many characters, and the lists this many blocks (a 4 MB
 * page made a 10 MB answer before). The stored JSON and the raw source hold the rest.
 */
const SOURCE_VIEW_CHARS = 1_000_000;
const BODY_VIEW_CHARS = 500_000;
const LISTED_BLOCKS = 2000;
const LISTED_BLOCK_CHARS = 500;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text);

const jobPath = (id: string): string => jobPagePath(BOARD_PATH, QUEUE_NAME, id);

/** Only http(s) addresses become links; anything else (javascript:, data:) is shown as text. */
const linkTo = (url: string | null): Html =>
  url === null ? html`<span class="none">none</span>` : /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noopener noreferrer nofollow">${url}</a>` : html`${url}`;

const valueOr = (value: string | number | null): Html => (value === null ? html`<span class="none">none</span>` : html`${value}`);

function gap(text: string): Html {
  if (text.length <= GAP_CHARS) return html`<span class="gap">${text}</span>`;
  const hidden = text.length - 2 * GAP_KEEP;
  return html`<span class="gap">${text.slice(0, GAP_KEEP)}</span><span class="elided">… ${hidden} characters not shown …</span><span class="gap">${text.slice(-GAP_KEEP)}</span>`;
}

function blockLabel(block: BlockToLocate): string {
  return block.kept ? 'kept: body' : `removed: ${block.kind}${block.reason ? ` · ${block.reason}` : ''}`;
}

/** The source text with each located block wrapped in a mark saying kept or removed, with kind and reason. */
export function annotatedSource(text: string, blocks: readonly BlockToLocate[]): { view: Html; missing: number[] } {
  const { spans, missing } = locateBlocks(text, blocks);
  const parts: Html[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push(gap(text.slice(at, span.start)));
    const block = blocks[span.block]!;
    const label = blockLabel(block);
    parts.push(
      block.kept
        ? html`<span class="blk kept" title="${label}">${text.slice(span.start, span.end)}</span>`
        : html`<span class="blk removed" data-kind="${block.kind}" title="${label}"><span class="tag">${label}</span>${text.slice(span.start, span.end)}</span>`,
    );
    at = span.end;
  }
  if (at < text.length) parts.push(gap(text.slice(at)));
  return { view: html`<pre class="source">${parts}</pre>`, missing };
}

export function blocksOf(record: CleanRecord): BlockToLocate[] {
  const body = record.body.split(/\n{2,}/).map((text): BlockToLocate => ({ text, kept: true, kind: 'body', reason: null }));
  const removed = record.removed.map((b): BlockToLocate => ({ text: b.text, kept: false, kind: b.kind, reason: b.reason }));
  return [...body, ...removed];
}

function removedList(record: CleanRecord, only?: ReadonlySet<number>, offset = 0): Html {
  const chosen = record.removed.map((b, i) => ({ b, i })).filter(({ i }) => !only || only.has(i + offset));
  const rows = chosen
    .slice(0, LISTED_BLOCKS)
    .map(({ b }) => html`<tr class="removed-row"><td>${b.kind}</td><td>${b.reason}</td><td>${clip(b.text, LISTED_BLOCK_CHARS)}</td></tr>`);
  if (rows.length === 0) return html`<p class="none">none</p>`;
  const more = chosen.length > LISTED_BLOCKS ? html`<p class="note">… and ${chosen.length - LISTED_BLOCKS} more in the stored JSON.</p>` : null;
  return html`<table class="removed-list"><thead><tr><th>kind</th><th>reason</th><th>text</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

/** The body's paragraphs up to BODY_VIEW_CHARS. */
function bodyView(body: string): Html {
  const shown = body.length > BODY_VIEW_CHARS ? body.slice(0, BODY_VIEW_CHARS) : body;
  const paragraphs = shown.split(/\n{2,}/).map((p) => html`<p>${p}</p>`);
  const more = body.length > BODY_VIEW_CHARS ? html`<p class="note">… ${body.length - BODY_VIEW_CHARS} more characters in the stored JSON.</p>` : null;
  return html`${paragraphs}${more}`;
}

function links(id: string, kind: 'records' | 'rejected', sourceKept: boolean): Html {
  return html`<p class="links">
<a href="/api/records/${id}/source" class="source-link">${sourceKept ? 'raw source' : 'raw source (no longer kept)'}</a>
· <a href="/api/${kind}/${id}">stored JSON</a>
· <a href="${jobPath(id)}" class="job-link">job in bull-board</a>
· <a href="/records">all records</a></p>`;
}

export function recordPage(record: CleanRecord, source: string | null): string {
  const blocks = blocksOf(record);
  const bodyCount = blocks.filter((b) => b.kept).length;
  const evidence = record.dateEvidence
    ? html`${record.date} <span class="evidence">from ${record.dateEvidence.source}: “${record.dateEvidence.text}” (confidence ${record.dateEvidence.confidence})</span>`
    : valueOr(record.date);
  let sourceSection: Html;
  if (source === null) {
    sourceSection = html`<section id="removed"><h2>Removed blocks</h2>
<p class="note">The raw source is no longer kept, so the blocks cannot be shown in place.</p>${removedList(record)}</section>`;
  } else {
    const cut = source.length > SOURCE_VIEW_CHARS;
    const { view, missing } = annotatedSource(cut ? source.slice(0, SOURCE_VIEW_CHARS) : source, blocks);
    // Past the cut, a block not found may simply lie beyond it: only a whole source tells.
    const missingRemoved = new Set(cut ? [] : missing.filter((i) => i >= bodyCount));
    const missingKept = cut ? 0 : missing.filter((i) => i < bodyCount).length;
    sourceSection = html`<section id="source"><h2>Source, with what was kept and removed</h2>
<p class="legend"><span class="blk kept">kept</span> <span class="blk removed">removed (kind · reason)</span> unmarked text was not part of any block the cleaner reported
${missingKept ? html` · ${missingKept} kept paragraph(s) were reworded (joined lines) and are not marked` : null}</p>
${view}
${cut ? html`<p class="note">The source text goes on for ${source.length - SOURCE_VIEW_CHARS} more characters, not shown here: download the raw source.</p>` : null}
${missingRemoved.size ? html`<h3>Removed blocks not found verbatim in the source</h3>${removedList(record, missingRemoved, bodyCount)}` : null}
<details><summary>All ${record.removed.length} removed blocks as a list</summary>${removedList(record)}</details>
</section>`;
  }
  const main = html`<article class="record" data-id="${record.id}">
<h1>${record.title ?? record.source.name}</h1>
<p class="status status-record">record</p>
${links(record.id, 'records', source !== null)}
<table class="fields">
<tr><th>byline</th><td>${valueOr(record.byline)}</td></tr>
<tr><th>dateline</th><td>${valueOr(record.dateline)}</td></tr>
<tr><th>date</th><td class="date">${evidence}</td></tr>
<tr><th>publisher</th><td>${valueOr(record.publisher)}</td></tr>
<tr><th>language</th><td>${valueOr(record.language)}</td></tr>
<tr><th>page</th><td>${linkTo(record.source.url)}</td></tr>
<tr><th>file</th><td>${record.source.name} (${record.source.bytes} bytes, ${record.source.format}, ${record.source.encoding})</td></tr>
<tr><th>received</th><td>${record.source.receivedAt}</td></tr>
<tr><th>processed</th><td>${record.pipeline.processedAt} by ${record.pipeline.version} (${record.stats.method})</td></tr>
<tr><th>body</th><td>${record.stats.bodyWords} words, ${record.stats.paragraphs} paragraphs; ${record.stats.blocksRemoved} blocks removed</td></tr>
</table>
<section id="body"><h2>Clean body</h2>${bodyView(record.body)}</section>
${sourceSection}
</article>`;
  return page({ title: record.title ?? record.source.name, page: 'record', main });
}

export function rejectionPage(rejection: RejectionRecord, source: string | null): string {
  const shown = source === null ? null : source.length > REJECTED_SOURCE_CHARS ? `${source.slice(0, REJECTED_SOURCE_CHARS)}\n…` : source;
  const main = html`<article class="record" data-id="${rejection.id}">
<h1>${rejection.source.name}</h1>
<p class="status status-rejected">${rejection.reason === 'failed' ? 'failed' : 'rejected'}: ${rejection.reason}</p>
${links(rejection.id, 'rejected', source !== null)}
<table class="fields">
<tr><th>reason</th><td class="reason">${rejection.reason}</td></tr>
<tr><th>detail</th><td>${rejection.detail}</td></tr>
<tr><th>attempts</th><td>${rejection.attempts}</td></tr>
<tr><th>file</th><td>${rejection.source.name} (${rejection.source.bytes} bytes)</td></tr>
<tr><th>received</th><td>${rejection.source.receivedAt}</td></tr>
<tr><th>processed</th><td>${rejection.pipeline.processedAt} by ${rejection.pipeline.version}</td></tr>
</table>
<section id="source"><h2>Source</h2>${shown === null ? html`<p class="note">The raw source is no longer kept, or is not text.</p>` : html`<pre class="source">${shown}</pre>`}</section>
</article>`;
  return page({ title: rejection.source.name, page: 'record', main });
}

export function notFoundPage(id: string): string {
  return page({ title: 'not found', page: 'record', main: html`<h1>No record ${id}</h1><p>The store holds no record or rejection with this id. <a href="/records">All records</a></p>` });
}
