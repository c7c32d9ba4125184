package dev.noshowping.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.domain.Conflict;
import dev.noshowping.domain.DomainException;
import dev.noshowping.domain.FieldError;
import dev.noshowping.domain.Forbidden;
import dev.noshowping.domain.Invalid;
import dev.noshowping.domain.NotFound;
import dev.noshowping.domain.NotGenuine;
import dev.noshowping.domain.ProviderRefused;
import dev.noshowping.domain.ProviderUnavailable;
import dev.noshowping.domain.RateLimited;
import dev.noshowping.domain.WrongState;
import dev.noshowping.json.Json;
import dev.noshowping.order.OrderEvent;
import dev.noshowping.order.OrderStatus;
import dev.noshowping.order.TransitionRefused;
import dev.noshowping.ratelimit.LimitedAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every refusal a use case can give, as clients and docs/openapi.yaml know it: status, type, title, fields. */
class ProblemMappingTest {

    private static final String BASE = "https://noshowping.dev/problems/";

    private static JsonNode body(DomainException e) throws Exception {
        var response = ProblemMapping.response(e);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(body.get("status").asInt()).isEqualTo(response.getStatusCode());
        assertThat(body.get("detail").asText()).isEqualTo(e.getMessage());
        return body;
    }

    private static void assertKind(JsonNode body, int status, String slug, String title) {
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).isEqualTo(BASE + slug);
        assertThat(body.get("title").asText()).isEqualTo(title);
    }

    @Test
    void notFoundIs404() throws Exception {
        var body = body(new NotFound("no order 7"));
        assertKind(body, 404, "not-found", "Not found");
        assertThat(body.has("code")).isFalse();
        assertThat(body.has("state")).isFalse();
        assertThat(body.has("errors")).isFalse();
    }

    @Test
    void forbiddenIs403AndAWebhookThatIsNotGenuineIsRejected() throws Exception {
        assertKind(body(new Forbidden("only staff resolve disputes")), 403, "forbidden", "Forbidden");
        assertKind(body(new NotGenuine("the signature does not match")),
                403, "webhook-rejected", "Webhook rejected");
    }

    @Test
    void eachConflictKeepsItsOwnType() throws Exception {
        assertKind(body(new Conflict("you are already a merchant")), 409, "conflict", "Conflict");
        assertKind(body(new Conflict(Conflict.Reason.HOLD_LIMIT, "you already hold 3")), 409, "hold-limit", "Too many holds");
        assertKind(body(new Conflict(Conflict.Reason.HOLD_AGAIN_LATER, "held at noon")), 409, "hold-again-later",
                "Held too recently");
        assertKind(body(new Conflict(Conflict.Reason.WATCH_LIMIT, "you watch 100")), 409, "watch-limit", "Too many watches");
        assertKind(body(new Conflict(Conflict.Reason.KEY_REUSED, "another request")), 422, "idempotency-key-reused",
                "Idempotency-Key reused");
    }

    @Test
    void aWrongStateNamesTheStateAndARefusedTransitionIsOne() throws Exception {
        var body = body(new WrongState(OrderStatus.CONFIRMING, "being confirmed"));
        assertKind(body, 409, "wrong-state", "Not allowed in this state");
        assertThat(body.get("state").asText()).isEqualTo("CONFIRMING");

        var refused = body(new TransitionRefused(OrderStatus.COMPLETED, OrderEvent.DISPUTED));
        assertKind(refused, 409, "wrong-state", "Not allowed in this state");
        assertThat(refused.get("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void invalidIs400WithEveryField() throws Exception {
        var body = body(new Invalid(List.of(new FieldError("guestName", "is required"),
                new FieldError("serviceProduct.guests", "must be between 1 and 20"))));
        assertKind(body, 400, "validation", "Invalid request");
        assertThat(body.get("detail").asText()).isEqualTo("2 fields are invalid");
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.get("errors").get(1).get("field").asText()).isEqualTo("serviceProduct.guests");
        assertThat(body.get("errors").get(1).get("message").asText()).isEqualTo("must be between 1 and 20");

        var one = body(new Invalid("amount", "must equal the order's amount (10000)"));
        assertThat(one.get("detail").asText()).isEqualTo("amount: must equal the order's amount (10000)");
        assertThat(one.get("errors")).hasSize(1);
    }

    @Test
    void aRejectedPaymentCarriesTossCodeWithAStatusFromIt() throws Exception {
        var card = body(new ProviderRefused(ProviderRefused.Operation.PAYMENT, "REJECT_CARD_PAYMENT", false, "한도초과"));
        assertKind(card, 403, "payment-rejected", "Payment rejected");
        assertThat(card.get("code").asText()).isEqualTo("REJECT_CARD_PAYMENT");
        assertKind(body(new ProviderRefused(ProviderRefused.Operation.PAYMENT, "FORBIDDEN_REQUEST", false, "no")),
                403, "payment-rejected", "Payment rejected");
        assertKind(body(new ProviderRefused(ProviderRefused.Operation.PAYMENT, "NOT_FOUND_PAYMENT_SESSION", false, "gone")),
                404, "payment-rejected", "Payment rejected");
        assertKind(body(new ProviderRefused(ProviderRefused.Operation.PAYMENT, "INVALID_CARD_EXPIRATION", false, "exp")),
                400, "payment-rejected", "Payment rejected");
    }

    @Test
    void aRefusedCancelIs502OnlyWhenItWasTheProvidersFault() throws Exception {
        var ours = body(new ProviderRefused(ProviderRefused.Operation.CANCEL, "ALREADY_CANCELED_PAYMENT", false, "done"));
        assertKind(ours, 400, "cancel-refused", "Cancel refused");
        assertThat(ours.get("code").asText()).isEqualTo("ALREADY_CANCELED_PAYMENT");
        assertKind(body(new ProviderRefused(ProviderRefused.Operation.CANCEL, "PROVIDER_ERROR", true, "down")),
                502, "cancel-refused", "Cancel refused");
    }

    @Test
    void anUnavailableProviderIs503() throws Exception {
        assertKind(body(new ProviderUnavailable("Toss did not answer")), 503, "provider-unavailable",
                "Payment provider unavailable");
    }

    @Test
    void rateLimitedIs429WithRetryAfterInWholeSeconds() throws Exception {
        var limited = new RateLimited(LimitedAction.HOLD, Duration.ofMillis(40_001));
        assertKind(body(limited), 429, "rate-limited", "Too many requests");
        assertThat(ProblemMapping.response(limited).getHeaders()).containsEntry("Retry-After", "41");
        assertThat(ProblemMapping.response(new NotFound("x")).getHeaders()).doesNotContainKey("Retry-After");
    }
}
