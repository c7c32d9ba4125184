package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.watch.ArticleWatches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST} and {@code DELETE /articles/{id}/watch}, and the one outbox row a price drop of a
 * watched article writes in the seller's request (its delivery: WatchNotificationTest, alimtalk).
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class ArticleWatchTest {

    final ArticleApiHandler api = new ArticleApiHandler();
    DataSource ds;
    long article;

    @BeforeEach
    void setUp(DataSource ds) throws Exception {
        this.ds = ds;
        article = Seller.registered("seller-1", api).publish(a -> { });
    }

    ApiCall.Reply watch(String subject, Object id) {
        return ApiCall.as(subject).verifiedPhone("+821011112222").post("/articles/{id}/watch", null).path("id", id).invoke(api);
    }

    ApiCall.Reply unwatch(String subject, Object id) {
        return ApiCall.as(subject).delete("/articles/{id}/watch").path("id", id).invoke(api);
    }

    long watches() throws Exception {
        return Rows.number(ds, "select count(*) from article_watch");
    }

    long events(String topic) throws Exception {
        return Rows.number(ds, "select count(*) from outbox where topic = '" + topic + "'");
    }

    @Test
    void watchingAndUnwatchingAreIdempotent() throws Exception {
        assertThat(watch("buyer-1", article).status()).isEqualTo(204);
        assertThat(watch("buyer-1", article).status()).isEqualTo(204);
        assertThat(watches()).as("twice is one watch").isEqualTo(1);
        assertThat(Rows.text(ds, "select phone from app_user where external_subject = 'buyer-1'"))
                .as("the verified phone the notices go to").isEqualTo("+821011112222");

        assertThat(unwatch("buyer-1", article).status()).isEqualTo(204);
        assertThat(unwatch("buyer-1", article).status()).isEqualTo(204);
        assertThat(unwatch("never-watched", article).status()).isEqualTo(204);
        assertThat(watches()).isZero();
    }

    @Test
    void anArticleTheCallerCannotSeeIs404AndABadIdIs400() throws Exception {
        assertThat(watch("buyer-1", 424242).status()).isEqualTo(404);
        assertThat(unwatch("buyer-1", 424242).status()).isEqualTo(404);
        var bad = watch("buyer-1", "abc");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.firstErrorField()).isEqualTo("id");
        assertThat(unwatch("buyer-1", "0").firstErrorField()).isEqualTo("id");

        watch("buyer-1", article);
        assertThat(ApiCall.as("seller-1").delete("/articles/{id}").path("id", article).invoke(api).status()).isEqualTo(204);
        assertThat(watch("buyer-2", article).status()).as("withdrawn: gone for all but its seller").isEqualTo(404);
        assertThat(unwatch("buyer-2", article).status()).isEqualTo(404);
        assertThat(unwatch("buyer-1", article).status()).as("a watch of an article since withdrawn can still end").isEqualTo(204);
        assertThat(watches()).isZero();
    }

    @Test
    void theSellerCannotWatchTheirOwnArticle() throws Exception {
        var reply = watch("seller-1", article);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.raw()).contains("your");
        assertThat(watches()).isZero();
    }

    @Test
    void aPriceDropOfAWatchedArticleWritesOneEventARaiseNone() throws Exception {
        patch(0, 280_000);
        assertThat(events("article.price_dropped")).as("nobody watches it: no message at all").isZero();

        watch("buyer-1", article);
        patch(1, 260_000);
        assertThat(events("article.price_dropped")).isEqualTo(1);
        assertThat(Rows.text(ds, "select payload->>'previousPrice' || '→' || (payload->>'salePrice') from outbox "
                + "where topic = 'article.price_dropped'")).isEqualTo("280000→260000");
        patch(2, 270_000);
        var titleOnly = ApiCall.as("seller-1").patch("/articles/{id}", "{\"version\":3,\"title\":\"제목만 바꿈\"}")
                .path("id", article).invoke(api);
        assertThat(titleOnly.status()).isEqualTo(200);
        assertThat(events("article.price_dropped")).as("a raise or a new title tells nobody").isEqualTo(1);
    }

    @Test
    void theDetailSaysWhetherTheCallerWatches() throws Exception {
        assertThat(watching("buyer-1")).isFalse();
        watch("buyer-1", article);

        assertThat(watching("buyer-1")).isTrue();
        assertThat(watching("buyer-2")).as("another's watch is not mine").isFalse();
        assertThat(watching("seller-1")).isFalse();
        var patched = ApiCall.as("seller-1").patch("/articles/{id}", "{\"version\":0,\"salePrice\":250000}")
                .path("id", article).invoke(api);
        assertThat(patched.json().get("watching").asBoolean(true)).as("PATCH answers as the seller sees it").isFalse();
        unwatch("buyer-1", article);
        assertThat(watching("buyer-1")).isFalse();
    }

    boolean watching(String subject) {
        var reply = ApiCall.as(subject).get("/articles/{id}").path("id", article).invoke(api);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.json().has("watching")).isTrue();
        return reply.json().get("watching").asBoolean();
    }

    @Test
    void theWatchPastTheLimitIs409ButAWatchAgainIsNot() throws Exception {
        List<Long> articles = moreArticles(ArticleWatches.MAX_PER_USER + 1);
        for (int i = 0; i < ArticleWatches.MAX_PER_USER; i++) {
            assertThat(watch("collector", articles.get(i)).status()).isEqualTo(204);
        }
        long extra = articles.getLast();

        var refused = watch("collector", extra);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("/watch-limit");
        assertThat(watches()).isEqualTo(ArticleWatches.MAX_PER_USER);
        assertThat(watch("collector", articles.getFirst()).status()).as("watching again stays idempotent at the limit")
                .isEqualTo(204);
        assertThat(watch("another", extra).status()).as("the limit is per user").isEqualTo(204);

        Rows.execute(ds, "update article set status = 'SOLD' where id = " + articles.get(0));
        assertThat(watch("collector", extra).status()).as("a sold article's watch no longer counts").isEqualTo(204);
        assertThat(watch("collector", article).status()).isEqualTo(409);
        Rows.execute(ds, "update article set status = 'TAKEN_DOWN' where id = " + articles.get(1));
        assertThat(watch("collector", article).status()).as("a taken-down article may be restored: still counts")
                .isEqualTo(409);
        assertThat(unwatch("collector", articles.get(2)).status()).isEqualTo(204);
        assertThat(watch("collector", article).status()).as("an unwatch frees a place").isEqualTo(204);
    }

    @Test
    void concurrentWatchesKeepTheLimit() throws Exception {
        int free = 5;
        List<Long> articles = moreArticles(ArticleWatches.MAX_PER_USER - free + 6 * free);
        assertThat(watch("racer", article).status()).isEqualTo(204);   // the user row exists: every watch locks it
        Rows.execute(ds, """
                insert into article_watch (article_id, user_id)
                select a.id, u.id from article a, app_user u
                where u.external_subject = 'racer' and a.id = any ('%s'::bigint[])""".formatted(
                "{" + String.join(",", articles.subList(0, ArticleWatches.MAX_PER_USER - free - 1).stream()
                        .map(String::valueOf).toList()) + "}"));
        assertThat(watches()).isEqualTo(ArticleWatches.MAX_PER_USER - free);
        List<Long> wanted = articles.subList(ArticleWatches.MAX_PER_USER - free - 1, articles.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(wanted.size())) {
            for (long id : wanted) {
                Callable<Integer> racer = () -> {
                    start.await();
                    return watch("racer", id).status();
                };
                statuses.add(pool.submit(racer));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> f : statuses) {
                answers.add(f.get());
            }
            assertThat(answers).filteredOn(s -> s == 204).hasSize(free);
            assertThat(answers).filteredOn(s -> s == 409).hasSize(wanted.size() - free);
        }
        assertThat(watches()).isEqualTo(ArticleWatches.MAX_PER_USER);
    }

    /** {@code n} more articles on sale of the same seller, copies of the first one (an API create each would be slow). */
    private List<Long> moreArticles(int n) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (var row : Rows.of(ds, """
                with a as (
                    insert into article (merchant_id, title, accommodation_name, region, check_in, check_out,
                                         original_price, sale_price, next_resale_check_at)
                    select t.merchant_id, t.title || ' ' || g, t.accommodation_name, t.region, t.check_in, t.check_out,
                           t.original_price, t.sale_price, t.next_resale_check_at
                    from article t, generate_series(1, %d) g where t.id = %d
                    returning id),
                p as (insert into service_product (article_id, room_type, guests) select id, '스탠다드', 2 from a),
                r as (insert into reservation (article_id, booking_platform, booking_reference_encrypted, guest_name,
                                               transfer_method)
                      select id, 'YANOLJA', '\\x00'::bytea, '홍길동', 'NAME_CHANGE' from a)
                select id from a order by id""".formatted(n, article))) {
            ids.add(((Number) row.get("id")).longValue());
        }
        assertThat(ids).hasSize(n);
        return ids;
    }

    private void patch(int version, long price) {
        var reply = ApiCall.as("seller-1").patch("/articles/{id}", "{\"version\":%d,\"salePrice\":%d}".formatted(version, price))
                .path("id", article).invoke(api);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }
}
