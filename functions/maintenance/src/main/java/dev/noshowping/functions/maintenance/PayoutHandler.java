package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.crypto.Reencryption;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Deadline;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.ScheduledEvents.Firing;
import dev.noshowping.lambda.ScheduledFunction;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payout.PayoutRun;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Daily: the sellers' money that is due goes out through TossPayments' payouts ({@link PayoutRun});
 * then values sealed under a key that is no longer current are sealed again ({@link Reencryption}:
 * this is the function that holds the data key and runs daily anyway).
 */
public final class PayoutHandler extends ScheduledFunction {

    /** Kept free at the end of the run to answer. */
    private static final Duration STOP_BEFORE_TIMEOUT = Duration.ofSeconds(10);

    private final Lazy<FieldCipher> cipher = Lazy.of(() -> FieldCipher.from(Environment.current(), Secrets::get));
    private final PayoutRun payouts = new PayoutRun(Database::dataSource,
            Lazy.of(() -> TossPayoutClient.from(Environment.current(), Secrets::get)), cipher, Clock.systemUTC());
    private final Reencryption reencryption = new Reencryption(Database::dataSource, cipher);

    @Override
    protected Map<String, Object> run(Firing firing, Context context) {
        Map<String, Object> summary = new LinkedHashMap<>(payouts.run());
        summary.putAll(reencryption.run(Deadline.of(context, STOP_BEFORE_TIMEOUT)));
        return summary;
    }
}
