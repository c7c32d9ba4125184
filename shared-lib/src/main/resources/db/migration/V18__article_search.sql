-- Search of the catalogue (GET /articles, docs/search.md): words of a title, place name or region
-- code, found by trigrams, and a keyset order by price.
--
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner the migrations run as may
-- create it, on RDS as in the embedded server of the tests. It splits text into words by the
-- database's LC_CTYPE: a UTF-8 one (RDS's en_US.UTF-8, the tests' C.UTF-8) makes Hangul word
-- characters; under plain C a Korean text would have no trigram (ArticleSearchSqlTest checks).
create extension if not exists pg_trgm;

-- The text GET /articles?q= matches, word by word with ILIKE: ArticleRepository.SEARCH_TEXT is
-- this very expression, or the planner would not use the index. Only articles on sale: the
-- buyer's catalogue. A hold or a sale moves an article out of it, so those updates add no entry.
-- fastupdate off: a new article's trigrams go into the index at once, not into the pending list
-- every search reads in full until a vacuum flushes it (up to 4 MB); articles are written one at a
-- time and searched far more often.
create index article_search_trgm_idx on article
    using gin ((title || ' ' || accommodation_name || ' ' || region) gin_trgm_ops)
    with (fastupdate = off)
    where status = 'ON_SALE';

-- What the planner knows of the searched text: the index is partial, and PostgreSQL takes no
-- statistics from a partial index. Without them every word of q was estimated at 0.01 % of the
-- catalogue, and a word in one title of twenty-five was found by reading all its articles and
-- sorting them instead of walking the sort's index until a page was full (docs/search.md). A
-- thousand-value histogram tells a common word (4 %) from a rare one.
create statistics article_search_text_stats on ((title || ' ' || accommodation_name || ' ' || region)) from article;
alter statistics article_search_text_stats set statistics 1000;

-- GET /articles?sort=price keyset pages, as article_browse_checkin_idx serves sort=checkIn.
create index article_browse_price_idx on article (status, sale_price, id);
