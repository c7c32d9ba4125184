-- The operator's console (docs/architecture.md, "Staff actions"): every action staff take is a row of
-- admin_action, written in the transaction of the change it records; a merchant can be suspended
-- (their articles leave the catalogue and cannot be held, they cannot publish); an article can be
-- taken down by staff and restored; a payout can be held by staff, released, and retried after the
-- run gave up on it.

alter domain article_status drop constraint article_status_check;
alter domain article_status add constraint article_status_check
    check (value in ('ON_SALE', 'RESERVED', 'SOLD', 'SOLD_ELSEWHERE', 'EXPIRED', 'WITHDRAWN', 'TAKEN_DOWN'));

alter table merchant
    add column suspended_at timestamptz;

-- a payout staff hold is not sent (nor retried) by the payout run until they release it
alter table payout
    add column held_at timestamptz;

create domain admin_action_kind as text
    check (value in ('MERCHANT_VERIFIED', 'MERCHANT_SUSPENDED', 'MERCHANT_REINSTATED',
                     'ARTICLE_TAKEN_DOWN', 'ARTICLE_RESTORED', 'ORDER_CANCELED', 'DISPUTE_RESOLVED',
                     'PAYOUT_RETRIED', 'PAYOUT_HELD', 'PAYOUT_RELEASED',
                     'CRAWL_STARTED', 'KEYWORD_ADDED', 'KEYWORD_DEACTIVATED'));

-- Who (the staff member's token subject), what (the kind and its target), why (the reason they
-- gave) and when. Append-only for the application role: an audit trail nobody can edit.
create table admin_action (
    id          bigint generated always as identity primary key,
    admin_subject text        not null check (btrim(admin_subject) <> '' and char_length(admin_subject) <= 200),
    kind        admin_action_kind not null,
    target_type text        not null
                check (target_type in ('MERCHANT', 'ARTICLE', 'ORDER', 'PAYOUT', 'CRAWL_RUN', 'CRAWL_KEYWORD')),
    target_id   bigint      not null,
    reason      text        not null check (btrim(reason) <> '' and char_length(reason) <= 2000),
    created_at  timestamptz not null default now()
);
create index admin_action_target_idx on admin_action (target_type, target_id, id);

revoke update, delete on admin_action from ${appRole};
