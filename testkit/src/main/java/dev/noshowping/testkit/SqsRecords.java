package dev.noshowping.testkit;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What Lambda's SQS event source hands a consumer for received messages: one record per message
 * with its id, receipt handle, body, digests, system and message attributes, and the queue's ARN.
 * Shared by the local stack's poller and the tests that feed a consumer by hand.
 */
public final class SqsRecords {

    private SqsRecords() {
    }

    public static SQSEvent event(List<Message> messages, String queueArn, String region) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(m -> record(m, queueArn, region)).toList());
        return event;
    }

    public static SQSEvent.SQSMessage record(Message m, String queueArn, String region) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        record.setMd5OfBody(m.md5OfBody());
        record.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        record.setAttributes(new LinkedHashMap<>(m.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
        m.messageAttributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(value.dataType());
            a.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                a.setBinaryValue(value.binaryValue().asByteBuffer());
            }
            messageAttributes.put(name, a);
        });
        record.setMessageAttributes(messageAttributes);
        return record;
    }
}
