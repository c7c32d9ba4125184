import { get, post } from '../api.js';
import { h, number, say, table } from '../dom.js';
import { askReason } from '../forms.js';
import { pollWhile } from './common.js';

const QUEUE_NAME = {
  NOTIFICATIONS_QUEUE_URL: '알림', CRAWL_TASKS_QUEUE_URL: '크롤링 작업', RESALE_CHECKS_QUEUE_URL: '재판매 확인',
};

const depth = (q) => (q ? `${number(q.waiting)} / ${number(q.inFlight)} / ${number(q.delayed)}` : '—');

function queuesTable(ctx, items, onRedrive) {
  return table('큐 깊이 (대기 / 처리 중 / 지연)', [
    { label: '큐', value: (i) => [h('strong', {}, QUEUE_NAME[i.variable] ?? i.variable), h('br'), h('span', { class: 'mono' }, i.queue.name)] },
    { label: '대기', key: 'waiting', value: (i) => number(i.queue.waiting), num: true },
    { label: '처리 중', value: (i) => number(i.queue.inFlight), num: true },
    { label: '지연', value: (i) => number(i.queue.delayed), num: true },
    { label: 'DLQ', value: (i) => (i.deadLetters ? h('span', { class: 'mono' }, i.deadLetters.name) : '없음') },
    { label: 'DLQ 대기', key: 'dlq-waiting', value: (i) => (i.deadLetters ? number(i.deadLetters.waiting) : '—'), num: true },
    { label: 'DLQ 처리 중', value: (i) => (i.deadLetters ? number(i.deadLetters.inFlight) : '—'), num: true },
    { label: '작업', actions: true, value: (i) => (i.deadLetters ? h('button', {
      type: 'button', class: 'secondary', id: `redrive-${i.deadLetters.name}`,
      'aria-label': `${QUEUE_NAME[i.variable] ?? i.variable} DLQ 재처리`,
      onclick: () => onRedrive(i),
    }, '재처리') : null) },
  ], items.map((i) => ({ ...i, id: i.deadLetters?.name ?? i.queue.name })), { id: 'queues-table' });
}

export const queues = {
  section: 'queues',
  title: '큐',
  async render(ctx) {
    const first = await get('/admin/queues');
    if (!ctx.alive()) return;
    const holder = h('div', {});
    let moving = false;
    const refresh = async () => {
      const latest = await get('/admin/queues');
      if (!ctx.alive()) return latest;
      holder.replaceChildren(queuesTable(ctx, latest.items, redrive));
      return latest;
    };
    async function redrive(item) {
      const task = await askReason(`${QUEUE_NAME[item.variable] ?? item.variable} DLQ 재처리`,
        `${item.deadLetters.name}의 메시지 ${number(item.deadLetters.waiting)}개를 원래 큐(${item.queue.name})로 돌려보냅니다.`,
        (reason) => post(`/admin/queues/${encodeURIComponent(item.deadLetters.name)}/redrive`, { reason }));
      if (!task) return;
      say(`재처리를 시작했습니다: ${task.deadLetterQueue}의 메시지 ${task.messages ?? '?'}개.`);
      // the move runs after the answer: follow the depth until the DLQ is empty (or a minute passes)
      moving = true;
      const until = Date.now() + 60_000;
      pollWhile(ctx, () => moving, async () => {
        const latest = await refresh().catch(() => null);
        const dlq = latest?.items.find((i) => i.deadLetters?.name === item.deadLetters.name)?.deadLetters;
        if (!dlq || (dlq.waiting === 0 && dlq.inFlight === 0) || Date.now() > until) {
          moving = false;
          if (dlq && dlq.waiting === 0) say(`${item.deadLetters.name}이(가) 비었습니다.`);
        }
      }, 1000);
    }
    holder.replaceChildren(queuesTable(ctx, first.items, redrive));
    ctx.container.replaceChildren(
      h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'refresh-queues', onclick: () => refresh() }, '새로 고침')),
      holder,
      h('p', { class: 'muted' }, '재처리는 DLQ의 메시지를 실패했던 큐로 옮깁니다. 옮기는 동안 표가 저절로 갱신됩니다.'));
  },
};
