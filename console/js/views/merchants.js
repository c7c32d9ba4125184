import { get, post } from '../api.js';
import { badge, field, h, select, table, time } from '../dom.js';
import { filterForm, href } from '../router.js';
import { MERCHANT_STATUS, actionButton, options, pager } from './common.js';

export const merchants = {
  section: 'merchants',
  title: '가맹점',
  async render(ctx) {
    const status = ctx.params.get('status') || 'UNVERIFIED';
    const page = await get('/admin/merchants', { status, limit: 20, cursor: ctx.params.get('cursor') });
    if (!ctx.alive()) return;
    const form = filterForm(h('form', { class: 'filters', id: 'merchant-filters' },
      field('상태', select('merchant-status', 'status', options(MERCHANT_STATUS, { all: false }), status)),
      h('button', { type: 'submit' }, '조회')), 'merchants');
    const act = (m, what) => (reason) => post(`/admin/merchants/${m.id}/${what}`, { reason });
    ctx.container.replaceChildren(form,
      table(`${MERCHANT_STATUS[status]} 가맹점`, [
        { label: 'ID', value: (m) => m.id, num: true },
        { label: '상호', value: (m) => m.merchantName, key: 'name' },
        { label: '정산 은행', value: (m) => m.payoutBank },
        { label: '계좌', value: (m) => m.payoutAccountMasked },
        { label: '전화', value: (m) => m.phone ?? '—' },
        { label: '상태', key: 'standing', value: (m) => [
          m.verified ? badge('인증됨', 'ok') : badge('미인증', 'warn'), ' ',
          m.suspended ? badge('정지됨', 'bad') : null] },
        { label: '가입', value: (m) => time(m.createdAt) },
        { label: '작업', actions: true, value: (m) => [
          m.verified ? null : actionButton('인증', {
            ctx, id: `verify-${m.id}`, title: `가맹점 ${m.merchantName} 인증`,
            intro: '인증된 가맹점만 정산금을 받습니다.', run: act(m, 'verify'), done: `가맹점 ${m.id}을(를) 인증했습니다.`,
          }),
          m.suspended
            ? actionButton('정지 해제', {
              ctx, id: `reinstate-${m.id}`, title: `가맹점 ${m.merchantName} 정지 해제`,
              run: act(m, 'reinstate'), done: `가맹점 ${m.id}의 정지를 해제했습니다.`,
            })
            : actionButton('정지', {
              ctx, id: `suspend-${m.id}`, danger: true, title: `가맹점 ${m.merchantName} 정지`,
              intro: '게시글이 목록에서 빠지고 새 게시글을 올릴 수 없습니다. 결제된 주문은 계속됩니다.',
              run: act(m, 'suspend'), done: `가맹점 ${m.id}을(를) 정지했습니다.`,
            }),
          h('a', { href: href('articles', { merchantId: m.id }) }, '게시글'), ' ',
          h('a', { href: href('audit', { targetType: 'MERCHANT', targetId: m.id }) }, '기록'),
        ] },
      ], page.items, { id: 'merchants-table' }),
      pager('merchants', ctx.params, page.nextCursor));
  },
};
