// The admin API with the operator's token. Errors come back as problem+json (RFC 9457); an
// ApiError keeps it whole so a form can name the offending field.

const TOKEN_KEY = 'noshowping.console.token';
let apiBase = '';

/** In AWS the page sits on CloudFront and config.json names the API; locally (no file) the API is this origin. */
export async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (response.ok) {
      const config = await response.json();
      apiBase = String(config.apiBase ?? '').replace(/\/+$/, '');
    }
  } catch {
    apiBase = '';
  }
  return apiBase;
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value.trim().replace(/^Bearer\s+/i, '')),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The token's claims, for showing who is signed in; the API, not this, decides what they may do. */
export function claims() {
  const jwt = token.get();
  if (!jwt) return null;
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(atob(part).split('').map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || problem?.message || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  get refused() {
    return this.status === 401 || this.status === 403;
  }
}

export async function call(method, path, { query, body } = {}) {
  const url = new URL(apiBase + path, apiBase ? undefined : location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  const jwt = token.get();
  if (jwt) headers.Authorization = `Bearer ${jwt}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { title: '연결 실패', detail: `API에 연결하지 못했습니다 (${e.message}).` });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = { detail: text.slice(0, 300) };
    }
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path, query) => call('GET', path, { query });
export const post = (path, body) => call('POST', path, { body });

/** The local stack's token route, when the page is served by it (never deployed). */
export async function localStackAnswers() {
  try {
    const response = await fetch(`${apiBase}/_local/stack`, { cache: 'no-store' });
    return response.ok && (response.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}

export async function localAdminToken() {
  const reply = await call('POST', '/_local/token', { body: { sub: 'ops-1', role: 'ADMIN' } });
  return reply.token;
}
