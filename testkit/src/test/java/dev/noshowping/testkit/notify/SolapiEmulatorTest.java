package dev.noshowping.testkit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noshowping.testkit.notify.SolapiEmulator.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Solapi emulator over real HTTP, signing every request in the test itself as the alimtalk consumer must. */
class SolapiEmulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SecureRandom RANDOM = new SecureRandom();

    static SolapiEmulator solapi;
    static HttpClient http;

    @BeforeAll
    static void start() {
        solapi = SolapiEmulator.start(0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stop() {
        solapi.close();
        http.close();
    }

    @BeforeEach
    void clean() {
        solapi.reset();
    }

    /** hex(HMAC-SHA256(apiSecret, date + salt)), computed here independently of the emulator. */
    static String sign(String secret, String date, String salt) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((date + salt).getBytes(StandardCharsets.UTF_8)));
    }

    static String header(String date, String salt, String signature) {
        return "HMAC-SHA256 apiKey=" + SolapiEmulator.API_KEY + ", date=" + date + ", salt=" + salt
                + ", signature=" + signature;
    }

    static String freshSalt() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b); // 32 characters, within SOLAPI's 12..64 bytes
    }

    static String nowDate() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(); // e.g. 2026-11-25T14:20:00Z
    }

    static String signedHeader() throws Exception {
        String date = nowDate();
        String salt = freshSalt();
        return header(date, salt, sign(SolapiEmulator.API_SECRET, date, salt));
    }

    static HttpResponse<String> post(String authorization, Object body) throws Exception {
        return post(authorization, body, Duration.ofSeconds(5));
    }

    static HttpResponse<String> post(String authorization, Object body, Duration timeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(solapi.baseUrl() + SolapiEmulator.SEND_PATH))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Map<String, Object> alimtalk(String to) {
        return Map.of(
                "to", to,
                "from", "0212345678",
                "type", "ATA",
                "kakaoOptions", Map.of(
                        "pfId", "KA01PF_NOSHOWPING",
                        "templateId", "KA01TP_SOLD",
                        "variables", Map.of("#{name}", "홍길동", "#{hotel}", "롯데호텔 서울"),
                        "buttons", List.of(Map.of(
                                "buttonType", "WL",
                                "buttonName", "예약 확인",
                                "linkMo", "https://noshowping.dev/m/orders/1",
                                "linkPc", "https://noshowping.dev/orders/1"))));
    }

    static Map<String, Object> body(Object... messages) {
        return Map.of("messages", List.of(messages));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void signatureMatchesAFixedVector() throws Exception {
        // date and salt from SOLAPI's documented header example (developers.solapi.dev/references/authentication/api-key);
        // the secret is ours, since SOLAPI does not publish the one behind its example. Expected value computed with
        //   printf '%s' '2019-07-01T00:41:48Zjqsba2jxjnrjor' | openssl dgst -sha256 -hmac "$API_SECRET"
        String expected = "909d1042f5cd163089c234a6e59b653df252982fb6e8182c059f62a9f46af24b";
        assertThat(sign(SolapiEmulator.API_SECRET, "2019-07-01T00:41:48Z", "jqsba2jxjnrjor")).isEqualTo(expected);
        assertThat(SolapiEmulator.authorization(SolapiEmulator.API_KEY, SolapiEmulator.API_SECRET,
                "2019-07-01T00:41:48Z", "jqsba2jxjnrjor"))
                .isEqualTo(header("2019-07-01T00:41:48Z", "jqsba2jxjnrjor", expected));
    }

    @Test
    void aGoodRequestIsAcceptedAndRecorded() throws Exception {
        HttpResponse<String> response = post(signedHeader(), body(alimtalk("010-1234-5678")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode out = json(response);
        assertThat(out.at("/failedMessageList")).isEmpty();
        assertThat(out.at("/groupInfo/count/total").asInt()).isEqualTo(1);
        assertThat(out.at("/groupInfo/count/registeredSuccess").asInt()).isEqualTo(1);
        assertThat(out.at("/groupInfo/count/registeredFailed").asInt()).isZero();
        assertThat(out.at("/messageList/0/statusCode").asText()).isEqualTo("2000");
        String messageId = out.at("/messageList/0/messageId").asText();
        assertThat(messageId).startsWith("M4V");
        assertThat(out.at("/groupInfo/groupId").asText()).startsWith("G4V");

        assertThat(solapi.requests()).isEqualTo(1);
        assertThat(solapi.messages()).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(messageId);
            assertThat(m.to()).isEqualTo("010-1234-5678");
            assertThat(m.type()).isEqualTo("ATA");
            assertThat(m.pfId()).isEqualTo("KA01PF_NOSHOWPING");
            assertThat(m.templateId()).isEqualTo("KA01TP_SOLD");
            assertThat(m.variables()).containsEntry("#{name}", "홍길동").containsEntry("#{hotel}", "롯데호텔 서울");
            assertThat(m.buttons()).singleElement().satisfies(b -> {
                assertThat(b.buttonType()).isEqualTo("WL");
                assertThat(b.buttonName()).isEqualTo("예약 확인");
                assertThat(b.linkMo()).isEqualTo("https://noshowping.dev/m/orders/1");
            });
        });

        HttpResponse<String> local = http.send(HttpRequest.newBuilder(
                URI.create(solapi.baseUrl() + "/_local/solapi/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(json(local).at("/0/templateId").asText()).isEqualTo("KA01TP_SOLD");
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        String date = nowDate();
        String salt = freshSalt();
        String wrong = sign("not-the-secret", date, salt);

        HttpResponse<String> response = post(header(date, salt, wrong), body(alimtalk("01012345678")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("errorCode").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(json(response).has("errorMessage")).isTrue();
        assertThat(solapi.messages()).isEmpty();
    }

    @Test
    void aMissingHeaderOrUnknownKeyIsRefused() throws Exception {
        assertThat(post(null, body(alimtalk("01012345678"))).statusCode()).isEqualTo(401);
        String date = nowDate();
        String salt = freshSalt();
        HttpResponse<String> response = post("HMAC-SHA256 apiKey=NCSUNKNOWN, date=" + date + ", salt=" + salt
                + ", signature=" + sign(SolapiEmulator.API_SECRET, date, salt), body(alimtalk("01012345678")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).path("errorCode").asText()).isEqualTo("InvalidAPIKey");
    }

    @Test
    void aDateOutsideFifteenMinutesIsRefused() throws Exception {
        String old = Instant.now().minus(Duration.ofMinutes(16)).truncatedTo(ChronoUnit.SECONDS).toString();
        String salt = freshSalt();
        HttpResponse<String> stale = post(header(old, salt, sign(SolapiEmulator.API_SECRET, old, salt)),
                body(alimtalk("01012345678")));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(json(stale).path("errorCode").asText()).isEqualTo("RequestTimeTooSkewed");

        // the same check against the emulator clock: a request signed now is stale 16 minutes later
        String date = nowDate();
        String salt2 = freshSalt();
        solapi.advance(Duration.ofMinutes(16));
        HttpResponse<String> late = post(header(date, salt2, sign(SolapiEmulator.API_SECRET, date, salt2)),
                body(alimtalk("01012345678")));
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(json(late).path("errorCode").asText()).isEqualTo("RequestTimeTooSkewed");
        assertThat(solapi.messages()).isEmpty();
    }

    @Test
    void aReusedSignatureIsRefused() throws Exception {
        String authorization = signedHeader();
        assertThat(post(authorization, body(alimtalk("01012345678"))).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = post(authorization, body(alimtalk("01012345678")));

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(json(replay).path("errorCode").asText()).isEqualTo("DuplicatedSignature");
        assertThat(solapi.messages()).hasSize(1);
        assertThat(solapi.requests()).isEqualTo(2);
    }

    @Test
    void aWrongRecipientFailsInsideA200() throws Exception {
        HttpResponse<String> response = post(signedHeader(),
                body(alimtalk("01012345678"), alimtalk("0212345678"), alimtalk("+1 555 0100")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode out = json(response);
        assertThat(out.at("/groupInfo/count/registeredSuccess").asInt()).isEqualTo(1);
        assertThat(out.at("/groupInfo/count/registeredFailed").asInt()).isEqualTo(2);
        assertThat(out.at("/failedMessageList")).hasSize(2);
        assertThat(out.at("/failedMessageList/0/to").asText()).isEqualTo("0212345678");
        assertThat(out.at("/failedMessageList/0/statusCode").asText()).isEqualTo(SolapiEmulator.STATUS_INVALID_TO);
        assertThat(out.at("/failedMessageList/0/statusMessage").asText()).isNotBlank();
        assertThat(solapi.messages()).extracting(ReceivedMessage::to).containsExactly("01012345678");
    }

    @Test
    void anUnknownTemplateFailsInsideA200OnceTemplatesAreRegistered() throws Exception {
        solapi.registerTemplate("KA01TP_OTHER");

        HttpResponse<String> response = post(signedHeader(), body(alimtalk("01012345678")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/failedMessageList/0/statusCode").asText())
                .isEqualTo(SolapiEmulator.STATUS_UNKNOWN_TEMPLATE);
        assertThat(solapi.messages()).isEmpty();
    }

    @Test
    void anAlimtalkWithoutTemplateIdIsA400() throws Exception {
        Map<String, Object> noTemplate = Map.of("to", "01012345678", "type", "ATA",
                "kakaoOptions", Map.of("pfId", "KA01PF_NOSHOWPING"));

        HttpResponse<String> response = post(signedHeader(), body(noTemplate));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("errorCode").asText()).isEqualTo("ValidationError");
        assertThat(json(response).path("errorMessage").asText()).contains("templateId");
        assertThat(solapi.messages()).isEmpty();
    }

    @Test
    void partialFailureIsA200WithTheLastMessageFailed() throws Exception {
        solapi.inject(Fault.PARTIAL_FAILURE, 1);

        HttpResponse<String> response = post(signedHeader(), body(alimtalk("01011112222"), alimtalk("01033334444")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode out = json(response);
        assertThat(out.at("/messageList/0/to").asText()).isEqualTo("01011112222");
        assertThat(out.at("/failedMessageList/0/to").asText()).isEqualTo("01033334444");
        assertThat(out.at("/failedMessageList/0/statusCode").asText())
                .isEqualTo(SolapiEmulator.STATUS_INJECTED_FAILURE);
        assertThat(solapi.messages()).extracting(ReceivedMessage::to).containsExactly("01011112222");
    }

    @Test
    void aServerErrorAcceptsNothingAndARetryNeedsAFreshSignature() throws Exception {
        solapi.inject(Fault.SERVER_ERROR, 1);
        String authorization = signedHeader();

        HttpResponse<String> failed = post(authorization, body(alimtalk("01012345678")));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).path("errorCode").asText()).isEqualTo("InternalError");
        assertThat(solapi.messages()).isEmpty();

        assertThat(post(authorization, body(alimtalk("01012345678"))).statusCode()).isEqualTo(401);
        assertThat(post(signedHeader(), body(alimtalk("01012345678"))).statusCode()).isEqualTo(200);
        assertThat(solapi.messages()).hasSize(1);
        assertThat(solapi.requests()).isEqualTo(3);
    }

    @Test
    void aTimeoutHoldsTheAnswerAndAcceptsNothing() throws Exception {
        solapi.inject(Fault.TIMEOUT, 1);

        assertThatThrownBy(() -> post(signedHeader(), body(alimtalk("01012345678")), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);

        solapi.reset(); // releases the held request
        assertThat(solapi.messages()).isEmpty();
        assertThat(post(signedHeader(), body(alimtalk("01012345678"))).statusCode()).isEqualTo(200);
    }
}
