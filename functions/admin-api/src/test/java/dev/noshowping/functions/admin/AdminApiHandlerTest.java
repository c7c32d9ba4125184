package dev.noshowping.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import dev.noshowping.testkit.ApiCall;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.S3Extension;
import dev.noshowping.testkit.TossExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample events of {@code events/admin-api} get documented answers; a non-admin gets a refusal, not data. */
@ExtendWith({PostgresExtension.class, S3Extension.class, TossExtension.class})
class AdminApiHandlerTest {

    final AdminApiHandler api = new AdminApiHandler();

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/admin-api/post-dispute-resolve.json"),
        @Event("events/admin-api/post-merchant-verify.json"),
        @Event("events/admin-api/post-merchant-suspend.json"),
        @Event("events/admin-api/post-merchant-reinstate.json"),
        @Event("events/admin-api/post-article-take-down.json"),
        @Event("events/admin-api/post-article-restore.json"),
        @Event("events/admin-api/get-order.json"),
        @Event("events/admin-api/post-payout-retry.json"),
        @Event("events/admin-api/post-payout-hold.json"),
        @Event("events/admin-api/post-payout-release.json"),
        @Event("events/admin-api/post-crawl-keyword-deactivate.json")})
    void sampleEventsOnAnEmptyDatabaseFindNothing(APIGatewayV2HTTPEvent event) {
        var reply = ApiCall.invoke(api, event);
        assertThat(reply.status()).as(event.getRouteKey() + " " + reply.raw()).isEqualTo(404);
    }

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/admin-api/get-disputes.json"),
        @Event("events/admin-api/get-merchants.json"),
        @Event("events/admin-api/get-actions.json"),
        @Event("events/admin-api/get-orders.json"),
        @Event("events/admin-api/get-payouts.json"),
        @Event("events/admin-api/get-crawl-runs.json"),
        @Event("events/admin-api/get-notifications.json"),
        @Event("events/admin-api/get-resale-checks.json"),
        @Event("events/admin-api/get-articles.json")})
    void theSampleListsAreEmpty(APIGatewayV2HTTPEvent event) {
        var reply = ApiCall.invoke(api, event);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.json().get("items")).isEmpty();
    }

    @ParameterizedTest
    @Events(type = APIGatewayV2HTTPEvent.class, events = {
        @Event("events/admin-api/get-stats.json"),
        @Event("events/admin-api/get-fraud-signals.json")})
    void theSampleFiguresOfAnEmptyMarketplaceAreZeroAndNoSignals(APIGatewayV2HTTPEvent event) {
        var reply = ApiCall.invoke(api, event);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        if (reply.json().has("days")) {
            assertThat(reply.json().get("days")).hasSize(30);
            reply.json().get("days").forEach(d -> assertThat(d.get("ordersCreated").asInt()).isZero());
        } else {
            assertThat(reply.json().get("signals")).isEmpty();
        }
    }

    @ParameterizedTest
    @Event(value = "events/admin-api/post-queue-redrive.json", type = APIGatewayV2HTTPEvent.class)
    void theSampleRedriveNamesNoDeadLetterQueueOfThisEnvironment(APIGatewayV2HTTPEvent event) {
        var reply = ApiCall.invoke(api, event);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
    }

    @Test
    void everyStaffRouteRefusesAnOrdinaryUser() {
        assertThat(ApiCall.as("user-1").get("/admin/disputes").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").post("/admin/disputes/{id}/resolve", "{\"outcome\":\"RELEASE\",\"note\":\"x\"}")
                .path("id", 1).invoke(api).status()).isEqualTo(403);
        var verify = ApiCall.as("user-1").post("/admin/merchants/{id}/verify", null).path("id", 1).invoke(api);
        assertThat(verify.status()).as("refused before the missing body is noticed").isEqualTo(403);
        assertThat(verify.header("Content-Type")).isEqualTo("application/problem+json");
        String note = "{\"reason\":\"x\"}";
        assertThat(ApiCall.as("user-1").get("/admin/merchants").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").get("/admin/actions").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").get("/admin/orders").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").get("/admin/payouts").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").get("/admin/crawl/runs").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").get("/admin/notifications").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").get("/admin/resale-checks").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").get("/admin/crawl/keywords").invoke(api).status()).isEqualTo(403);
        for (String route : java.util.List.of("/admin/articles", "/admin/stats", "/admin/fraud-signals", "/admin/queues")) {
            assertThat(ApiCall.as("user-1").get(route).invoke(api).status()).as(route).isEqualTo(403);
        }
        assertThat(ApiCall.as("user-1").post("/admin/queues/{name}/redrive", null).path("name", "x-dlq").invoke(api)
                .status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").post("/admin/crawl/runs", "{\"reason\":\"x\"}").invoke(api).status()).isEqualTo(403);
        assertThat(ApiCall.as("user-1").post("/admin/crawl/keywords", "{\"keyword\":\"호텔 양도\",\"reason\":\"x\"}")
                .invoke(api).status()).isEqualTo(403);
        for (String route : java.util.List.of("/admin/merchants/{id}/suspend", "/admin/merchants/{id}/reinstate",
                "/admin/articles/{id}/take-down", "/admin/articles/{id}/restore", "/admin/payouts/{id}/retry",
                "/admin/payouts/{id}/hold", "/admin/payouts/{id}/release", "/admin/crawl/keywords/{id}/deactivate")) {
            assertThat(ApiCall.as("user-1").post(route, note).path("id", 1).invoke(api).status()).as(route).isEqualTo(403);
        }
    }
}
