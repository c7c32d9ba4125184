package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool hands pgjdbc the socket timeout, so a read from a dead connection or proxy ends. */
@ExtendWith(PostgresExtension.class)
class DatabaseSocketTimeoutTest {

    @Test
    void everyConnectionOfThePoolCarriesTheSocketTimeout(TestDatabase db) throws SQLException {
        var settings = new DatabaseSettings(db.jdbcUrl(), TestDatabase.APP_ROLE.user(), TestDatabase.APP_ROLE.password(), 1, 7,
                DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT_MILLIS);
        try (var pool = Database.open(settings); Connection c = pool.getConnection()) {
            assertThat(c.getNetworkTimeout()).isEqualTo(7_000);
        }
    }
}
