-- The operator's console, second part (docs/architecture.md, "Staff actions"): a dead-letter queue
-- redriven by staff is a row (which queue, the SQS move task, how many messages were waiting) that
-- the audit row points at; and what the fraud signals compare without reading secrets: a keyed
-- digest of each booking reference (never the clear text) and the SHA-256 of each screenshot's bytes.

alter domain admin_action_kind drop constraint admin_action_kind_check;
alter domain admin_action_kind add constraint admin_action_kind_check
    check (value in ('MERCHANT_VERIFIED', 'MERCHANT_SUSPENDED', 'MERCHANT_REINSTATED',
                     'ARTICLE_TAKEN_DOWN', 'ARTICLE_RESTORED', 'ORDER_CANCELED', 'DISPUTE_RESOLVED',
                     'PAYOUT_RETRIED', 'PAYOUT_HELD', 'PAYOUT_RELEASED',
                     'CRAWL_STARTED', 'KEYWORD_ADDED', 'KEYWORD_DEACTIVATED', 'QUEUE_REDRIVEN'));

alter table admin_action drop constraint admin_action_target_type_check;
alter table admin_action add constraint admin_action_target_type_check
    check (target_type in ('MERCHANT', 'ARTICLE', 'ORDER', 'PAYOUT', 'CRAWL_RUN', 'CRAWL_KEYWORD', 'QUEUE_REDRIVE'));

-- One per redrive staff started: the messages of a dead-letter queue moved back to the queue they
-- failed in by an SQS message move task (ElasticMQ runs the same task locally).
create table queue_redrive (
    id                bigint generated always as identity primary key,
    dead_letter_queue text        not null check (dead_letter_queue ~ '^[A-Za-z0-9_-]{1,80}$'),
    task_handle       text        not null check (btrim(task_handle) <> '' and char_length(task_handle) <= 2000),
    messages          int         not null check (messages >= 0),   -- waiting in the DLQ when the move started
    admin_subject     text        not null check (btrim(admin_subject) <> '' and char_length(admin_subject) <= 200),
    created_at        timestamptz not null default now()
);
revoke update, delete on queue_redrive from ${appRole};

-- HMAC-SHA256 of the platform and the normalised reference under a key of its own: equal digests
-- mean the same booking sold twice. Null on rows written before this column: they take no part in
-- the comparison (filling them needs the data key, so it would be a job, not this migration).
alter table reservation
    add column booking_reference_digest bytea check (octet_length(booking_reference_digest) = 32);
create index reservation_booking_digest_idx on reservation (booking_reference_digest)
    where booking_reference_digest is not null;

-- Read from the object when S3 reports it uploaded; null until then.
alter table screenshot
    add column content_sha256 bytea check (octet_length(content_sha256) = 32);
create index screenshot_content_sha256_idx on screenshot (content_sha256) where content_sha256 is not null;
