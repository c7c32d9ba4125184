import { get } from '../api.js';
import { field, h, select, table, time } from '../dom.js';
import { filterForm, href } from '../router.js';
import { NOTIFICATION_STATUS, RESALE_OUTCOME, SOURCE, label, options, pager } from './common.js';

// Two lists on one page, each with its own filter and cursor in the URL (n… for notifications, r… for resale checks).
export const followups = {
  section: 'followups',
  title: '알림·재판매 확인',
  async render(ctx) {
    const p = Object.fromEntries(ctx.params.entries());
    const nstatus = p.nstatus || 'FAILED';
    const [notifications, checks] = await Promise.all([
      get('/admin/notifications', { status: nstatus, limit: 50, cursor: p.ncursor }),
      get('/admin/resale-checks', { outcome: p.outcome, limit: 50, cursor: p.rcursor }),
    ]);
    if (!ctx.alive()) return;
    const keep = (names) => Object.fromEntries(names.filter((n) => p[n]).map((n) => [n, p[n]]));
    ctx.container.replaceChildren(
      h('h3', {}, '알림 발송'),
      filterForm(h('form', { class: 'filters', id: 'notification-filters' },
        field('발송 상태', select('notification-status', 'nstatus', options(NOTIFICATION_STATUS, { all: false }), nstatus)),
        h('button', { type: 'submit' }, '조회')), 'followups', keep(['outcome', 'rcursor'])),
      table(`알림 (${label(NOTIFICATION_STATUS, nstatus)})`, [
        { label: 'ID', value: (n) => n.id, num: true },
        { label: '주제', value: (n) => n.topic },
        { label: '채널', value: (n) => (n.channel === 'ALIMTALK' ? '알림톡' : n.channel === 'DISCORD' ? '디스코드' : n.channel) },
        { label: '템플릿', value: (n) => n.template },
        { label: '상태', value: (n) => label(NOTIFICATION_STATUS, n.status) },
        { label: '오류', key: 'error', value: (n) => n.error ?? '' },
        { label: '주문', value: (n) => n.orderId ?? '—' },
        { label: '게시글', value: (n) => (n.articleId ? h('a', { href: href(`articles/${n.articleId}`) }, n.articleId) : '—') },
        { label: '생성', value: (n) => time(n.createdAt) },
        { label: '발송', value: (n) => time(n.sentAt) },
      ], notifications.items, { id: 'notifications-table' }),
      pager('followups', ctx.params, notifications.nextCursor, 'ncursor'),
      h('h3', {}, '재판매 확인'),
      filterForm(h('form', { class: 'filters', id: 'resale-filters' },
        field('결과', select('resale-outcome', 'outcome', options(RESALE_OUTCOME), p.outcome)),
        h('button', { type: 'submit' }, '조회')), 'followups', keep(['nstatus', 'ncursor'])),
      table('재판매 확인 (최근 순)', [
        { label: 'ID', value: (c) => c.id, num: true },
        { label: '게시글', value: (c) => [h('a', { href: href(`articles/${c.articleId}`) }, c.articleId), ` ${c.articleTitle}`] },
        { label: '출처', value: (c) => label(SOURCE, c.source) },
        { label: '링크', value: (c) => h('a', { href: c.url, rel: 'noopener noreferrer', target: '_blank' }, '열기') },
        { label: '관찰 상태', value: (c) => c.observedStatus ?? '—' },
        { label: '결과', value: (c) => label(RESALE_OUTCOME, c.outcome) },
        { label: '확인', value: (c) => time(c.checkedAt) },
      ], checks.items, { id: 'resale-table' }),
      pager('followups', ctx.params, checks.nextCursor, 'rcursor'));
  },
};
