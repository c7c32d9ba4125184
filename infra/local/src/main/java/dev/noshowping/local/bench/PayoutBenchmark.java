package dev.noshowping.local.bench;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.db.Database;
import dev.noshowping.emulator.toss.PayoutLedger;
import dev.noshowping.emulator.toss.TossEmulator;
import dev.noshowping.local.LocalStack;
import dev.noshowping.testkit.Marketplace;
import dev.noshowping.testkit.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./bench.sh payout}: N completed orders (10 000) of M verified merchants (1 000), their
 * settlements due, paid out by one run of PayoutFunction through the Toss emulator's payout API
 * (JWE both ways, answering after L ms), then the emulator completes the transfers and a second
 * run follows them up. Prints payouts sent, Toss calls, duplicates (goal 0), money invariant
 * violations (goal 0), paid = settled net, wall time and the emulator's limit: the run's calls
 * are sequential, so it cannot beat (M registrations + ⌈M ÷ 100⌉ requests + 1 balance) × L.
 * A program, not a test: it asserts nothing, it prints.
 */
public final class PayoutBenchmark {

    private PayoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("./bench.sh payout")
                .option("-n", "orders", 10_000, 1)
                .option("-m", "merchants", 1_000, 1)
                .option("-l", "latency-ms", 20, 0)
                .parse(args);
        BenchStack.run("payout", (stack, dir) -> run(stack, options.get("-n"), Math.min(options.get("-m"), options.get("-n")),
                options.get("-l")));
    }

    private static void run(LocalStack stack, int orders, int merchants, int latencyMs) throws Exception {
        TossEmulator toss = stack.toss();
        PayoutLedger ledger = toss.payouts();
        System.out.printf("payout: %d completed orders of %d verified merchants, due today; Toss emulator answering after %d ms%n",
                orders, merchants, latencyMs);
        long template = Marketplace.articleOnSale("bench-payout-template", 200_000);
        long setupStart = System.nanoTime();
        try (Connection c = Database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            // M sellers like the template's merchant (same encrypted account), each with N/M sold articles
            try (PreparedStatement s = c.prepareStatement("""
                    with users as (
                        insert into app_user (external_subject, phone)
                        select 'bench-payout-seller-' || g, '+8210' || (20000000 + g) from generate_series(1, ?) g
                        returning id),
                    merchants as (
                        insert into merchant (user_id, merchant_name, payout_bank, payout_account_masked,
                                              payout_account_encrypted, verified_at)
                        select users.id, '벤치 숙소', m.payout_bank, m.payout_account_masked, m.payout_account_encrypted, now()
                        from users, merchant m join article a on a.merchant_id = m.id where a.id = ?
                        returning id, user_id),
                    numbered as (select id, user_id, row_number() over (order by id) - 1 as k from merchants),
                    articles as (
                        insert into article (merchant_id, title, accommodation_name, region, check_in, check_out,
                                             original_price, sale_price, status)
                        select n.id, a.title || ' ' || g, a.accommodation_name, a.region, a.check_in, a.check_out,
                               a.original_price, 100000 + (g % 7) * 1000, 'SOLD'
                        from generate_series(0, ? - 1) g join numbered n on n.k = g % ?, article a where a.id = ?
                        returning id, merchant_id, sale_price),
                    buyer as (insert into app_user (external_subject) values ('bench-payout-buyer') returning id),
                    completed as (
                        insert into orders (origin_order_id, article_id, buyer_user_id, seller_user_id, amount, status,
                                            hold_expires_at, guest_name, paid_at, completed_at)
                        select 'ord_bench_' || ar.id, ar.id, buyer.id, n.user_id, ar.sale_price, 'COMPLETED', now(),
                               '김벤치', now(), now()
                        from articles ar join numbered n on n.id = ar.merchant_id, buyer
                        returning id, article_id, amount)
                    insert into settlement (order_id, merchant_id, gross, fee_bps, fee, net, payable_on)
                    select o.id, ar.merchant_id, o.amount, 500, o.amount * 500 / 10000, o.amount - o.amount * 500 / 10000,
                           current_date - 1
                    from completed o join articles ar on ar.id = o.article_id""")) {
                s.setInt(1, merchants);
                s.setLong(2, template);
                s.setInt(3, orders);
                s.setInt(4, merchants);
                s.setLong(5, template);
                s.executeUpdate();
            }
            c.commit();
        }
        long settledNet = count("select sum(net) from settlement");
        System.out.printf("set-up             %d settlements, %,d won net, in %.1f s%n",
                count("select count(*) from settlement"), settledNet, (System.nanoTime() - setupStart) / 1e9);
        ledger.setBalance(settledNet * 2);
        toss.latency(Duration.ofMillis(latencyMs));

        long start = System.nanoTime();
        Object first = stack.host().invoke("PayoutFunction", "schedule", "", scheduled(), String::valueOf);
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        int requests = ledger.payoutRequestCalls();
        ledger.completePayouts();
        long followStart = System.nanoTime();
        Object second = stack.host().invoke("PayoutFunction", "schedule", "", scheduled(), String::valueOf);
        double secondSeconds = (System.nanoTime() - followStart) / 1e9;

        var sent = ledger.payouts();
        Map<String, Long> perRef = sent.stream().collect(Collectors.groupingBy(PayoutLedger.Payout::refPayoutId, Collectors.counting()));
        long duplicates = perRef.values().stream().filter(n -> n > 1).count();
        long paid = sent.stream().mapToLong(PayoutLedger.Payout::amount).sum();
        double limit = (merchants + Math.ceil(merchants / 100.0) + 1) * latencyMs / 1000.0;
        System.out.printf("run 1              %s in %.2f s (%d payout requests to Toss)%n", first, firstSeconds, requests);
        System.out.printf("run 2 (follow-up)  %s in %.2f s%n", second, secondSeconds);
        System.out.printf("payouts sent       %d (one per merchant: %d), completed %d%n", sent.size(), merchants,
                count("select count(*) from payout where status = 'COMPLETED'"));
        System.out.printf("duplicates         %d refPayoutIds sent more than once (goal 0)%n", duplicates);
        System.out.printf("paid               %,d won of %,d won settled net; settlements not in a payout %d%n", paid, settledNet,
                count("select count(*) from settlement where payout_id is null"));
        System.out.printf("money violations   %d order, %d payout (goal 0)%n",
                count("select count(*) from money_violation"), count("select count(*) from payout_violation"));
        System.out.printf("emulator's limit   (%d registrations + %d requests + 1 balance) × %d ms = %.2f s; run 1 / limit = %.2f%n",
                merchants, (int) Math.ceil(merchants / 100.0), latencyMs, limit, limit == 0 ? 0 : firstSeconds / limit);
        System.out.printf("per payout         %.2f ms of run 1%n", firstSeconds * 1000 / Math.max(1, sent.size()));
    }

    private static ScheduledEvent scheduled() {
        ScheduledEvent event = new ScheduledEvent();
        event.setDetailType("Scheduled Event");
        event.setSource("aws.scheduler");
        return event;
    }

    private static long count(String sql) throws Exception {
        return Rows.number(Database.dataSource(), sql);
    }
}
