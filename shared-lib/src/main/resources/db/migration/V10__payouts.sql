-- Payouts: a settled order's net reaches its seller's bank account through TossPayments' payouts
-- (지급대행, v2; docs/toss.md). The seller is registered with Toss once; each run claims the
-- settlements that are due per verified merchant into one payout row, sends payouts in requests of
-- at most 100 and follows them to COMPLETED or FAILED (docs/architecture.md, "Payouts").

alter table merchant
    -- Toss's id of the seller, once registered; payouts go to it
    add column toss_seller_id     text unique check (btrim(toss_seller_id) <> '' and char_length(toss_seller_id) <= 100),
    add column toss_seller_status text check (toss_seller_status in ('APPROVAL_REQUIRED', 'PARTIALLY_APPROVED',
                                                                     'KYC_REQUIRED', 'APPROVED', 'UNKNOWN'));

-- One payout per merchant and run: what it pays is the sum of its settlements' net (the view
-- payout_violation proves it). An attempt that Toss failed is retried under a new refPayoutId
-- (Toss never takes one twice); SENDING marks a request in flight whose answer we may never read,
-- which the next run settles by looking the payout up before sending anything again.
create table payout (
    id              bigint generated always as identity primary key,
    merchant_id     bigint      not null references merchant (id),
    amount          won_amount  not null,
    status          text        not null default 'PENDING'
                    check (status in ('PENDING', 'SENDING', 'REQUESTED', 'COMPLETED', 'FAILED')),
    attempt         int         not null default 1 check (attempt >= 1),
    ref_payout_id   text        not null unique check (ref_payout_id ~ '^[A-Za-z0-9_-]{6,64}$'),
    idempotency_key toss_idempotency_key,
    toss_payout_id  text        unique check (btrim(toss_payout_id) <> '' and char_length(toss_payout_id) <= 100),
    failure_code    text        check (char_length(failure_code) <= 100),
    failure_message text        check (char_length(failure_message) <= 500),
    sent_at         timestamptz,
    completed_at    timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint payout_completed_check check ((status = 'COMPLETED') = (completed_at is not null)),
    constraint payout_sent_check check (status in ('PENDING') or (idempotency_key is not null and sent_at is not null))
);
create index payout_merchant_idx on payout (merchant_id, created_at);
create index payout_open_idx     on payout (status, updated_at) where status <> 'COMPLETED';
create trigger payout_updated_at before update on payout for each row execute function set_updated_at();

alter table settlement add column payout_id bigint references payout (id);
create index settlement_payout_idx on settlement (payout_id);
-- each run: the settlements due and not in a payout yet
create index settlement_due_idx    on settlement (payable_on, merchant_id) where payout_id is null;

-- A payout pays exactly its settlements' net; a settlement is paid only for an order whose money is
-- the seller's. Empty when the money adds up.
create view payout_violation as
select p.id as payout_id, p.amount, p.status, coalesce(sum(s.net), 0) as settled_net,
       'the payout''s amount is not the sum of its settlements'' net' as violation
from payout p left join settlement s on s.payout_id = p.id
group by p.id
having p.amount <> coalesce(sum(s.net), 0)
union all
select p.id, p.amount, p.status, s.net, 'paid for an order that is ' || o.status
from payout p join settlement s on s.payout_id = p.id join orders o on o.id = s.order_id
where o.status not in ('COMPLETED', 'PARTIALLY_REFUNDED');
