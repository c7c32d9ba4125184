-- Retention (docs/architecture.md, "Security", Retention): the maintenance job deletes what has
-- served its purpose, oldest first, a bounded batch per run.

-- Objects of screenshot rows already deleted: the row goes first (so nothing can link a row whose
-- object is gone), its key waits here until S3 confirms the delete, so a failed S3 call is retried
-- instead of leaving the object behind.
create table screenshot_object_deletion (
    object_key text        primary key check (btrim(object_key) <> '' and octet_length(object_key) <= 1024),
    queued_at  timestamptz not null default now()
);
create index screenshot_object_deletion_queued_idx on screenshot_object_deletion (queued_at);

-- the sweeps look only at what they may delete, oldest first
create index screenshot_unlinked_created_idx on screenshot (created_at) where status <> 'LINKED';
create index payment_event_received_idx on payment_event (received_at);
