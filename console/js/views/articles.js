import { get, post } from '../api.js';
import { field, h, money, select, table, time } from '../dom.js';
import { filterForm, href } from '../router.js';
import { ARTICLE_STATUS, actionButton, label, options, pager } from './common.js';

function actions(ctx, a) {
  if (a.status === 'ON_SALE') {
    return actionButton('게시 중단', {
      ctx, id: `take-down-${a.id}`, danger: true, title: `게시글 ${a.id} 게시 중단`,
      intro: '판매자에게 사유가 알림톡으로 전달됩니다.',
      run: (reason) => post(`/admin/articles/${a.id}/take-down`, { reason }), done: `게시글 ${a.id}을(를) 게시 중단했습니다.`,
    });
  }
  if (a.status === 'TAKEN_DOWN') {
    return actionButton('복구', {
      ctx, id: `restore-${a.id}`, title: `게시글 ${a.id} 복구`,
      run: (reason) => post(`/admin/articles/${a.id}/restore`, { reason }), done: `게시글 ${a.id}을(를) 다시 판매 중으로 돌렸습니다.`,
    });
  }
  return null;
}

export const articles = {
  section: 'articles',
  title: '게시글',
  async render(ctx) {
    const [, id] = ctx.parts;
    if (id) return detail(ctx, id);
    const p = Object.fromEntries(ctx.params.entries());
    const page = await get('/admin/articles', { status: p.status, merchantId: p.merchantId, q: p.q, limit: 20, cursor: p.cursor });
    if (!ctx.alive()) return;
    const form = filterForm(h('form', { class: 'filters', id: 'article-filters' },
      field('상태', select('article-status', 'status', options(ARTICLE_STATUS), p.status)),
      field('가맹점 ID', h('input', { id: 'article-merchant', name: 'merchantId', type: 'number', min: 1, value: p.merchantId })),
      field('제목·숙소명 검색', h('input', { id: 'article-q', name: 'q', type: 'search', value: p.q })),
      h('button', { type: 'submit' }, '검색')), 'articles');
    ctx.container.replaceChildren(form,
      table('게시글', [
        { label: 'ID', value: (a) => h('a', { href: href(`articles/${a.id}`) }, a.id), num: true },
        { label: '제목', value: (a) => a.title },
        { label: '숙소', value: (a) => a.accommodationName },
        { label: '지역', value: (a) => a.region },
        { label: '숙박', value: (a) => `${a.checkIn} ~ ${a.checkOut}` },
        { label: '정가', value: (a) => money(a.originalPrice), num: true },
        { label: '판매가', value: (a) => money(a.salePrice), num: true },
        { label: '상태', key: 'status', value: (a) => label(ARTICLE_STATUS, a.status) },
        { label: '가맹점', value: (a) => h('a', { href: href('articles', { merchantId: a.merchantId }) }, a.merchantId), num: true },
        { label: '등록', value: (a) => time(a.createdAt) },
        { label: '작업', actions: true, value: (a) => actions(ctx, a) },
      ], page.items, { id: 'articles-table' }),
      pager('articles', ctx.params, page.nextCursor));
  },
};

/** One article as the public API shows it to staff (every status), with the same actions. */
async function detail(ctx, id) {
  const a = await get(`/articles/${encodeURIComponent(id)}`);
  if (!ctx.alive()) return;
  const facts = [
    ['제목', a.title], ['숙소', a.accommodationName], ['지역', a.region], ['숙박', `${a.checkIn} ~ ${a.checkOut}`],
    ['정가', money(a.originalPrice)], ['판매가', money(a.salePrice)], ['상태', label(ARTICLE_STATUS, a.status)],
    ['가맹점', a.merchant ? `${a.merchant.merchantName ?? ''} (${a.merchant.id ?? ''})` : '—'], ['등록', time(a.createdAt)],
  ];
  ctx.container.replaceChildren(
    h('p', {}, h('a', { href: href('articles') }, '← 게시글 목록')),
    h('div', { class: 'card' }, h('dl', { class: 'facts', id: 'article-facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('p', {}, actions(ctx, a), ' ', h('a', { href: href('audit', { targetType: 'ARTICLE', targetId: a.id }) }, '감사 기록')));
}
