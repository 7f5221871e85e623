// The records console's one script (served from /console/assets, no inline code, no CDN).
// It fills the /records table from GET /api/records and /api/records/counts, and draws the
// /charts page from GET /api/console/series as inline SVG. Record text is hostile input: it is
// only ever set as textContent or as an attribute value, never parsed as HTML.
'use strict';

(function () {
  const FILTERS = ['q', 'status', 'from', 'to', 'publisher', 'language', 'reason', 'story', 'limit', 'before', 'after'];
  const SVG = 'http://www.w3.org/2000/svg';
  const COLOURS = ['#2f6fb3', '#2e8540', '#c0392b', '#b36b00', '#7d3c98', '#16817a', '#8a6d3b', '#555', '#d35400', '#1f3a93', '#a93226'];

  function el(name, attrs, text) {
    const node = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  async function getJson(url) {
    const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const body = await res.json().catch(function () {
      return null;
    });
    if (!res.ok) {
      const error = new Error((body && body.message) || res.status + ' ' + res.statusText);
      error.status = res.status;
      throw error;
    }
    return body;
  }

  /** The filters of the page's own URL, only those filled in. */
  function currentQuery(extra) {
    const here = new URLSearchParams(location.search);
    const out = new URLSearchParams();
    for (const name of FILTERS) {
      const value = here.get(name);
      if (value) out.set(name, value);
    }
    if (!out.has('status')) out.set('status', 'all');
    for (const [k, v] of Object.entries(extra || {})) {
      if (v === null) out.delete(k);
      else out.set(k, v);
    }
    return out;
  }

  /** When an entry was written, read from its cursor: a stream id (<ms>-<seq>) or, on filtered pages, a store cursor (<µs>.<id>). */
  function timeOfCursor(cursor) {
    const text = String(cursor);
    const stream = /^(\d+)-\d+$/.exec(text);
    const store = /^(\d+)\.[0-9a-f]+$/.exec(text);
    const ms = stream ? Number(stream[1]) : store ? Number(store[1]) / 1000 : NaN;
    return Number.isFinite(ms) ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '';
  }

  function recordRow(item) {
    const s = item.summary || {};
    const tr = el('tr', { class: 'row status-' + item.status, 'data-id': item.id });
    tr.append(el('td', { class: 'when' }, timeOfCursor(item.cursor)));
    tr.append(el('td', { class: 'status' }, item.status));
    const title = el('td', { class: 'title' });
    const link = el('a', { href: '/records/' + encodeURIComponent(item.id) }, s.title || s.name || item.id);
    title.append(link);
    if (s.title && s.name) title.append(el('div', { class: 'file' }, s.name));
    if (s.story) {
      const story = el('a', { class: 'story', href: '/records?' + currentQuery({ story: s.story, before: null, after: null }).toString() }, 'story ' + String(s.story).slice(0, 12));
      title.append(' ', story);
    }
    tr.append(title);
    tr.append(el('td', {}, s.publisher || ''));
    tr.append(el('td', {}, s.date || ''));
    tr.append(el('td', {}, s.language || ''));
    tr.append(el('td', { class: 'reason' }, s.reason || ''));
    tr.append(el('td', { class: 'num' }, s.bodyChars === null || s.bodyChars === undefined ? '' : s.bodyChars));
    return tr;
  }

  async function loadCounts() {
    const section = document.getElementById('counts');
    const query = currentQuery({ before: null, after: null, limit: null });
    try {
      const counts = await getJson('/api/records/counts?' + query.toString());
      const byStatus = counts.byStatus || {};
      section.querySelector('.totals').textContent =
        counts.total + ' in all: ' + (byStatus.record || 0) + ' records, ' + (byStatus.rejected || 0) + ' rejected, ' + (byStatus.failed || 0) + ' failed';
      const body = section.querySelector('tbody');
      body.replaceChildren();
      const reasons = Object.entries(counts.byReason || {}).sort(function (a, b) {
        return b[1] - a[1];
      });
      const max = reasons.length ? reasons[0][1] : 1;
      for (const [reason, n] of reasons) {
        const tr = el('tr', { class: 'reason-count' });
        const cell = el('td');
        const a = el('a', { href: '/records?' + currentQuery({ status: 'all', reason: reason, before: null, after: null }).toString() }, reason);
        cell.append(a);
        tr.append(cell, el('td', { class: 'num' }, n));
        const bar = el('td');
        const meter = el('meter', { min: '0', max: String(max), value: String(n) });
        bar.append(meter);
        tr.append(bar);
        body.append(tr);
      }
      section.hidden = false;
    } catch (err) {
      // The counts route arrives with the query API; until then the list works without it.
      section.hidden = true;
      if (err.status !== 404) console.warn('counts unavailable:', err.message);
    }
  }

  async function loadRecords() {
    const tbody = document.querySelector('#records tbody');
    const error = document.getElementById('list-error');
    try {
      const query = currentQuery();
      const page = await getJson('/api/records?' + query.toString());
      if (query.has('after') && page.items.length === 0) {
        // Paged past the newest entry: show the newest page instead of an empty one.
        location.replace('/records?' + currentQuery({ after: null }).toString());
        return;
      }
      const items = page.items.slice().reverse(); // the API returns oldest first; the list shows newest first
      tbody.replaceChildren(...items.map(recordRow));
      document.getElementById('empty').hidden = items.length > 0;
      // Older: before the oldest entry the API examined (prev), or the oldest shown when it gives none (after= pages).
      const olderCursor = page.prev || (query.has('after') && items.length ? items[items.length - 1].cursor : null);
      const older = document.getElementById('older');
      older.hidden = !olderCursor;
      if (olderCursor) older.href = '/records?' + currentQuery({ before: olderCursor, after: null }).toString();
      // Newer: only when this is not already the newest page.
      const newerCursor = items.length ? items[0].cursor : page.next;
      const newer = document.getElementById('newer');
      newer.hidden = !(query.has('before') || query.has('after')) || !newerCursor;
      if (newerCursor) newer.href = '/records?' + currentQuery({ after: newerCursor, before: null }).toString();
      error.hidden = true;
    } catch (err) {
      error.textContent = 'Could not load records: ' + err.message;
      error.hidden = false;
    }
  }

  // ---- charts ----

  const W = 560;
  const H = 170;
  const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

  function fmt(n) {
    if (n === null || n === undefined) return '';
    if (n >= 100 || Number.isInteger(n)) return String(Math.round(n));
    return n.toFixed(n < 1 ? 3 : 1);
  }

  /** A line chart of named series over the points' times; null values leave gaps. */
  function lineChart(target, times, series) {
    const plot = target.querySelector('.plot');
    const box = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart-svg', role: 'img' });
    const values = series.flatMap(function (s) {
      return s.values.filter(function (v) {
        return v !== null && v !== undefined;
      });
    });
    const max = Math.max(1, ...values);
    const x = function (i) {
      return PAD.left + (times.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (times.length - 1));
    };
    const y = function (v) {
      return H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
    };
    box.append(svg('line', { x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom, class: 'axis' }));
    box.append(svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom, class: 'axis' }));
    box.append(svg('text', { x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end', class: 'tick' }, fmt(max)));
    box.append(svg('text', { x: PAD.left - 4, y: H - PAD.bottom, 'text-anchor': 'end', class: 'tick' }, '0'));
    if (times.length) {
      const label = function (t) {
        return new Date(t).toISOString().slice(11, 16);
      };
      box.append(svg('text', { x: PAD.left, y: H - 6, class: 'tick' }, label(times[0])));
      box.append(svg('text', { x: W - PAD.right, y: H - 6, 'text-anchor': 'end', class: 'tick' }, label(times[times.length - 1])));
    }
    series.forEach(function (s, k) {
      const colour = COLOURS[k % COLOURS.length];
      let d = '';
      let pen = false;
      s.values.forEach(function (v, i) {
        if (v === null || v === undefined) {
          pen = false;
          return;
        }
        d += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
        pen = true;
        const dot = svg('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 2, fill: colour });
        dot.append(svg('title', {}, s.name + ' ' + new Date(times[i]).toISOString().slice(11, 16) + ': ' + fmt(v)));
        box.append(dot);
      });
      if (d) box.append(svg('path', { d: d, fill: 'none', stroke: colour, 'stroke-width': 1.5, class: 'series', 'data-name': s.name }));
    });
    const legend = el('p', { class: 'chart-legend' });
    series.forEach(function (s, k) {
      const latest = s.values.filter(function (v) {
        return v !== null && v !== undefined;
      });
      const key = el('span', { class: 'key key-' + (k % COLOURS.length) }, s.name + (latest.length ? ' ' + fmt(latest[latest.length - 1]) : ''));
      legend.append(key, ' ');
    });
    plot.replaceChildren(box, legend);
  }

  /** One row per worker process, one cell per minute: seen, sampled without it, or not sampled. */
  function presenceChart(target, times, presence) {
    const plot = target.querySelector('.plot');
    if (!presence.length) {
      plot.replaceChildren(el('p', { class: 'none' }, 'No worker process seen in the last hour.'));
      return;
    }
    const LABEL = 170;
    const ROW = 16;
    const height = presence.length * ROW + 18;
    const box = svg('svg', { viewBox: '0 0 ' + W + ' ' + height, class: 'chart-svg presence', role: 'img' });
    const cell = (W - LABEL - PAD.right) / Math.max(1, times.length);
    presence.forEach(function (row, r) {
      const y = r * ROW;
      box.append(svg('text', { x: LABEL - 6, y: y + 11, 'text-anchor': 'end', class: 'tick worker-name' }, row.worker.slice(0, 28)));
      row.seen.forEach(function (state, i) {
        if (state === null) return;
        const rect = svg('rect', { x: (LABEL + i * cell).toFixed(1), y: y + 2, width: Math.max(1, cell - 1).toFixed(1), height: ROW - 4, class: state ? 'seen' : 'missing' });
        rect.append(svg('title', {}, row.worker + ' ' + new Date(times[i]).toISOString().slice(11, 16) + ': ' + (state ? 'seen' : 'missing')));
        box.append(rect);
      });
    });
    if (times.length) {
      box.append(svg('text', { x: LABEL, y: height - 4, class: 'tick' }, new Date(times[0]).toISOString().slice(11, 16)));
      box.append(svg('text', { x: W - PAD.right, y: height - 4, 'text-anchor': 'end', class: 'tick' }, new Date(times[times.length - 1]).toISOString().slice(11, 16)));
    }
    plot.replaceChildren(box);
  }

  function pick(points, key) {
    return points.map(function (p) {
      return p[key];
    });
  }

  async function loadSeries() {
    const status = document.getElementById('series-status');
    try {
      const data = await getJson('/api/console/series');
      const points = data.points;
      const times = pick(points, 't');
      lineChart(document.getElementById('chart-flow'), times, [
        { name: 'files in', values: pick(points, 'filesIn') },
        { name: 'records', values: pick(points, 'records') },
        { name: 'failures', values: pick(points, 'failures') },
      ]);
      const reasons = [...new Set(points.flatMap(function (p) {
        return Object.keys(p.rejections);
      }))].sort();
      lineChart(document.getElementById('chart-rejections'), times, reasons.map(function (reason) {
        return { name: reason, values: points.map(function (p) {
          return p.rejections[reason] || 0;
        }) };
      }));
      lineChart(document.getElementById('chart-queue'), times, [{ name: 'depth', values: pick(points, 'queueDepth') }]);
      lineChart(document.getElementById('chart-latency'), times, [
        { name: 'p50', values: pick(points, 'p50') },
        { name: 'p99', values: pick(points, 'p99') },
      ]);
      lineChart(document.getElementById('chart-workers'), times, [{ name: 'workers', values: pick(points, 'workers') }]);
      presenceChart(document.getElementById('chart-presence'), times, data.presence || []);
      const tbody = document.querySelector('#workers tbody');
      tbody.replaceChildren(...(data.workers || []).map(function (w) {
        const tr = el('tr', { class: 'worker' + (w.idleSeconds > 60 ? ' stale' : '') });
        tr.append(el('td', { title: w.name }, w.worker), el('td', {}, w.addr), el('td', {}, w.ageSeconds + ' s'), el('td', {}, w.idleSeconds + ' s'));
        return tr;
      }));
      if (!data.workers) tbody.replaceChildren(el('tr', {}, 'Redis does not list its clients here (CLIENT LIST refused).'));
      status.textContent = data.samples + ' samples; updated ' + new Date().toISOString().slice(11, 19) + ' UTC';
      document.body.dataset.chartsReady = 'true';
    } catch (err) {
      status.textContent = 'Could not load the series: ' + err.message;
    }
  }

  function start() {
    const page = document.body.dataset.page;
    if (page === 'records') {
      void loadRecords();
      void loadCounts();
    } else if (page === 'charts') {
      void loadSeries();
      setInterval(loadSeries, 10000);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
