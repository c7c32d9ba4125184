import { get } from '../api.js';
import { field, h, select, table, time } from '../dom.js';
import { filterForm, href } from '../router.js';
import { ACTION_KIND, TARGET_TYPE, label, options, pager } from './common.js';

const TARGET_VIEW = { MERCHANT: () => href('merchants'), ARTICLE: (id) => href(`articles/${id}`), ORDER: (id) => href(`orders/${id}`) };

export const audit = {
  section: 'audit',
  title: '감사 기록',
  async render(ctx) {
    const p = Object.fromEntries(ctx.params.entries());
    const page = await get('/admin/actions', {
      targetType: p.targetType, targetId: p.targetType ? p.targetId : undefined, limit: 50, cursor: p.cursor,
    });
    if (!ctx.alive()) return;
    const form = filterForm(h('form', { class: 'filters', id: 'audit-filters' },
      field('대상 종류', select('audit-type', 'targetType', options(TARGET_TYPE), p.targetType)),
      field('대상 ID', h('input', { id: 'audit-id', name: 'targetId', type: 'number', min: 1, value: p.targetId })),
      h('button', { type: 'submit' }, '조회')), 'audit');
    ctx.container.replaceChildren(form,
      table('직원 조치 (최근 순)', [
        { label: 'ID', value: (a) => a.id, num: true },
        { label: '시각', value: (a) => time(a.createdAt) },
        { label: '직원', value: (a) => a.adminSubject },
        { label: '조치', key: 'kind', value: (a) => label(ACTION_KIND, a.kind) },
        { label: '대상', value: (a) => {
          const text = `${label(TARGET_TYPE, a.targetType)} ${a.targetId}`;
          return TARGET_VIEW[a.targetType] ? h('a', { href: TARGET_VIEW[a.targetType](a.targetId) }, text) : text;
        } },
        { label: '사유', key: 'reason', value: (a) => a.reason },
      ], page.items, { id: 'audit-table' }),
      pager('audit', ctx.params, page.nextCursor));
  },
};
