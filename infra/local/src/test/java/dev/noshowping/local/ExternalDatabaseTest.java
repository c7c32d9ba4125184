package dev.noshowping.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.RepoRoot;
import dev.noshowping.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code DATABASE_URL} swaps the embedded PostgreSQL for an existing server: the stack migrates
 * that server and hands it to the functions. The "existing server" here is the test JVM's own.
 */
class ExternalDatabaseTest {

    @TempDir
    Path localDir;

    @Test
    void anExistingServerIsMigratedAndUsedInsteadOfTheEmbeddedOne() throws Exception {
        TestDatabase external = TestDatabase.get();
        try (Connection c = external.ownerDataSource().getConnection()) {
            c.createStatement().execute("drop schema public cascade; create schema public");
        }
        StackOptions options = StackOptions.forTests(RepoRoot.path(),
                Path.of(getClass().getResource("/sqs-semantics-template.yaml").toURI()), localDir)
                .withDatabase(external.jdbcUrl(), "postgres", "postgres", TestDatabase.APP_ROLE);
        try (LocalStack stack = LocalStack.start(options)) {
            assertThat(stack.describe()).extractingByKey("database").asString().contains(external.jdbcUrl());
            assertThat(localDir.resolve("pg")).as("no embedded database was created").doesNotExist();
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(external.jdbcUrl());
            ds.setUser("postgres");
            ds.setPassword("postgres");
            try (Connection c = ds.getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "select count(*) from flyway_schema_history where success")) {
                rs.next();
                assertThat(rs.getInt(1)).as("migrations applied to the external server").isPositive();
            }
        }
    }
}
