package dev.noshowping.lambda;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudFormation custom resource request as Lambda hands it to a function: what to do, and where
 * CloudFormation waits for the answer (a presigned S3 URL). Only the fields an answer needs are kept.
 */
public record CustomResourceRequest(Type type, URI responseUrl, String stackId, String requestId,
                                    String logicalResourceId, String physicalResourceId) {

    public enum Type { CREATE, UPDATE, DELETE }

    /**
     * The request in {@code input}, or empty when the input is not one (a direct invoke with
     * {@code {}}); a request missing a field CloudFormation always sends is refused.
     */
    public static Optional<CustomResourceRequest> from(Map<String, Object> input) {
        if (input == null || !input.containsKey("RequestType")) {
            return Optional.empty();
        }
        Type type = Type.valueOf(text(input, "RequestType").toUpperCase(Locale.ROOT));
        Object physical = input.get("PhysicalResourceId");
        return Optional.of(new CustomResourceRequest(type, URI.create(text(input, "ResponseURL")),
                text(input, "StackId"), text(input, "RequestId"), text(input, "LogicalResourceId"),
                physical == null ? null : physical.toString()));
    }

    private static String text(Map<String, Object> input, String field) {
        Object value = input.get(field);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("a custom resource request without " + field);
        }
        return value.toString();
    }
}
