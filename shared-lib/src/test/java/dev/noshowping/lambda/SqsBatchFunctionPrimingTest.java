package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A queue consumer primes itself before a SnapStart snapshot without processing a message. */
class SqsBatchFunctionPrimingTest {

    static final class Consumer extends SqsBatchFunction {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        protected void process(SQSEvent.SQSMessage message, Context context) {
            calls.add("process " + message.getBody());
        }

        @Override
        protected void primeDecoding() {
            calls.add("decode a sample");
        }
    }

    @Test
    void thePrimingRunsTheHandlerOnAnEmptyBatchAndDecodesASampleButProcessesNothing() throws Exception {
        Consumer consumer = new Consumer();
        var response = consumer.prime();
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(consumer.calls).containsExactly("decode a sample");
    }

    @Test
    void aConsumerWithoutASampleStillPrimesItsHandler() throws Exception {
        SqsBatchFunction bare = new SqsBatchFunction() {
            @Override
            protected void process(SQSEvent.SQSMessage message, Context context) {
                throw new AssertionError("a priming must not process");
            }
        };
        assertThat(bare.prime().getBatchItemFailures()).isEmpty();
    }
}
