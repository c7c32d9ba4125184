package dev.noshowping.lambda;

import static dev.noshowping.lambda.EventJson.bool;
import static dev.noshowping.lambda.EventJson.document;
import static dev.noshowping.lambda.EventJson.longValue;
import static dev.noshowping.lambda.EventJson.map;
import static dev.noshowping.lambda.EventJson.object;
import static dev.noshowping.lambda.EventJson.text;
import static dev.noshowping.lambda.EventJson.textMap;
import static dev.noshowping.lambda.EventJson.texts;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
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

    private HttpEvents() {
    }

    public static APIGatewayV2HTTPEvent read(InputStream in) throws IOException {
        APIGatewayV2HTTPEvent event = document(in, p -> object(p, APIGatewayV2HTTPEvent::new, HttpEvents::eventField));
        if (event.getRouteKey() == null) {
            // API Gateway always names the route (or $default): without one this is some other event
            throw new JsonParseException(null, "no routeKey");
        }
        return event;
    }

    private static void eventField(APIGatewayV2HTTPEvent event, String field, JsonParser p) throws IOException {
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
            case "requestContext" -> event.setRequestContext(
                    object(p, APIGatewayV2HTTPEvent.RequestContext::new, HttpEvents::requestContextField));
            default -> p.skipChildren();
        }
    }

    /** The response as the runtime's serializer writes it: nulls left out, {@code statusCode} always. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        JsonGenerator g = EventJson.FACTORY.createGenerator(out);
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

    private static void requestContextField(APIGatewayV2HTTPEvent.RequestContext rc, String field, JsonParser p)
            throws IOException {
        switch (field) {
            case "routeKey" -> rc.setRouteKey(text(p));
            case "accountId" -> rc.setAccountId(text(p));
            case "stage" -> rc.setStage(text(p));
            case "apiId" -> rc.setApiId(text(p));
            case "domainName" -> rc.setDomainName(text(p));
            case "domainPrefix" -> rc.setDomainPrefix(text(p));
            case "time" -> rc.setTime(text(p));
            case "timeEpoch" -> rc.setTimeEpoch(longValue(p));
            case "http" -> rc.setHttp(object(p, APIGatewayV2HTTPEvent.RequestContext.Http::new, HttpEvents::httpField));
            case "authorizer" -> rc.setAuthorizer(
                    object(p, APIGatewayV2HTTPEvent.RequestContext.Authorizer::new, HttpEvents::authorizerField));
            case "requestId" -> rc.setRequestId(text(p));
            default -> p.skipChildren();
        }
    }

    private static void httpField(APIGatewayV2HTTPEvent.RequestContext.Http http, String field, JsonParser p)
            throws IOException {
        switch (field) {
            case "method" -> http.setMethod(text(p));
            case "path" -> http.setPath(text(p));
            case "protocol" -> http.setProtocol(text(p));
            case "sourceIp" -> http.setSourceIp(text(p));
            case "userAgent" -> http.setUserAgent(text(p));
            default -> p.skipChildren();
        }
    }

    /** The JWT authorizer's claims are the caller's identity; a Lambda or IAM authorizer is read too. */
    private static void authorizerField(APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer, String field,
                                        JsonParser p) throws IOException {
        switch (field) {
            case "jwt" -> authorizer.setJwt(object(p, APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::new,
                    HttpEvents::jwtField));
            case "lambda" -> authorizer.setLambda(map(p, EventJson::value));
            case "iam" -> authorizer.setIam(object(p, APIGatewayV2HTTPEvent.RequestContext.IAM::new, HttpEvents::iamField));
            default -> p.skipChildren();
        }
    }

    private static void jwtField(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt, String field, JsonParser p)
            throws IOException {
        switch (field) {
            case "claims" -> jwt.setClaims(textMap(p));
            case "scopes" -> jwt.setScopes(texts(p));
            default -> p.skipChildren();
        }
    }

    private static void iamField(APIGatewayV2HTTPEvent.RequestContext.IAM iam, String field, JsonParser p)
            throws IOException {
        switch (field) {
            case "accessKey" -> iam.setAccessKey(text(p));
            case "accountId" -> iam.setAccountId(text(p));
            case "callerId" -> iam.setCallerId(text(p));
            case "cognitoIdentity" -> iam.setCognitoIdentity(object(p,
                    APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity::new, HttpEvents::cognitoIdentityField));
            case "principalOrgId" -> iam.setPrincipalOrgId(text(p));
            case "userArn" -> iam.setUserArn(text(p));
            case "userId" -> iam.setUserId(text(p));
            default -> p.skipChildren();
        }
    }

    private static void cognitoIdentityField(APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity identity, String field,
                                             JsonParser p) throws IOException {
        switch (field) {
            case "amr" -> identity.setAmr(texts(p));
            case "identityId" -> identity.setIdentityId(text(p));
            case "identityPoolId" -> identity.setIdentityPoolId(text(p));
            default -> p.skipChildren();
        }
    }
}
