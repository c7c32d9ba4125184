package dev.noshowping.lambda;

import static dev.noshowping.lambda.EventJson.expectObject;
import static dev.noshowping.lambda.EventJson.nextField;
import static dev.noshowping.lambda.EventJson.text;
import static dev.noshowping.lambda.EventJson.textMap;
import static dev.noshowping.lambda.EventJson.texts;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SQS event read, and its partial batch response written, with Jackson's streaming parser, for
 * the same reason as {@link HttpEvents}: the runtime's serializer is never loaded. Field names are
 * those Lambda sends ({@code Records}, {@code eventSourceARN}); binary attributes are base64.
 */
public final class SqsEvents {

    private SqsEvents() {
    }

    public static SQSEvent read(InputStream in) throws IOException {
        try (JsonParser p = HttpEvents.FACTORY.createParser(in)) {
            p.nextToken();
            SQSEvent event = new SQSEvent();
            expectObject(p);
            for (String field; (field = nextField(p)) != null; ) {
                if (field.equals("Records")) {
                    event.setRecords(records(p));
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content after the event");
            }
            return event;
        }
    }

    public static void write(SQSBatchResponse response, OutputStream out) throws IOException {
        JsonGenerator g = HttpEvents.FACTORY.createGenerator(out);
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

    private static List<SQSEvent.SQSMessage> records(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "expected an array of records");
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            records.add(message(p));
        }
        return records;
    }

    private static SQSEvent.SQSMessage message(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
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
                case "messageAttributes" -> m.setMessageAttributes(messageAttributes(p));
                default -> p.skipChildren();
            }
        }
        return m;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        expectObject(p);
        for (String name; (name = nextField(p)) != null; ) {
            attributes.put(name, messageAttribute(p));
        }
        return attributes;
    }

    private static SQSEvent.MessageAttribute messageAttribute(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "stringValue" -> a.setStringValue(text(p));
                case "binaryValue" -> a.setBinaryValue(binary(p, text(p)));
                case "stringListValues" -> a.setStringListValues(texts(p));
                case "binaryListValues" -> {
                    List<String> encoded = texts(p);
                    if (encoded != null) {
                        List<ByteBuffer> values = new ArrayList<>(encoded.size());
                        for (String v : encoded) {
                            values.add(binary(p, v));
                        }
                        a.setBinaryListValues(values);
                    }
                }
                case "dataType" -> a.setDataType(text(p));
                default -> p.skipChildren();
            }
        }
        return a;
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
