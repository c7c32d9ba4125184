package dev.noshowping.functions.maintenance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.noshowping.aws.Secrets;
import dev.noshowping.config.Environment;
import dev.noshowping.crypto.FieldCipher;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.Lazy;
import dev.noshowping.lambda.ScheduledFunction;
import dev.noshowping.payment.payout.TossPayoutClient;
import dev.noshowping.payout.PayoutRun;
import java.time.Clock;
import java.util.Map;

/** Daily: the sellers' money that is due goes out through TossPayments' payouts ({@link PayoutRun}). */
public final class PayoutHandler extends ScheduledFunction {

    private final PayoutRun payouts = new PayoutRun(Database::dataSource,
            Lazy.of(() -> TossPayoutClient.from(Environment.current(), Secrets::get)),
            Lazy.of(() -> FieldCipher.from(Environment.current(), Secrets::get)), Clock.systemUTC());

    @Override
    protected Map<String, Object> run(ScheduledEvent event, Context context) {
        return payouts.run();
    }
}
