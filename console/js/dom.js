// Small DOM helpers: elements from data, never from HTML strings, so API text cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const won = new Intl.NumberFormat('ko-KR');
export const money = (n) => (n === null || n === undefined ? '—' : `${won.format(n)}원`);
export const number = (n) => (n === null || n === undefined ? '—' : won.format(n));

const timeFormat = new Intl.DateTimeFormat('ko-KR', {
  timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
export const time = (iso) => (iso ? timeFormat.format(new Date(iso)) : '—');

/**
 * A table from column specs: {label, value(row) → node|text, num?}. The caption names it for screen
 * readers; an empty list says so instead of showing an empty grid.
 */
export function table(caption, columns, rows, { id, empty = '표시할 항목이 없습니다.' } = {}) {
  if (!rows.length) {
    return h('div', { class: 'table-wrap', id }, h('p', { class: 'empty' }, `${caption}: ${empty}`));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', { dataset: { id: row.id ?? '' } },
        columns.map((c) => h('td', { class: c.num ? 'num' : c.actions ? 'actions' : null, dataset: c.key ? { col: c.key } : undefined },
          c.value(row))))))));
}

export function badge(text, tone) {
  return h('span', { class: `badge ${tone ?? ''}` }, text);
}

/** A labelled control in a filter form. */
export function field(label, control) {
  if (!control.id) control.id = `f-${Math.random().toString(36).slice(2, 9)}`;
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

export function select(id, name, options, selected) {
  return h('select', { id, name },
    options.map(([value, label]) => h('option', { value, selected: String(value) === String(selected ?? '') }, label)));
}

export function say(message) {
  const status = document.getElementById('status');
  status.textContent = message;
}
