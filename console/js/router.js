// Views and their filters as URL hashes: #/merchants?status=UNVERIFIED&cursor=…

/** The hash for a view and its filters; empty values are left out so URLs stay short. */
export function href(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const qs = query.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts: parts.length ? parts : ['dashboard'], params: new URLSearchParams(query) };
}

/** Moves to a view; the hashchange listener renders it (or, for the same hash, asks to render again). */
export function go(path, params) {
  const next = href(path, params);
  if (location.hash === next) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = next;
}

/** The filters of a GET form as the view's new hash: the cursor is dropped, a new filter starts at page one. */
export function filterForm(form, path, extra = {}) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    go(path, { ...extra, ...values });
  });
  return form;
}
