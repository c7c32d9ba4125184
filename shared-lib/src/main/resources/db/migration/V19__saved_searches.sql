-- Saved searches (issue #21, docs/architecture.md "Saved searches"): a user's GET /articles criteria
-- kept as typed columns, so one statement matches new articles and crawled listings against all
-- of them; each match recorded once, then told to the owner by alimtalk, alone or in a digest.

create table saved_search (
    id              bigint generated always as identity primary key,
    user_id         bigint      not null references app_user (id),
    -- the words of q as given (every one must be in the text, case ignored), at most ArticleQuery.MAX_WORDS
    words           text[]      not null default '{}' check (cardinality(words) <= 5 and array_position(words, null) is null),
    region          text        check (region ~ '^[A-Z][A-Z0-9_]+$'),
    check_in_from   date,
    check_in_to     date,
    stay_from       date,
    stay_to         date,
    guests          int         check (guests between 1 and 50),
    min_price       bigint      check (min_price >= 0),
    max_price       bigint      check (max_price >= 0),
    -- when the owner was last told of matches: the next message waits for the digest window after it
    last_alerted_at timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint saved_search_some_criterion_check check (cardinality(words) > 0 or num_nonnulls(region,
        check_in_from, check_in_to, stay_from, stay_to, guests, min_price, max_price) > 0),
    constraint saved_search_check_in_check check (check_in_to >= check_in_from),
    constraint saved_search_stay_check check (stay_to > stay_from),
    constraint saved_search_price_check check (max_price >= min_price)
);
create index saved_search_user_idx on saved_search (user_id, id);
create trigger saved_search_updated_at before update on saved_search for each row execute function set_updated_at();

-- One row per (search, item) whatever retries happen: the unique key is the dedupe. item_id is an
-- article's or a crawled listing's id, by item_kind (no foreign key: it points at either table).
-- outbox_id: the message that told the owner; null while the match waits for its digest window.
-- Deleting a search deletes its matches, so what waited is never sent.
create table saved_search_match (
    id              bigint generated always as identity primary key,
    saved_search_id bigint      not null references saved_search (id) on delete cascade,
    item_kind       text        not null check (item_kind in ('ARTICLE', 'LISTING')),
    item_id         bigint      not null,
    outbox_id       uuid        references outbox (id),
    created_at      timestamptz not null default now(),
    unique (saved_search_id, item_kind, item_id)
);
create index saved_search_match_pending_idx on saved_search_match (saved_search_id) where outbox_id is null;
create index saved_search_match_outbox_idx on saved_search_match (outbox_id);
