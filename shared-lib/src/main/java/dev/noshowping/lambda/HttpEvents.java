package dev.noshowping.lambda;

import static dev.noshowping.lambda.EventJson.bool;
import static dev.noshowping.lambda.EventJson.expectObject;
import static dev.noshowping.lambda.EventJson.longValue;
import static dev.noshowping.lambda.EventJson.nextField;
import static dev.noshowping.lambda.EventJson.objectMap;
import static dev.noshowping.lambda.EventJson.text;
import static dev.noshowping.lambda.EventJson.textMap;
import static dev.noshowping.lambda.EventJson.texts;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.noshowping.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The API Gateway HTTP API (payload 2.0) event read, and its response written, with Jackson's
 * streaming parser: on a cold start this loads a handful of classes, where the Lambda runtime's
 * serializer loads its own shaded Jackson and binds the events classes by reflection (~800 classes).
 *
 * <p>It reads what the runtime's serializer reads: unknown fields are skipped, scalars are taken
 * as text where the event has text, nulls stay null. A document that is not such an event is a
 * {@link JsonParseException}, never a half-read event; so is one without a {@code routeKey}.
 */
public final class HttpEvents {

    static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    private HttpEvents() {
    }

    public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.nextToken();
            APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
            expectObject(p);
            for (String field; (field = nextField(p)) != null; ) {
                switch (field) {
                    case "version" -> event.setVersion(text(p));
                    case "routeKey" -> event.setRouteKey(text(p));
                    case "rawPath" -> event.setRawPath(text(p));
                    case "rawQueryString" -> event.setRawQueryString(text(p));
                    case "cookies" -> event.setCookies(texts(p));
                    case "headers" -> event.setHeaders(textMap(p));
                    case "queryStringParameters" -> event.setQueryStringParameters(textMap(p));
                    case "pathParameters" -> event.setPathParameters(textMap(p));
                    case "stageVariables" -> event.setStageVariables(textMap(p));
                    case "body" -> event.setBody(text(p));
                    case "isBase64Encoded" -> event.setIsBase64Encoded(bool(p));
                    case "requestContext" -> event.setRequestContext(requestContext(p));
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content after the event");
            }
            if (event.getRouteKey() == null) {
                // API Gateway always names the route (or $default): without one this is some other event
                throw new JsonParseException(p, "no routeKey");
            }
            return event;
        }
    }

    /** The response as the runtime's serializer writes it: nulls left out, {@code statusCode} always. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.writeStartObject();
        g.writeNumberField("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            g.writeObjectFieldStart("headers");
            for (var e : response.getHeaders().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (response.getMultiValueHeaders() != null) {
            g.writeObjectFieldStart("multiValueHeaders");
            for (var e : response.getMultiValueHeaders().entrySet()) {
                g.writeFieldName(e.getKey());
                writeTexts(g, e.getValue());
            }
            g.writeEndObject();
        }
        if (response.getCookies() != null) {
            g.writeFieldName("cookies");
            writeTexts(g, response.getCookies());
        }
        if (response.getBody() != null) {
            g.writeStringField("body", response.getBody());
        }
        g.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
        g.writeEndObject();
        // flushed, not closed: the output stream is the runtime's
        g.flush();
    }

    private static void writeTexts(JsonGenerator g, List<String> values) throws IOException {
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static APIGatewayV2HTTPEvent.RequestContext requestContext(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        var rc = new APIGatewayV2HTTPEvent.RequestContext();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "routeKey" -> rc.setRouteKey(text(p));
                case "accountId" -> rc.setAccountId(text(p));
                case "stage" -> rc.setStage(text(p));
                case "apiId" -> rc.setApiId(text(p));
                case "domainName" -> rc.setDomainName(text(p));
                case "domainPrefix" -> rc.setDomainPrefix(text(p));
                case "time" -> rc.setTime(text(p));
                case "timeEpoch" -> rc.setTimeEpoch(longValue(p));
                case "http" -> rc.setHttp(http(p));
                case "authorizer" -> rc.setAuthorizer(authorizer(p));
                case "requestId" -> rc.setRequestId(text(p));
                default -> p.skipChildren();
            }
        }
        return rc;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Http http(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "method" -> http.setMethod(text(p));
                case "path" -> http.setPath(text(p));
                case "protocol" -> http.setProtocol(text(p));
                case "sourceIp" -> http.setSourceIp(text(p));
                case "userAgent" -> http.setUserAgent(text(p));
                default -> p.skipChildren();
            }
        }
        return http;
    }

    /** The JWT authorizer's claims are the caller's identity; a Lambda or IAM authorizer is read too. */
    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "jwt" -> authorizer.setJwt(jwt(p));
                case "lambda" -> authorizer.setLambda(objectMap(p));
                case "iam" -> authorizer.setIam(iam(p));
                default -> p.skipChildren();
            }
        }
        return authorizer;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "claims" -> jwt.setClaims(textMap(p));
                case "scopes" -> jwt.setScopes(texts(p));
                default -> p.skipChildren();
            }
        }
        return jwt;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.IAM iam(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        var iam = new APIGatewayV2HTTPEvent.RequestContext.IAM();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "accessKey" -> iam.setAccessKey(text(p));
                case "accountId" -> iam.setAccountId(text(p));
                case "callerId" -> iam.setCallerId(text(p));
                case "cognitoIdentity" -> iam.setCognitoIdentity(cognitoIdentity(p));
                case "principalOrgId" -> iam.setPrincipalOrgId(text(p));
                case "userArn" -> iam.setUserArn(text(p));
                case "userId" -> iam.setUserId(text(p));
                default -> p.skipChildren();
            }
        }
        return iam;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity cognitoIdentity(JsonParser p)
            throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        var identity = new APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity();
        expectObject(p);
        for (String field; (field = nextField(p)) != null; ) {
            switch (field) {
                case "amr" -> identity.setAmr(texts(p));
                case "identityId" -> identity.setIdentityId(text(p));
                case "identityPoolId" -> identity.setIdentityPoolId(text(p));
                default -> p.skipChildren();
            }
        }
        return identity;
    }
}
