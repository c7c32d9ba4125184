-- The one-column rules of the tables the request paths write (article, orders, payment,
-- payment_event, outbox) become domains, named for what they mean. The rules themselves are
-- unchanged; what changes is when PostgreSQL pays for them:
--   * a table CHECK is kept as text in the catalog and parsed again (stringToNode), planned and
--     evaluated by every INSERT or UPDATE statement that writes the table, whichever columns it
--     changes: moving an article to RESERVED re-read its title, region and price rules too. Table
--     checks were ~14 % of PostgreSQL's CPU in the checkout benchmark's rounds, ~3 % after this
--     migration (perf; docs/benchmarks.md, eighth session);
--   * a domain's checks are parsed once per connection (the type cache) and run only where a value
--     is written into the column.
-- Rules over several columns (a stay's dates, price <= original, DONE has approved_at, only a
-- virtual account waits for a deposit) stay table checks. Tables written only by background
-- consumers keep their table checks: their statements are few and off the request path.
-- A status domain is still text: adding a value is one ALTER DOMAIN, not a type migration.

-- first the table checks go (the domains' checks then take their names where they match)
alter table article
    drop constraint article_title_check,
    drop constraint article_description_check,
    drop constraint article_accommodation_name_check,
    drop constraint article_region_check,
    drop constraint article_original_price_check,
    drop constraint article_sale_price_check,
    drop constraint article_status_check,
    drop constraint article_version_check;

alter table orders
    drop constraint orders_origin_order_id_check,
    drop constraint orders_amount_check,
    drop constraint orders_status_check,
    drop constraint orders_cancel_reason_check,
    drop constraint orders_version_check,
    drop constraint orders_failure_code_check,
    drop constraint orders_failure_message_check;

alter table payment
    drop constraint payment_payment_key_check,
    drop constraint payment_method_check,
    drop constraint payment_status_check,
    drop constraint payment_amount_check,
    drop constraint payment_virtual_account_check,
    drop constraint payment_raw_check,
    drop constraint payment_idempotency_key_check;

alter table payment_event
    drop constraint payment_event_source_event_key_check,
    drop constraint payment_event_event_type_check,
    drop constraint payment_event_payload_check;

alter table outbox
    drop constraint outbox_topic_check,
    drop constraint outbox_payload_check,
    drop constraint outbox_attempts_check;

create domain article_status as text
    check (value in ('ON_SALE', 'RESERVED', 'SOLD', 'SOLD_ELSEWHERE', 'EXPIRED', 'WITHDRAWN'));
create domain order_status as text
    check (value in ('PENDING', 'CONFIRMING', 'WAITING_FOR_DEPOSIT', 'PAID', 'CANCELED', 'EXPIRED', 'FAILED'));
-- Toss Payment.status and Payment.method
create domain payment_status as text
    check (value in ('READY', 'IN_PROGRESS', 'WAITING_FOR_DEPOSIT', 'DONE', 'CANCELED', 'PARTIAL_CANCELED',
                     'ABORTED', 'EXPIRED'));
create domain payment_method as text
    check (value in ('CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER', 'MOBILE_PHONE', 'EASY_PAY', 'GIFT_CERTIFICATE'));

-- a price or payment in won
create domain won_amount as bigint check (value > 0);
-- optimistic locking counter
create domain row_version as int check (value >= 0);
create domain attempt_count as int check (value >= 0);
-- a name shown to people: not blank, at most 100 characters
create domain display_name as text check (btrim(value) <> '' and char_length(value) <= 100);
create domain article_description as text check (char_length(value) <= 5000);
create domain region_code as text check (value ~ '^[A-Z][A-Z0-9_]{1,31}$');   -- e.g. JEJU
create domain object_jsonb as jsonb check (jsonb_typeof(value) = 'object');

-- Toss's own limits
create domain toss_order_id as text check (value ~ '^[A-Za-z0-9_-]{6,64}$');
create domain toss_payment_key as text check (btrim(value) <> '' and char_length(value) <= 200);
create domain toss_idempotency_key as text check (btrim(value) <> '' and char_length(value) <= 300);
create domain toss_cancel_reason as text check (char_length(value) <= 200);
create domain toss_error_code as text check (char_length(value) <= 100);
create domain toss_error_message as text check (char_length(value) <= 500);
create domain webhook_event_key as text check (btrim(value) <> '' and char_length(value) <= 300);
create domain webhook_event_type as text check (value ~ '^[A-Z][A-Z0-9_]{2,63}$');   -- e.g. DEPOSIT_CALLBACK
create domain outbox_topic as text check (btrim(value) <> '' and char_length(value) <= 100);

alter table article
    alter column title type display_name,
    alter column description type article_description,
    alter column accommodation_name type display_name,
    alter column region type region_code,
    alter column original_price type won_amount,
    alter column sale_price type won_amount,
    alter column status type article_status,
    alter column version type row_version;

alter table orders
    alter column origin_order_id type toss_order_id,
    alter column amount type won_amount,
    alter column status type order_status,
    alter column cancel_reason type toss_cancel_reason,
    alter column version type row_version,
    alter column failure_code type toss_error_code,
    alter column failure_message type toss_error_message;

alter table payment
    alter column payment_key type toss_payment_key,
    alter column method type payment_method,
    alter column status type payment_status,
    alter column amount type won_amount,
    alter column virtual_account type object_jsonb,
    alter column raw type object_jsonb,
    alter column idempotency_key type toss_idempotency_key;

alter table payment_event
    alter column source_event_key type webhook_event_key,
    alter column event_type type webhook_event_type,
    alter column payload type object_jsonb;

alter table outbox
    alter column topic type outbox_topic,
    alter column payload type object_jsonb,
    alter column attempts type attempt_count;
