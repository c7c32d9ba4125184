-- After the payment: the booking changes hands, the money waits in escrow, the seller is paid
-- after the stay (docs/architecture.md, "After the payment"). The order's moves are decided in
-- Java (OrderTransitions); this migration gives the new states and the rows that make every
-- change of who holds the money visible: a refund row per refund, a settlement row per order
-- whose money is the seller's. The view order_money re-derives every order's sums from them.

alter domain order_status drop constraint order_status_check;
alter domain order_status add constraint order_status_check
    check (value in ('PENDING', 'CONFIRMING', 'WAITING_FOR_DEPOSIT', 'PAID', 'TRANSFERRED', 'COMPLETED', 'DISPUTED',
                     'REFUNDING', 'REFUNDED', 'PARTIALLY_REFUNDED', 'CANCELED', 'EXPIRED', 'FAILED'));

-- a person's name as it goes on a booking
create domain guest_name as text check (btrim(value) <> '' and char_length(value) <= 50);
create domain e164_phone as text check (value ~ '^\+[1-9][0-9]{7,14}$');

alter table orders
    -- the seller's user, fixed at the hold: "my sales" is an index range, and the seller of an
    -- order never changes
    add column seller_user_id   bigint references app_user (id),
    -- who the booking goes to, given by the buyer at the hold; the seller sees it once paid
    add column guest_name       guest_name,
    add column guest_phone      e164_phone,
    add column paid_at          timestamptz,
    add column transfer_deadline timestamptz,
    add column transferred_at   timestamptz,
    add column auto_confirm_at  timestamptz,
    add column completed_at     timestamptz;

update orders o set seller_user_id = m.user_id
from article a join merchant m on m.id = a.merchant_id
where a.id = o.article_id;
alter table orders alter column seller_user_id set not null;

update orders o set paid_at = p.approved_at
from payment p where p.order_id = o.id and o.status = 'PAID';
-- before this migration a buyer could cancel a paid order: that was a refund
update orders o set status = 'REFUNDED', paid_at = p.approved_at
from payment p where p.order_id = o.id and o.status = 'CANCELED' and p.status = 'CANCELED' and p.approved_at is not null
  and p.method = 'CARD';

alter table orders
    add constraint orders_paid_at_check
        check (status not in ('PAID', 'TRANSFERRED', 'COMPLETED', 'DISPUTED', 'REFUNDING', 'REFUNDED', 'PARTIALLY_REFUNDED')
               or paid_at is not null),
    add constraint orders_transferred_check
        check (status not in ('TRANSFERRED') or (transferred_at is not null and auto_confirm_at is not null)),
    add constraint orders_completed_check check ((status = 'COMPLETED') <= (completed_at is not null));

-- An article is sold at most once: every state from the hold to the end of a sale counts.
drop index orders_one_active_per_article_idx;
create unique index orders_one_active_per_article_idx on orders (article_id)
    where status in ('PENDING', 'CONFIRMING', 'WAITING_FOR_DEPOSIT', 'PAID', 'TRANSFERRED', 'COMPLETED', 'DISPUTED',
                     'REFUNDING', 'PARTIALLY_REFUNDED');
create index orders_seller_idx            on orders (seller_user_id, created_at desc, id desc);
create index orders_buyer_keyset_idx      on orders (buyer_user_id, created_at desc, id desc);
drop index orders_buyer_idx;
-- maintenance: transfer deadlines and auto-confirms that are due
create index orders_transfer_deadline_idx on orders (transfer_deadline) where status = 'PAID';
create index orders_auto_confirm_idx      on orders (auto_confirm_at) where status = 'TRANSFERRED';
create index orders_refunding_idx         on orders (updated_at) where status = 'REFUNDING';

-- ---------------------------------------------------------------------------------------------
-- Disputes and evidence
-- ---------------------------------------------------------------------------------------------

-- At most one dispute per order; an admin resolves it once.
create table dispute (
    id                  bigint generated always as identity primary key,
    order_id            bigint      not null unique references orders (id),
    reason              text        not null
                        check (reason in ('NOT_TRANSFERRED', 'NAME_NOT_CHANGED', 'BOOKING_INVALID', 'NOT_AS_DESCRIBED', 'OTHER')),
    description         text        not null check (btrim(description) <> '' and char_length(description) <= 2000),
    status              text        not null default 'OPEN' check (status in ('OPEN', 'RESOLVED')),
    outcome             text        check (outcome in ('REFUND', 'PARTIAL_REFUND', 'RELEASE')),
    refund_amount       bigint      check (refund_amount > 0),
    resolution_note     text        check (btrim(resolution_note) <> '' and char_length(resolution_note) <= 2000),
    resolved_by_user_id bigint      references app_user (id),
    resolved_at         timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint dispute_resolved_check check ((status = 'RESOLVED') = (outcome is not null and resolved_at is not null
                                                                       and resolved_by_user_id is not null
                                                                       and resolution_note is not null)),
    constraint dispute_partial_refund_check check ((outcome = 'PARTIAL_REFUND') = (refund_amount is not null))
);
create index dispute_open_idx     on dispute (created_at, id) where status = 'OPEN';
create index dispute_resolver_idx on dispute (resolved_by_user_id);

-- Screenshots attached to an order: the seller's proof of transfer, the buyer's dispute evidence.
-- A screenshot is attached once; the owner uploaded it (checked by the use case).
create table order_evidence (
    order_id      bigint      not null references orders (id),
    screenshot_id bigint      not null unique references screenshot (id),
    kind          text        not null check (kind in ('TRANSFER_PROOF', 'DISPUTE')),
    created_at    timestamptz not null default now(),
    primary key (order_id, screenshot_id)
);

-- ---------------------------------------------------------------------------------------------
-- Money after the payment
-- ---------------------------------------------------------------------------------------------

-- One refund per order at most (full, or the partial one a dispute decides). Retried until Toss
-- does it: each attempt after a definite refusal gets a new Idempotency-Key (Toss replays a
-- refusal for its key for 15 days); an attempt whose answer was lost keeps its key.
create table refund (
    id              bigint generated always as identity primary key,
    order_id        bigint      not null unique references orders (id),
    amount          won_amount  not null,
    reason          text        not null
                    check (reason in ('SELLER_CANCELED', 'TRANSFER_DEADLINE_MISSED', 'DISPUTE', 'ADMIN', 'OUTSIDE', 'LEGACY')),
    status          text        not null default 'REQUESTED' check (status in ('REQUESTED', 'DONE')),
    attempt         int         not null default 1 check (attempt >= 1),
    idempotency_key toss_idempotency_key not null unique,
    last_error      text        check (char_length(last_error) <= 500),
    done_at         timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint refund_done_check check ((status = 'DONE') = (done_at is not null))
);
create index refund_requested_idx on refund (updated_at) where status = 'REQUESTED';

-- the refunds of orders refunded before this migration, so their money adds up
insert into refund (order_id, amount, reason, status, idempotency_key, done_at)
select o.id, p.amount, 'LEGACY', 'DONE', 'cancel-' || o.origin_order_id, p.updated_at
from orders o join payment p on p.order_id = o.id where o.status = 'REFUNDED';

-- What of an order's money is the seller's, once it is theirs (completed, released, or the rest
-- of a partial refund): gross = fee + net, payable after the stay.
create table settlement (
    id          bigint generated always as identity primary key,
    order_id    bigint      not null unique references orders (id),
    merchant_id bigint      not null references merchant (id),
    gross       won_amount  not null,
    fee_bps     int         not null check (fee_bps between 0 and 10000),
    fee         bigint      not null check (fee >= 0),
    net         bigint      not null check (net >= 0),
    payable_on  date        not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint settlement_sum_check check (fee + net = gross)
);
create index settlement_merchant_idx on settlement (merchant_id, payable_on);

create trigger dispute_updated_at    before update on dispute    for each row execute function set_updated_at();
create trigger refund_updated_at     before update on refund     for each row execute function set_updated_at();
create trigger settlement_updated_at before update on settlement for each row execute function set_updated_at();

-- Every order's money from its rows: what was charged, refunded and settled, what is still in
-- escrow, and whether it adds up. Ops query it; MoneyInvariantsTest proves it for every order.
create view order_money as
select o.id                                                    as order_id,
       o.origin_order_id,
       o.status,
       case when o.paid_at is not null then p.amount else 0 end as charged,
       coalesce(r.amount, 0)                                   as refunded,
       coalesce(s.gross, 0)                                    as settled_gross,
       s.fee,
       s.net,
       (case when o.paid_at is not null then p.amount else 0 end) - coalesce(r.amount, 0) - coalesce(s.gross, 0)
                                                               as in_escrow
from orders o
left join payment p    on p.order_id = o.id
left join refund r     on r.order_id = o.id and r.status = 'DONE'
left join settlement s on s.order_id = o.id;

create view money_violation as
select m.*,
       case
           when m.in_escrow < 0 then 'refunded and settled more than was charged'
           when m.status in ('COMPLETED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'CANCELED', 'EXPIRED', 'FAILED')
                and m.in_escrow <> 0 then 'an ended order still holds money'
           when m.status in ('REFUNDED', 'REFUNDING', 'DISPUTED', 'CANCELED', 'EXPIRED', 'FAILED')
                and m.settled_gross <> 0 then 'money settled to the seller of a refunded or open order'
           when m.status = 'PARTIALLY_REFUNDED' and (m.refunded = 0 or m.settled_gross = 0)
                then 'a partial refund without both parts'
           when m.fee + m.net <> m.settled_gross then 'fee and net do not add up to the gross'
       end as violation
from order_money m
where m.in_escrow < 0
   or (m.status in ('COMPLETED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'CANCELED', 'EXPIRED', 'FAILED') and m.in_escrow <> 0)
   or (m.status in ('REFUNDED', 'REFUNDING', 'DISPUTED', 'CANCELED', 'EXPIRED', 'FAILED') and m.settled_gross <> 0)
   or (m.status = 'PARTIALLY_REFUNDED' and (m.refunded = 0 or m.settled_gross = 0))
   or m.fee + m.net <> m.settled_gross;
