package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.testkit.OpenApiContract;
import dev.noshowping.testkit.RepoRoot;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml and template.yaml describe the same routes, and {@link OpenApiContract} (which
 * handler tests use to check real responses) really rejects what the contract does not allow.
 */
class OpenApiRoutesTest {

    static final Path ROOT = RepoRoot.path();
    static final OpenApiContract API = OpenApiContract.load(ROOT.resolve("docs/openapi.yaml"));

    static final String PROBLEM = """
            {"type":"https://noshowping.dev/problems/not-found","title":"Not found","status":404,
             "detail":"no article 42"}""";

    static Set<String> templateRoutes() {
        Set<String> keys = new TreeSet<>();
        SamTemplate.read(ROOT.resolve("template.yaml")).functions().values()
                .forEach(f -> f.routes().forEach(r -> keys.add(r.routeKey())));
        return keys;
    }

    @Test
    void everyTemplateRouteIsDocumented() {
        assertThat(templateRoutes()).isNotEmpty();
        assertThat(API.routeKeys()).as("operations of docs/openapi.yaml").containsAll(templateRoutes());
    }

    @Test
    void everyDocumentedOperationIsATemplateRoute() {
        assertThat(templateRoutes()).as("routes of template.yaml").containsAll(API.routeKeys());
        assertThat(API.routeKeys()).hasSameSizeAs(templateRoutes());
    }

    @Test
    void acceptsResponsesTheContractDeclares() {
        assertThatCode(() -> {
            API.assertResponse("GET", "/health", 200, "application/json",
                    "{\"status\":\"UP\",\"database\":\"UP\",\"databaseLatencyMs\":1.37}");
            API.assertResponse("GET", "/articles/{id}", 404, "application/problem+json", PROBLEM);
            API.assertResponse("POST", "/articles", 400, "application/problem+json;charset=utf-8", """
                    {"type":"https://noshowping.dev/problems/validation","title":"Invalid request","status":400,
                     "detail":"2 fields are invalid","errors":[{"field":"salePrice","message":"must not exceed originalPrice"},
                     {"field":"serviceProduct.guests","message":"must be at least 1"}]}""");
            API.assertResponse("GET", "/listings", 200, "application/json", """
                    {"items":[{"id":7,"source":"BUNJANG","externalId":"200000001","title":"제주 호텔 양도","price":150000,
                     "url":"https://m.bunjang.co.kr/products/200000001","saleStatus":"SELLING","postedAt":null,
                     "firstSeenAt":"2026-11-25T01:00:00Z","lastSeenAt":"2026-11-25T02:00:00Z"}],"nextCursor":null}""");
            API.assertResponse("DELETE", "/articles/{id}", 204, null, "");
            API.assertResponse("GET", "/merchants/me", 401, "application/json", "{\"message\":\"Unauthorized\"}");
        }).doesNotThrowAnyException();
    }

    @Test
    void rejectsAStrayField() {
        assertThatThrownBy(() -> API.assertResponse("GET", "/health", 200, "application/json",
                "{\"status\":\"UP\",\"database\":\"UP\",\"databaseLatencyMs\":2,\"uptime\":5}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("uptime");
        assertThatThrownBy(() -> API.assertResponse("GET", "/articles/{id}", 404, "application/problem+json",
                PROBLEM.replace("}", ",\"stack\":\"at Foo.bar\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("stack");
    }

    @Test
    void rejectsAWrongType() {
        assertThatThrownBy(() -> API.assertResponse("GET", "/articles/{id}", 404, "application/problem+json",
                PROBLEM.replace("404", "\"404\"")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status");
        assertThatThrownBy(() -> API.assertResponse("GET", "/health", 200, "application/json",
                "{\"status\":\"UP\",\"database\":\"UP\",\"databaseLatencyMs\":\"fast\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("databaseLatencyMs");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThatThrownBy(() -> API.assertResponse("GET", "/health", 200, "application/json",
                "{\"database\":\"UP\",\"databaseLatencyMs\":3}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status");
        assertThatThrownBy(() -> API.assertResponse("GET", "/articles/{id}", 404, "application/problem+json",
                "{\"type\":\"https://noshowping.dev/problems/not-found\",\"status\":404,\"detail\":\"gone\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("title");
    }

    @Test
    void rejectsABadFormat() {
        assertThatThrownBy(() -> API.assertResponse("GET", "/merchants/me", 200, "application/json", """
                {"id":7,"merchantName":"제주여행샵","payoutBank":"088","payoutAccountMasked":"110-***-***789",
                 "phone":null,"verified":false,"createdAt":"yesterday"}"""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("createdAt");
    }

    @Test
    void rejectsWhatTheOperationDoesNotDeclare() {
        assertThatThrownBy(() -> API.assertResponse("GET", "/health", 418, "application/problem+json", PROBLEM))
                .isInstanceOf(AssertionError.class).hasMessageContaining("418").hasMessageContaining("does not declare");
        assertThatThrownBy(() -> API.assertResponse("GET", "/articles/{id}", 404, "application/json", PROBLEM))
                .isInstanceOf(AssertionError.class).hasMessageContaining("content type");
        assertThatThrownBy(() -> API.assertResponse("PUT", "/articles/{id}", 200, "application/json", "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PUT /articles/{id}");
        assertThatThrownBy(() -> API.assertResponse("DELETE", "/articles/{id}", 204, "application/json", "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("declares no body");
        assertThatThrownBy(() -> API.assertResponse("GET", "/health", 200, "application/json", "not json"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not JSON");
    }
}
