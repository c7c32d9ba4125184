// Grouped bar charts as inline SVG: a few dozen bars need no library. Each bar carries a <title>
// (hover shows the figure), and the figure says in words what it shows for screen readers; the
// same numbers are in a table beside it.

import { h, number } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Rounds the top of the scale up to 1, 2 or 5 × a power of ten, so the grid lines fall on round figures. */
function niceMax(max) {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/**
 * @param caption what the chart shows
 * @param labels one per group (a day, a run)
 * @param series [{name, values, color}] — values aligned with labels
 */
export function barChart(caption, labels, series, { id, width = 640, height = 220 } = {}) {
  const left = 40;
  const right = 8;
  const top = 10;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((x) => x.values)));
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(1, (groupW * 0.8) / series.length);
  const y = (v) => top + plotH - (v / max) * plotH;
  const every = Math.ceil(labels.length / 10);

  // counts are whole: grid lines fall on whole, evenly spaced figures (a top of 1, 2 or 5: one per unit)
  const lines = max <= 4 ? max : (max % 4 === 0 ? 4 : 5);
  const grid = Array.from({ length: lines + 1 }, (_, i) => {
    const value = (max * i) / lines;
    return [
      s('line', { class: 'grid', x1: left, x2: width - right, y1: y(value), y2: y(value) }),
      s('text', { x: left - 4, y: y(value) + 4, 'text-anchor': 'end' }, number(Math.round(value))),
    ];
  });
  const bars = labels.map((label, i) => series.map((x, j) => {
    const v = x.values[i] ?? 0;
    return s('rect', {
      x: left + i * groupW + groupW * 0.1 + j * barW, y: y(v), width: Math.max(1, barW - 1),
      height: Math.max(0, top + plotH - y(v)), fill: x.color, 'data-series': x.name, 'data-value': v,
    }, s('title', {}, `${label} ${x.name}: ${number(v)}`));
  }));
  const ticks = labels.map((label, i) => (i % every === 0
    ? s('text', { x: left + i * groupW + groupW / 2, y: height - bottom + 14, 'text-anchor': 'middle' }, label)
    : null));
  const totals = series.map((x) => `${x.name} 합계 ${number(x.values.reduce((a, b) => a + b, 0))}`).join(', ');
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${caption}: ${totals}` },
    grid, s('line', { class: 'axis', x1: left, x2: width - right, y1: top + plotH, y2: top + plotH }), bars, ticks);
  return h('figure', { class: 'chart card', id },
    h('figcaption', {}, caption),
    svg,
    h('div', { class: 'legend' }, series.map((x) => h('span', { style: `--swatch:${x.color}` }, x.name))));
}
