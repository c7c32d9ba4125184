package dev.noshowping.payout;

import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Transaction;
import dev.noshowping.log.JsonLog;
import dev.noshowping.merchant.RegisterMerchant;
import dev.noshowping.outbox.Outbox;
import dev.noshowping.payment.TossClient;
import dev.noshowping.payment.TossException;
import dev.noshowping.payment.payout.BankAccount;
import dev.noshowping.payment.payout.PayoutRequest;
import dev.noshowping.payment.payout.SellerRegistration;
import dev.noshowping.payment.payout.SellerStatus;
import dev.noshowping.payment.payout.TossPayout;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payment.payout.TossSeller;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The daily payout run (PayoutFunction). In order, each step safe to repeat and to run beside
 * another run:
 * <ol>
 *   <li>settle what an earlier run left unknown: payouts SENDING (answer lost) are looked up by
 *       their refPayoutId and recorded as Toss has them, or put back to PENDING if Toss never got
 *       them; payouts REQUESTED are asked for their outcome; FAILED ones get a new attempt under a
 *       new refPayoutId until {@link #MAX_ATTEMPTS}, then wait for staff;</li>
 *   <li>register verified merchants with money due as Toss sellers (an unverified merchant's money waits);</li>
 *   <li>claim each payable merchant's due settlements into one payout;</li>
 *   <li>send PENDING payouts, at most 100 per request and no more than Toss's available balance,
 *       each request under its own Idempotency-Key, its payouts marked SENDING before the call.</li>
 * </ol>
 * A payout is therefore sent under one refPayoutId at most once, and never sent again before a
 * look-up says Toss does not have it.
 */
public final class PayoutRun {

    public static final int MAX_ATTEMPTS = 3;
    private static final int BATCH = 100;
    private static final int LIMIT = 10_000;
    private static final List<String> PAYABLE = Arrays.stream(SellerStatus.values()).filter(SellerStatus::payable)
            .map(Enum::name).toList();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<DataSource> dataSource;
    private final Supplier<TossPayoutClient> toss;
    private final Supplier<FieldCipher> cipher;
    private final Clock clock;

    public PayoutRun(Supplier<DataSource> dataSource, Supplier<TossPayoutClient> toss, Supplier<FieldCipher> cipher,
                     Clock clock) {
        this.dataSource = dataSource;
        this.toss = toss;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A refPayoutId: ours, never used twice (Toss refuses a repeat). */
    static String newRef() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "po_" + HexFormat.of().formatHex(b);
    }

    public Map<String, Object> run() {
        LocalDate today = clock.instant().atZone(dev.noshowping.order.OrderPolicy.KOREA).toLocalDate();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("reconciled", reconcileSending());
        summary.put("followedUp", followUpRequested());
        summary.put("retried", retryFailed());
        summary.put("sellersRegistered", registerSellers(today));
        summary.put("payoutsClaimed", claim(today));
        summary.putAll(send());
        return summary;
    }

    /** SENDING payouts: their request's answer was never read. Toss has them, or they go back to PENDING. */
    private int reconcileSending() {
        int settled = 0;
        for (var p : read(c -> PayoutRepository.inState(c, PayoutState.SENDING, LIMIT))) {
            try {
                var found = toss.get().payoutByRef(p.refPayoutId());
                Transaction.run(dataSource.get(), c -> {
                    if (found.isPresent()) {
                        PayoutOutcomes.record(c, p, found.get());
                    } else {
                        PayoutRepository.unsent(c, p.id(), "NOT_RECEIVED", "Toss never received the request");
                    }
                    return null;
                });
                settled++;
            } catch (TossException | TossClient.Unanswered e) {
                JsonLog.warn("payout look-up deferred", Map.of("payoutId", p.id(), "error", e.toString()));
            }
        }
        return settled;
    }

    private int followUpRequested() {
        int changed = 0;
        for (var p : read(c -> PayoutRepository.inState(c, PayoutState.REQUESTED, LIMIT))) {
            try {
                TossPayout now = toss.get().payout(p.tossPayoutId());
                if (now.status().terminal()) {
                    Transaction.run(dataSource.get(), c -> {
                        PayoutOutcomes.record(c, p, now);
                        return null;
                    });
                    changed++;
                }
            } catch (TossException | TossClient.Unanswered e) {
                JsonLog.warn("payout follow-up deferred", Map.of("payoutId", p.id(), "error", e.toString()));
            }
        }
        return changed;
    }

    private int retryFailed() {
        int retried = 0;
        for (var p : read(c -> PayoutRepository.inState(c, PayoutState.FAILED, LIMIT))) {
            if (p.attempt() < MAX_ATTEMPTS && Transaction.run(dataSource.get(),
                    c -> PayoutRepository.retry(c, p.id(), p.attempt(), newRef()))) {
                retried++;
            }
        }
        return retried;
    }

    private int registerSellers(LocalDate today) {
        int registered = 0;
        for (var m : read(c -> PayoutRepository.unregisteredWithMoneyDue(c, today, LIMIT))) {
            try {
                String account = cipher.get().decrypt(m.accountEncrypted(), RegisterMerchant.ACCOUNT_AAD,
                        RegisterMerchant.accountRow(m.ownerSubject())).replace("-", "");
                // a merchant is registered as an individual seller: we verified who they are; business
                // sellers (with a registration number) are a later change of the merchant form
                TossSeller seller = toss.get().registerSeller(SellerRegistration.individual("m-" + m.merchantId(),
                        new SellerRegistration.Individual(m.merchantName(), null, m.phone()),
                        new BankAccount(m.bank(), account, m.merchantName())));
                Transaction.run(dataSource.get(), c -> {
                    PayoutRepository.saveSeller(c, m.merchantId(), seller.id(), seller.status());
                    return null;
                });
                registered++;
            } catch (TossException | TossClient.Unanswered | IllegalArgumentException e) {
                JsonLog.warn("seller registration deferred", Map.of("merchantId", m.merchantId(), "error", e.toString()));
            }
        }
        for (String sellerId : read(c -> PayoutRepository.sellersAwaitingApproval(c, today, PAYABLE, LIMIT))) {
            try {
                TossSeller now = toss.get().seller(sellerId);
                Transaction.run(dataSource.get(), c -> {
                    PayoutRepository.sellerStatus(c, sellerId, now.status());
                    return null;
                });
            } catch (TossException | TossClient.Unanswered e) {
                JsonLog.warn("seller look-up deferred", Map.of("sellerId", sellerId, "error", e.toString()));
            }
        }
        return registered;
    }

    private int claim(LocalDate today) {
        int claimed = 0;
        for (long merchant : read(c -> PayoutRepository.payableMerchantsWithMoneyDue(c, today, PAYABLE, LIMIT))) {
            if (Transaction.run(dataSource.get(), c -> PayoutRepository.claim(c, merchant, today, newRef())).isPresent()) {
                claimed++;
            }
        }
        return claimed;
    }

    private Map<String, Object> send() {
        long available;
        try {
            available = toss.get().balance().available();
        } catch (TossException | TossClient.Unanswered e) {
            JsonLog.warn("payout balance unavailable; nothing sent this run", Map.of("error", e.toString()));
            return Map.of("payoutsSent", 0, "requests", 0);
        }
        List<PayoutRepository.Payout> pending = read(c -> PayoutRepository.sendable(c, PAYABLE, LIMIT));
        List<PayoutRepository.Payout> fitting = new ArrayList<>();
        long left = available;
        long waiting = 0;
        for (var p : pending) {
            if (p.amount() <= left) {
                fitting.add(p);
                left -= p.amount();
            } else {
                waiting += p.amount();
            }
        }
        if (waiting > 0) {
            long short_ = waiting;
            long had = available;
            Transaction.run(dataSource.get(), c -> Outbox.add(c, "payout.balance_short",
                    Map.of("available", had, "waiting", short_)));
        }
        int sent = 0;
        int requests = 0;
        for (int from = 0; from < fitting.size(); from += BATCH) {
            var batch = fitting.subList(from, Math.min(fitting.size(), from + BATCH));
            sent += sendBatch(batch);
            requests++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payoutsSent", sent);
        out.put("requests", requests);
        out.put("waitingForBalance", waiting);
        return out;
    }

    private int sendBatch(List<PayoutRepository.Payout> batch) {
        String key = "payouts-" + UUID.randomUUID();
        List<Long> mine = Transaction.run(dataSource.get(),
                c -> PayoutRepository.markSending(c, batch.stream().map(PayoutRepository.Payout::id).toList(), key));
        List<PayoutRepository.Payout> sending = batch.stream().filter(p -> mine.contains(p.id())).toList();
        if (sending.isEmpty()) {
            return 0;
        }
        List<PayoutRequest> items = sending.stream().map(p -> PayoutRequest.express(p.refPayoutId(), p.tossSellerId(),
                p.amount(), "노쇼핑정산")).toList();
        try {
            List<TossPayout> answer = toss.get().requestPayouts(key, items);
            Map<String, TossPayout> byRef = new LinkedHashMap<>();
            answer.forEach(a -> byRef.put(a.refPayoutId(), a));
            Transaction.run(dataSource.get(), c -> {
                for (var p : sending) {
                    TossPayout at = byRef.get(p.refPayoutId());
                    if (at == null) {
                        PayoutRepository.unsent(c, p.id(), "NOT_IN_ANSWER", "Toss's answer did not list this payout");
                    } else {
                        PayoutOutcomes.record(c, p, at);
                    }
                }
                return null;
            });
            return sending.size();
        } catch (TossException e) {
            // refused as a whole (balance, a seller Toss will not pay, a bad item): nothing was paid
            Transaction.run(dataSource.get(), c -> {
                for (var p : sending) {
                    PayoutRepository.unsent(c, p.id(), e.code(), e.tossMessage());
                }
                Outbox.add(c, "payout.refused", Map.of("payouts", sending.size(), "code", e.code(),
                        "message", e.tossMessage()));
                return null;
            });
            return 0;
        } catch (TossClient.Unanswered e) {
            // they stay SENDING: the next run looks each one up before anything is sent again
            JsonLog.warn("payout request unanswered", Map.of("idempotencyKey", key, "payouts", sending.size()));
            return 0;
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        List<T> rows(java.sql.Connection c) throws java.sql.SQLException;
    }

    private <T> List<T> read(Query<T> query) {
        return Transaction.read(dataSource.get(), query::rows);
    }
}
