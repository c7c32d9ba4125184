-- One outbox event may tell a user (alimtalk) and the operations channel (Discord) at once, and the
-- two fail and retry independently: the consumer's dedupe key is (outbox message, channel).
alter table notification drop constraint notification_outbox_id_key;
alter table notification add constraint notification_outbox_channel_key unique (outbox_id, channel);

-- A user without a phone number is recorded (SKIPPED) under their id ("user:42") instead.
alter table notification drop constraint notification_phone_check;
alter table notification add constraint notification_phone_check
    check (channel <> 'ALIMTALK' or recipient ~ '^\+[1-9][0-9]{7,14}$' or recipient ~ '^user:[0-9]+$');

-- Transient failures (5xx, timeouts, 429) are retried by redelivery; count them for the record.
alter table notification add column attempts int not null default 0 check (attempts >= 0);
