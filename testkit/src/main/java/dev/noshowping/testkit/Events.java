package dev.noshowping.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;

/**
 * Sample events from the repository's {@code events/} folder (copied onto every module's test
 * classpath under {@code events/}), the same files {@code ./run.sh invoke -e} and
 * {@code sam local invoke -e} use.
 */
public final class Events {

    private Events() {
    }

    public static APIGatewayV2HTTPEvent http(String file) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + file);
    }

    public static SQSEvent sqs(String file) {
        return EventLoader.loadSQSEvent("events/" + file);
    }

    public static ScheduledEvent scheduled(String file) {
        return EventLoader.loadScheduledEvent("events/" + file);
    }
}
