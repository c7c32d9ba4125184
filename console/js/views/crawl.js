import { get, post } from '../api.js';
import { barChart } from '../chart.js';
import { badge, h, number, say, table, time } from '../dom.js';
import { askReason, openForm } from '../forms.js';
import { SOURCE, STOP_REASON, TASK_STATUS, actionButton, label, pager, pollWhile } from './common.js';

function runsTable(runs) {
  return table('크롤링 실행 (최근 순)', [
    { label: 'ID', value: (r) => r.id, num: true },
    { label: '트리거', value: (r) => (r.trigger === 'MANUAL' ? '수동' : '예약') },
    { label: '시작', value: (r) => time(r.startedAt) },
    { label: '종료', key: 'finished', value: (r) => (r.finishedAt ? time(r.finishedAt) : badge('진행 중', 'warn')) },
    { label: '작업', value: (r) => r.tasks, num: true },
    { label: '페이지', key: 'pages', value: (r) => number(r.pagesFetched), num: true },
    { label: '신규', key: 'new', value: (r) => number(r.listingsNew), num: true },
    { label: '갱신', key: 'updated', value: (r) => number(r.listingsUpdated), num: true },
    { label: '오류', key: 'errors', value: (r) => (r.errors ? badge(number(r.errors), 'bad') : '0'), num: true },
    { label: '출처·키워드별', value: (r) => h('details', {},
      h('summary', {}, `${r.perTask.length}개 작업`),
      table(`실행 ${r.id}의 작업`, [
        { label: '출처', value: (t) => label(SOURCE, t.source) },
        { label: '키워드', value: (t) => t.keyword },
        { label: '상태', value: (t) => label(TASK_STATUS, t.status) },
        { label: '페이지', value: (t) => t.pagesFetched, num: true },
        { label: '본 매물', value: (t) => t.listingsSeen, num: true },
        { label: '신규', value: (t) => t.listingsNew, num: true },
        { label: '갱신', value: (t) => t.listingsUpdated, num: true },
        { label: '중단 사유', value: (t) => label(STOP_REASON, t.stopReason) },
        { label: '오류', value: (t) => t.error ?? '' },
      ], r.perTask)) },
  ], runs, { id: 'crawl-runs' });
}

function runsChart(runs) {
  const oldestFirst = [...runs].reverse();
  return barChart('실행별 가져온 페이지와 신규 매물', oldestFirst.map((r) => `#${r.id}`), [
    { name: '페이지', values: oldestFirst.map((r) => r.pagesFetched), color: 'var(--series-1)' },
    { name: '신규 매물', values: oldestFirst.map((r) => r.listingsNew), color: 'var(--series-2)' },
  ], { id: 'crawl-chart' });
}

function keywordsSection(ctx, keywords) {
  const add = h('button', {
    type: 'button', id: 'add-keyword',
    onclick: async () => {
      const added = await openForm({
        title: '키워드 추가', intro: '다음 실행부터 이 키워드로 검색합니다.', submitLabel: '추가',
        fields: [
          { name: 'keyword', label: '키워드', required: true },
          { name: 'reason', label: '사유', type: 'textarea', required: true, maxlength: 500 },
        ],
        submit: (v) => post('/admin/crawl/keywords', { keyword: v.keyword.trim(), reason: v.reason.trim() }),
      });
      if (added) {
        say(`키워드 "${added.keyword}"을(를) 추가했습니다.`);
        ctx.rerender();
      }
    },
  }, '키워드 추가');
  return [h('h3', {}, '검색 키워드'), h('p', {}, add),
    table('검색 키워드 (활성 먼저)', [
      { label: '키워드', value: (k) => k.keyword },
      { label: '상태', value: (k) => (k.active ? badge('활성', 'ok') : badge('비활성')) },
      { label: '추가', value: (k) => time(k.createdAt) },
      { label: '작업', actions: true, value: (k) => (k.active ? actionButton('비활성화', {
        ctx, id: `deactivate-${k.id}`, title: `키워드 "${k.keyword}" 비활성화`, intro: '지난 작업과 매물은 그대로 남습니다.',
        run: (reason) => post(`/admin/crawl/keywords/${k.id}/deactivate`, { reason }), done: `키워드 "${k.keyword}"을(를) 껐습니다.`,
      }) : null) },
    ], keywords.items, { id: 'crawl-keywords' })];
}

export const crawl = {
  section: 'crawl',
  title: '크롤링',
  async render(ctx) {
    const cursor = ctx.params.get('cursor');
    const [page, keywords] = await Promise.all([
      get('/admin/crawl/runs', { limit: 10, cursor }),
      get('/admin/crawl/keywords'),
    ]);
    if (!ctx.alive()) return;
    const start = h('button', {
      type: 'button', id: 'start-crawl',
      onclick: async () => {
        const started = await askReason('지금 크롤링 실행', '활성 키워드마다, 출처마다 작업 하나씩 큐에 넣습니다.',
          (reason) => post('/admin/crawl/runs', { reason }));
        if (started) {
          say(`실행 ${started.runId}을(를) 시작했습니다: 작업 ${started.tasks}개, 큐에 ${started.queued}개.`);
          ctx.rerender();
        }
      },
    }, '지금 실행');
    const live = h('div', { id: 'crawl-live' }, runsChart(page.items), runsTable(page.items));
    ctx.container.replaceChildren(h('p', {}, start), live, pager('crawl', ctx.params, page.nextCursor), ...keywordsSection(ctx, keywords));
    // a run's counts grow as its tasks finish: follow them while one on this page is still going
    let runs = page.items;
    pollWhile(ctx, () => !cursor && runs.some((r) => !r.finishedAt), async () => {
      try {
        runs = (await get('/admin/crawl/runs', { limit: 10 })).items;
        if (ctx.alive()) live.replaceChildren(runsChart(runs), runsTable(runs));
      } catch {
        runs = [];
      }
    });
  },
};
