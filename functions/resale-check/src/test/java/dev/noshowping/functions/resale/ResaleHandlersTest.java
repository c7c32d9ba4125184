package dev.noshowping.functions.resale;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.lambda.LocalContext;
import org.junit.jupiter.params.ParameterizedTest;

class ResaleHandlersTest {

    @ParameterizedTest
    @Event(value = "events/resale-check/resale-fanout-schedule.json", type = ScheduledEvent.class)
    void fanoutReportsNotImplemented(ScheduledEvent event) {
        assertThat(new ResaleFanoutHandler().handleRequest(event, LocalContext.of("ResaleFanoutFunction", 60)))
                .containsEntry("status", "NOT_IMPLEMENTED");
    }

    @ParameterizedTest
    @Event(value = "events/resale-check/resale-check.json", type = SQSEvent.class)
    void workerKeepsItsChecks(SQSEvent event) {
        assertThat(new ResaleWorkerHandler().handleRequest(event, LocalContext.of("ResaleWorkerFunction", 60))
                .getBatchItemFailures()).hasSameSizeAs(event.getRecords());
    }
}
