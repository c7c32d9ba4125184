-- Article create and the caller's user row decide in Java now (CreateArticle, UserRepository;
-- docs/architecture.md, "Article create" and "Hold"): the functions that held those rules go, with
-- the helper only article_create used. The constraints that protect the rows stay as they are.
drop function article_create(text, bigint[], text, text, text, text, text, date, date, bigint, bigint, text, int, jsonb,
                             text, bytea, text, text, text[], text[], text[], uuid, jsonb, text);
drop function assert_true(boolean, text, text);
drop function app_user_ensure(text, text, text);
