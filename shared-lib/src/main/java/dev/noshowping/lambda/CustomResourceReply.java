package dev.noshowping.lambda;

import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /**
     * Built on the first answer: an operator's {@code {}} invocation never answers, and a client's
     * construction (its TLS context and trust store) was most of the function's start.
     */
    private final Lazy<HttpClient> http =
            Lazy.of(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());

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
        // no Content-Type: the presigned URL was signed without one
        HttpRequest put = HttpRequest.newBuilder(request.responseUrl())
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(answer)))
                .build();
        try {
            HttpResponse<String> response = http.get().send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("CloudFormation's response URL answered " + response.statusCode()
                        + ": the stack will wait for the resource's timeout");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not answer CloudFormation at its response URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while answering CloudFormation", e);
        }
    }
}
