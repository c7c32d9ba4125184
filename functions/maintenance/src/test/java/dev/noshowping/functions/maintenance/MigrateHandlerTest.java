package dev.noshowping.functions.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.noshowping.config.ConfigurationException;
import dev.noshowping.lambda.LocalContext;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

@ExtendWith(PostgresExtension.class)
class MigrateHandlerTest {

    @Test
    void migratingAnUpToDateSchemaAppliesNothingAndReportsTheVersion(TestDatabase db) {
        db.installEnvironment(db.ownerEnvironment());
        try {
            Map<String, Object> summary = new MigrateHandler().handleRequest(Map.of(), LocalContext.of("MigrateFunction", 300));
            assertThat(summary).containsEntry("migrationsExecuted", 0)
                    .containsEntry("applicationRole", TestDatabase.APP_ROLE.user());
            assertThat(summary.get("schemaVersion")).isNotNull();
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @Test
    void theFunctionsRoleCannotMigrate(TestDatabase db) {
        db.installEnvironment(Map.of("DATABASE_APP_USER", TestDatabase.APP_ROLE.user(),
                "DATABASE_APP_PASSWORD", TestDatabase.APP_ROLE.password()));
        try {
            assertThatThrownBy(() -> new MigrateHandler().handleRequest(Map.of(), LocalContext.of("MigrateFunction", 300)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("the role that migrates");
        } finally {
            db.installEnvironment(Map.of());
        }
    }

    @ParameterizedTest
    @Event(value = "events/maintenance/maintenance-schedule.json", type = ScheduledEvent.class)
    void maintenanceOnAnEmptyDatabaseDoesNothingAndSaysSo(ScheduledEvent event) {
        assertThat(new MaintenanceHandler().handleRequest(event, LocalContext.of("MaintenanceFunction", 60)))
                .containsEntry("holdsExpired", 0).containsEntry("virtualAccountsSettled", 0)
                .containsEntry("confirmsReconciled", 0).containsEntry("outboxPublished", 0);
    }
}
