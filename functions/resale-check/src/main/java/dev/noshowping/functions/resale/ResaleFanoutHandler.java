package dev.noshowping.functions.resale;

import com.amazonaws.services.lambda.runtime.Context;
import dev.noshowping.aws.AwsClients;
import dev.noshowping.config.Environment;
import dev.noshowping.db.Database;
import dev.noshowping.lambda.ScheduledEvents.Firing;
import dev.noshowping.lambda.ScheduledFunction;
import dev.noshowping.resale.StartResaleChecks;
import java.util.Map;

/** Schedule: articles due for their 24 h resale check, one {@code resale-checks} message each. */
public final class ResaleFanoutHandler extends ScheduledFunction {

    private final StartResaleChecks start = new StartResaleChecks(Database::dataSource,
            AwsClients::sqs,
            () -> Environment.current().require("RESALE_CHECKS_QUEUE_URL"),
            Environment.current().getInt("RESALE_FANOUT_MAX", 20_000));

    @Override
    protected Map<String, Object> run(Firing firing, Context context) {
        return start.start();
    }
}
