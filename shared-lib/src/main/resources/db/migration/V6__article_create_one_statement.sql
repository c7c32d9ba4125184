-- POST /articles in one statement (issue #4; docs/architecture.md, "Article create in one round trip").

-- Aborts the statement it is evaluated in: lets a single statement refuse its own writes when a
-- condition only its data-modifying steps can see does not hold (a screenshot linked by a
-- concurrent request between the statement's snapshot and its update).
create function assert_true(condition boolean, sql_state text, message text) returns boolean
    language plpgsql volatile as
$$
begin
    if condition is not true then
        raise exception using errcode = sql_state, message = message;
    end if;
    return true;
end
$$;

-- A create sent with an Idempotency-Key stores, in the same statement, what its answer was made
-- of besides the request (ids, timestamps, the merchant as it was), not the answer's bytes: a
-- repeat carries the same request (its hash is checked), so the answer is rebuilt byte for byte.
-- Rows written before this migration keep their stored response.
alter table idempotency_key add column answer_seed jsonb check (jsonb_typeof(answer_seed) = 'object');
alter table idempotency_key add constraint idempotency_key_one_answer_check
    check (response is null or answer_seed is null);

-- Article, service product, reservation, screenshot links, external links, the outbox row and the
-- Idempotency-Key's row, in one statement (called by ArticleRepository.create, which documents the
-- contract). It writes only if the caller is a merchant, the key has no stored answer, and every
-- named screenshot is the caller's and UPLOADED; otherwise it writes nothing and returns what it
-- saw: the caller, the stored answer, one row per screenshot found.
--
-- Why a function: its one statement is planned once per connection and kept. Sent from the client
-- as a prepared statement, PostgreSQL chose a new custom plan at every execution (the screenshot
-- array's length is known then), and planning this statement took 0.5 ms, more than running it
-- (0.3 ms): docs/benchmarks.md. The generic plan looks screenshots up by primary key whatever the
-- array holds (unnest joined to screenshot), so forcing it costs nothing.
create function article_create(
    p_subject text, p_screenshot_ids bigint[], p_idempotency_key text,
    p_title text, p_description text, p_accommodation_name text, p_region text,
    p_check_in date, p_check_out date, p_original_price bigint, p_sale_price bigint,
    p_room_type text, p_guests int, p_options jsonb,
    p_booking_platform text, p_booking_reference bytea, p_guest_name text, p_transfer_method text,
    p_link_sources text[], p_link_external_ids text[], p_link_urls text[],
    p_outbox_id uuid, p_outbox_payload jsonb, p_request_hash text)
    returns table (out_answer_seed text, out_checked boolean,
                   out_user_id bigint, out_merchant_id bigint, out_merchant_name text,
                   out_stored_request_hash text, out_stored_status int, out_stored_response text, out_stored_seed text,
                   out_screenshot_id bigint, out_screenshot_owner bigint, out_screenshot_status text,
                   out_screenshot_object_key text, out_screenshot_size bigint)
    language plpgsql volatile
    set plan_cache_mode = force_generic_plan
as
$$
begin
    return query
    with caller as (
            select u.id as user_id, m.id as merchant_id, m.merchant_name
            from app_user u left join merchant m on m.user_id = u.id
            where u.external_subject = p_subject),
        wanted as (select id from unnest(p_screenshot_ids) as w(id)),
        -- a join on the primary key, not "id = any(?)": the plan stays a look-up per id even
        -- when generic (a generic plan for any() may scan all the owner's screenshots)
        shots as (
            select s.id, s.owner_user_id, s.status, s.object_key, s.size_bytes
            from wanted w join screenshot s on s.id = w.id),
        stored as (
            select k.request_hash, k.response_status, k.response, k.answer_seed
            from caller c join idempotency_key k on k.user_id = c.user_id and k.key = p_idempotency_key),
        seller as (
            select c.user_id, c.merchant_id, c.merchant_name from caller c
            where c.merchant_id is not null
              and not exists (select 1 from stored)
              and (select count(*) from shots s where s.owner_user_id = c.user_id and s.status = 'UPLOADED')
                  = (select count(*) from wanted)),
        new_article as (
            insert into article (merchant_id, title, description, accommodation_name, region,
                                 check_in, check_out, original_price, sale_price, next_resale_check_at)
            select merchant_id, p_title, p_description, p_accommodation_name, p_region, p_check_in, p_check_out, p_original_price, p_sale_price, now() + interval '24 hours' from seller
            returning id, created_at, updated_at),
        new_product as (
            insert into service_product (article_id, room_type, guests, options)
            select id, p_room_type, p_guests, p_options from new_article),
        new_reservation as (
            insert into reservation (article_id, booking_platform, booking_reference_encrypted,
                                     guest_name, transfer_method)
            select id, p_booking_platform, p_booking_reference, p_guest_name, p_transfer_method from new_article
            returning id),
        linked as (
            update screenshot s set reservation_id = r.id, status = 'LINKED'
            from new_reservation r, wanted w, seller
            where s.id = w.id and s.owner_user_id = seller.user_id and s.reservation_id is null
            returning s.id),
        new_links as (
            insert into external_link (article_id, source, external_id, url)
            select a.id, l.source, l.external_id, l.url
            from new_article a, unnest(p_link_sources, p_link_external_ids, p_link_urls) as l(source, external_id, url)),
        new_outbox as (
            -- the merchant name travels with the notification: its consumer joins nothing
            insert into outbox (id, topic, payload)
            select p_outbox_id, 'article.published', p_outbox_payload || jsonb_build_object('articleId', a.id,
                   'sellerUserId', s.user_id, 'merchantName', s.merchant_name)
            from new_article a, seller s),
        answer as (
            select jsonb_build_object('articleId', a.id, 'createdAt', a.created_at, 'updatedAt', a.updated_at,
                                      'merchantId', s.merchant_id, 'merchantName', s.merchant_name) as seed
            from new_article a, seller s),
        new_key as (
            insert into idempotency_key (user_id, key, request_hash, response_status, answer_seed)
            select s.user_id, k.key, p_request_hash, 201, answer.seed
            from seller s, answer, (select p_idempotency_key as key) k where k.key is not null)
        select answer.seed::text,
               assert_true(answer.seed is null or (select count(*) from linked) = (select count(*) from wanted),
                           'NS409', 'a screenshot was linked to another article meanwhile'),
               c.user_id, c.merchant_id, c.merchant_name,
               st.request_hash, st.response_status, st.response, st.answer_seed::text,
               sh.id, sh.owner_user_id, sh.status, sh.object_key, sh.size_bytes
        from caller c
        left join answer on true
        left join stored st on true
        -- what the screenshots were matters only when nothing was written
        left join shots sh on answer.seed is null;
end
$$;
