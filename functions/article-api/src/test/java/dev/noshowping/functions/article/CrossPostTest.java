package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.S3Extension;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /articles/{id} names the crawled listings that are the same booking, through the real statement. */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class CrossPostTest {

    final ArticleApiHandler api = new ArticleApiHandler();
    DataSource ds;
    long article;

    @BeforeEach
    void setUp(DataSource ds) throws Exception {
        this.ds = ds;
        // the seller's own link is https://m.bunjang.co.kr/products/123456789; a Jeju hotel at 300 000
        article = Seller.registered("seller-1", api).publish(a -> { });
        long other = Seller.registered("seller-2", api).publish(a ->
                a.putArray("externalLinks").add("https://web.joongna.com/product/555"));
        assertThat(other).isNotEqualTo(article);
        Rows.execute(ds, """
                insert into crawled_listing (source, external_id, title, price, url, sale_status, first_seen_at, last_seen_at)
                values ('BUNJANG', '123456789', '호텔 양도합니다', 1000, 'https://m.bunjang.co.kr/products/123456789',
                        'RESERVED', now() - interval '40 days', now() - interval '30 days'),
                       ('JOONGNA', '777', '제주 한라호텔 양도', 310000, 'https://web.joongna.com/product/777', 'SELLING',
                        now() - interval '1 day', now() - interval '1 hour'),
                       ('JOONGNA', '555', '한라호텔 양도', 300000, 'https://web.joongna.com/product/555', 'SELLING',
                        now(), now()),
                       ('BUNJANG', '888', '한라호텔 양도', 300000, 'https://m.bunjang.co.kr/products/888', 'SELLING',
                        now() - interval '30 days', now() - interval '20 days'),
                       ('BUNJANG', '999', '한라호텔 양도', 500000, 'https://m.bunjang.co.kr/products/999', 'SELLING',
                        now(), now()),
                       ('BUNJANG', '1000', '신라호텔 양도', 300000, 'https://m.bunjang.co.kr/products/1000', 'SELLING',
                        now(), now())""");
    }

    List<String> alsoListed(ApiCall.Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode l : reply.json().get("alsoListed")) {
            out.add(l.get("source").asText() + ":" + l.get("externalId").asText() + ":" + l.get("match").asText());
        }
        return out;
    }

    @Test
    void theSellerAndStaffSeeTheLinkAndTheGuessOthersTheLinkAlone() {
        var own = ApiCall.as("seller-1").get("/articles/{id}").path("id", article).invoke(api);
        // 555 is seller-2's link, 888 stale, 999 outside the price band, 1000 another place
        assertThat(alsoListed(own)).containsExactly("BUNJANG:123456789:LINK", "JOONGNA:777:SIMILAR");
        JsonNode link = own.json().at("/alsoListed/0");
        assertThat(link.get("url").asText()).isEqualTo("https://m.bunjang.co.kr/products/123456789");
        assertThat(link.get("title").asText()).isEqualTo("호텔 양도합니다");
        assertThat(link.get("price").asLong()).isEqualTo(1000);
        assertThat(link.get("saleStatus").asText()).isEqualTo("RESERVED");
        assertThat(link.has("lastSeenAt")).isTrue();

        assertThat(alsoListed(ApiCall.asAdmin("ops").get("/articles/{id}").path("id", article).invoke(api)))
                .containsExactly("BUNJANG:123456789:LINK", "JOONGNA:777:SIMILAR");
        assertThat(alsoListed(ApiCall.as("stranger").get("/articles/{id}").path("id", article).invoke(api)))
                .containsExactly("BUNJANG:123456789:LINK");
    }

    @Test
    void anArticleNothingMatchesListsNothing() throws Exception {
        long id = Seller.registered("seller-3", api).publish(a -> {
            a.put("accommodationName", "바다펜션");
            a.putArray("externalLinks");
        });
        assertThat(alsoListed(ApiCall.as("seller-3").get("/articles/{id}").path("id", id).invoke(api))).isEmpty();
    }
}
