-- Watches (issue #21 item 4): a user follows an article and hears of a price drop or of its return
-- to sale. One watch per (article, user): watching twice is one watch.
create table article_watch (
    id         bigint generated always as identity primary key,
    article_id bigint      not null references article (id),
    user_id    bigint      not null references app_user (id),
    created_at timestamptz not null default now(),
    constraint article_watch_once unique (article_id, user_id)
);
-- "what do I watch" reads by user; the unique index above serves "who watches this article"
create index article_watch_user_idx on article_watch (user_id);

-- The fan-out's dedupe: one notice per (event, watcher). An event is the outbox row a price drop or
-- a return to sale wrote; its consumer inserts a row here per watcher and, only for the rows it
-- inserted, one outbox row (notice_id) that the notifications consumer delivers like any other. A
-- redelivered event inserts nothing, so nobody is told twice; a later drop is a new event.
create table watch_notice (
    event_id   uuid        not null references outbox (id),
    user_id    bigint      not null references app_user (id),
    notice_id  uuid        not null unique,   -- the watcher's own outbox row, written in the same statement
    created_at timestamptz not null default now(),
    primary key (event_id, user_id)
);
-- a user's rows found without a scan (the foreign key to app_user)
create index watch_notice_user_idx on watch_notice (user_id);
