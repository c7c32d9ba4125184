-- Per-user token buckets for the actions one account could use to freeze the catalogue (holds)
-- or flood it (article creates). The limits themselves are settings, read by the functions; a row
-- only remembers how many tokens were left and when (docs/architecture.md, "Security").
create table rate_bucket (
    subject     text             not null check (btrim(subject) <> '' and char_length(subject) <= 255),  -- JWT "sub"
    action      text             not null check (action in ('HOLD', 'ARTICLE_CREATE')),
    tokens      double precision not null check (tokens >= 0),
    refilled_at timestamptz      not null,
    primary key (subject, action)
);
-- maintenance forgets buckets idle long enough to be full again
create index rate_bucket_idle_idx on rate_bucket (refilled_at);
