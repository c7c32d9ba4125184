import { get } from '../api.js';
import { barChart } from '../chart.js';
import { field, h, number, select, table } from '../dom.js';
import { filterForm } from '../router.js';

export const dashboard = {
  section: 'dashboard',
  title: '대시보드',
  async render(ctx) {
    const days = ctx.params.get('days') || '30';
    const stats = await get('/admin/stats', { days });
    if (!ctx.alive()) return;
    const rows = stats.days ?? [];
    const labels = rows.map((d) => d.day.slice(5));
    const form = filterForm(h('form', { class: 'filters', id: 'stats-filters' },
      field('기간', select('stats-days', 'days', [['7', '최근 7일'], ['30', '최근 30일'], ['90', '최근 90일']], days)),
      h('button', { type: 'submit' }, '보기')), 'dashboard');
    ctx.container.replaceChildren(form,
      h('div', { class: 'charts' },
        barChart('일별 주문 (KST)', labels, [
          { name: '생성', values: rows.map((d) => d.ordersCreated), color: 'var(--series-1)' },
          { name: '결제', values: rows.map((d) => d.ordersPaid), color: 'var(--series-2)' },
        ], { id: 'chart-orders' }),
        barChart('일별 분쟁 접수', labels, [
          { name: '분쟁', values: rows.map((d) => d.disputesOpened), color: 'var(--series-3)' },
        ], { id: 'chart-disputes' }),
        barChart('일별 알림 발송 실패', labels, [
          { name: '실패', values: rows.map((d) => d.notificationsFailed), color: 'var(--series-3)' },
        ], { id: 'chart-notifications' })),
      h('details', {}, h('summary', {}, '표로 보기'),
        table('일별 수치', [
          { label: '날짜', value: (d) => d.day },
          { label: '주문 생성', value: (d) => number(d.ordersCreated), num: true },
          { label: '결제', value: (d) => number(d.ordersPaid), num: true },
          { label: '분쟁', value: (d) => number(d.disputesOpened), num: true },
          { label: '알림 실패', value: (d) => number(d.notificationsFailed), num: true },
        ], [...rows].reverse(), { id: 'stats-table' })));
  },
};
