import { RejectionReason } from '../../schemas/index.js';
import { html, type Html, page } from './html.js';

/**
 * /records and /charts: server-rendered shells whose data the console script loads from the
 * read API (/api/records, /api/records/counts, /api/console/series). The filter form is a plain
 * GET form, so a filtered view is a URL one can share; the script sends only the fields that
 * are filled in.
 */

/** The list's filters, named as GET /api/records takes them. */
export const LIST_FILTERS = ['q', 'status', 'from', 'to', 'publisher', 'language', 'reason', 'story', 'limit'] as const;

type Query = Partial<Record<string, unknown>>;

const text = (query: Query, name: string): string => {
  const v = query[name];
  return typeof v === 'string' ? v : '';
};

function option(value: string, label: string, selected: string): Html {
  return value === selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
}

export function recordsPage(query: Query): string {
  const status = text(query, 'status') || 'all';
  const reason = text(query, 'reason');
  const limit = text(query, 'limit') || '50';
  const main = html`<h1>Records</h1>
<form class="filters" method="get" action="/records">
<label>search <input type="search" name="q" value="${text(query, 'q')}" placeholder="title and body text"></label>
<label>status <select name="status">${[option('all', 'all', status), option('record', 'records', status), option('rejected', 'rejected', status), option('failed', 'failed', status)]}</select></label>
<label>from <input type="date" name="from" value="${text(query, 'from')}"></label>
<label>to <input type="date" name="to" value="${text(query, 'to')}"></label>
<label>publisher <input type="text" name="publisher" value="${text(query, 'publisher')}"></label>
<label>language <input type="text" name="language" value="${text(query, 'language')}" size="4"></label>
<label>reason <select name="reason">${[option('', 'any', reason), ...RejectionReason.options.map((r) => option(r, r, reason))]}</select></label>
<label>story <input type="text" name="story" value="${text(query, 'story')}" size="10"></label>
<label>per page <select name="limit">${['25', '50', '100', '200'].map((n) => option(n, n, limit))}</select></label>
<button type="submit">Apply</button> <a href="/records">clear</a>
</form>
<section id="counts" class="counts" hidden><h2>Counts</h2><p class="totals"></p><table class="by-reason"><tbody></tbody></table></section>
<p id="list-error" class="error" hidden></p>
<table id="records" class="records">
<thead><tr><th>written</th><th>status</th><th>title / file</th><th>publisher</th><th>date</th><th>lang</th><th>reason</th><th>body chars</th></tr></thead>
<tbody></tbody>
</table>
<p id="empty" class="none" hidden>No entries.</p>
<nav class="pager"><a id="newer" href="#" hidden>← newer</a> <a id="older" href="#" hidden>older →</a></nav>`;
  return page({ title: 'Records', page: 'records', main });
}

export function chartsPage(): string {
  const chart = (id: string, title: string): Html => html`<figure class="chart" id="${id}"><figcaption>${title}</figcaption><div class="plot"></div></figure>`;
  const main = html`<h1>Last hour</h1>
<p class="note">Per minute, summed over every producer and worker process. <span id="series-status"></span></p>
<div class="charts">
${chart('chart-flow', 'files in · records · failures')}
${chart('chart-rejections', 'rejections by reason')}
${chart('chart-queue', 'queue depth (waiting + active + delayed)')}
${chart('chart-latency', 'drop → output, seconds (p50, p99)')}
${chart('chart-workers', 'worker processes')}
${chart('chart-presence', 'each worker process, per minute (seen · missing)')}
</div>
<h2>Workers now</h2>
<table id="workers" class="workers"><thead><tr><th>worker</th><th>address</th><th>connected</th><th>idle</th></tr></thead><tbody></tbody></table>`;
  return page({ title: 'Charts', page: 'charts', main });
}
