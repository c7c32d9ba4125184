-- Our own deadline for a virtual account's deposit (OrderPolicy.depositDueBy): at most a day after
-- the account is issued and 12 h before check-in, whatever due date the app's widget gave Toss. The
-- maintenance job closes the account at Toss when it passes. Null for accounts issued before it
-- existed: their Toss due date still applies.
alter table orders
    add column deposit_due_by timestamptz,
    -- which cancel attempt at Toss the order is on: its Idempotency-Key changes after a definite refusal
    add column cancel_attempt int not null default 1 check (cancel_attempt >= 1);
create index orders_deposit_due_idx on orders (deposit_due_by) where status = 'WAITING_FOR_DEPOSIT';
