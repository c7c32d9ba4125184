package dev.noshowping.emulator.toss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's payout API (/v2) over real HTTP, in Toss's ENCRYPTION security mode. */
class PayoutEmulatorTest {

    static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((TossEmulator.SECRET_KEY + ":").getBytes(StandardCharsets.UTF_8));
    static final ObjectMapper JSON = new ObjectMapper();
    /** The client's side of the ENCRYPTION mode; {@link #aJweMadeByHandIsReadAndTheAnswerIsAJweOfTheSameScheme} checks it by hand. */
    static final SecurityKey KEY = new SecurityKey(TossEmulator.PAYOUT_SECURITY_KEY);

    static TossEmulator toss;
    static HttpClient http;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final ConcurrentLinkedDeque<Integer> receiverAnswers = new ConcurrentLinkedDeque<>();

    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** An answer: HTTP status, the raw body, and the v2 envelope (decrypted when it came as a JWE). */
    record Reply(int status, String raw, JsonNode json) {
        String code() {
            return json.path("error").path("code").asText(null);
        }

        JsonNode entity() {
            return json.path("entityBody");
        }
    }

    @BeforeAll
    static void start() throws IOException {
        toss = TossEmulator.start(0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Integer status = receiverAnswers.pollFirst();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            }
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        toss.close();
        http.close();
    }

    @BeforeEach
    void reset() {
        toss.reset();
        received.clear();
        receiverAnswers.clear();
        toss.webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    // ------------------------------------------------------------------ security mode and auth

    @Test
    void aJweMadeByHandIsReadAndTheAnswerIsAJweOfTheSameScheme() throws Exception {
        byte[] key = HexFormat.of().parseHex(TossEmulator.PAYOUT_SECURITY_KEY);
        JWEObject request = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .customParam("iat", "2026-12-02T10:00:00+09:00").customParam("nonce", UUID.randomUUID().toString()).build(),
                new Payload(JSON.writeValueAsString(sellerBody("ref-seller-jwe", "004", "12345678901"))));
        request.encrypt(new DirectEncrypter(key));

        HttpResponse<String> answer = post("/v2/sellers", request.serialize(), AUTH, true, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).doesNotStartWith("{").doesNotContain("ref-seller-jwe");
        JWEObject jwe = JWEObject.parse(answer.body());
        assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.DIR);
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
        assertThat((String) jwe.getHeader().getCustomParam("iat")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+09:00");
        assertThat(UUID.fromString((String) jwe.getHeader().getCustomParam("nonce"))).isNotNull();
        jwe.decrypt(new DirectDecrypter(key));
        JsonNode envelope = JSON.readTree(jwe.getPayload().toString());
        assertThat(envelope.path("entityType").asText()).isEqualTo("seller");
        assertThat(envelope.path("entityBody").path("refSellerId").asText()).isEqualTo("ref-seller-jwe");
    }

    @Test
    void aBodyThatIsNotAJweOfTheKeyOrLacksNonceIsRefused() throws Exception {
        String body = JSON.writeValueAsString(sellerBody("ref-seller-plain", "004", "1"));
        HttpResponse<String> plain = post("/v2/sellers", body, AUTH, false, null);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(plain.body()).path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");

        SecurityKey otherKey = new SecurityKey("ab".repeat(32));
        Reply wrongKey = reply(post("/v2/sellers", otherKey.seal(body), AUTH, true, null));
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.raw()).as("an ENCRYPTION request's error is encrypted too").doesNotStartWith("{");
        assertThat(wrongKey.code()).isEqualTo("INVALID_REQUEST");

        JWEObject noNonce = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .customParam("iat", "2026-12-02T10:00:00+09:00").build(), new Payload(body));
        noNonce.encrypt(new DirectEncrypter(HexFormat.of().parseHex(TossEmulator.PAYOUT_SECURITY_KEY)));
        assertThat(reply(post("/v2/sellers", noNonce.serialize(), AUTH, true, null)).code()).isEqualTo("INVALID_REQUEST");
        assertThat(reply(get("/v2/sellers/seller_none", AUTH)).status()).isEqualTo(404);
    }

    @Test
    void refusesCallsWithoutTheSecretKey() throws Exception {
        String sellerId = seller("ref-seller-auth");
        toss.payouts().setBalance(100_000);
        String body = KEY.seal(JSON.writeValueAsString(List.of(item("ref-auth-1", sellerId, 1_000))));
        for (String auth : new String[] {null, "Basic " + b64("test_sk_wrong:"), "Bearer " + TossEmulator.SECRET_KEY}) {
            HttpResponse<String> answer = post("/v2/payouts", body, auth, true, "key-auth");
            assertThat(answer.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(JSON.readTree(answer.body()).path("error").path("code").asText()).isEqualTo("UNAUTHORIZED_KEY");
            assertThat(get("/v2/balances", auth).statusCode()).isEqualTo(401);
        }
        assertThat(toss.payouts().payoutCount("ref-auth-1")).isZero();
        assertThat(toss.payouts().available()).isEqualTo(100_000);
        assertThat(toss.payouts().payoutRequestCalls()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ sellers and payouts

    @Test
    void registersASellerOnceUnderItsRefSellerId() throws Exception {
        Reply registered = encrypted("/v2/sellers", sellerBody("ref-seller-1", "088", "110123456789"), null);
        assertThat(registered.status()).isEqualTo(200);
        String id = registered.entity().path("id").asText();
        assertThat(id).startsWith("seller_");
        assertThat(registered.entity().path("status").asText()).isEqualTo("PARTIALLY_APPROVED");
        assertThat(registered.entity().path("account").path("bankCode").asText()).isEqualTo("088");

        Reply looked = reply(get("/v2/sellers/" + id, AUTH));
        assertThat(looked.entity().path("refSellerId").asText()).isEqualTo("ref-seller-1");

        Reply again = encrypted("/v2/sellers", sellerBody("ref-seller-1", "088", "110123456789"), null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("DUPLICATED_REF_SELLER_ID");
    }

    @Test
    void paysWithinTheBalanceAndAnnouncesCompletionSigned() throws Exception {
        String sellerId = seller("ref-seller-pay");
        toss.payouts().setBalance(100_000, 7_000);

        Reply paid = encrypted("/v2/payouts", List.of(item("ref-pay-1", sellerId, 30_000), item("ref-pay-2", sellerId, 20_000)),
                "key-pay");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.entity().path("items")).hasSize(2)
                .allSatisfy(p -> assertThat(p.path("status").asText()).isEqualTo("REQUESTED"));
        Reply balance = reply(get("/v2/balances", AUTH));
        assertThat(balance.entity().path("availableAmount").path("value").asLong()).isEqualTo(50_000);
        assertThat(balance.entity().path("pendingAmount").path("value").asLong()).isEqualTo(7_000);

        assertThat(toss.payouts().completePayouts()).extracting(PayoutLedger.Payout::status)
                .containsExactly("COMPLETED", "COMPLETED");
        assertThat(received).hasSize(2);
        Received hook = received.getFirst();
        JsonNode event = JSON.readTree(hook.body());
        assertThat(event.path("eventType").asText()).isEqualTo("payout.changed");
        assertThat(event.path("entityBody").path("refPayoutId").asText()).isEqualTo("ref-pay-1");
        assertThat(event.path("entityBody").path("status").asText()).isEqualTo("COMPLETED");
        String signature = hook.header("tosspayments-webhook-signature");
        assertThat(signature).startsWith("v1:");
        assertThat(signedWithTheKey(hook.body(), hook.header("tosspayments-webhook-transmission-time"), signature)).isTrue();
        assertThat(signedWithTheKey(hook.body().replace("30000", "90000"),
                hook.header("tosspayments-webhook-transmission-time"), signature)).isFalse();
        assertThat(toss.payouts().payoutsTo(sellerId)).extracting(PayoutLedger.Payout::amount).containsExactly(30_000L, 20_000L);
    }

    @Test
    void overTheAvailableBalanceNothingIsPaid() throws Exception {
        String sellerId = seller("ref-seller-poor");
        toss.payouts().setBalance(10_000);

        Reply refused = encrypted("/v2/payouts", List.of(item("ref-poor-1", sellerId, 6_000), item("ref-poor-2", sellerId, 5_000)),
                "key-poor");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(toss.payouts().payoutCount("ref-poor-1")).isZero();
        assertThat(toss.payouts().payoutCount("ref-poor-2")).isZero();
        assertThat(toss.payouts().available()).isEqualTo(10_000);
        assertThat(encrypted("/v2/payouts", List.of(item("ref-poor-1", sellerId, 6_000)), "key-poor-2").status())
                .as("the refused refPayoutId stays free").isEqualTo(200);
    }

    @Test
    void anInvalidAccountFailsThePayoutReturnsTheMoneyAndTellsTheWebhook() throws Exception {
        String sellerId = seller("ref-seller-closed", "020", "99990000");
        String fine = seller("ref-seller-fine", "020", "99990001");
        toss.payouts().markAccountInvalid("020", "99990000");
        toss.payouts().setBalance(50_000);
        encrypted("/v2/payouts", List.of(item("ref-closed-1", sellerId, 15_000), item("ref-fine-1", fine, 5_000)), "key-closed");
        assertThat(toss.payouts().available()).isEqualTo(30_000);

        toss.payouts().completePayouts();

        assertThat(toss.payouts().payoutsTo(sellerId)).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo("FAILED");
            assertThat(p.errorCode()).isEqualTo("INVALID_ACCOUNT_INFO");
        });
        assertThat(toss.payouts().payoutsTo(fine)).singleElement().extracting(PayoutLedger.Payout::status).isEqualTo("COMPLETED");
        assertThat(toss.payouts().available()).isEqualTo(45_000);
        JsonNode failed = JSON.readTree(received.getFirst().body()).path("entityBody");
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("INVALID_ACCOUNT_INFO");
        assertThat(toss.payouts().completePayouts()).as("settled once").isEmpty();
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstAnswerAndPaysOnce() throws Exception {
        String sellerId = seller("ref-seller-idem");
        toss.payouts().setBalance(100_000);

        Reply first = encrypted("/v2/payouts", List.of(item("ref-idem-1", sellerId, 10_000)), "key-idem");
        Reply again = encrypted("/v2/payouts", List.of(item("ref-idem-1", sellerId, 10_000)), "key-idem");
        Reply otherBody = encrypted("/v2/payouts", List.of(item("ref-idem-2", sellerId, 10_000)), "key-idem");

        assertThat(again.raw()).isEqualTo(first.raw());
        assertThat(otherBody.raw()).as("keyed by key and URL, not body").isEqualTo(first.raw());
        assertThat(toss.payouts().payoutCount("ref-idem-1")).isEqualTo(1);
        assertThat(toss.payouts().payoutCount("ref-idem-2")).isZero();
        assertThat(toss.payouts().available()).isEqualTo(90_000);
        assertThat(toss.payouts().payoutRequestCalls()).isEqualTo(3);
    }

    @Test
    void aRefPayoutIdIsPaidOnceEvenUnderAnotherKey() throws Exception {
        String sellerId = seller("ref-seller-dup");
        toss.payouts().setBalance(100_000);
        assertThat(encrypted("/v2/payouts", List.of(item("ref-dup-1", sellerId, 10_000)), "key-dup-a").status()).isEqualTo(200);

        Reply twice = encrypted("/v2/payouts", List.of(item("ref-dup-1", sellerId, 10_000)), "key-dup-b");
        Reply inOneRequest = encrypted("/v2/payouts", List.of(item("ref-dup-2", sellerId, 1_000), item("ref-dup-2", sellerId, 1_000)),
                "key-dup-c");

        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.code()).isEqualTo("DUPLICATED_REF_PAYOUT_ID");
        assertThat(inOneRequest.code()).isEqualTo("DUPLICATED_REF_PAYOUT_ID");
        assertThat(toss.payouts().payoutCount("ref-dup-1")).isEqualTo(1);
        assertThat(toss.payouts().payoutCount("ref-dup-2")).isZero();
        assertThat(toss.payouts().available()).isEqualTo(90_000);
    }

    @Test
    void moreThanAHundredPayoutsInOneRequestAreRefused() throws Exception {
        String sellerId = seller("ref-seller-many");
        toss.payouts().setBalance(1_000_000);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(item("ref-many-" + i, sellerId, 1_000));
        }

        Reply refused = encrypted("/v2/payouts", items, "key-many");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
        assertThat(toss.payouts().payouts()).isEmpty();

        Reply hundred = encrypted("/v2/payouts", items.subList(0, 100), "key-hundred");
        assertThat(hundred.status()).isEqualTo(200);
        assertThat(hundred.entity().path("items")).hasSize(100);
    }

    @Test
    void eachItemIsCheckedAndOneBadItemRefusesTheRequest() throws Exception {
        String sellerId = seller("ref-seller-check");
        String kyc = seller("ref-seller-kyc");
        toss.payouts().sellerStatus(kyc, "KYC_REQUIRED");
        toss.payouts().setBalance(100_000);

        Reply unknown = encrypted("/v2/payouts", List.of(item("ref-chk-1", sellerId, 1_000), item("ref-chk-2", "seller_none", 1_000)),
                "key-chk-1");
        Reply zero = encrypted("/v2/payouts", List.of(item("ref-chk-3", sellerId, 0)), "key-chk-2");
        Reply notPayable = encrypted("/v2/payouts", List.of(item("ref-chk-4", kyc, 1_000)), "key-chk-3");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND_SELLER");
        assertThat(zero.code()).isEqualTo("INVALID_REQUEST");
        assertThat(notPayable.status()).isEqualTo(403);
        assertThat(notPayable.code()).isEqualTo("FORBIDDEN_SELLER_PAYOUT");
        assertThat(toss.payouts().payouts()).isEmpty();
        assertThat(toss.payouts().available()).isEqualTo(100_000);
    }

    @Test
    void aLostAnswerWasProcessedAndItsKeyAnswersTheRetry() throws Exception {
        String sellerId = seller("ref-seller-lost");
        toss.payouts().setBalance(100_000);
        toss.payouts().loseAnswers(1);
        String body = KEY.seal(JSON.writeValueAsString(List.of(item("ref-lost-1", sellerId, 10_000))));

        assertThat(org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> post("/v2/payouts", body, AUTH, true, "key-lost"))).isNotNull();
        assertThat(toss.payouts().payoutCount("ref-lost-1")).isEqualTo(1);

        Reply retried = encrypted("/v2/payouts", List.of(item("ref-lost-1", sellerId, 10_000)), "key-lost");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.entity().path("items").get(0).path("refPayoutId").asText()).isEqualTo("ref-lost-1");
        assertThat(toss.payouts().payoutCount("ref-lost-1")).isEqualTo(1);
        assertThat(toss.payouts().available()).isEqualTo(90_000);
    }

    @Test
    void payoutsAreListedNewestFirstAPageAtATime() throws Exception {
        String sellerId = seller("ref-seller-list");
        toss.payouts().setBalance(100_000);
        for (int i = 1; i <= 3; i++) {
            encrypted("/v2/payouts", List.of(item("ref-list-" + i, sellerId, 1_000)), "key-list-" + i);
        }

        Reply first = reply(get("/v2/payouts?limit=2", AUTH));
        assertThat(first.entity().path("items")).extracting(p -> p.path("refPayoutId").asText())
                .containsExactly("ref-list-3", "ref-list-2");
        assertThat(first.entity().path("hasNext").asBoolean()).isTrue();
        Reply second = reply(get("/v2/payouts?limit=2&startingAfter=" + first.entity().path("lastCursor").asText(), AUTH));
        assertThat(second.entity().path("items")).extracting(p -> p.path("refPayoutId").asText()).containsExactly("ref-list-1");
        assertThat(second.entity().path("hasNext").asBoolean()).isFalse();
        String id = second.entity().path("items").get(0).path("id").asText();
        assertThat(reply(get("/v2/payouts/" + id, AUTH)).entity().path("refPayoutId").asText()).isEqualTo("ref-list-1");
    }

    @Test
    void localHelpersSetTheBalanceListAndSettlePayouts() throws Exception {
        HttpResponse<String> balance = http.send(HttpRequest.newBuilder(uri("/_local/toss/balance"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"available\":40000,\"pending\":1000}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(balance.statusCode()).isEqualTo(200);
        assertThat(toss.payouts().available()).isEqualTo(40_000);
        String sellerId = seller("ref-seller-local");
        encrypted("/v2/payouts", List.of(item("ref-local-1", sellerId, 4_000)), "key-local");

        http.send(HttpRequest.newBuilder(uri("/_local/toss/payouts/complete")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode listed = JSON.readTree(http.send(HttpRequest.newBuilder(uri("/_local/toss/payouts")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(listed.path("balance").path("available").asLong()).isEqualTo(36_000);
        assertThat(listed.path("payouts").get(0).path("refPayoutId").asText()).isEqualTo("ref-local-1");
        assertThat(listed.path("payouts").get(0).path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anUnansweredPayoutWebhookIsRetriedWithAFreshSignature() throws Exception {
        String sellerId = seller("ref-seller-retry");
        toss.payouts().setBalance(10_000);
        encrypted("/v2/payouts", List.of(item("ref-retry-1", sellerId, 1_000)), "key-retry");
        receiverAnswers.add(500);

        toss.payouts().completePayouts();
        toss.advance(Duration.ofMinutes(1));

        assertThat(received).hasSize(2);
        Received retry = received.get(1);
        assertThat(retry.body()).isEqualTo(received.getFirst().body());
        assertThat(retry.header("tosspayments-webhook-transmission-retried-count")).isEqualTo("1");
        assertThat(signedWithTheKey(retry.body(), retry.header("tosspayments-webhook-transmission-time"),
                retry.header("tosspayments-webhook-signature"))).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    static String seller(String ref) throws Exception {
        return seller(ref, "004", "123456" + Math.abs(ref.hashCode() % 100_000));
    }

    static String seller(String ref, String bank, String account) throws Exception {
        Reply r = encrypted("/v2/sellers", sellerBody(ref, bank, account), null);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        return r.entity().path("id").asText();
    }

    static Map<String, Object> sellerBody(String ref, String bank, String account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refSellerId", ref);
        body.put("businessType", "INDIVIDUAL");
        body.put("individual", Map.of("name", "김판매", "email", "seller@example.com", "phone", "01012345678"));
        body.put("account", Map.of("bankCode", bank, "accountNumber", account, "holderName", "김판매"));
        return body;
    }

    static Map<String, Object> item(String ref, String destination, long amount) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("refPayoutId", ref);
        item.put("destination", destination);
        item.put("scheduleType", "EXPRESS");
        item.put("amount", Map.of("currency", "KRW", "value", amount));
        item.put("transactionDescription", "노쇼핑정산");
        return item;
    }

    static Reply encrypted(String path, Object body, String idempotencyKey) throws Exception {
        return reply(post(path, KEY.seal(JSON.writeValueAsString(body)), AUTH, true, idempotencyKey));
    }

    static HttpResponse<String> post(String path, String body, String auth, boolean encryption, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", encryption ? "text/plain" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (encryption) {
            request.header("TossPayments-api-security-mode", "ENCRYPTION");
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Reply reply(HttpResponse<String> answer) throws IOException {
        String body = answer.body();
        String json = body.startsWith("{") ? body : KEY.open(body).getPayload().toString();
        return new Reply(answer.statusCode(), body, JSON.readTree(json));
    }

    /**
     * Whether one {@code v1:} value of a signature header is the HMAC-SHA256 of {@code body:time} under the
     * key's 32 bytes, computed here by hand rather than by the emulator's own code.
     */
    static boolean signedWithTheKey(String body, String time, String header) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(HexFormat.of().parseHex(TossEmulator.PAYOUT_SECURITY_KEY), "HmacSHA256"));
        String expected = "v1:" + Base64.getEncoder().encodeToString(hmac.doFinal((body + ":" + time).getBytes(StandardCharsets.UTF_8)));
        return List.of(header.split(",")).stream().map(String::strip).anyMatch(expected::equals);
    }

    static URI uri(String path) {
        return URI.create(toss.baseUrl() + path);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
