package dev.noshowping.lambda;

import dev.noshowping.json.Json;
import dev.noshowping.net.HttpCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells CloudFormation how a custom resource request ended, by a PUT of the answer to the request's
 * response URL. Without an answer the stack waits until the resource's service timeout, so a
 * function answers every request it receives, a failed one included.
 */
public final class CustomResourceReply {

    public enum Status { SUCCESS, FAILED }

    /** CloudFormation keeps at most 4 KB of an answer; the reason is cut well below that. */
    static final int MAX_REASON = 1_000;

    private static final HttpCall HTTP = new HttpCall(Duration.ofSeconds(10), Duration.ofSeconds(30));

    public void success(CustomResourceRequest request, String physicalResourceId, Map<String, Object> data) {
        send(request, Status.SUCCESS, physicalResourceId, "done", data);
    }

    public void failure(CustomResourceRequest request, String physicalResourceId, String reason) {
        send(request, Status.FAILED, physicalResourceId, reason, Map.of());
    }

    private void send(CustomResourceRequest request, Status status, String physicalResourceId, String reason,
                      Map<String, Object> data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Status", status.name());
        answer.put("Reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        answer.put("PhysicalResourceId", physicalResourceId);
        answer.put("StackId", request.stackId());
        answer.put("RequestId", request.requestId());
        answer.put("LogicalResourceId", request.logicalResourceId());
        answer.put("Data", data);
        // no Content-Type: the presigned URL was signed without one (and a PUT gets no default one)
        try {
            HttpCall.Answer response = HTTP.send("PUT", request.responseUrl(), Map.of(),
                    Json.write(answer).getBytes(StandardCharsets.UTF_8));
            if (response.status() / 100 != 2) {
                throw new IllegalStateException("CloudFormation's response URL answered " + response.status()
                        + ": the stack will wait for the resource's timeout");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not answer CloudFormation at its response URL", e);
        }
    }
}
