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
 * {@code POST} and {@code DELETE /articles/{id}/watch}.
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
}
