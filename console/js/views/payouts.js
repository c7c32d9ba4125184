import { get, post } from '../api.js';
import { badge, field, h, money, select, table, time } from '../dom.js';
import { filterForm } from '../router.js';
import { PAYOUT_STATUS, actionButton, label, options, pager } from './common.js';

function actions(ctx, p) {
  const run = (what) => (reason) => post(`/admin/payouts/${p.id}/${what}`, { reason });
  return [
    p.status === 'FAILED' && !p.held ? actionButton('재시도', {
      ctx, id: `retry-${p.id}`, title: `정산 ${p.id} 재시도`,
      intro: '다음 정산 실행이 새 refPayoutId로 다시 송금합니다.', run: run('retry'), done: `정산 ${p.id}을(를) 재시도로 돌렸습니다.`,
    }) : null,
    (p.status === 'PENDING' || p.status === 'FAILED') && !p.held ? actionButton('보류', {
      ctx, id: `hold-${p.id}`, danger: true, title: `정산 ${p.id} 보류`,
      intro: '보류를 풀 때까지 정산 실행이 이 건을 보내지 않습니다.', run: run('hold'), done: `정산 ${p.id}을(를) 보류했습니다.`,
    }) : null,
    p.held ? actionButton('보류 해제', {
      ctx, id: `release-${p.id}`, title: `정산 ${p.id} 보류 해제`, run: run('release'), done: `정산 ${p.id}의 보류를 풀었습니다.`,
    }) : null,
  ];
}

export const payouts = {
  section: 'payouts',
  title: '정산',
  async render(ctx) {
    const status = ctx.params.get('status') ?? '';
    const page = await get('/admin/payouts', { status, limit: 20, cursor: ctx.params.get('cursor') });
    if (!ctx.alive()) return;
    const form = filterForm(h('form', { class: 'filters', id: 'payout-filters' },
      field('상태', select('payout-status', 'status', options(PAYOUT_STATUS), status)),
      h('button', { type: 'submit' }, '조회')), 'payouts');
    ctx.container.replaceChildren(form,
      table('정산 송금', [
        { label: 'ID', value: (p) => p.id, num: true },
        { label: '가맹점', value: (p) => `${p.merchantName} (${p.merchantId})` },
        { label: '금액', value: (p) => money(p.amount), num: true },
        { label: '상태', key: 'status', value: (p) => [
          badge(label(PAYOUT_STATUS, p.status), p.status === 'FAILED' ? 'bad' : p.status === 'COMPLETED' ? 'ok' : ''),
          p.held ? [' ', badge('보류', 'warn')] : null] },
        { label: '시도', value: (p) => p.attempt, num: true },
        { label: 'refPayoutId', value: (p) => h('span', { class: 'mono' }, p.refPayoutId) },
        { label: '실패', value: (p) => (p.failureCode ? `${p.failureCode}: ${p.failureMessage ?? ''}` : '') },
        { label: '생성', value: (p) => time(p.createdAt) },
        { label: '송금', value: (p) => time(p.sentAt) },
        { label: '완료', value: (p) => time(p.completedAt) },
        { label: '작업', actions: true, value: (p) => actions(ctx, p) },
      ], page.items, { id: 'payouts-table' }),
      pager('payouts', ctx.params, page.nextCursor));
  },
};
