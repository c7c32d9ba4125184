package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
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

    private void patch(int version, long price) {
        var reply = ApiCall.as("seller-1").patch("/articles/{id}", "{\"version\":%d,\"salePrice\":%d}".formatted(version, price))
                .path("id", article).invoke(api);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }
}
