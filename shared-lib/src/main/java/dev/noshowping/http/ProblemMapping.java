package dev.noshowping.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.DomainException;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.Invalid;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.NotGenuine;
import dev.noshowping.domain.ProviderRefused;
import dev.noshowping.domain.ProviderUnavailable;
import dev.noshowping.domain.RateLimited;
import dev.noshowping.domain.WrongState;
import java.util.Map;

/**
 * The one place a use case's refusal becomes HTTP: each {@link DomainException} to its status and
 * problem document. The types, titles and fields are the contract of docs/openapi.yaml that
 * clients switch on, so they change only together with it.
 */
public final class ProblemMapping {

    private ProblemMapping() {
    }

    public static APIGatewayV2HTTPResponse response(DomainException refusal) {
        Map<String, String> headers = refusal instanceof RateLimited limited
                ? Map.of("Retry-After", Long.toString(limited.retryAfterSeconds()))
                : Map.of();
        return ApiResponses.problem(problem(refusal), headers);
    }

    public static Problem problem(DomainException refusal) {
        String detail = refusal.getMessage();
        return switch (refusal) {
            case NotFound ignored -> Problem.notFound(detail);
            case Forbidden ignored -> Problem.forbidden(detail);
            case NotGenuine ignored -> Problem.of(403, "webhook-rejected", "Webhook rejected", detail);
            case Conflict c -> switch (c.reason()) {
                case TAKEN -> Problem.conflict(detail);
                case HOLD_LIMIT -> Problem.of(409, "hold-limit", "Too many holds", detail);
                case HOLD_AGAIN_LATER -> Problem.of(409, "hold-again-later", "Held too recently", detail);
                case SAVED_SEARCH_LIMIT -> Problem.of(409, "saved-search-limit", "Too many saved searches", detail);
                case WATCH_LIMIT -> Problem.of(409, "watch-limit", "Too many watches", detail);
                case KEY_REUSED -> Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused", detail);
            };
            case WrongState w -> Problem.wrongState(w.state().name(), detail);
            case Invalid i -> Problem.validation(i.errors());
            case ProviderRefused p -> switch (p.operation()) {
                case PAYMENT -> Problem.provider(paymentRejectionStatus(p.code()), "payment-rejected", "Payment rejected",
                        p.code(), detail);
                case CANCEL -> Problem.provider(p.providersFault() ? 502 : 400, "cancel-refused", "Cancel refused",
                        p.code(), detail);
            };
            case ProviderUnavailable ignored -> Problem.of(503, "provider-unavailable", "Payment provider unavailable",
                    detail);
            case RateLimited ignored -> Problem.of(429, "rate-limited", "Too many requests", detail);
        };
    }

    /** Toss's refusals of a payment are the caller's (4xx); a card refused is 402-like, but we keep to 400/403/404. */
    static int paymentRejectionStatus(String code) {
        if (code == null) {
            return 400;
        }
        if (code.startsWith("REJECT_") || code.startsWith("FORBIDDEN")) {
            return 403;
        }
        if (code.startsWith("NOT_FOUND")) {
            return 404;
        }
        return 400;
    }
}
