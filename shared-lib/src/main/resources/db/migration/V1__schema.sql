-- Noshowping data model (PostgreSQL 17). See docs: data-model.md, architecture.md (Payments), lessons.md.
--
-- Conventions
--   * ids: bigint identity (outbox: uuid, because the id travels in SQS messages and is the consumers' dedupe key).
--   * money: bigint KRW (no minor unit).
--   * enums: text + CHECK (col in (...)), so adding a value is one ALTER, not a type migration.
--   * every foreign-key column leads some index: PostgreSQL does not index FKs itself, and an
--     unindexed FK makes joins and every delete/update of the parent scan the child table.
--   * updated_at is maintained by the trigger set_updated_at(), so no UPDATE can forget it.

create function set_updated_at() returns trigger
language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- People
-- ---------------------------------------------------------------------------------------------

-- Personal data lives here and nowhere else (lesson 4: User/Merchant split).
create table app_user (
    id               bigint generated always as identity primary key,
    external_subject text        not null unique            -- JWT "sub"
                     check (btrim(external_subject) <> '' and char_length(external_subject) <= 255),
    phone            text                                   -- E.164, the alimtalk recipient
                     check (phone ~ '^\+[1-9][0-9]{7,14}$'),
    display_name     text
                     check (btrim(display_name) <> '' and char_length(display_name) <= 50),
    role             text        not null default 'USER' check (role in ('USER', 'ADMIN')),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

-- A user becomes a merchant at most once. The payout account number is never stored in clear:
-- only a masked form for display and an application-encrypted blob for payouts.
create table merchant (
    id                       bigint generated always as identity primary key,
    user_id                  bigint      not null unique references app_user (id),
    merchant_name            text        not null
                             check (btrim(merchant_name) <> '' and char_length(merchant_name) <= 50),
    payout_bank              text        not null check (payout_bank ~ '^[0-9]{3}$'),   -- KFTC bank code, e.g. 088
    -- must contain a '*': a plain account number written here by mistake is rejected
    payout_account_masked    text        not null
                             check (payout_account_masked ~ '^[0-9*-]{4,40}$' and strpos(payout_account_masked, '*') > 0),
    payout_account_encrypted bytea       not null
                             check (octet_length(payout_account_encrypted) between 1 and 1024),
    verified_at              timestamptz,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);

-- ---------------------------------------------------------------------------------------------
-- Articles (the resold bookings)
-- ---------------------------------------------------------------------------------------------

create table article (
    id                    bigint generated always as identity primary key,
    merchant_id           bigint      not null references merchant (id),
    title                 text        not null check (btrim(title) <> '' and char_length(title) <= 100),
    description           text        not null default '' check (char_length(description) <= 5000),
    accommodation_name    text        not null
                          check (btrim(accommodation_name) <> '' and char_length(accommodation_name) <= 100),
    region                text        not null check (region ~ '^[A-Z][A-Z0-9_]{1,31}$'),   -- code, e.g. JEJU
    check_in              date        not null,
    check_out             date        not null,
    original_price        bigint      not null check (original_price > 0),
    sale_price            bigint      not null check (sale_price > 0),
    status                text        not null default 'ON_SALE'
                          check (status in ('ON_SALE', 'RESERVED', 'SOLD', 'SOLD_ELSEWHERE', 'EXPIRED', 'WITHDRAWN')),
    version               int         not null default 0 check (version >= 0),   -- optimistic locking
    last_resale_check_at  timestamptz,
    next_resale_check_at  timestamptz,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint article_stay_check check (check_out > check_in),
    -- no scalping: a booking is never resold above what it cost
    constraint article_price_check check (sale_price <= original_price)
);
create index article_merchant_idx       on article (merchant_id, created_at desc);
-- GET /articles keyset pages: by check-in, by newest, by region
create index article_browse_checkin_idx on article (status, check_in, id);
create index article_browse_newest_idx  on article (status, created_at desc, id);
create index article_region_idx         on article (region, status, check_in, id);
-- resale-fanout: articles due for their 24 h check
create index article_resale_due_idx     on article (next_resale_check_at) where status = 'ON_SALE';

-- 1:1 with article
create table service_product (
    id         bigint generated always as identity primary key,
    article_id bigint      not null unique references article (id),
    room_type  text        not null check (btrim(room_type) <> '' and char_length(room_type) <= 100),
    guests     int         not null check (guests between 1 and 50),
    options    jsonb       not null default '{}' check (jsonb_typeof(options) = 'object'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- 1:1 with article. The booking reference is what a buyer pays for: stored encrypted by the
-- application and shown only to the paying buyer.
create table reservation (
    id                          bigint generated always as identity primary key,
    article_id                  bigint      not null unique references article (id),
    booking_platform            text        not null check (booking_platform ~ '^[A-Z][A-Z0-9_]{1,31}$'),  -- e.g. YANOLJA
    booking_reference_encrypted bytea       not null
                                check (octet_length(booking_reference_encrypted) between 1 and 1024),
    guest_name                  text        not null check (btrim(guest_name) <> '' and char_length(guest_name) <= 50),
    transfer_method             text        not null check (transfer_method ~ '^[A-Z][A-Z0-9_]{1,31}$'),   -- e.g. NAME_CHANGE
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now()
);

-- Uploaded straight to S3 with a presigned PUT (PENDING -> UPLOADED), then linked to a
-- reservation at article create (LINKED).
create table screenshot (
    id             bigint generated always as identity primary key,
    owner_user_id  bigint      not null references app_user (id),
    reservation_id bigint      references reservation (id),
    object_key     text        not null unique check (btrim(object_key) <> '' and octet_length(object_key) <= 1024),
    content_type   text        not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'image/heic')),
    size_bytes     bigint      not null check (size_bytes > 0 and size_bytes <= 10485760),   -- 10 MB cap
    status         text        not null default 'PENDING' check (status in ('PENDING', 'UPLOADED', 'LINKED')),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    -- linked exactly when it belongs to a reservation; nothing half-linked
    constraint screenshot_link_check check ((status = 'LINKED') = (reservation_id is not null))
);
create index screenshot_owner_idx       on screenshot (owner_user_id);
create index screenshot_reservation_idx on screenshot (reservation_id);

-- The seller's same item on other markets; resale-check looks these up.
create table external_link (
    id          bigint generated always as identity primary key,
    article_id  bigint      not null references article (id),
    source      text        not null check (source in ('BUNJANG', 'JOONGNA')),
    external_id text        not null check (btrim(external_id) <> '' and char_length(external_id) <= 64),
    url         text        not null check (url ~ '^https://' and char_length(url) <= 2048),
    created_at  timestamptz not null default now(),
    unique (article_id, source, external_id),
    -- target of resale_check's composite FK: a check always belongs to its link's article
    unique (id, article_id)
);
create index external_link_listing_idx on external_link (source, external_id);

-- ---------------------------------------------------------------------------------------------
-- Orders and payments
-- ---------------------------------------------------------------------------------------------

-- One row per purchase attempt, updated in place (lesson 6), guarded by status + version.
create table orders (
    id              bigint generated always as identity primary key,
    -- the Toss orderId: 6-64 chars of [A-Za-z0-9_-]
    origin_order_id text        not null unique check (origin_order_id ~ '^[A-Za-z0-9_-]{6,64}$'),
    article_id      bigint      not null references article (id),
    buyer_user_id   bigint      not null references app_user (id),
    amount          bigint      not null check (amount > 0),
    status          text        not null default 'PENDING'
                    check (status in ('PENDING', 'CONFIRMING', 'WAITING_FOR_DEPOSIT', 'PAID', 'CANCELED', 'EXPIRED', 'FAILED')),
    hold_expires_at timestamptz not null,
    cancel_reason   text        check (char_length(cancel_reason) <= 200),   -- Toss cancelReason limit
    version         int         not null default 0 check (version >= 0),   -- optimistic locking
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
-- N buyers racing for one article: the database lets exactly one active order exist (lesson 8).
create unique index orders_one_active_per_article_idx on orders (article_id)
    where status in ('PENDING', 'CONFIRMING', 'WAITING_FOR_DEPOSIT', 'PAID');
create index orders_article_idx      on orders (article_id, created_at desc);
create index orders_buyer_idx        on orders (buyer_user_id, created_at desc);
-- maintenance: expire holds; reconcile confirms whose answer was lost
create index orders_hold_expiry_idx  on orders (hold_expires_at) where status = 'PENDING';
create index orders_confirming_idx   on orders (updated_at) where status = 'CONFIRMING';

-- The Toss payment of an order: one row per order, updated in place. Unique payment_key and
-- idempotency_key make a second confirm impossible to record (lesson 7).
create table payment (
    id              bigint generated always as identity primary key,
    order_id        bigint      not null unique references orders (id),
    payment_key     text        not null unique check (btrim(payment_key) <> '' and char_length(payment_key) <= 200),
    method          text        check (method in ('CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER', 'MOBILE_PHONE', 'EASY_PAY', 'GIFT_CERTIFICATE')),
    status          text        not null
                    check (status in ('READY', 'IN_PROGRESS', 'WAITING_FOR_DEPOSIT', 'DONE', 'CANCELED',
                                      'PARTIAL_CANCELED', 'ABORTED', 'EXPIRED')),
    amount          bigint      not null check (amount > 0),   -- Toss totalAmount
    approved_at     timestamptz,
    virtual_account jsonb       check (jsonb_typeof(virtual_account) = 'object'),
    raw             jsonb       check (jsonb_typeof(raw) = 'object'),   -- last Toss Payment object
    idempotency_key text        not null unique
                    check (btrim(idempotency_key) <> '' and char_length(idempotency_key) <= 300),   -- Toss header limit
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint payment_done_approved_check check (status <> 'DONE' or approved_at is not null),
    -- only a virtual account waits for a deposit, and the buyer needs its details
    constraint payment_deposit_check
        check (status <> 'WAITING_FOR_DEPOSIT' or (method = 'VIRTUAL_ACCOUNT' and virtual_account is not null))
);

-- Webhook inbox: dedupe on the event's own key, keep the payload for audit. order_id is null
-- when the event names an order we do not know (still stored, never applied).
create table payment_event (
    id               bigint generated always as identity primary key,
    source_event_key text        not null unique
                     check (btrim(source_event_key) <> '' and char_length(source_event_key) <= 300),
    order_id         bigint      references orders (id),
    event_type       text        not null check (event_type ~ '^[A-Z][A-Z0-9_]{2,63}$'),   -- e.g. DEPOSIT_CALLBACK
    payload          jsonb       not null check (jsonb_typeof(payload) = 'object'),
    received_at      timestamptz not null default now(),
    applied_at       timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index payment_event_order_idx on payment_event (order_id);

-- ---------------------------------------------------------------------------------------------
-- Messaging
-- ---------------------------------------------------------------------------------------------

-- Transactional outbox: written in the use case's transaction, published after commit; the
-- maintenance sweep publishes what is left.
create table outbox (
    id           uuid        primary key default gen_random_uuid(),
    topic        text        not null check (btrim(topic) <> '' and char_length(topic) <= 100),
    payload      jsonb       not null check (jsonb_typeof(payload) = 'object'),
    attempts     int         not null default 0 check (attempts >= 0),
    published_at timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index outbox_unpublished_idx on outbox (created_at) where published_at is null;

-- One notification per outbox message: the unique outbox_id is the consumer's dedupe.
create table notification (
    id                  bigint generated always as identity primary key,
    outbox_id           uuid        not null unique references outbox (id),
    channel             text        not null check (channel in ('ALIMTALK', 'DISCORD')),
    template            text        not null check (template ~ '^[A-Z][A-Z0-9_]{1,63}$'),   -- Java enum name
    -- ALIMTALK: the user's E.164 phone; DISCORD: a channel label, never the webhook URL (a secret)
    recipient           text        not null check (btrim(recipient) <> '' and char_length(recipient) <= 100),
    status              text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    provider_message_id text        check (char_length(provider_message_id) <= 200),
    error               text        check (char_length(error) <= 2000),
    sent_at             timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint notification_phone_check check (channel <> 'ALIMTALK' or recipient ~ '^\+[1-9][0-9]{7,14}$'),
    constraint notification_sent_check  check (status <> 'SENT' or sent_at is not null)
);

-- ---------------------------------------------------------------------------------------------
-- Crawler (lessons 1-3)
-- ---------------------------------------------------------------------------------------------

create table crawl_keyword (
    id         bigint generated always as identity primary key,
    keyword    text        not null unique
               check (btrim(keyword) = keyword and keyword <> '' and char_length(keyword) <= 100),   -- trimmed, so unique means unique
    active     boolean     not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- One per schedule firing; the pages/listings counters make the saving of dynamic stopping visible.
create table crawl_run (
    id               bigint generated always as identity primary key,
    started_at       timestamptz not null default now(),
    finished_at      timestamptz,
    trigger          text        not null check (trigger in ('SCHEDULE', 'MANUAL')),
    tasks            int         not null default 0 check (tasks >= 0),
    pages_fetched    int         not null default 0 check (pages_fetched >= 0),
    listings_new     int         not null default 0 check (listings_new >= 0),
    listings_updated int         not null default 0 check (listings_updated >= 0),
    errors           int         not null default 0 check (errors >= 0),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint crawl_run_finished_check check (finished_at >= started_at)
);
create index crawl_run_started_idx on crawl_run (started_at desc);

-- One per (run, source, keyword); a redelivered SQS message finds its task instead of adding one.
create table crawl_task (
    id            bigint generated always as identity primary key,
    run_id        bigint      not null references crawl_run (id),
    source        text        not null check (source in ('BUNJANG', 'JOONGNA')),
    keyword_id    bigint      not null references crawl_keyword (id),
    status        text        not null default 'QUEUED' check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    pages_fetched int         not null default 0 check (pages_fetched >= 0),
    stop_reason   text        check (stop_reason in ('EMPTY_PAGE', 'ALL_KNOWN', 'TARGET_REACHED', 'TIME_BUDGET', 'ERROR')),
    error         text        check (char_length(error) <= 2000),
    started_at    timestamptz,
    finished_at   timestamptz,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (run_id, source, keyword_id),
    constraint crawl_task_failed_check check (status <> 'FAILED' or error is not null)
);
create index crawl_task_keyword_idx on crawl_task (keyword_id);

-- Upserted on (source, external_id). ON CONFLICT alone consumes an identity value per known row
-- (lesson 3): insert only rows that do not exist yet, update the others.
create table crawled_listing (
    id            bigint generated always as identity primary key,
    source        text        not null check (source in ('BUNJANG', 'JOONGNA')),
    external_id   text        not null check (btrim(external_id) <> '' and char_length(external_id) <= 64),
    title         text        not null check (char_length(title) <= 1000),
    price         bigint      not null check (price >= 0),   -- 0: giveaway listings exist
    url           text        not null check (url ~ '^https?://' and char_length(url) <= 2048),
    sale_status   text        not null check (sale_status in ('SELLING', 'RESERVED', 'SOLD', 'DELETED', 'UNKNOWN')),
    posted_at     timestamptz,
    first_seen_at timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (source, external_id),
    constraint crawled_listing_seen_check check (last_seen_at >= first_seen_at)
);
create index crawled_listing_last_seen_idx on crawled_listing (last_seen_at);

-- Provenance from day one: which keyword found a listing, first in which run.
create table listing_keyword (
    listing_id   bigint      not null references crawled_listing (id) on delete cascade,
    keyword_id   bigint      not null references crawl_keyword (id),
    first_run_id bigint      not null references crawl_run (id),
    created_at   timestamptz not null default now(),
    primary key (listing_id, keyword_id)
);
create index listing_keyword_keyword_idx on listing_keyword (keyword_id, listing_id);
create index listing_keyword_run_idx     on listing_keyword (first_run_id);

-- History of the 24 h checks of an article's external listings.
create table resale_check (
    id               bigint generated always as identity primary key,
    article_id       bigint      not null references article (id),
    external_link_id bigint      not null,
    checked_at       timestamptz not null default now(),
    observed_status  text        check (observed_status in ('SELLING', 'RESERVED', 'SOLD', 'DELETED', 'UNKNOWN')),   -- null: fetch failed
    outcome          text        not null check (outcome in ('STILL_LISTED', 'SOLD_ELSEWHERE', 'LISTING_GONE', 'ERROR')),
    created_at       timestamptz not null default now(),
    -- the link must be one of this article's links
    constraint resale_check_link_fk foreign key (external_link_id, article_id) references external_link (id, article_id)
);
create index resale_check_article_idx on resale_check (article_id, checked_at desc);
create index resale_check_link_idx    on resale_check (external_link_id, article_id);

-- ---------------------------------------------------------------------------------------------
-- Idempotency of mutating POSTs
-- ---------------------------------------------------------------------------------------------

-- Keys are chosen by clients, so they are unique per user. Inserted when the request starts
-- (response null), completed with the response; a replay with another body (request_hash) is refused.
create table idempotency_key (
    user_id         bigint      not null references app_user (id),
    key             text        not null check (btrim(key) <> '' and char_length(key) <= 255),
    request_hash    text        not null check (request_hash ~ '^[0-9a-f]{64}$'),   -- SHA-256 hex
    response_status int         check (response_status between 100 and 599),
    response        jsonb,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (user_id, key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);   -- expiry sweep

-- ---------------------------------------------------------------------------------------------
-- updated_at triggers
-- ---------------------------------------------------------------------------------------------

create trigger app_user_updated_at        before update on app_user        for each row execute function set_updated_at();
create trigger merchant_updated_at        before update on merchant        for each row execute function set_updated_at();
create trigger article_updated_at         before update on article         for each row execute function set_updated_at();
create trigger service_product_updated_at before update on service_product for each row execute function set_updated_at();
create trigger reservation_updated_at     before update on reservation     for each row execute function set_updated_at();
create trigger screenshot_updated_at      before update on screenshot      for each row execute function set_updated_at();
create trigger orders_updated_at          before update on orders          for each row execute function set_updated_at();
create trigger payment_updated_at         before update on payment         for each row execute function set_updated_at();
create trigger payment_event_updated_at   before update on payment_event   for each row execute function set_updated_at();
create trigger outbox_updated_at          before update on outbox          for each row execute function set_updated_at();
create trigger notification_updated_at    before update on notification    for each row execute function set_updated_at();
create trigger crawl_keyword_updated_at   before update on crawl_keyword   for each row execute function set_updated_at();
create trigger crawl_run_updated_at       before update on crawl_run       for each row execute function set_updated_at();
create trigger crawl_task_updated_at      before update on crawl_task      for each row execute function set_updated_at();
create trigger crawled_listing_updated_at before update on crawled_listing for each row execute function set_updated_at();
create trigger idempotency_key_updated_at before update on idempotency_key for each row execute function set_updated_at();
