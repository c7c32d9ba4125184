package dev.noshowping.functions.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.lambda.LocalContext;
import org.junit.jupiter.params.ParameterizedTest;

class CrawlerHandlersTest {

    @ParameterizedTest
    @Event(value = "events/crawler/crawl-fanout-schedule.json", type = ScheduledEvent.class)
    void fanoutReportsNotImplemented(ScheduledEvent event) {
        assertThat(new CrawlFanoutHandler().handleRequest(event, LocalContext.of("CrawlFanoutFunction", 60)))
                .containsEntry("status", "NOT_IMPLEMENTED");
    }

    @ParameterizedTest
    @Event(value = "events/crawler/crawl-task.json", type = SQSEvent.class)
    void workerKeepsItsTasks(SQSEvent event) {
        assertThat(new CrawlWorkerHandler().handleRequest(event, LocalContext.of("CrawlWorkerFunction", 300))
                .getBatchItemFailures()).hasSameSizeAs(event.getRecords());
    }

    @ParameterizedTest
    @Event(value = "events/crawler/get-listings.json", type = APIGatewayV2HTTPEvent.class)
    void listingsAnswerNotImplemented(APIGatewayV2HTTPEvent event) {
        assertThat(new ListingsHandler().handleRequest(event, LocalContext.of("ListingsFunction", 20)).getStatusCode())
                .isEqualTo(501);
    }
}
