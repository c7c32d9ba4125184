// What several views share: Korean names of the API's codes, the pager, and running a staff action.

import { h, say } from '../dom.js';
import { askReason } from '../forms.js';
import { href } from '../router.js';

export const MERCHANT_STATUS = { UNVERIFIED: '미인증', VERIFIED: '인증됨', SUSPENDED: '정지됨' };
export const ARTICLE_STATUS = {
  ON_SALE: '판매 중', RESERVED: '예약 중', SOLD: '판매 완료', SOLD_ELSEWHERE: '다른 곳에서 판매됨',
  EXPIRED: '기간 만료', WITHDRAWN: '판매 철회', TAKEN_DOWN: '게시 중단',
};
export const ORDER_STATUS = {
  PENDING: '결제 대기', CONFIRMING: '결제 확인 중', WAITING_FOR_DEPOSIT: '입금 대기', PAID: '결제 완료(양도 대기)',
  TRANSFERRED: '양도됨', COMPLETED: '거래 완료', DISPUTED: '분쟁 중', REFUNDING: '환불 중', REFUNDED: '환불됨',
  PARTIALLY_REFUNDED: '부분 환불됨', CANCELED: '취소됨', EXPIRED: '만료됨', FAILED: '결제 실패',
};
export const DISPUTE_REASON = {
  NOT_TRANSFERRED: '양도되지 않음', NAME_NOT_CHANGED: '예약자 이름 미변경', BOOKING_INVALID: '예약 무효',
  NOT_AS_DESCRIBED: '설명과 다름', OTHER: '기타',
};
export const DISPUTE_OUTCOME = { REFUND: '전액 환불', PARTIAL_REFUND: '부분 환불', RELEASE: '판매자에게 정산' };
export const PAYOUT_STATUS = { PENDING: '대기', SENDING: '송금 중', REQUESTED: '요청됨', COMPLETED: '완료', FAILED: '실패' };
export const ACTION_KIND = {
  MERCHANT_VERIFIED: '가맹점 인증', MERCHANT_SUSPENDED: '가맹점 정지', MERCHANT_REINSTATED: '가맹점 정지 해제',
  ARTICLE_TAKEN_DOWN: '게시 중단', ARTICLE_RESTORED: '게시 복구', ORDER_CANCELED: '주문 취소',
  DISPUTE_RESOLVED: '분쟁 해결', PAYOUT_RETRIED: '정산 재시도', PAYOUT_HELD: '정산 보류', PAYOUT_RELEASED: '정산 보류 해제',
  CRAWL_STARTED: '크롤링 시작', KEYWORD_ADDED: '키워드 추가', KEYWORD_DEACTIVATED: '키워드 비활성화',
  QUEUE_REDRIVEN: 'DLQ 재처리',
};
export const TARGET_TYPE = {
  MERCHANT: '가맹점', ARTICLE: '게시글', ORDER: '주문', PAYOUT: '정산', CRAWL_RUN: '크롤링 실행', CRAWL_KEYWORD: '키워드',
  QUEUE_REDRIVE: 'DLQ 재처리',
};
export const NOTIFICATION_STATUS = { FAILED: '실패', PENDING: '대기', SENT: '발송됨', SKIPPED: '건너뜀' };
export const RESALE_OUTCOME = {
  STILL_LISTED: '아직 게시 중', SOLD_ELSEWHERE: '다른 곳에서 판매됨', LISTING_GONE: '게시물 없음', ERROR: '확인 실패',
};
export const TASK_STATUS = { QUEUED: '대기', RUNNING: '실행 중', DONE: '완료', FAILED: '실패' };
export const STOP_REASON = {
  EMPTY_PAGE: '빈 페이지', ALL_KNOWN: '모두 아는 매물', TARGET_REACHED: '목표 도달', TIME_BUDGET: '시간 한도', ERROR: '오류',
};
export const SOURCE = { BUNJANG: '번개장터', JOONGNA: '중고나라' };

export const label = (names, code) => (code === null || code === undefined ? '—' : names[code] ?? code);

/** Options for a filter select: "전체" (no filter) first when the API allows none. */
export function options(names, { all = true } = {}) {
  return [...(all ? [['', '전체']] : []), ...Object.entries(names)];
}

/** Keyset paging: the first page, and the next one while the API hands out a cursor. */
export function pager(path, params, nextCursor, cursorName = 'cursor') {
  const current = Object.fromEntries(params.entries());
  const first = { ...current };
  delete first[cursorName];
  return h('nav', { class: 'pager', 'aria-label': '페이지' },
    current[cursorName] ? h('a', { class: 'button secondary', href: href(path, first) }, '처음') : null,
    nextCursor ? h('a', { class: 'button secondary', href: href(path, { ...current, [cursorName]: nextCursor }), rel: 'next' }, '다음') : null);
}

/** A staff action behind a reason dialog; afterwards a line in the status area and the view drawn again. */
export function actionButton(text, { title, intro, run, done, ctx, danger = false, id }) {
  return h('button', {
    type: 'button', class: danger ? 'danger' : 'secondary', id,
    onclick: async () => {
      const result = await askReason(title, intro, run);
      if (result !== null) {
        say(typeof done === 'function' ? done(result) : done);
        ctx.rerender();
      }
    },
  }, text);
}

/** Polls while {@code until} is false and the view is still shown; for work the API does after answering. */
export function pollWhile(ctx, still, refresh, everyMs = 1500) {
  if (!still()) return;
  setTimeout(async () => {
    if (!ctx.alive()) return;
    await refresh();
    pollWhile(ctx, still, refresh, everyMs);
  }, everyMs);
}
