package dev.noshowping.emulator.toss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.noshowping.emulator.toss.TossEmulator.Fault;
import dev.noshowping.emulator.toss.TossEmulator.Method;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator over real HTTP, as the payment code will use it. */
class TossEmulatorTest {

    static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((TossEmulator.SECRET_KEY + ":").getBytes(StandardCharsets.UTF_8));
    static final ObjectMapper JSON = new ObjectMapper();

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

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String code() throws IOException {
            return json().path("code").asText();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        toss = TossEmulator.start(0);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
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
    }

    String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    // ------------------------------------------------------------------ auth

    @Test
    void refusesRequestsWithoutTheSecretKey() throws Exception {
        String key = toss.checkout("order-auth-1", 10_000, Method.CARD);
        String body = confirmBody(key, "order-auth-1", 10_000);
        for (String auth : new String[] {null, "Basic " + b64("test_sk_wrong:"), "Basic " + b64(TossEmulator.SECRET_KEY),
                "Bearer " + TossEmulator.SECRET_KEY, "Basic !!!"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/payments/confirm"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (auth != null) {
                request.header("Authorization", auth);
            }
            Reply reply = send(request.build());
            assertThat(reply.status()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(reply.code()).isEqualTo("UNAUTHORIZED_KEY");
        }
        assertThat(get("/v1/payments/" + key, null).status()).isEqualTo(401);
        assertThat(toss.charges("order-auth-1")).isZero();
        assertThat(toss.confirmCalls("order-auth-1")).isEqualTo(5);
    }

    // ------------------------------------------------------------------ confirm

    @Test
    void confirmsACardPayment() throws Exception {
        String key = toss.checkout("order-card-1", 35_000, Method.CARD);
        Reply reply = confirm(key, "order-card-1", 35_000, null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode p = reply.json();
        assertThat(p.path("status").asText()).isEqualTo("DONE");
        assertThat(p.path("method").asText()).isEqualTo("카드");
        assertThat(p.path("paymentKey").asText()).isEqualTo(key);
        assertThat(p.path("orderId").asText()).isEqualTo("order-card-1");
        assertThat(p.path("totalAmount").asLong()).isEqualTo(35_000);
        assertThat(p.path("balanceAmount").asLong()).isEqualTo(35_000);
        assertThat(p.path("vat").asLong()).isEqualTo(3182);
        assertThat(p.path("suppliedAmount").asLong()).isEqualTo(31_818);
        assertThat(OffsetDateTime.parse(p.path("approvedAt").asText()).getOffset().getTotalSeconds()).isEqualTo(9 * 3600);
        assertThat(p.path("card").path("amount").asLong()).isEqualTo(35_000);
        assertThat(p.path("card").path("approveNo").asText()).hasSize(8);
        assertThat(p.path("virtualAccount").isNull()).isTrue();
        assertThat(p.path("secret").asText()).startsWith("ps_");
        assertThat(p.path("version").asText()).isEqualTo("2022-11-16");
        assertThat(p.has("cancels") && p.path("cancels").isNull()).isTrue();
        assertThat(toss.charges("order-card-1")).isEqualTo(1);
        assertThat(toss.confirmCalls("order-card-1")).isEqualTo(1);
    }

    @Test
    void sameIdempotencyKeyGetsTheVeryFirstAnswer() throws Exception {
        String key = toss.checkout("order-idem-1", 12_000, Method.CARD);
        Reply first = confirm(key, "order-idem-1", 12_000, "idem-A");
        Reply again = confirm(key, "order-idem-1", 12_000, "idem-A");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(toss.charges("order-idem-1")).isEqualTo(1);

        // Toss scopes a key by key + API key + URL + method, not by body: another order under the same key
        // gets the first answer, and is not processed
        String other = toss.checkout("order-idem-2", 5_000, Method.CARD);
        Reply reused = confirm(other, "order-idem-2", 5_000, "idem-A");
        assertThat(reused.body()).isEqualTo(first.body());
        assertThat(toss.charges("order-idem-2")).isZero();
        assertThat(get("/v1/payments/" + other, AUTH).json().path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void anotherKeyOrNoKeyOnAConfirmedPaymentIsAlreadyProcessed() throws Exception {
        String key = toss.checkout("order-dup-1", 9_900, Method.CARD);
        assertThat(confirm(key, "order-dup-1", 9_900, "k1").status()).isEqualTo(200);

        Reply otherKey = confirm(key, "order-dup-1", 9_900, "k2");
        Reply noKey = confirm(key, "order-dup-1", 9_900, null);
        assertThat(otherKey.status()).isEqualTo(400);
        assertThat(otherKey.code()).isEqualTo("ALREADY_PROCESSED_PAYMENT");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("ALREADY_PROCESSED_PAYMENT");
        assertThat(toss.charges("order-dup-1")).isEqualTo(1);
        assertThat(toss.confirmCalls("order-dup-1")).isEqualTo(3);
    }

    @Test
    void fiftyConcurrentConfirmsChargeOnce() throws Exception {
        String key = toss.checkout("order-race-1", 77_000, Method.CARD);
        List<Reply> sameKey = concurrently(50, () -> confirm(key, "order-race-1", 77_000, "one-key"));
        assertThat(sameKey).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(sameKey.stream().map(Reply::body).distinct()).hasSize(1);
        assertThat(toss.charges("order-race-1")).isEqualTo(1);

        String key2 = toss.checkout("order-race-2", 77_000, Method.CARD);
        List<Reply> noKey = concurrently(50, () -> confirm(key2, "order-race-2", 77_000, null));
        assertThat(noKey.stream().filter(r -> r.status() == 200)).hasSize(1);
        assertThat(noKey.stream().filter(r -> r.status() == 400 && r.body().contains("ALREADY_PROCESSED_PAYMENT")))
                .hasSize(49);
        assertThat(toss.charges("order-race-2")).isEqualTo(1);
        assertThat(toss.confirmCalls("order-race-2")).isEqualTo(50);
    }

    @Test
    void sessionExpiresTenMinutesAfterAuthentication() throws Exception {
        String key = toss.checkout("order-late-1", 10_000, Method.CARD);
        toss.advance(Duration.ofMinutes(11));

        Reply late = confirm(key, "order-late-1", 10_000, "late");
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.code()).isEqualTo("NOT_FOUND_PAYMENT_SESSION");
        assertThat(get("/v1/payments/" + key, AUTH).json().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(toss.charges("order-late-1")).isZero();

        Reply unknown = confirm("tnoshNoSuchKey", "order-late-1", 10_000, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND_PAYMENT_SESSION");
    }

    @Test
    void mismatchedAmountOrOrderIsRefusedWithoutConsumingTheSession() throws Exception {
        String key = toss.checkout("order-mis-1", 10_000, Method.CARD);
        Reply amount = confirm(key, "order-mis-1", 1_000, null);
        assertThat(amount.status()).isEqualTo(400);
        assertThat(amount.code()).isEqualTo("INVALID_REQUEST");
        Reply order = confirm(key, "order-mis-2", 10_000, null);
        assertThat(order.status()).isEqualTo(404);
        assertThat(order.code()).isEqualTo("NOT_FOUND_PAYMENT_SESSION");
        Reply badId = confirm(key, "bad id!", 10_000, null);
        assertThat(badId.code()).isEqualTo("INVALID_ORDER_ID");
        Reply tooLongKey = confirm(key, "order-mis-1", 10_000, "k".repeat(301));
        assertThat(tooLongKey.status()).isEqualTo(400);
        assertThat(tooLongKey.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");

        assertThat(confirm(key, "order-mis-1", 10_000, null).status()).isEqualTo(200);
        assertThat(toss.charges("order-mis-1")).isEqualTo(1);
    }

    @Test
    void idempotencyKeysLastFifteenDays() throws Exception {
        String key = toss.checkout("order-ttl-1", 10_000, Method.CARD);
        Reply first = confirm(key, "order-ttl-1", 10_000, "ttl");
        toss.advance(Duration.ofDays(14));
        assertThat(confirm(key, "order-ttl-1", 10_000, "ttl").body()).isEqualTo(first.body());
        toss.advance(Duration.ofDays(2));
        Reply after = confirm(key, "order-ttl-1", 10_000, "ttl");
        assertThat(after.code()).isEqualTo("ALREADY_PROCESSED_PAYMENT");
        assertThat(toss.charges("order-ttl-1")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ virtual account and webhooks

    @Test
    void virtualAccountIsPaidByDepositAndAnnouncedWithItsSecret() throws Exception {
        toss.webhookUrl(hookUrl());
        String key = toss.checkout("order-va-1", 250_000, Method.VIRTUAL_ACCOUNT);
        Reply issued = confirm(key, "order-va-1", 250_000, "va-1");

        assertThat(issued.status()).isEqualTo(200);
        JsonNode p = issued.json();
        assertThat(p.path("status").asText()).isEqualTo("WAITING_FOR_DEPOSIT");
        assertThat(p.path("method").asText()).isEqualTo("가상계좌");
        assertThat(p.path("approvedAt").isNull()).isTrue();
        JsonNode va = p.path("virtualAccount");
        assertThat(va.path("accountNumber").asText()).startsWith("X");
        assertThat(va.path("bankCode").asText()).isEqualTo("20");
        assertThat(va.path("customerName").asText()).isNotEmpty();
        assertThat(va.path("expired").asBoolean()).isFalse();
        assertThat(va.path("refundStatus").asText()).isEqualTo("NONE");
        OffsetDateTime due = OffsetDateTime.parse(va.path("dueDate").asText());
        OffsetDateTime requested = OffsetDateTime.parse(p.path("requestedAt").asText());
        assertThat(Duration.between(requested, due)).isBetween(Duration.ofDays(3).minusSeconds(5), Duration.ofDays(3).plusSeconds(5));
        String secret = p.path("secret").asText();
        assertThat(secret).startsWith("ps_");
        assertThat(toss.charges("order-va-1")).isZero();

        assertThat(toss.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
        assertThat(toss.deposit("order-va-1")).isTrue();

        assertThat(received).hasSize(2);
        Received issuedHook = received.get(0);
        assertThat(issuedHook.json().path("status").asText()).isEqualTo("WAITING_FOR_DEPOSIT");
        Received doneHook = received.get(1);
        JsonNode done = doneHook.json();
        assertThat(done.has("eventType")).isFalse();
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("secret").asText()).isEqualTo(secret);
        assertThat(done.path("orderId").asText()).isEqualTo("order-va-1");
        assertThat(done.path("transactionKey").asText()).hasSize(32);
        assertThat(done.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(doneHook.header("Content-Type")).startsWith("application/json");
        assertThat(doneHook.header("tosspayments-webhook-transmission-id")).startsWith("whtrans_");
        assertThat(doneHook.header("tosspayments-webhook-transmission-retried-count")).isEqualTo("0");
        assertThat(OffsetDateTime.parse(doneHook.header("tosspayments-webhook-transmission-time"))).isNotNull();
        assertThat(toss.webhookDeliveries()).extracting(WebhookDelivery::eventType, WebhookDelivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DEPOSIT_CALLBACK", 200),
                        org.assertj.core.groups.Tuple.tuple("DEPOSIT_CALLBACK", 200));

        JsonNode paid = get("/v1/payments/orders/order-va-1", AUTH).json();
        assertThat(paid.path("status").asText()).isEqualTo("DONE");
        assertThat(paid.path("approvedAt").isNull()).isFalse();
        assertThat(toss.charges("order-va-1")).isEqualTo(1);
        assertThat(toss.deposit("order-va-1")).isFalse();
        assertThat(toss.charges("order-va-1")).isEqualTo(1);
    }

    @Test
    void virtualAccountPastItsDueDateTakesNoDeposit() throws Exception {
        String key = toss.checkout("order-va-late", 40_000, Method.VIRTUAL_ACCOUNT);
        assertThat(confirm(key, "order-va-late", 40_000, null).status()).isEqualTo(200);
        toss.advance(Duration.ofDays(3).plusMinutes(1));

        assertThat(toss.deposit("order-va-late")).isFalse();
        JsonNode p = get("/v1/payments/" + key, AUTH).json();
        // Toss's flow: past the due date the status stays WAITING_FOR_DEPOSIT (no webhook); expired flips
        assertThat(p.path("status").asText()).isEqualTo("WAITING_FOR_DEPOSIT");
        assertThat(p.path("virtualAccount").path("expired").asBoolean()).isTrue();
        assertThat(toss.charges("order-va-late")).isZero();
        assertThat(toss.deposit("no-such-order")).isFalse();
    }

    @Test
    void failedWebhooksAreRetriedOnTossScheduleAsTheClockMoves() throws Exception {
        toss.webhookUrl(hookUrl());
        String key = toss.checkout("order-retry-1", 20_000, Method.VIRTUAL_ACCOUNT);
        confirm(key, "order-retry-1", 20_000, null);
        assertThat(toss.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
        received.clear();

        receiverAnswers.addAll(List.of(500, 503));
        assertThat(toss.deposit("order-retry-1")).isTrue();
        assertThat(received).hasSize(1);
        toss.advance(Duration.ofSeconds(59));
        assertThat(received).hasSize(1);
        toss.advance(Duration.ofSeconds(2)); // 1 min: retry 1 (503)
        toss.advance(Duration.ofMinutes(4)); // +4 min: retry 2 (200)
        toss.advance(Duration.ofDays(4));
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("tosspayments-webhook-transmission-retried-count"))
                .containsExactly("0", "1", "2");
        assertThat(received.stream().map(r -> r.header("tosspayments-webhook-transmission-id")).distinct()).hasSize(1);
        assertThat(received.stream().map(Received::body).distinct()).hasSize(1);
        assertThat(toss.webhookDeliveries()).extracting(WebhookDelivery::status).endsWith(500, 503, 200);

        // never answered 200: the first attempt and 7 retries, over 3 days 19 hours
        toss.reset();
        received.clear();
        toss.webhookUrl(hookUrl());
        String key2 = toss.checkout("order-retry-2", 20_000, Method.VIRTUAL_ACCOUNT);
        confirm(key2, "order-retry-2", 20_000, null);
        assertThat(toss.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
        received.clear();
        for (int i = 0; i < 20; i++) {
            receiverAnswers.add(500);
        }
        toss.advance(Duration.ofDays(1)); // the issue callback answered 200 already: nothing due
        toss.deposit("order-retry-2");
        toss.advance(Duration.ofMinutes(5460));
        assertThat(received).hasSize(7);
        toss.advance(Duration.ofMinutes(1));
        toss.advance(Duration.ofDays(30));
        assertThat(received).hasSize(8);
    }

    @Test
    void paymentStatusChangedCarriesThePaymentObject() throws Exception {
        toss.webhookUrl(hookUrl());
        String key = toss.checkout("order-psc-1", 15_000, Method.CARD);
        String secret = confirm(key, "order-psc-1", 15_000, null).json().path("secret").asText();
        toss.sendPaymentStatusChanged("order-psc-1");

        assertThat(received).hasSize(1);
        JsonNode event = received.getFirst().json();
        assertThat(event.path("eventType").asText()).isEqualTo("PAYMENT_STATUS_CHANGED");
        assertThat(event.path("createdAt").asText()).isNotEmpty();
        assertThat(event.path("data").path("status").asText()).isEqualTo("DONE");
        assertThat(event.path("data").path("paymentKey").asText()).isEqualTo(key);
        assertThat(event.path("data").path("secret").asText()).isEqualTo(secret);
        assertThat(toss.webhookDeliveries()).singleElement()
                .satisfies(d -> assertThat(d.eventType()).isEqualTo("PAYMENT_STATUS_CHANGED"));
    }

    // ------------------------------------------------------------------ faults

    @Test
    void serverAndProviderErrorsProcessNothing() throws Exception {
        String key = toss.checkout("order-fault-1", 10_000, Method.CARD);
        toss.inject(Fault.SERVER_ERROR, 1);
        toss.inject(Fault.PROVIDER_ERROR, 1);

        Reply server = confirm(key, "order-fault-1", 10_000, "f1");
        assertThat(server.status()).isEqualTo(500);
        assertThat(server.code()).isEqualTo("FAILED_INTERNAL_SYSTEM_PROCESSING");
        Reply provider = confirm(key, "order-fault-1", 10_000, "f1");
        assertThat(provider.status()).isEqualTo(400);
        assertThat(provider.code()).isEqualTo("PROVIDER_ERROR");
        assertThat(toss.charges("order-fault-1")).isZero();
        assertThat(get("/v1/payments/" + key, AUTH).json().path("status").asText()).isEqualTo("IN_PROGRESS");

        Reply retry = confirm(key, "order-fault-1", 10_000, "f1");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(toss.charges("order-fault-1")).isEqualTo(1);
        assertThat(toss.confirmCalls("order-fault-1")).isEqualTo(3);
    }

    @Test
    void timeoutHoldsTheAnswerAndProcessesNothing() throws Exception {
        String key = toss.checkout("order-slow-1", 10_000, Method.CARD);
        toss.inject(Fault.TIMEOUT, 1);

        HttpRequest slow = confirmRequest(key, "order-slow-1", 10_000, "slow").timeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> http.send(slow, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(toss.charges("order-slow-1")).isZero();

        Reply sameKey = confirm(key, "order-slow-1", 10_000, "slow");
        assertThat(sameKey.status()).isEqualTo(409);
        assertThat(sameKey.code()).isEqualTo("IDEMPOTENT_REQUEST_PROCESSING");

        Reply otherKey = confirm(key, "order-slow-1", 10_000, "slow-2");
        assertThat(otherKey.status()).isEqualTo(200);
        assertThat(toss.charges("order-slow-1")).isEqualTo(1);
        assertThat(toss.confirmCalls("order-slow-1")).isEqualTo(3);
    }

    @Test
    void answerLostAfterTheChargeIsRecoveredWithTheSameKey() throws Exception {
        String key = toss.checkout("order-lost-1", 64_000, Method.CARD);
        toss.inject(Fault.ANSWER_LOST, 1);

        HttpRequest lost = confirmRequest(key, "order-lost-1", 64_000, "lost").timeout(Duration.ofSeconds(1)).build();
        assertThatThrownBy(() -> http.send(lost, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(toss.charges("order-lost-1")).isEqualTo(1);

        Reply sameKey = confirm(key, "order-lost-1", 64_000, "lost");
        assertThat(sameKey.status()).isEqualTo(200);
        assertThat(sameKey.json().path("status").asText()).isEqualTo("DONE");
        assertThat(confirm(key, "order-lost-1", 64_000, "lost-2").code()).isEqualTo("ALREADY_PROCESSED_PAYMENT");
        assertThat(get("/v1/payments/orders/order-lost-1", AUTH).json().path("status").asText()).isEqualTo("DONE");
        assertThat(toss.charges("order-lost-1")).isEqualTo(1);
    }

    @Test
    void rejectedCardAbortsThePayment() throws Exception {
        String key = toss.checkout("order-reject-1", 3_000_000, Method.CARD);
        toss.inject(Fault.REJECT_CARD, 1);

        Reply rejected = confirm(key, "order-reject-1", 3_000_000, "r1");
        assertThat(rejected.status()).isEqualTo(403);
        assertThat(rejected.code()).isEqualTo("REJECT_CARD_PAYMENT");
        assertThat(rejected.json().path("message").asText()).isEqualTo("한도초과 혹은 잔액부족으로 결제에 실패했습니다.");
        assertThat(confirm(key, "order-reject-1", 3_000_000, "r1").body()).isEqualTo(rejected.body());

        JsonNode p = get("/v1/payments/" + key, AUTH).json();
        assertThat(p.path("status").asText()).isEqualTo("ABORTED");
        assertThat(p.path("failure").path("code").asText()).isEqualTo("REJECT_CARD_PAYMENT");
        assertThat(confirm(key, "order-reject-1", 3_000_000, "r2").code()).isEqualTo("NOT_FOUND_PAYMENT_SESSION");
        assertThat(toss.charges("order-reject-1")).isZero();

        // the buyer tries again through the widget: a new session for the same order
        String again = toss.checkout("order-reject-1", 3_000_000, Method.CARD);
        assertThat(confirm(again, "order-reject-1", 3_000_000, "r3").status()).isEqualTo(200);
        assertThat(toss.charges("order-reject-1")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ cancel

    @Test
    void cancelsACardPaymentInPartsThenFully() throws Exception {
        String key = toss.checkout("order-cancel-1", 100_000, Method.CARD);
        confirm(key, "order-cancel-1", 100_000, null);

        Reply partial = cancel(key, "{\"cancelReason\":\"일부 환불\",\"cancelAmount\":30000}", "c1");
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().path("status").asText()).isEqualTo("PARTIAL_CANCELED");
        assertThat(partial.json().path("balanceAmount").asLong()).isEqualTo(70_000);
        assertThat(cancel(key, "{\"cancelReason\":\"일부 환불\",\"cancelAmount\":30000}", "c1").body())
                .isEqualTo(partial.body());

        Reply tooMuch = cancel(key, "{\"cancelReason\":\"과다\",\"cancelAmount\":80000}", null);
        assertThat(tooMuch.status()).isEqualTo(403);
        assertThat(tooMuch.code()).isEqualTo("NOT_CANCELABLE_AMOUNT");

        Reply full = cancel(key, "{\"cancelReason\":\"구매자 요청\"}", "c2");
        assertThat(full.status()).isEqualTo(200);
        JsonNode p = full.json();
        assertThat(p.path("status").asText()).isEqualTo("CANCELED");
        assertThat(p.path("balanceAmount").asLong()).isZero();
        assertThat(p.path("cancels")).hasSize(2);
        assertThat(p.path("cancels").get(1).path("cancelAmount").asLong()).isEqualTo(70_000);
        assertThat(p.path("cancels").get(1).path("cancelStatus").asText()).isEqualTo("DONE");
        assertThat(p.path("cancels").get(1).path("refundableAmount").asLong()).isZero();

        Reply again = cancel(key, "{\"cancelReason\":\"또\"}", null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("ALREADY_CANCELED_PAYMENT");
        assertThat(toss.charges("order-cancel-1")).isEqualTo(1);
    }

    @Test
    void cancelRefusals() throws Exception {
        Reply unknown = cancel("tnoshNoSuchKey", "{\"cancelReason\":\"x\"}", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND_PAYMENT");

        String key = toss.checkout("order-cancel-2", 10_000, Method.CARD);
        Reply notYet = cancel(key, "{\"cancelReason\":\"x\"}", null);
        assertThat(notYet.status()).isEqualTo(403);
        assertThat(notYet.code()).isEqualTo("NOT_CANCELABLE_PAYMENT");
        confirm(key, "order-cancel-2", 10_000, null);
        assertThat(cancel(key, "{}", null).code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void cancelsVirtualAccountsBeforeAndAfterDeposit() throws Exception {
        toss.webhookUrl(hookUrl());
        String unpaid = toss.checkout("order-vacancel-1", 50_000, Method.VIRTUAL_ACCOUNT);
        confirm(unpaid, "order-vacancel-1", 50_000, null);
        Reply partialBeforeDeposit = cancel(unpaid, "{\"cancelReason\":\"x\",\"cancelAmount\":100}", null);
        assertThat(partialBeforeDeposit.code()).isEqualTo("NOT_ALLOWED_PARTIAL_REFUND_WAITING_DEPOSIT");
        Reply beforeDeposit = cancel(unpaid, "{\"cancelReason\":\"입금 전 취소\"}", null);
        assertThat(beforeDeposit.status()).isEqualTo(200);
        assertThat(beforeDeposit.json().path("status").asText()).isEqualTo("CANCELED");
        assertThat(beforeDeposit.json().path("virtualAccount").path("refundStatus").asText()).isEqualTo("NONE");
        assertThat(toss.deposit("order-vacancel-1")).isFalse();

        String paid = toss.checkout("order-vacancel-2", 50_000, Method.VIRTUAL_ACCOUNT);
        confirm(paid, "order-vacancel-2", 50_000, null);
        assertThat(toss.deposit("order-vacancel-2")).isTrue();
        Reply noAccount = cancel(paid, "{\"cancelReason\":\"환불\"}", null);
        assertThat(noAccount.status()).isEqualTo(400);
        assertThat(noAccount.code()).isEqualTo("INVALID_REQUIRED_PARAM");
        Reply badNumber = cancel(paid, "{\"cancelReason\":\"환불\",\"refundReceiveAccount\":"
                + "{\"bank\":\"88\",\"accountNumber\":\"110-123\",\"holderName\":\"김토스\"}}", null);
        assertThat(badNumber.code()).isEqualTo("INVALID_REFUND_ACCOUNT_NUMBER");
        Reply refunded = cancel(paid, "{\"cancelReason\":\"환불\",\"refundReceiveAccount\":"
                + "{\"bank\":\"88\",\"accountNumber\":\"110123456789\",\"holderName\":\"김토스\"}}", "refund-1");
        assertThat(refunded.status()).isEqualTo(200);
        assertThat(refunded.json().path("status").asText()).isEqualTo("CANCELED");
        assertThat(refunded.json().path("virtualAccount").path("refundStatus").asText()).isEqualTo("PENDING");
        toss.advance(Duration.ofDays(2));
        assertThat(get("/v1/payments/" + paid, AUTH).json().path("virtualAccount").path("refundStatus").asText())
                .isEqualTo("COMPLETED");

        assertThat(toss.awaitWebhooks(Duration.ofSeconds(5))).isTrue();
        assertThat(received.stream().map(r -> r.body().contains("\"CANCELED\"")).filter(b -> b)).hasSize(2);
    }

    @Test
    void aRefundAccountTypedIntoTheWidgetIsShownForThirtyMinutesOnly() throws Exception {
        String key = toss.checkout("order-widget-1", 50_000, Method.VIRTUAL_ACCOUNT);
        toss.widgetRefundAccount(key, "88", "110987654321", "김토스");
        Reply issued = confirm(key, "order-widget-1", 50_000, null);
        assertThat(issued.json().path("virtualAccount").path("refundReceiveAccount").path("accountNumber").asText())
                .isEqualTo("110987654321");
        assertThat(issued.json().path("virtualAccount").path("refundReceiveAccount").path("holderName").asText())
                .isEqualTo("김토스");

        toss.advance(Duration.ofMinutes(31));
        assertThat(get("/v1/payments/" + key, AUTH).json().path("virtualAccount").get("refundReceiveAccount").isNull())
                .isTrue();
    }

    // ------------------------------------------------------------------ look-ups and helper routes

    @Test
    void looksPaymentsUpByKeyAndByOrder() throws Exception {
        Reply byKey = get("/v1/payments/tnoshNoSuchKey", AUTH);
        assertThat(byKey.status()).isEqualTo(404);
        assertThat(byKey.code()).isEqualTo("NOT_FOUND_PAYMENT");
        Reply byOrder = get("/v1/payments/orders/no-such-order", AUTH);
        assertThat(byOrder.status()).isEqualTo(404);
        assertThat(byOrder.code()).isEqualTo("NOT_FOUND_PAYMENT");

        String key = toss.checkout("order-look-1", 8_000, Method.CARD);
        Reply confirmed = confirm(key, "order-look-1", 8_000, null);
        assertThat(get("/v1/payments/" + key, AUTH).body()).isEqualTo(confirmed.body());
        assertThat(get("/v1/payments/orders/order-look-1", AUTH).body()).isEqualTo(confirmed.body());

        Reply english = send(HttpRequest.newBuilder(uri("/v1/payments/nope")).header("Authorization", AUTH)
                .header("Accept-Language", "en-US").GET().build());
        assertThat(english.json().path("message").asText()).isEqualTo("The payment does not exist.");
    }

    @Test
    void localHelperRoutesDriveTheEmulator() throws Exception {
        Reply checkout = local("POST", "checkout", "{\"orderId\":\"order-local-1\",\"amount\":30000,\"method\":\"VIRTUAL_ACCOUNT\"}");
        assertThat(checkout.status()).isEqualTo(200);
        String key = checkout.json().path("paymentKey").asText();
        assertThat(local("POST", "faults", "{\"fault\":\"SERVER_ERROR\",\"times\":1}").status()).isEqualTo(200);
        assertThat(confirm(key, "order-local-1", 30_000, null).status()).isEqualTo(500);
        assertThat(confirm(key, "order-local-1", 30_000, null).status()).isEqualTo(200);

        Reply deposit = local("POST", "deposit", "{\"orderId\":\"order-local-1\"}");
        assertThat(deposit.json().path("deposited").asBoolean()).isTrue();
        assertThat(deposit.json().path("webhookStatus").isNull()).isTrue();
        JsonNode calls = local("GET", "calls", null).json();
        assertThat(calls.path("order-local-1").path("confirmCalls").asInt()).isEqualTo(2);
        assertThat(calls.path("order-local-1").path("charges").asInt()).isEqualTo(1);

        assertThat(local("POST", "latency", "{\"millis\":50}").status()).isEqualTo(200);
        long start = System.nanoTime();
        get("/v1/payments/" + key, AUTH);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(local("POST", "checkout", "{\"orderId\":\"order-local-1\",\"amount\":1,\"method\":\"CARD\"}").code())
                .isEqualTo("DUPLICATED_ORDER_ID");
        assertThat(local("POST", "checkout", "{\"orderId\":\"bad\",\"amount\":1,\"method\":\"CARD\"}").code())
                .isEqualTo("INVALID_ORDER_ID");
    }

    // ------------------------------------------------------------------ plumbing

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static URI uri(String path) {
        return URI.create(toss.baseUrl() + path);
    }

    static String confirmBody(String paymentKey, String orderId, long amount) {
        return "{\"paymentKey\":\"" + paymentKey + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}";
    }

    static HttpRequest.Builder confirmRequest(String paymentKey, String orderId, long amount, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/payments/confirm"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", AUTH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(confirmBody(paymentKey, orderId, amount)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    static Reply confirm(String paymentKey, String orderId, long amount, String idempotencyKey) throws Exception {
        return send(confirmRequest(paymentKey, orderId, amount, idempotencyKey).build());
    }

    static Reply cancel(String paymentKey, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/payments/" + paymentKey + "/cancel"))
                .header("Authorization", AUTH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    static Reply get(String path, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return send(request.build());
    }

    static Reply local(String method, String route, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/_local/toss/" + route));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    static Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body());
    }

    static List<Reply> concurrently(int n, Callable<Reply> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ready = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.incrementAndGet();
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get());
            }
            assertThat(ready.get()).isEqualTo(n);
            return replies;
        }
    }
}
