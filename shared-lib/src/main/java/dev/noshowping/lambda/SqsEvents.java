package dev.noshowping.lambda;

import static dev.noshowping.lambda.EventJson.document;
import static dev.noshowping.lambda.EventJson.list;
import static dev.noshowping.lambda.EventJson.map;
import static dev.noshowping.lambda.EventJson.object;
import static dev.noshowping.lambda.EventJson.text;
import static dev.noshowping.lambda.EventJson.textMap;
import static dev.noshowping.lambda.EventJson.texts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * An SQS event read, and its partial batch response written, with Jackson's streaming parser, for
 * the same reason as {@link HttpEvents}: the runtime's serializer is never loaded. Field names are
 * those Lambda sends ({@code Records}, {@code eventSourceARN}); binary attributes are base64.
 */
public final class SqsEvents {

    private SqsEvents() {
    }

    public static SQSEvent read(InputStream in) throws IOException {
        return document(in, p -> object(p, SQSEvent::new, (event, field, q) -> {
            if (field.equals("Records")) {
                event.setRecords(list(q, r -> object(r, SQSEvent.SQSMessage::new, SqsEvents::messageField)));
            } else {
                q.skipChildren();
            }
        }));
    }

    public static void write(SQSBatchResponse response, OutputStream out) throws IOException {
        JsonGenerator g = EventJson.FACTORY.createGenerator(out);
        g.writeStartObject();
        if (response.getBatchItemFailures() != null) {
            g.writeArrayFieldStart("batchItemFailures");
            for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
                g.writeStartObject();
                if (f.getItemIdentifier() != null) {
                    g.writeStringField("itemIdentifier", f.getItemIdentifier());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        // flushed, not closed: the output stream is the runtime's
        g.flush();
    }

    private static void messageField(SQSEvent.SQSMessage m, String field, JsonParser p) throws IOException {
        switch (field) {
            case "messageId" -> m.setMessageId(text(p));
            case "receiptHandle" -> m.setReceiptHandle(text(p));
            case "body" -> m.setBody(text(p));
            case "md5OfBody" -> m.setMd5OfBody(text(p));
            case "md5OfMessageAttributes" -> m.setMd5OfMessageAttributes(text(p));
            case "eventSourceARN" -> m.setEventSourceArn(text(p));
            case "eventSource" -> m.setEventSource(text(p));
            case "awsRegion" -> m.setAwsRegion(text(p));
            case "attributes" -> m.setAttributes(textMap(p));
            case "messageAttributes" -> m.setMessageAttributes(
                    map(p, a -> object(a, SQSEvent.MessageAttribute::new, SqsEvents::attributeField)));
            default -> p.skipChildren();
        }
    }

    private static void attributeField(SQSEvent.MessageAttribute a, String field, JsonParser p) throws IOException {
        switch (field) {
            case "stringValue" -> a.setStringValue(text(p));
            case "binaryValue" -> a.setBinaryValue(binary(p, text(p)));
            case "stringListValues" -> a.setStringListValues(texts(p));
            case "binaryListValues" -> a.setBinaryListValues(list(p, v -> binary(v, text(v))));
            case "dataType" -> a.setDataType(text(p));
            default -> p.skipChildren();
        }
    }

    private static ByteBuffer binary(JsonParser p, String base64) throws IOException {
        if (base64 == null) {
            return null;
        }
        try {
            return ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(p, "binary value is not base64");
        }
    }
}
