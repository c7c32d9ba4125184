package dev.noshowping.emulator.toss;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The emulator's webhook sender: posts an event to the {@link #url} with Toss's transmission
 * headers, logs every attempt, and retries an attempt not answered 200 on Toss's schedule (1, 4,
 * 16, 64, 256, 1024, 4096 minutes after the first) as the emulator clock reaches it. A reset
 * forgets what was pending: an attempt from before it is neither logged nor retried.
 */
final class TossWebhooks implements AutoCloseable {

    static final long[] RETRY_MINUTES = {1, 4, 16, 64, 256, 1024, 4096};
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** {@code signer}: the {@code tosspayments-webhook-signature} for a transmission time (payout webhooks only). */
    private record Pending(String eventType, String body, String url, String transmissionId, int retriedCount,
            Instant scheduledAt, int epoch, Function<String, String> signer) {
    }

    private final Supplier<Instant> clock;
    private final ExecutorService executor;
    private final HttpClient client;
    private final SecureRandom random = new SecureRandom();
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Pending> retries = new ConcurrentLinkedDeque<>();
    private final Set<CompletableFuture<?>> inflight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger epoch = new AtomicInteger();
    private volatile String url;

    TossWebhooks(Supplier<Instant> clock, ExecutorService executor) {
        this.clock = clock;
        this.executor = executor;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .executor(executor)
                .build();
    }

    void url(String url) {
        this.url = url;
    }

    String url() {
        return url;
    }

    /** Posts now and returns the receiver's status once answered (-1: unreachable); -1 when no URL is set. */
    int send(String eventType, String body) {
        return send(eventType, body, null);
    }

    /** The same with a signature header (payout.changed). */
    int send(String eventType, String body, Function<String, String> signer) {
        String target = url;
        return target == null ? -1
                : deliver(new Pending(eventType, body, target, transmissionId(), 0, clock.get(), epoch.get(), signer));
    }

    /** Posts on another thread (what Toss sends after an answer: virtual-account issue, cancel callbacks). */
    void sendInBackground(String eventType, String body) {
        String target = url;
        if (target == null) {
            return;
        }
        Pending webhook = new Pending(eventType, body, target, transmissionId(), 0, clock.get(), epoch.get(), null);
        CompletableFuture<?> future = CompletableFuture.runAsync(() -> deliver(webhook), executor);
        inflight.add(future);
        future.whenComplete((r, e) -> inflight.remove(future));
    }

    /** Every attempt so far, retries included, in the order they were answered. */
    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Waits until the background posts were answered; true if none is left in flight. */
    boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inflight.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(inflight.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                // a failed delivery is recorded by itself; keep waiting for the rest
            }
        }
        return true;
    }

    /** Sends the retries the emulator clock has reached, earliest first. */
    void sendDueRetries() {
        while (true) {
            Instant now = clock.get();
            Pending next = retries.stream()
                    .filter(w -> !w.scheduledAt().isAfter(now))
                    .min(Comparator.comparing(Pending::scheduledAt))
                    .orElse(null);
            if (next == null || !retries.remove(next)) {
                return;
            }
            deliver(next);
        }
    }

    /** Forgets the URL, the log and the pending retries; attempts still in flight are not logged. */
    void reset() {
        epoch.incrementAndGet();
        deliveries.clear();
        retries.clear();
        url = null;
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** One attempt; a non-200 answer schedules the next retry on Toss's schedule. Returns the status (-1: none). */
    private int deliver(Pending webhook) {
        int status;
        try {
            String time = TossPayment.time(clock.get());
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("tosspayments-webhook-transmission-id", webhook.transmissionId())
                    .header("tosspayments-webhook-transmission-time", time)
                    .header("tosspayments-webhook-transmission-retried-count", Integer.toString(webhook.retriedCount()));
            if (webhook.signer() != null) {
                builder.header("tosspayments-webhook-signature", webhook.signer().apply(time));
            }
            HttpRequest request = builder
                    .POST(HttpRequest.BodyPublishers.ofString(webhook.body(), StandardCharsets.UTF_8))
                    .build();
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | RuntimeException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        if (webhook.epoch() != epoch.get()) {
            return status; // reset since: forgotten
        }
        deliveries.add(new WebhookDelivery(webhook.eventType(), status, webhook.body()));
        if (status != 200 && webhook.retriedCount() < RETRY_MINUTES.length) {
            retries.add(new Pending(webhook.eventType(), webhook.body(), webhook.url(), webhook.transmissionId(),
                    webhook.retriedCount() + 1,
                    webhook.scheduledAt().plus(Duration.ofMinutes(RETRY_MINUTES[webhook.retriedCount()])),
                    webhook.epoch(), webhook.signer()));
        }
        return status;
    }

    private String transmissionId() {
        StringBuilder sb = new StringBuilder("whtrans_");
        for (int i = 0; i < 26; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
