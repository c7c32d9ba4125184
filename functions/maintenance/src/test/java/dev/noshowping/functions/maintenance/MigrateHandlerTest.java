package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.PostgresExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

@ExtendWith(PostgresExtension.class)
class MigrateHandlerTest {

    @Test
    void migratingAnUpToDateSchemaAppliesNothingAndReportsTheVersion() {
        Map<String, Object> summary = new MigrateHandler().handleRequest(Map.of(), LocalContext.of("MigrateFunction", 300));
        assertThat(summary).containsEntry("migrationsExecuted", 0);
        assertThat(summary.get("schemaVersion")).isNotNull();
    }

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void maintenanceOnAnEmptyDatabaseDoesNothingAndSaysSo(ScheduledEvent event) {
        assertThat(new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60)))
                .containsEntry("holdsExpired", 0).containsEntry("virtualAccountsSettled", 0)
                .containsEntry("confirmsReconciled", 0).containsEntry("outboxPublished", 0);
    }
}
