// Small DOM and text helpers: every value is set as text, never parsed as HTML.

/** `h('td', { class: 'x' }, 'text', child)` */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** `2026-10-08T09:30:00+08:00` (China time) → `10月8日 09:30`; the year when it is not `year`. */
export function when(iso, year) {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  const time = iso.slice(11, 16);
  const date = `${Number(m)}月${Number(d)}日`;
  return `${year && String(year) !== y ? `${y}年` : ''}${date} ${time}`;
}

/**
 * A due time as the law counts it: a day limit ends at 24:00 of its last day, so
 * `2026-10-11T00:00:00+08:00` reads `10月10日 24:00` (as the notices say it).
 */
export function due(iso, year) {
  if (!iso || iso.slice(11, 19) !== '00:00:00') return when(iso, year);
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const prev = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  return when(`${prev}T24:00${iso.slice(16)}`, year);
}

/** A share 0–1 as a percentage, or a dash when there is none. */
export function percent(share) {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** The Chinese name of a code from the session's tables, never the bare code alone. */
export function named(table, code, fallback = '未知') {
  return (table && table[code]) || `${fallback}（${code}）`;
}

/** A level badge: `none` is an overdue node the scan has not escalated yet. */
export function levelBadge(labels, level) {
  const text = level ? named(labels.levels, level) : '尚未发出';
  return h('span', { class: `badge level-${level || 'none'}` }, text);
}

/** Link to a case page. */
export function caseLink(caseNo) {
  return h('a', { href: `#/case/${encodeURIComponent(caseNo)}`, class: 'case-no' }, caseNo);
}

/** A table with a header row; `rows` are arrays of cells (text or nodes). */
export function table(headers, rows, props = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', props, h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : h('td', {}, c)))))))),
  );
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}
