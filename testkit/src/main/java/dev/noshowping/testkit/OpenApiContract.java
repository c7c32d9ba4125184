package dev.noshowping.testkit;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code docs/openapi.yaml} as a test oracle: its route keys, and whether a response (status,
 * content type, body) is one the contract declares. Schemas are JSON Schema 2020-12 (OpenAPI
 * 3.1), validated with {@code $ref}s resolved inside the document and the formats {@code date},
 * {@code date-time} and {@code uri} asserted. Framework-agnostic: failures are AssertJ
 * {@link AssertionError}s.
 *
 * <pre>{@code
 * static final OpenApiContract API = OpenApiContract.load(root.resolve("docs/openapi.yaml"));
 * API.assertResponse("GET", "/articles/{id}", 200, "application/json", response.getBody());
 * }</pre>
 */
public final class OpenApiContract {

    /** The name the document is registered under, so {@code $ref}s and error locations point into it. */
    private static final String DOCUMENT_IRI = "https://noshowping.dev/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JsonNode document;
    private final SchemaRegistry registry;

    private OpenApiContract(JsonNode document) {
        this.document = document;
        String json = document.toString();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(Map.of(DOCUMENT_IRI, json)));
    }

    /** Reads an OpenAPI 3.1 document (YAML or JSON). */
    public static OpenApiContract load(Path openapiYaml) {
        JsonNode document;
        try {
            document = new YAMLMapper().readTree(openapiYaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + openapiYaml, e);
        }
        if (document == null || !document.path("openapi").asText().startsWith("3.1")) {
            throw new IllegalArgumentException(openapiYaml + " is not an OpenAPI 3.1 document");
        }
        return new OpenApiContract(document);
    }

    /** Every operation as {@code "METHOD /path/{param}"}, e.g. {@code "PATCH /articles/{id}"}, in document order. */
    public Set<String> routeKeys() {
        Set<String> keys = new LinkedHashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                keys.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return keys;
    }

    /**
     * Fails unless the operation declares {@code status} (or {@code default}), declares
     * {@code contentType} for it (parameters such as {@code ;charset=utf-8} are ignored) and
     * {@code body} validates against that schema. A response declared without content must come
     * with an empty body (a 204).
     */
    public void assertResponse(String method, String pathTemplate, int status, String contentType, String body) {
        String route = method.toUpperCase(Locale.ROOT) + " " + pathTemplate;
        String opPointer = "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(Locale.ROOT);
        JsonNode responses = document.at(opPointer + "/responses");
        if (responses.isMissingNode()) {
            fail("%s is not an operation of openapi.yaml (declared: %s)", route, routeKeys());
        }
        String code = String.valueOf(status);
        String declared = responses.has(code) ? code
                : responses.has(code.charAt(0) + "XX") ? code.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
        if (declared == null) {
            fail("%s answered %d, which openapi.yaml does not declare (declared: %s)",
                    route, status, names(responses));
        }
        String responsePointer = dereference(opPointer + "/responses/" + escape(declared));
        JsonNode content = document.at(responsePointer + "/content");
        boolean empty = body == null || body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (!empty) {
                fail("%s %d declares no body, but one came (%s): %s", route, status, contentType, body);
            }
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            fail("%s %d: content type '%s' is not declared (declared: %s)", route, status, contentType, names(content));
        }
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        if (document.at(schemaPointer).isMissingNode()) {
            return;
        }
        if (empty) {
            fail("%s %d %s: the body is empty, but the contract declares one", route, status, mediaType);
        }
        try {
            JSON.readTree(body);
        } catch (JsonProcessingException e) {
            fail("%s %d %s: the body is not JSON (%s): %s", route, status, mediaType, e.getOriginalMessage(), body);
        }
        Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + fragment(schemaPointer)));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            fail("%s %d %s: the body does not match openapi.yaml (%s):%n  %s%nbody: %s", route, status, mediaType,
                    schemaPointer, errors.stream().map(OpenApiContract::describe).collect(Collectors.joining("\n  ")), body);
        }
    }

    /** Follows local {@code $ref}s (e.g. to {@code #/components/responses/NotFound}) to the pointer of the object itself. */
    private String dereference(String pointer) {
        List<String> seen = new ArrayList<>();
        JsonNode node = document.at(pointer);
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/") || seen.contains(ref)) {
                throw new IllegalStateException("unsupported or circular $ref '" + ref + "' at " + pointer);
            }
            seen.add(ref);
            pointer = decodeFragment(ref.substring(1));
            node = document.at(pointer);
            if (node.isMissingNode()) {
                throw new IllegalStateException("$ref '" + ref + "' points nowhere");
            }
        }
        return pointer;
    }

    /** One schema error as {@code /items/0/checkIn: does not match …}; the body itself is {@code (body)}. */
    private static String describe(Error error) {
        String at = error.getInstanceLocation().toString();
        return (at.isEmpty() ? "(body)" : at) + ": " + error.getMessage();
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    /** One JSON Pointer reference token (RFC 6901): {@code ~} and {@code /} escaped. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON Pointer as a URI fragment (RFC 6901 §6): characters a fragment may not hold are percent-encoded. */
    private static String fragment(String pointer) {
        StringBuilder out = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String decodeFragment(String fragment) {
        return URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
