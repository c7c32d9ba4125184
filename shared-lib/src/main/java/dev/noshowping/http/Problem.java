package dev.noshowping.http;

import dev.noshowping.domain.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem document, sent as {@code application/problem+json}.
 *
 * @param type   a URI naming the kind of problem, stable for clients to switch on
 * @param errors the invalid fields, all at once (never just the first)
 * @param code   a provider's error code (Toss's {@code REJECT_CARD_PAYMENT} …) when it refused
 * @param state  the state of the thing that refused the request (an order that is {@code COMPLETED} …)
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String code, String state) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://noshowping.dev/problems/";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null, null);
    }

    /** A refusal by a provider (Toss), carrying its code so clients can act on it. */
    public static Problem provider(int status, String slug, String title, String code, String message) {
        return new Problem(BASE + slug, title, status, message, null, null, code, null);
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return new Problem(BASE + "validation", "Invalid request", 400, detail, null, errors);
    }

    public static Problem validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null, null);
    }

    public static Problem unauthorized(String detail) {
        return of(401, "unauthorized", "Unauthorized", detail);
    }

    public static Problem forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static Problem conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** The thing is in a state that refuses the request; {@code state} names it, for clients to switch on. */
    public static Problem wrongState(String state, String detail) {
        return new Problem(BASE + "wrong-state", "Not allowed in this state", 409, detail, null, null, null, state);
    }

    public static Problem notImplemented(String detail) {
        return of(501, "not-implemented", "Not implemented", detail);
    }

    public static Problem internal(String requestId) {
        return of(500, "internal", "Internal error",
                "Something went wrong on our side; quote request id " + requestId);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors, code, state);
    }
}
