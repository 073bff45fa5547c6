// Inline SVG charts: no library, readable on a phone (bars across) and on the wall.
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Horizontal bars: `rows` = [{ label, value, text }], `max` the full length (default the
 * largest value). Values are drawn to scale; `text` is what is written beside each bar.
 */
export function barChart(rows, { max, title, className = '' } = {}) {
  const top = Math.max(max ?? 0, ...rows.map((r) => r.value || 0), 1e-9);
  const rowHeight = 28;
  const labelWidth = 150;
  const width = 560;
  const barSpace = width - labelWidth - 150; // room beside each bar for "97.2%（35/36）"
  const root = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 8}`, role: 'img', class: `chart ${className}`, preserveAspectRatio: 'xMinYMin meet' });
  if (title) root.append(svg('title', {}, title));
  rows.forEach((r, i) => {
    const y = 4 + i * rowHeight;
    const len = Math.max(0, ((r.value || 0) / top) * barSpace);
    root.append(
      svg('text', { x: labelWidth - 8, y: y + 18, 'text-anchor': 'end', class: 'chart-label' }, r.label),
      svg('rect', { x: labelWidth, y: y + 4, width: barSpace, height: rowHeight - 10, class: 'chart-track', rx: 3 }),
      svg('rect', { x: labelWidth, y: y + 4, width: len.toFixed(1), height: rowHeight - 10, class: `chart-bar ${r.className || ''}`, rx: 3 }),
      svg('text', { x: labelWidth + barSpace + 8, y: y + 18, class: 'chart-value' }, r.text ?? String(r.value)),
    );
  });
  return root;
}
