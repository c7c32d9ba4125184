package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.SqsExtension;
import dev.noshowping.testkit.TestDatabase;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Staff and the crawler through the admin API: a run started now queues one task per source and
 * active keyword on a real SQS (ElasticMQ), runs are listed with their per-task figures, and the
 * keyword list changes what the next run searches for. Each change is in the audit log.
 */
@ExtendWith({PostgresExtension.class, SqsExtension.class})
class StaffCrawlTest {

    static String tasksQueue;

    final AdminApiHandler admin = new AdminApiHandler();
    DataSource ds;

    @BeforeAll
    static void queue() {
        tasksQueue = SqsExtension.client().createQueue(q -> q.queueName(SqsExtension.queueName("crawl-tasks-admin"))).queueUrl();
        TestDatabase.get().addServiceEnvironment(Map.of("CRAWL_TASKS_QUEUE_URL", tasksQueue));
    }

    @BeforeEach
    void keywords(DataSource ds) throws Exception {
        this.ds = ds;
        SqsExtension.client().purgeQueue(p -> p.queueUrl(tasksQueue));
        Rows.execute(ds, "insert into crawl_keyword (keyword) values ('호텔 양도'), ('펜션 양도')");
    }

    int queued() {
        return Integer.parseInt(SqsExtension.client().getQueueAttributes(r -> r.queueUrl(tasksQueue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    ApiCall.Reply post(String path, String body) {
        return ApiCall.asAdmin("ops-kim").post(path, body).invoke(admin);
    }

    ApiCall.Reply deactivate(long keyword, String body) {
        return ApiCall.asAdmin("ops-kim").post("/admin/crawl/keywords/{id}/deactivate", body).path("id", keyword).invoke(admin);
    }

    @Test
    void aRunStartedNowQueuesATaskPerSourceAndKeywordAndIsListedWithItsTasks() throws Exception {
        var started = post("/admin/crawl/runs", "{\"reason\":\"새 키워드 확인\"}");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.json().get("tasks").asInt()).as("2 keywords × 2 sources").isEqualTo(4);
        assertThat(queued()).isEqualTo(4);

        var runs = ApiCall.asAdmin("ops-kim").get("/admin/crawl/runs").invoke(admin);
        assertThat(runs.status()).as(runs.raw()).isEqualTo(200);
        JsonNode run = runs.json().get("items").get(0);
        assertThat(run.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(run.get("perTask")).hasSize(4);
        assertThat(run.get("perTask").findValuesAsText("status")).containsOnly("QUEUED");
        assertThat(run.get("perTask").findValuesAsText("keyword")).containsOnly("호텔 양도", "펜션 양도");
        assertThat(Rows.text(ds, "select kind || ' ' || target_id from admin_action"))
                .isEqualTo("CRAWL_STARTED " + started.json().get("runId").asLong());
    }

    @Test
    void keywordsAreAddedAndDeactivatedAndTheNextRunFollows() throws Exception {
        var added = post("/admin/crawl/keywords", "{\"keyword\":\"  글램핑   양도 \",\"reason\":\"글램핑 양도 글이 늘어남\"}");
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.json().get("keyword").asText()).as("one spelling").isEqualTo("글램핑 양도");
        assertThat(post("/admin/crawl/keywords", "{\"keyword\":\"글램핑 양도\",\"reason\":\"x\"}").status())
                .as("active already").isEqualTo(409);
        long pension = Rows.number(ds, "select id from crawl_keyword where keyword = '펜션 양도'");
        var off = deactivate(pension, "{\"reason\":\"결과가 숙박과 무관\"}");
        assertThat(off.status()).as(off.raw()).isEqualTo(200);
        assertThat(off.json().get("items")).hasSize(3);
        assertThat(deactivate(pension, "{\"reason\":\"x\"}").status()).isEqualTo(409);
        assertThat(deactivate(pension + 100, "{\"reason\":\"x\"}").status())
                .isEqualTo(404);

        assertThat(post("/admin/crawl/runs", "{\"reason\":\"확인\"}").json().get("tasks").asInt())
                .as("호텔 and 글램핑, not 펜션, on both sources").isEqualTo(4);
        assertThat(post("/admin/crawl/keywords", "{\"keyword\":\"펜션 양도\",\"reason\":\"다시 필요\"}").status())
                .as("an inactive keyword comes back").isEqualTo(201);
        assertThat(Rows.of(ds, "select kind from admin_action order by id")).extracting(r -> r.get("kind"))
                .containsExactly("KEYWORD_ADDED", "KEYWORD_DEACTIVATED", "CRAWL_STARTED", "KEYWORD_ADDED");
        assertThat(post("/admin/crawl/keywords", "{\"keyword\":\"x\",\"reason\":\"\"}").raw())
                .contains("keyword").contains("reason");
    }
}
