// The console's shell: configuration, sign-in, and the hash router. The section and its filters
// live in the URL (#/merchants?status=UNVERIFIED&cursor=…), so a reload or the back button shows the
// same view.

import { ApiError, claims, loadConfig, localAdminToken, localStackAnswers, token } from './api.js';
import { h, say } from './dom.js';
import { problemBox } from './forms.js';
import { parseHash } from './router.js';
import { views } from './views/index.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let generation = 0;

async function render() {
  const mine = ++generation;
  const alive = () => mine === generation;
  if (!token.get()) {
    showSignIn();
    return;
  }
  showIdentity();
  const { parts, params } = parseHash();
  const view = views[parts[0]];
  for (const link of nav.querySelectorAll('a')) {
    const current = view && link.dataset.section === view.section;
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!view) {
    main.replaceChildren(h('h2', {}, '없는 화면'), h('p', {}, h('a', { href: '#/dashboard' }, '대시보드로')));
    return;
  }
  const container = h('section', { 'aria-labelledby': 'view-title' });
  const ctx = {
    parts, params, alive, container,
    rerender: () => { if (alive()) render(); },
  };
  document.title = `${view.title} — 노쇼핑 운영 콘솔`;
  main.replaceChildren(h('h2', { id: 'view-title' }, view.title), container);
  main.setAttribute('aria-busy', 'true');
  try {
    await view.render(ctx);
  } catch (error) {
    if (!alive()) return;
    if (error instanceof ApiError) {
      // a refusal shows no data at all, only why
      if (error.refused) container.replaceChildren(problemBox(error));
      else container.prepend(problemBox(error));
    } else {
      container.prepend(h('div', { class: 'problem', role: 'alert' }, `화면을 그리지 못했습니다: ${error.message}`));
      console.error(error);
    }
  } finally {
    if (alive()) main.setAttribute('aria-busy', 'false');
  }
}

function showIdentity() {
  const who = claims();
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = who ? `${who.sub ?? '?'} (${who.role ?? '역할 없음'})` : '토큰';
  nav.hidden = false;
}

async function showSignIn() {
  nav.hidden = true;
  document.getElementById('who').hidden = true;
  document.title = '로그인 — 노쇼핑 운영 콘솔';
  const input = h('input', { id: 'token', name: 'token', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'token-hint' });
  const problem = h('div', { id: 'signin-problem' });
  const form = h('form', { class: 'card signin', id: 'signin' },
    h('div', { class: 'field' },
      h('label', { for: 'token' }, '관리자 토큰 (Bearer JWT)'), input,
      h('p', { class: 'muted', id: 'token-hint' }, '토큰은 이 탭의 sessionStorage에만 보관되고, 탭을 닫으면 지워집니다.')),
    h('p', {}, h('button', { type: 'submit' }, '로그인')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      problem.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, '토큰을 입력해 주세요.'));
      input.focus();
      return;
    }
    signIn(input.value);
  });
  const local = h('div', { class: 'card signin', id: 'local-signin', hidden: true },
    h('p', {}, '로컬 스택(./run.sh)에서는 관리자 토큰을 바로 받을 수 있습니다.'),
    h('button', { type: 'button', id: 'local-token', onclick: async () => {
      try {
        signIn(await localAdminToken());
      } catch (error) {
        problem.replaceChildren(problemBox(error));
      }
    } }, '로컬 관리자 토큰으로 로그인'));
  main.replaceChildren(h('h2', { id: 'view-title' }, '로그인'), problem, form, local);
  input.focus();
  if (await localStackAnswers()) local.hidden = false;
}

function signIn(value) {
  token.set(value);
  say('로그인했습니다.');
  if (!location.hash || location.hash === '#/' || location.hash === '#') location.hash = '#/dashboard';
  else render();
  main.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  token.clear();
  say('로그아웃했습니다.');
  render();
});

window.addEventListener('hashchange', () => {
  say('');
  render().then(() => main.focus({ preventScroll: true }));
});

await loadConfig();
render();
