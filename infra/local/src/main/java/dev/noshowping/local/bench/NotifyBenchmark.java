package dev.noshowping.local.bench;

import dev.noshowping.db.Database;
import dev.noshowping.local.LocalStack;
import dev.noshowping.testkit.Rows;
import dev.noshowping.outbox.OutboxPublisher;
import dev.noshowping.testkit.notify.SolapiEmulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./bench.sh notify}: N outbox rows, as requests that crashed before publishing would leave
 * them, go out the way the maintenance sweep sends them: published to the local notifications queue,
 * consumed by the AlimtalkFunction through the local SQS event source (its pollers, batches of 10,
 * partial batch responses), sent to the SOLAPI and Discord emulators over real sockets. Nine rows in
 * ten are a buyer's alimtalk, one in ten an operations post on Discord.
 *
 * <p>Prints messages per second (first publish to last notification recorded), duplicates (messages
 * an emulator received more than once for one outbox row; goal 0) and lost (rows without a SENT
 * notification once the queue is drained; goal 0), plus the DLQ depth and CPU per message. With
 * {@code -f F}, SOLAPI answers the first F sends with a 500: those come back after the consumer's
 * backoff (20 s), so the run shows retries losing nothing, at the price of the wait. A program, not
 * a test: it asserts nothing, it prints.
 */
public final class NotifyBenchmark {

    private NotifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions("./bench.sh notify")
                .option("-n", "rows", 10_000, 1)
                .option("-u", "users", 1_000, 1)
                .option("-f", "solapi-500s", 0, 0)
                .parse(args);
        int rows = options.get("-n");
        int users = options.get("-u");
        int faults = options.get("-f");
        BenchStack.run("notify", (stack, dir) -> run(stack, dir, rows, users, faults));
    }

    private static void run(LocalStack stack, Path dir, int rows, int users, int faults) throws Exception {
        System.out.printf("notify: %d outbox rows (alimtalk 9 in 10, Discord 1 in 10) to %d users, %d SOLAPI 500s injected%n",
                rows, users, faults);
        try (Connection c = Database.dataSource().getConnection()) {
            c.createStatement().executeUpdate("""
                    insert into app_user (external_subject, phone)
                    select 'bench-notify-' || n, '+8210' || lpad(n::text, 8, '0') from generate_series(1, %d) n
                    """.formatted(users));
            // the payloads OrderNotifications and PaymentSettlement write; orderId makes every message tell-apart
            c.createStatement().executeUpdate("""
                    insert into outbox (topic, payload)
                    select case when n %% 10 = 0 then 'payment.orphaned' else 'order.paid.buyer' end,
                           case when n %% 10 = 0
                                then jsonb_build_object('orderId', 'bench-' || n, 'paymentKey', 'pk-' || n,
                                                        'amount', 100000 + n, 'orderStatus', 'EXPIRED')
                                else jsonb_build_object('orderId', 'bench-' || n, 'orderDbId', n, 'articleId', n,
                                                        'articleTitle', '벤치 호텔 ' || n || '박', 'amount', 100000 + n,
                                                        'recipientUserId', (select min(id) from app_user) + n %% %d,
                                                        'method', 'CARD', 'refunded', false)
                           end
                    from generate_series(1, %d) n
                    """.formatted(users, rows));
        }
        if (faults > 0) {
            stack.solapi().inject(SolapiEmulator.Fault.SERVER_ERROR, faults);
        }
        Cpu cpu = new Cpu(dir.resolve("pg"));
        OutboxPublisher publisher = OutboxPublisher.current().orElseThrow();
        Cpu.Sample before = cpu.sample();
        long start = System.nanoTime();
        int published = 0;
        for (int n; (n = publisher.publish(500)) > 0; ) {
            published += n;
        }
        long publishedAt = System.nanoTime();
        long deadline = publishedAt + 120_000_000_000L + faults * 1_000_000_000L;
        int finished = 0;
        while (System.nanoTime() < deadline) {
            finished = count("select count(*) from notification where status <> 'PENDING'");
            if (finished >= rows) {
                break;
            }
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        Cpu.Sample after = cpu.sample();

        Map<String, Integer> perOrder = new HashMap<>();
        stack.solapi().messages().forEach(m -> perOrder.merge(m.variables().get("#{orderId}"), 1, Integer::sum));
        stack.discord().contents().forEach(text -> perOrder.merge(text.replaceAll(".*주문 (bench-[0-9]+).*", "$1"), 1, Integer::sum));
        long duplicates = perOrder.values().stream().mapToLong(v -> v - 1L).sum();
        int sent = count("select count(*) from notification where status = 'SENT'");
        int lost = rows - sent;
        String dlq = stack.queueUrls().get("NotificationsQueueDLQ");
        String dlqDepth = dlq == null ? "?" : stack.sqs().getQueueAttributes(r -> r.queueUrl(dlq)
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages");
        double seconds = (end - start) / 1e9;
        double[] perMessage = Cpu.perOperation(before, after, Math.max(1, finished));

        System.out.printf("published          %d rows in %.2f s (%.0f rows/s)%n", published, (publishedAt - start) / 1e9,
                published / ((publishedAt - start) / 1e9));
        System.out.printf("delivered          %d of %d in %.2f s → %.0f messages/s%n", finished, rows, seconds, finished / seconds);
        System.out.printf("received           SOLAPI %d messages in %d requests, Discord %d posts%n",
                stack.solapi().messages().size(), stack.solapi().requests(), stack.discord().messages().size());
        System.out.printf("duplicates         %d   (goal 0)%n", duplicates);
        System.out.printf("lost               %d   (goal 0; rows without a SENT notification)%n", lost);
        System.out.printf("dead letters       %s%n", dlqDepth);
        System.out.printf("CPU per message    JVM %.2f ms, PostgreSQL %.2f ms%n", perMessage[0], perMessage[1]);
        System.out.printf("verdict            %s%n", duplicates == 0 && lost == 0 ? "goals met" : "GOALS MISSED");
    }

    private static int count(String sql) throws Exception {
        return (int) Rows.number(Database.dataSource(), sql);
    }
}
