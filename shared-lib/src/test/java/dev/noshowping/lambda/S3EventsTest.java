package dev.noshowping.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.noshowping.lambda.S3Events.ObjectCreated;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3EventsTest {

    private static List<ObjectCreated> read(String event) throws Exception {
        return S3Events.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }

    private static String record(String object) {
        return """
                {"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-11-25T04:12:09.512Z","eventName":"ObjectCreated:Put",
                 "userIdentity":{"principalId":"AWS:X"},"s3":{"s3SchemaVersion":"1.0","configurationId":"c",
                 "bucket":{"name":"b","ownerIdentity":{"principalId":"P"},"arn":"arn:aws:s3:::b"},"object":%s}}"""
                .formatted(object);
    }

    @Test
    void eachRecordsObjectIsReadWithItsKeyDecoded() throws Exception {
        assertThat(read("{\"Records\":[" + record("{\"key\":\"screenshots/a+b%ED%98%B8%ED%85%94.png\",\"size\":183204,\"eTag\":\"e\"}")
                + "," + record("{\"key\":\"screenshots/c.png\",\"size\":\"7\",\"sequencer\":\"0055\"}") + "]}"))
                .containsExactly(new ObjectCreated("screenshots/a b호텔.png", 183204), new ObjectCreated("screenshots/c.png", 7));
    }

    @Test
    void aMissingSizeIsMinusOne() throws Exception {
        assertThat(read("{\"Records\":[" + record("{\"key\":\"k\"}") + "," + record("{\"key\":\"l\",\"size\":null}") + "]}"))
                .containsExactly(new ObjectCreated("k", -1), new ObjectCreated("l", -1));
    }

    @Test
    void anEventWithoutRecordsHasNoObjects() throws Exception {
        assertThat(read("{}")).isEmpty();
        assertThat(read("{\"Records\":null}")).isEmpty();
        assertThat(read("{\"Records\":[]}")).isEmpty();
    }

    @Test
    void anEventThatCannotBeReadIsAParseErrorNotAHalfReadEvent() {
        for (String event : List.of("", "[]", "null", "{\"Records\":{}}", "{\"Records\":[null]}", "{\"Records\":[\"x\"]}",
                "{\"Records\":[{}]}", "{\"Records\":[{\"s3\":\"x\"}]}", "{\"Records\":[{\"s3\":{}}]}",
                "{\"Records\":[{\"s3\":{\"object\":null}}]}", "{\"Records\":[" + record("{}") + "]}",
                "{\"Records\":[" + record("{\"key\":{}}") + "]}", "{\"Records\":[" + record("{\"key\":\"a%zz\"}") + "]}",
                "{\"Records\":[" + record("{\"key\":\"k\",\"size\":\"big\"}") + "]}",
                "{\"Records\":[" + record("{\"key\":\"k\",\"size\":1.5}") + "]}", "{\"Records\":[]} []")) {
            assertThatThrownBy(() -> read(event)).as(event).isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void theTypedEventGivesTheSameObjects() {
        var object = new S3EventNotification.S3ObjectEntity("screenshots/a+b.png", 12L, "e", null, "s");
        var s3 = new S3EventNotification.S3Entity("c", new S3EventNotification.S3BucketEntity("b", null, "arn:aws:s3:::b"),
                object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord("r", "ObjectCreated:Put", "aws:s3", null, "2.1",
                null, null, s3, null);
        assertThat(S3Events.from(new S3Event(List.of(record)))).containsExactly(new ObjectCreated("screenshots/a b.png", 12));
        assertThat(S3Events.from(new S3Event(null))).isEmpty();

        var withoutS3 = new S3EventNotification.S3EventNotificationRecord("r", "ObjectCreated:Put", "aws:s3", null, "2.1",
                null, null, null, null);
        assertThatThrownBy(() -> S3Events.from(new S3Event(List.of(withoutS3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3.object.key");
    }
}
