import { call, get, post } from '../api.js';
import { badge, field, h, money, say, select, table, time } from '../dom.js';
import { openForm } from '../forms.js';
import { filterForm, href } from '../router.js';
import {
  ACTION_KIND, DISPUTE_OUTCOME, DISPUTE_REASON, NOTIFICATION_STATUS, ORDER_STATUS, label, options, pager,
} from './common.js';

function subnav(current) {
  const link = (path, text) => h('a', { href: href(path), 'aria-current': current === path ? 'page' : null }, text);
  return h('nav', { class: 'subnav', 'aria-label': '주문·분쟁' }, link('orders', '주문 검색'), link('disputes', '분쟁 대기열'));
}

const orderLink = (id) => h('a', { href: href(`orders/${id}`) }, id);

export const orders = {
  section: 'orders',
  title: '주문·분쟁',
  async render(ctx) {
    const [, id] = ctx.parts;
    if (id) return dossier(ctx, id);
    const status = ctx.params.get('status') ?? '';
    const page = await get('/admin/orders', { status, limit: 20, cursor: ctx.params.get('cursor') });
    if (!ctx.alive()) return;
    const form = filterForm(h('form', { class: 'filters', id: 'order-filters' },
      field('상태', select('order-status', 'status', options(ORDER_STATUS), status)),
      h('button', { type: 'submit' }, '조회')), 'orders');
    const goTo = h('form', {
      class: 'filters', id: 'order-open',
      onsubmit: (e) => {
        e.preventDefault();
        if (goTo.elements.id.value) location.hash = href(`orders/${goTo.elements.id.value}`);
      },
    },
    field('주문 ID로 열기', h('input', { id: 'order-id', name: 'id', type: 'number', min: 1, required: true })),
    h('button', { type: 'submit' }, '열기'));
    ctx.container.replaceChildren(subnav('orders'), form, goTo,
      table('주문', [
        { label: 'ID', value: (o) => orderLink(o.id), num: true },
        { label: '주문번호', value: (o) => h('span', { class: 'mono' }, o.orderId) },
        { label: '게시글', value: (o) => h('a', { href: href(`articles/${o.articleId}`) }, o.articleId), num: true },
        { label: '금액', value: (o) => money(o.amount), num: true },
        { label: '상태', key: 'status', value: (o) => label(ORDER_STATUS, o.status) },
        { label: '생성', value: (o) => time(o.createdAt) },
      ], page.items, { id: 'orders-table' }),
      pager('orders', ctx.params, page.nextCursor));
  },
};

/** Staff may cancel before the payment and refund a paid order before transfer (the order's own rules decide). */
function staffCancel(ctx, order) {
  return h('button', {
    type: 'button', class: 'danger', id: 'staff-cancel',
    onclick: async () => {
      const result = await openForm({
        title: `주문 ${order.id} 직원 취소·환불`,
        intro: '결제 전이면 취소, 결제 후(양도 전)면 전액 환불됩니다. 가상계좌 결제의 환불에는 환불 계좌가 필요합니다.',
        submitLabel: '실행',
        fields: [
          { name: 'reason', label: '사유', type: 'textarea', required: true, maxlength: 200 },
          { name: 'bank', label: '환불 은행 코드 (가상계좌만)', aliases: ['refundAccount.bank'] },
          { name: 'accountNumber', label: '환불 계좌번호 (가상계좌만)', aliases: ['refundAccount.accountNumber'] },
          { name: 'holderName', label: '예금주 (가상계좌만)', aliases: ['refundAccount.holderName'] },
        ],
        submit: (v) => {
          const body = { reason: v.reason.trim() };
          if (v.bank || v.accountNumber || v.holderName) {
            body.refundAccount = { bank: v.bank, accountNumber: v.accountNumber, holderName: v.holderName };
          }
          return call('POST', `/orders/${order.id}/cancel`, { body });
        },
      });
      if (result) {
        say(`주문 ${order.id}: ${label(ORDER_STATUS, result.status)}`);
        ctx.rerender();
      }
    },
  }, '직원 취소·환불');
}

async function dossier(ctx, id) {
  const d = await get(`/admin/orders/${encodeURIComponent(id)}`);
  if (!ctx.alive()) return;
  const o = d.order;
  const t = o.timeline ?? {};
  const facts = [
    ['주문번호', h('span', { class: 'mono' }, o.orderId)], ['상태', h('span', { id: 'order-status' }, label(ORDER_STATUS, o.status))],
    ['금액', money(o.amount)], ['게시글', [h('a', { href: href(`articles/${o.articleId}`) }, o.articleId), ` ${d.articleTitle}`]],
    ['구매자', d.buyerSubject], ['판매자', `${d.sellerSubject} (가맹점 ${d.merchantId})`],
    ['예약자', o.guest ? `${o.guest.name}${o.guest.phone ? ` ${o.guest.phone}` : ''}` : '—'],
    ['결제', o.payment ? `${o.payment.method ?? ''} ${o.payment.status} ${time(o.payment.approvedAt)}` : '—'],
    ['실패', o.failure ? `${o.failure.code}: ${o.failure.message}` : '—'],
    ['생성', time(o.createdAt)], ['결제 시각', time(t.paidAt)], ['양도 기한', time(t.transferDeadline)],
    ['양도', time(t.transferredAt)], ['자동 확정', time(t.autoConfirmAt)], ['완료', time(t.completedAt)],
    ['환불', d.refund ? `${money(d.refund.amount)} · ${d.refund.reason} · ${d.refund.done ? '완료' : `진행 중 (시도 ${d.refund.attempt})`}${d.refund.lastError ? ` · ${d.refund.lastError}` : ''}` : '—'],
  ];
  ctx.container.replaceChildren(subnav(''),
    h('p', {}, h('a', { href: href('orders') }, '← 주문 검색')),
    h('h3', {}, `주문 ${o.id}`),
    h('div', { class: 'card' }, h('dl', { class: 'facts', id: 'dossier' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('p', {}, staffCancel(ctx, o)),
    h('h3', {}, '토스 결제 이벤트'),
    table('토스 웹훅 이벤트', [
      { label: '이벤트', value: (e) => e.eventType },
      { label: '수신', value: (e) => time(e.receivedAt) },
      { label: '반영', value: (e) => time(e.appliedAt) },
    ], d.paymentEvents, { id: 'payment-events' }),
    h('h3', {}, '알림'),
    table('이 주문의 알림', [
      { label: '주제', value: (n) => n.topic },
      { label: '작성', value: (n) => time(n.writtenAt) },
      { label: '발행', value: (n) => time(n.publishedAt) },
      { label: '채널', value: (n) => n.channel ?? '—' },
      { label: '템플릿', value: (n) => n.template ?? '—' },
      { label: '상태', value: (n) => (n.status ? badge(label(NOTIFICATION_STATUS, n.status), n.status === 'FAILED' ? 'bad' : n.status === 'SENT' ? 'ok' : '') : '—') },
      { label: '오류', value: (n) => n.error ?? '' },
      { label: '발송', value: (n) => time(n.sentAt) },
    ], d.notifications, { id: 'order-notifications' }),
    h('h3', {}, '직원 조치'),
    table('이 주문에 대한 직원 조치', [
      { label: '시각', value: (a) => time(a.createdAt) },
      { label: '직원', value: (a) => a.adminSubject },
      { label: '조치', value: (a) => label(ACTION_KIND, a.kind) },
      { label: '사유', value: (a) => a.reason },
    ], d.staffActions, { id: 'order-actions' }));
}

function resolveButton(ctx, d) {
  return h('button', {
    type: 'button', class: 'secondary', id: `resolve-${d.id}`,
    onclick: async () => {
      const result = await openForm({
        title: `분쟁 ${d.id} 해결`,
        intro: `주문 ${d.orderId} · ${money(d.amount)} · ${label(DISPUTE_REASON, d.reason)}: ${d.description}`,
        submitLabel: '해결',
        fields: [
          { name: 'outcome', label: '결과', type: 'select', value: 'REFUND', options: Object.entries(DISPUTE_OUTCOME) },
          { name: 'amount', label: '환불 금액(원)', type: 'number', min: 1, max: d.amount - 1, required: true,
            hint: `주문 금액 ${money(d.amount)}보다 적어야 합니다.`, showIf: (v) => v.outcome === 'PARTIAL_REFUND' },
          { name: 'note', label: '메모', type: 'textarea', required: true, maxlength: 2000 },
        ],
        submit: (v) => post(`/admin/disputes/${d.id}/resolve`, {
          outcome: v.outcome, note: v.note.trim(), ...(v.outcome === 'PARTIAL_REFUND' ? { amount: Number(v.amount) } : {}),
        }),
      });
      if (result) {
        say(`분쟁 ${d.id}: ${label(DISPUTE_OUTCOME, result.dispute.outcome)} — 주문 ${label(ORDER_STATUS, result.order.status)}${result.refund ? ` (환불 ${result.refund})` : ''}`);
        ctx.rerender();
      }
    },
  }, '해결');
}

export const disputes = {
  section: 'orders',
  title: '주문·분쟁',
  async render(ctx) {
    const status = ctx.params.get('status') || 'OPEN';
    const page = await get('/admin/disputes', { status, limit: 20, cursor: ctx.params.get('cursor') });
    if (!ctx.alive()) return;
    const form = filterForm(h('form', { class: 'filters', id: 'dispute-filters' },
      field('상태', select('dispute-status', 'status', [['OPEN', '처리 대기'], ['RESOLVED', '해결됨']], status)),
      h('button', { type: 'submit' }, '조회')), 'disputes');
    ctx.container.replaceChildren(subnav('disputes'), form,
      table(status === 'OPEN' ? '처리 대기 분쟁 (오래된 순)' : '해결된 분쟁', [
        { label: 'ID', value: (d) => d.id, num: true },
        { label: '주문', value: (d) => orderLink(d.orderId), num: true },
        { label: '게시글', value: (d) => d.articleTitle },
        { label: '금액', value: (d) => money(d.amount), num: true },
        { label: '사유', value: (d) => label(DISPUTE_REASON, d.reason) },
        { label: '설명', value: (d) => d.description },
        { label: '접수', value: (d) => time(d.createdAt) },
        { label: '결과', key: 'outcome', value: (d) => (d.outcome ? `${label(DISPUTE_OUTCOME, d.outcome)}${d.refundAmount ? ` ${money(d.refundAmount)}` : ''}` : '—') },
        { label: '작업', actions: true, value: (d) => (d.status === 'OPEN' ? resolveButton(ctx, d) : d.resolutionNote ?? '') },
      ], page.items, { id: 'disputes-table' }),
      pager('disputes', ctx.params, page.nextCursor));
  },
};
