package dev.noshowping.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.noshowping.identity.Caller;
import dev.noshowping.identity.Role;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    record Product(String roomType, Integer guests) {
    }

    record Listing(String title, Long salePrice, LocalDate checkIn, Product serviceProduct, List<String> links) {
    }

    static ApiRequest request(String body, Map<String, String> headers) {
        return new ApiRequest(APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /articles")
                .withHeaders(headers)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build())
                .build(), null);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"٤٢", "４２", "+42", "-1", "0", "42 ", "99999999999999999999", "abc", ""})
    void anIdOtherThanAsciiDigitsOfAPositiveLongIs400(String raw) {
        var request = new ApiRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /articles/{id}")
                .withPathParameters(Map.of("id", raw))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build())
                .build(), null);
        assertThat(problemOf(() -> request.idParameter("id")).status()).isEqualTo(400);
    }

    @Test
    void anIdOfAsciiDigitsIsRead() {
        var request = new ApiRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /articles/{id}")
                .withPathParameters(Map.of("id", "42"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build())
                .build(), null);
        assertThat(request.idParameter("id")).isEqualTo(42);
    }

    static Problem problemOf(Runnable call) {
        return catchThrowableOfType(ProblemException.class, call::run).problem();
    }

    @Test
    void bindsAValidBody() {
        Listing l = request("{\"title\":\"t\",\"salePrice\":1000,\"checkIn\":\"2026-12-24\","
                + "\"serviceProduct\":{\"roomType\":\"d\",\"guests\":2},\"links\":[\"a\"]}",
                Map.of("content-type", "application/json; charset=utf-8")).body(Listing.class);
        assertThat(l.serviceProduct().guests()).isEqualTo(2);
        assertThat(l.checkIn()).isEqualTo(LocalDate.of(2026, 12, 24));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"title\":\"t\",\"salePrice\":\"cheap\"}                      | salePrice              | an integer",
        "{\"serviceProduct\":{\"guests\":\"two\"}}                     | serviceProduct.guests  | an integer",
        "{\"checkIn\":\"24/12/2026\"}                                  | checkIn                | date",
        "{\"titel\":\"typo\"}                                          | titel                  | not a known field",
        "{\"links\":\"https://x\"}                                     | links                  | an array",
        "{\"salePrice\":99999999999999999999999}                       | salePrice              | ",
        "{\"title\":\"t\"} trailing                                    | body                   | JSON",
        "{bad                                                          | body                   | JSON",
        "null                                                          | body                   | null",
    })
    void everyBindingErrorNamesItsField(String body, String field, String message) {
        Problem p = problemOf(() -> request(body.strip(), Map.of()).body(Listing.class));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).hasSize(1);
        assertThat(p.errors().getFirst().field()).isEqualTo(field);
        if (message != null) {
            assertThat(p.errors().getFirst().message()).contains(message.strip());
        }
    }

    @Test
    void missingBodyIs400() {
        assertThat(problemOf(() -> request(null, Map.of()).jsonBody()).errors().getFirst().field()).isEqualTo("body");
    }

    @Test
    void anotherContentTypeIs415() {
        assertThat(problemOf(() -> request("a=b", Map.of("Content-Type", "application/x-www-form-urlencoded"))
                .jsonBody()).status()).isEqualTo(415);
    }

    @Test
    void oversizedBodyIs413BeforeParsing() {
        String big = "{\"title\":\"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
        assertThat(problemOf(() -> request(big, Map.of()).jsonBody()).status()).isEqualTo(413);
        // the limit is in bytes: Korean text is three bytes a character in UTF-8
        String korean = "{\"title\":\"" + "가".repeat(ApiRequest.MAX_BODY_BYTES / 3 + 10) + "\"}";
        assertThat(problemOf(() -> request(korean, Map.of()).jsonBody()).status()).isEqualTo(413);
        String fits = "{\"title\":\"" + "가".repeat(ApiRequest.MAX_BODY_BYTES / 3 - 10) + "\"}";
        assertThat(request(fits, Map.of()).jsonBody().path("title").asText()).hasSize(ApiRequest.MAX_BODY_BYTES / 3 - 10);
    }

    @Test
    void base64BodiesAreDecodedAndBadBase64Is400() {
        String encoded = Base64.getEncoder().encodeToString("{\"title\":\"한라\"}".getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withBody(encoded).withIsBase64Encoded(true).build();
        assertThat(new ApiRequest(event, null).jsonBody().get("title").asText()).isEqualTo("한라");
        APIGatewayV2HTTPEvent bad = APIGatewayV2HTTPEvent.builder().withBody("%%%").withIsBase64Encoded(true).build();
        assertThat(problemOf(() -> new ApiRequest(bad, null).jsonBody()).status()).isEqualTo(400);
    }

    @Test
    void headersAreCaseInsensitive() {
        assertThat(request("{}", Map.of("Idempotency-Key", "k1")).header("idempotency-key")).contains("k1");
    }

    @Test
    void callerComesFromVerifiedClaims() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", "alice", "role", "ADMIN")).build()).build()).build())
                .build();
        Caller caller = new ApiRequest(event, null).caller();
        assertThat(caller.subject()).isEqualTo("alice");
        assertThat(caller.isAdmin()).isTrue();
    }

    @Test
    void noClaimsIs401AndUnknownRoleIs403() {
        assertThat(problemOf(() -> request("{}", Map.of()).caller()).status()).isEqualTo(401);
        assertThat(catchThrowableOfType(ProblemException.class,
                () -> JwtClaims.caller(Map.of("sub", "a", "role", "ROOT"))).problem().status()).isEqualTo(403);
        assertThat(JwtClaims.caller(Map.of("sub", "a")).role()).isEqualTo(Role.USER);
    }

    @Test
    void aNulCharacterIs400BeforeItReachesTheDatabase() {
        // PostgreSQL text and jsonb cannot hold U+0000: found by RouteFuzzTest as 500s at the insert
        for (String body : List.of("{\"title\":\"a\\u0000b\"}", "{\"title\":\"a\u0000b\"}", "{\"t\\u0000\":1}")) {
            Problem p = problemOf(() -> request(body, Map.of()).body(Listing.class));
            assertThat(p.status()).as(body).isEqualTo(400);
            assertThat(p.errors().getFirst().message()).contains("NUL");
        }
        // an escaped backslash followed by the text u0000 is no NUL
        assertThat(request("{\"title\":\"a\\\\u0000\"}", Map.of()).body(Listing.class).title()).isEqualTo("a\\u0000");
        assertThat(problemOf(() -> request("{\"title\":\"a\\\\\\u0000\"}", Map.of()).jsonBody()).status())
                .as("three backslashes: an escaped one, then the escape").isEqualTo(400);
    }

    @Test
    void aNulInAQueryParameterIs400NamingIt() {
        // found by RouteFuzzTest: GET /listings?keyword=%00 reached the SQL and answered 500
        var event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /listings")
                .withQueryStringParameters(Map.of("keyword", "a\u0000", "limit", "5")).build();
        assertThat(new ApiRequest(event, null).query("limit")).as("a parameter of its own is read alone").contains("5");
        Problem p = problemOf(() -> new ApiRequest(event, null).queryParameters());
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors().getFirst().field()).isEqualTo("keyword");
        var clean = APIGatewayV2HTTPEvent.builder().withQueryStringParameters(Map.of("keyword", "호텔")).build();
        assertThat(new ApiRequest(clean, null).query("keyword")).contains("호텔");
    }

    @Test
    void aSubjectNoTableCanHoldIs401() {
        // found by RouteFuzzTest: a 100 KB subject overflowed app_user's index, a NUL its text column (500s)
        for (String sub : List.of("s".repeat(Caller.MAX_SUBJECT_LENGTH + 1), "a\u0000b")) {
            assertThat(catchThrowableOfType(ProblemException.class,
                    () -> JwtClaims.caller(Map.of("sub", sub))).problem().status()).isEqualTo(401);
        }
        assertThat(JwtClaims.caller(Map.of("sub", "s".repeat(Caller.MAX_SUBJECT_LENGTH))).subject())
                .hasSize(Caller.MAX_SUBJECT_LENGTH);
    }
}
