// Problems shown where the operator looks, and the dialog every staff action goes through (a reason
// is always asked: it is what the audit log keeps).

import { h } from './dom.js';

const REFUSALS = {
  401: '로그인이 필요합니다. 토큰이 없거나 만료되었거나 유효하지 않습니다.',
  403: '관리자 권한이 없습니다. 이 토큰으로는 운영 콘솔을 쓸 수 없습니다.',
};

/** A problem+json as a box: the refusal sentence for 401/403, else its detail and every field error. */
export function problemBox(error, labels = {}) {
  const problem = error.problem ?? {};
  if (error.status === 401 || error.status === 403) {
    return h('div', { class: 'problem', role: 'alert', id: 'refusal' },
      h('p', { class: 'refusal' }, REFUSALS[error.status]),
      h('p', {}, `(${error.status}) ${problem.detail ?? problem.message ?? ''}`));
  }
  const errors = problem.errors ?? [];
  return h('div', { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', {}, problem.title ?? '요청 실패'), ` (${error.status || '연결'}) `,
      problem.detail ?? error.message, problem.state ? ` — 현재 상태: ${problem.state}` : '',
      problem.code ? ` — 코드: ${problem.code}` : ''),
    errors.length ? h('ul', {}, errors.map((e) => h('li', { dataset: { field: e.field } },
      `${labels[e.field] ? `${labels[e.field]} (${e.field})` : e.field}: ${e.message}`))) : null);
}

let dialogCount = 0;

/**
 * A modal form. showModal() makes the rest of the page inert, so Tab stays inside; Esc or 취소
 * closes it, and focus goes back to the control that opened it. Resolves with what submit returned,
 * or null when cancelled. A problem from submit stays in the dialog, next to the field it names.
 */
export function openForm({ title, intro, fields, submitLabel = '확인', submit }) {
  const opener = document.activeElement;
  const id = `dlg${++dialogCount}`;
  const general = h('div', { id: `${id}-problem` });
  const controls = {};
  const rows = fields.map((f) => {
    const controlId = `${id}-${f.name}`;
    const errorId = `${controlId}-error`;
    let control;
    if (f.type === 'textarea') {
      control = h('textarea', { id: controlId, name: f.name, required: f.required, maxlength: f.maxlength, 'aria-describedby': errorId });
      if (f.value) control.value = f.value;
    } else if (f.type === 'select') {
      control = h('select', { id: controlId, name: f.name, 'aria-describedby': errorId },
        f.options.map(([value, label]) => h('option', { value, selected: value === f.value }, label)));
    } else {
      control = h('input', {
        id: controlId, name: f.name, type: f.type ?? 'text', required: f.required, min: f.min, max: f.max,
        value: f.value, inputmode: f.type === 'number' ? 'numeric' : null, 'aria-describedby': errorId,
      });
    }
    controls[f.name] = control;
    const row = h('div', { class: 'field', dataset: { field: f.name } },
      h('label', { for: controlId }, f.label), control,
      f.hint ? h('p', { class: 'muted' }, f.hint) : null,
      h('p', { class: 'field-error', id: errorId }));
    return { f, row, control, errorId };
  });
  const cancel = h('button', { type: 'button', class: 'secondary' }, '취소');
  const ok = h('button', { type: 'submit' }, submitLabel);
  const form = h('form', { novalidate: true }, general, rows.map((r) => r.row), h('div', { class: 'buttons' }, cancel, ok));
  const dialog = h('dialog', { 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title), intro ? h('p', {}, intro) : null, form);
  document.body.append(dialog);

  const values = () => Object.fromEntries(Object.entries(controls).map(([name, c]) => [name, c.value]));
  const refresh = () => {
    const v = values();
    for (const r of rows) r.row.hidden = r.f.showIf ? !r.f.showIf(v) : false;
  };
  form.addEventListener('change', refresh);
  refresh();

  return new Promise((resolve) => {
    let result = null;
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && document.contains(opener)) opener.focus();
      resolve(result);
    });
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors();
      const missing = rows.filter((r) => !r.row.hidden && r.f.required && !r.control.value.trim());
      if (missing.length) {
        missing.forEach((r) => showFieldError(r, '입력해 주세요.'));
        missing[0].control.focus();
        return;
      }
      ok.disabled = true;
      try {
        result = await submit(values());
        dialog.close();
      } catch (error) {
        showProblem(error);
      } finally {
        ok.disabled = false;
      }
    });
    dialog.showModal();
    rows.find((r) => !r.row.hidden)?.control.focus();
  });

  function clearErrors() {
    general.replaceChildren();
    for (const r of rows) {
      document.getElementById(r.errorId).textContent = '';
      r.control.removeAttribute('aria-invalid');
    }
  }

  function showFieldError(r, message) {
    document.getElementById(r.errorId).textContent = `${r.f.label}: ${message}`;
    r.control.setAttribute('aria-invalid', 'true');
  }

  function showProblem(error) {
    const labels = Object.fromEntries(rows.map((r) => [r.f.name, r.f.label]));
    const unplaced = [];
    for (const e of error.problem?.errors ?? []) {
      const r = rows.find((row) => e.field === row.f.name || e.field?.startsWith(`${row.f.name}.`) || (row.f.aliases ?? []).includes(e.field));
      if (r && !r.row.hidden) showFieldError(r, `${e.message} (${e.field})`);
      else unplaced.push(e);
    }
    general.replaceChildren(problemBox(error, labels));
    const firstInvalid = rows.find((r) => r.control.getAttribute('aria-invalid'));
    (firstInvalid?.control ?? ok).focus();
    void unplaced;
  }
}

/** The one-field form most staff actions need: why. */
export function askReason(title, intro, submit, { label = '사유', name = 'reason', maxlength = 500 } = {}) {
  return openForm({
    title, intro, submitLabel: '실행',
    fields: [{ name, label, type: 'textarea', required: true, maxlength }],
    submit: (v) => submit(v[name].trim()),
  });
}
