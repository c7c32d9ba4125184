import { get } from '../api.js';
import { h, money, number } from '../dom.js';
import { href } from '../router.js';

const KIND = {
  SAME_BOOKING_REFERENCE: ['같은 예약번호', '여러 게시글이 같은 예약번호를 씁니다.'],
  SAME_SCREENSHOT: ['같은 예약 캡처', '같은 캡처 이미지가 여러 게시글에 쓰였습니다.'],
  REPEATED_DISPUTES: ['반복되는 분쟁', '한 판매자의 주문에 분쟁이 거듭 열렸습니다.'],
  MISSED_TRANSFERS: ['양도 기한 반복 미이행', '판매자가 양도 기한을 여러 번 넘겼습니다.'],
  PRICE_FAR_FROM_MARKET: ['시세와 동떨어진 가격', '판매가가 중고 시장 시세와 크게 다릅니다.'],
};

export const fraud = {
  section: 'fraud',
  title: '이상 신호',
  async render(ctx) {
    const reply = await get('/admin/fraud-signals');
    if (!ctx.alive()) return;
    const signals = reply.signals ?? [];
    if (!signals.length) {
      ctx.container.replaceChildren(h('p', { class: 'empty', id: 'fraud-signals' }, '지금은 이상 신호가 없습니다.'));
      return;
    }
    ctx.container.replaceChildren(h('ul', { class: 'signals', id: 'fraud-signals' }, signals.map((s) => {
      const [name, meaning] = KIND[s.kind] ?? [s.kind, ''];
      return h('li', { class: 'card', dataset: { kind: s.kind } },
        h('h3', {}, `${name} · ${number(s.count)}건`),
        h('p', { class: 'muted' }, meaning),
        s.salePrice !== null && s.salePrice !== undefined
          ? h('p', {}, `판매가 ${money(s.salePrice)} · 시세 중앙값 ${money(s.marketMedianPrice)} (매물 ${number(s.marketListings)}개)`) : null,
        h('p', {}, '가맹점: ', (s.merchantIds ?? []).map((id) => [h('a', { href: href('articles', { merchantId: id }) }, `가맹점 ${id}`), ' ']),
          (s.merchantIds ?? []).length ? null : '—'),
        h('p', {}, '게시글: ', (s.articleIds ?? []).map((id) => [h('a', { href: href(`articles/${id}`) }, `게시글 ${id}`), ' ']),
          (s.articleIds ?? []).length ? null : '—'));
    })));
  },
};
