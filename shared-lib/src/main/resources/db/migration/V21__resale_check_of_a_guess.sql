-- Issue #21 item 5: the resale check also looks up a crawled listing that is, with confidence, the
-- same booking as an article though its seller never linked it (article.CrossPosts). external_link
-- stays the seller's own word; such a look-up names the crawled listing instead of a link.
alter table resale_check
    alter column external_link_id drop not null,
    add column crawled_listing_id bigint references crawled_listing (id),
    add constraint resale_check_target_check check (num_nonnulls(external_link_id, crawled_listing_id) = 1);

alter table resale_check drop constraint resale_check_outcome_check;
alter table resale_check
    add constraint resale_check_outcome_check
        check (outcome in ('STILL_LISTED', 'SOLD_ELSEWHERE', 'LISTING_GONE', 'ERROR', 'SIMILAR_SOLD')),
    -- only the seller's own link may say the article was sold elsewhere; a guess sold there is
    -- SIMILAR_SOLD, which asks the seller and leaves the article on sale
    add constraint resale_check_sold_elsewhere_check check (outcome <> 'SOLD_ELSEWHERE' or external_link_id is not null),
    add constraint resale_check_similar_sold_check check (outcome <> 'SIMILAR_SOLD' or crawled_listing_id is not null);

create index resale_check_listing_idx on resale_check (crawled_listing_id);
