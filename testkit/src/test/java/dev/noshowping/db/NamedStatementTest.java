package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Values bound by name reach PostgreSQL in their places, casts and literals untouched. */
@ExtendWith(PostgresExtension.class)
class NamedStatementTest {

    private static final NamedSql ECHO = NamedSql.parse("""
            select :word || ' at 10:30' as said, :day::date + 1 as next_day, :n * :n as squared,
                   :state as state, '::' as colons""");

    enum State { SENT }

    @Test
    void valuesAreBoundByNameAndARepeatedNameEverywhere(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); NamedStatement s = ECHO.prepare(c)) {
            s.setString("word", "check-in").set("day", LocalDate.of(2026, 12, 31)).set("n", 12)
                    .setEnum("state", State.SENT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString("said")).isEqualTo("check-in at 10:30");
                assertThat(rs.getObject("next_day", LocalDate.class)).isEqualTo(LocalDate.of(2027, 1, 1));
                assertThat(rs.getInt("squared")).isEqualTo(144);
                assertThat(rs.getString("state")).isEqualTo("SENT");
                assertThat(rs.getString("colons")).isEqualTo("::");
            }
        }
    }

    @Test
    void anUnboundNameFailsBeforeTheDatabaseNamingIt(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); NamedStatement s = ECHO.prepare(c)) {
            s.setString("word", "x").set("n", 1).setEnum("state", null);
            assertThatThrownBy(s::executeQuery).isInstanceOf(IllegalStateException.class).hasMessageContaining(":day");
        }
    }
}
