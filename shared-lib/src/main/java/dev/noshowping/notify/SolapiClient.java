package dev.noshowping.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.noshowping.config.Environment;
import dev.noshowping.json.Json;
import dev.noshowping.net.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SOLAPI's {@code POST /messages/v4/send-many/detail} for Kakao alimtalk ({@code type: ATA}).
 *
 * <p>Every attempt is signed anew (SOLAPI refuses a signature seen in the last 15 minutes); the
 * answer is 200 even when the message was refused, so the outcome is read from
 * {@code failedMessageList}, never from the status alone. Facts and sources: docs/notifications.md.
 */
public final class SolapiClient {

    public static final String SEND_PATH = "/messages/v4/send-many/detail";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where and as whom we send; {@code webBase}/{@code appScheme} prefix the button links. */
    public record Settings(String baseUrl, String apiKey, String apiSecret, String pfId, String sender,
                           String webBase, String appScheme, Duration timeout) {
    }

    private final Settings settings;
    private final Clock clock;
    private final HttpCall http;

    public SolapiClient(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new HttpCall(Duration.ofSeconds(3), settings.timeout());
    }

    /**
     * From {@code SOLAPI_*} variables; the API key and secret from {@code SOLAPI_API_KEY}/{@code SOLAPI_API_SECRET}
     * or the Secrets Manager secret {@code SOLAPI_SECRET_ARN} ({@code {"apiKey": ..., "apiSecret": ...}}).
     */
    public static SolapiClient from(Environment env, Function<String, String> secrets) {
        String key = env.optional("SOLAPI_API_KEY").orElse(null);
        String secret = env.optional("SOLAPI_API_SECRET").orElse(null);
        if (key == null || secret == null) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(secrets.apply(env.require("SOLAPI_SECRET_ARN")));
            } catch (IOException e) {
                throw new IllegalStateException("the SOLAPI secret is not JSON {\"apiKey\", \"apiSecret\"}", e);
            }
            key = json.path("apiKey").asText();
            secret = json.path("apiSecret").asText();
        }
        return new SolapiClient(new Settings(env.get("SOLAPI_API_BASE_URL", "https://api.solapi.com"), key, secret,
                env.require("SOLAPI_PF_ID"), env.require("SOLAPI_SENDER"),
                env.get("APP_WEB_BASE_URL", "https://noshowping.com"), env.get("APP_LINK_SCHEME", "noshowping:/"),
                Duration.ofMillis(env.getInt("SOLAPI_TIMEOUT_MILLIS", 5000))), Clock.systemUTC());
    }

    /** {@code HMAC-SHA256 apiKey=…, date=…, salt=…, signature=hex(HMAC-SHA256(secret, date + salt))}. */
    public static String authorization(String apiKey, String apiSecret, String date, String salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal((date + salt).getBytes(StandardCharsets.UTF_8)));
            return "HMAC-SHA256 apiKey=" + apiKey + ", date=" + date + ", salt=" + salt + ", signature=" + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Sends one alimtalk to a Korean mobile number given in E.164 ({@code +8210…}). */
    public SendOutcome send(String e164Phone, Alimtalk message) {
        String to = KoreanMobile.toDomestic(e164Phone).orElse(null);
        if (to == null) {
            return new SendOutcome.Rejected("not a Korean mobile number: " + e164Phone);
        }
        Map<String, Object> kakao = new LinkedHashMap<>();
        kakao.put("pfId", settings.pfId());
        kakao.put("templateId", message.template().templateId());
        kakao.put("variables", message.solapiVariables());
        kakao.put("buttons", message.solapiButtons(settings.webBase(), settings.appScheme()));
        // no SMS fallback: the text is the approved template's, a bare SMS would lose the buttons
        kakao.put("disableSms", true);
        Map<String, Object> sms = new LinkedHashMap<>();
        sms.put("to", to);
        sms.put("from", settings.sender());
        sms.put("type", "ATA");
        sms.put("kakaoOptions", kakao);
        String body = Json.write(Map.of("messages", List.of(sms)));

        String date = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "Authorization", authorization(settings.apiKey(), settings.apiSecret(), date, HexFormat.of().formatHex(salt)));
        HttpCall.Answer response;
        try {
            response = http.send("POST", URI.create(settings.baseUrl() + SEND_PATH), headers,
                    body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // SOLAPI may have registered it; a retry may duplicate, which beats losing it
            return new SendOutcome.Retry("SOLAPI unreachable: " + e, null);
        }
        return outcome(response.status(), response.text());
    }

    static SendOutcome outcome(int status, String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            json = Json.MAPPER.createObjectNode();
        }
        if (status == 429 || status >= 500) {
            return new SendOutcome.Retry("SOLAPI " + status + " " + error(json), null);
        }
        if (status != 200) {
            return new SendOutcome.Rejected("SOLAPI " + status + " " + error(json));
        }
        JsonNode failed = json.path("failedMessageList");
        if (failed.isArray() && !failed.isEmpty()) {
            JsonNode f = failed.get(0);
            return new SendOutcome.Rejected("SOLAPI refused the message: " + f.path("statusCode").asText()
                    + " " + f.path("statusMessage").asText());
        }
        JsonNode sent = json.path("messageList");
        if (sent.isArray() && !sent.isEmpty()) {
            return new SendOutcome.Sent(sent.get(0).path("messageId").asText(null));
        }
        // a 200 that names our message neither sent nor failed: we cannot tell, so try again
        return new SendOutcome.Retry("SOLAPI 200 without a message result", null);
    }

    private static String error(JsonNode json) {
        return (json.path("errorCode").asText("") + " " + json.path("errorMessage").asText("")).strip();
    }
}
