package dev.noshowping.functions.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.savedsearch.SavedSearches;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST/GET/DELETE /saved-searches}: the criteria of the search, checked as the search checks them, at most ten each. */
@ExtendWith(PostgresExtension.class)
class SavedSearchApiTest {

    final ArticleApiHandler api = new ArticleApiHandler();

    ApiCall.Reply create(String subject, String body) {
        return ApiCall.as(subject).post("/saved-searches", body).invoke(api);
    }

    ApiCall.Reply list(String subject) {
        return ApiCall.as(subject).get("/saved-searches").invoke(api);
    }

    ApiCall.Reply delete(String subject, long id) {
        return ApiCall.as(subject).delete("/saved-searches/{id}").path("id", id).invoke(api);
    }

    @Test
    void aSearchIsSavedListedAndDeleted() {
        var created = create("buyer", """
                {"q":"제주  신라호텔 제주","region":"JEJU","stayFrom":"2026-12-24","stayTo":"2026-12-26","guests":2,
                 "minPrice":0,"maxPrice":300000}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("q").asText()).as("each word once").isEqualTo("제주 신라호텔");
        assertThat(created.json().get("region").asText()).isEqualTo("JEJU");
        assertThat(created.json().get("stayTo").asText()).isEqualTo("2026-12-26");
        assertThat(created.json().get("minPrice").asLong()).isZero();
        assertThat(created.json().has("checkInFrom")).as("criteria not given are absent").isFalse();
        long id = created.json().get("id").asLong();
        var second = create("buyer", "{\"maxPrice\":100000}");
        assertThat(second.status()).isEqualTo(201);

        var listed = list("buyer");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items")).hasSize(2);
        assertThat(listed.json().get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list("someone-else").json().get("items")).as("each sees their own").isEmpty();

        assertThat(delete("buyer", id).status()).isEqualTo(204);
        assertThat(list("buyer").json().get("items")).singleElement()
                .satisfies(s -> assertThat(s.get("maxPrice").asLong()).isEqualTo(100_000));
        assertThat(delete("buyer", id).status()).as("gone").isEqualTo(404);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{}                                              | q",
        "{\"q\":\"  \"}                                  | q",
        "{\"q\":\"집\"}                                   | q",
        "{\"q\":\"a1 b2 c3 d4 e5 f6\"}                   | q",
        "{\"region\":\"jeju\"}                            | region",
        "{\"stayFrom\":\"2026-13-01\"}                    | stayFrom",
        "{\"stayFrom\":\"2026-12-24\",\"stayTo\":\"2026-12-24\"} | stayTo",
        "{\"checkInFrom\":\"2026-12-24\",\"checkInTo\":\"2026-12-01\"} | checkInTo",
        "{\"guests\":0}                                  | guests",
        "{\"minPrice\":-1}                               | minPrice",
        "{\"minPrice\":5000,\"maxPrice\":4000}             | maxPrice",
        "{\"guests\":\"two\"}                             | guests",
        "{\"sort\":\"price\"}                             | sort"})
    void badCriteriaAre400NamingTheField(String body, String field, DataSource ds) throws Exception {
        var reply = create("buyer", body);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.firstErrorField()).isEqualTo(field);
        assertThat(Rows.number(ds, "select count(*) from saved_search")).isZero();
    }

    @Test
    void theEleventhSearchIs409(DataSource ds) throws Exception {
        for (int i = 0; i < SavedSearches.MAX_PER_USER; i++) {
            assertThat(create("collector", "{\"minPrice\":" + i + "}").status()).isEqualTo(201);
        }
        var refused = create("collector", "{\"minPrice\":99}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("/saved-search-limit");
        assertThat(create("another", "{\"minPrice\":99}").status()).as("the limit is per user").isEqualTo(201);

        long first = list("collector").json().get("items").get(0).get("id").asLong();
        assertThat(delete("collector", first).status()).isEqualTo(204);
        assertThat(create("collector", "{\"minPrice\":99}").status()).as("a deleted one frees its place").isEqualTo(201);
    }

    @Test
    void concurrentCreatesKeepTheLimit(DataSource ds) throws Exception {
        list("racer");   // the user row exists, so every create locks the same row
        int racers = 3 * SavedSearches.MAX_PER_USER;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                int price = i;
                Callable<Integer> racer = () -> {
                    start.await();
                    return create("racer", "{\"maxPrice\":" + (1000 + price) + "}").status();
                };
                statuses.add(pool.submit(racer));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> f : statuses) {
                answers.add(f.get());
            }
            assertThat(answers).filteredOn(s -> s == 201).hasSize(SavedSearches.MAX_PER_USER);
            assertThat(answers).filteredOn(s -> s == 409).hasSize(racers - SavedSearches.MAX_PER_USER);
        }
        assertThat(Rows.number(ds, "select count(*) from saved_search")).isEqualTo(SavedSearches.MAX_PER_USER);
    }

    @Test
    void anotherUsersSearchIs404AndStays(DataSource ds) throws Exception {
        long id = create("owner", "{\"q\":\"부산 해운대\"}").json().get("id").asLong();

        var reply = delete("intruder", id);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("content-type")).isEqualTo("application/problem+json");
        assertThat(Rows.number(ds, "select count(*) from saved_search")).isEqualTo(1);
        assertThat(delete("intruder", 999_999).status()).isEqualTo(404);
    }
}
