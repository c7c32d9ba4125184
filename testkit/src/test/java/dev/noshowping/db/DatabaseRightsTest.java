package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.testkit.PostgresExtension;
import dev.noshowping.testkit.Rows;
import dev.noshowping.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The functions' role changes rows and nothing else; the owner migrates. Every function's
 * connection is {@link TestDatabase#dataSource()}, the application role's, as in AWS.
 */
@ExtendWith(PostgresExtension.class)
class DatabaseRightsTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String QUERY_CANCELED = "57014";
    private static final String ROW_RIGHTS = "DELETE,INSERT,SELECT,UPDATE";

    private TestDatabase db;
    private DataSource app;
    private DataSource owner;

    @BeforeEach
    void roles(TestDatabase db) {
        this.db = db;
        this.app = db.dataSource();
        this.owner = db.ownerDataSource();
    }

    @Test
    void theFunctionsConnectAsTheApplicationRole() throws SQLException {
        assertThat(Rows.text(app, "select current_user")).isEqualTo(TestDatabase.APP_ROLE.user());
    }

    @Test
    void theFunctionsRoleReadsWritesAndDeletesRowsAndRunsOurFunctions() throws SQLException {
        assertThat(Rows.execute(app, "insert into crawl_keyword (keyword) values ('호텔 양도')")).isEqualTo(1);
        // the row's trigger runs our function set_updated_at(), which overrides the stale time given here
        assertThat(Rows.execute(app, "update crawl_keyword set active = false, updated_at = '2001-01-01'"
                + " where keyword = '호텔 양도'")).isEqualTo(1);
        assertThat(Rows.text(app, "select active from crawl_keyword where keyword = '호텔 양도'")).isEqualTo("f");
        assertThat(Rows.text(app, "select updated_at > '2001-01-02' from crawl_keyword where keyword = '호텔 양도'"))
                .isEqualTo("t");
        assertThat(Rows.execute(app, "delete from crawl_keyword")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "drop table crawl_keyword",
            "alter table crawl_keyword add column note text",
            "alter table crawl_keyword disable trigger crawl_keyword_updated_at",
            "create table scratch (id bigint)",
            "truncate crawl_keyword",
            "create index on crawl_keyword (created_at)",
            "comment on table crawl_keyword is 'mine now'",
            "drop function set_updated_at()",
            "create function scratch() returns int language sql as 'select 1'",
            "create schema scratch",
            "create role scratch",
            "delete from flyway_schema_history",
            "update flyway_schema_history set success = false",
            "select count(*) from flyway_schema_history",
    })
    void theFunctionsRoleCannotChangeTheSchemaNorFlywaysRecord(String sql) {
        assertThatThrownBy(() -> Rows.execute(app, sql))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage())
                        .isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    /**
     * What a too-broad grant (ALL, TRUNCATE, TRIGGER, REFERENCES, Flyway's table) would show. Views
     * included. The audit log of staff actions is append-only: rows are added and read, never changed.
     */
    @Test
    void theFunctionsRoleHoldsExactlyTheRowRightsOnEveryTableButFlyways() throws SQLException {
        Set<String> tables = new TreeSet<>();
        for (var row : Rows.of(owner, """
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type in ('BASE TABLE', 'VIEW')
                  and table_name <> 'flyway_schema_history'""")) {
            tables.add((String) row.get("table_name"));
        }
        Map<String, String> held = new TreeMap<>();
        for (var row : Rows.of(app, """
                select table_name, string_agg(privilege_type, ',' order by privilege_type) as rights
                from information_schema.table_privileges
                where grantee = current_user and table_schema = 'public'
                group by table_name""")) {
            held.put((String) row.get("table_name"), (String) row.get("rights"));
        }
        Map<String, String> expected = new TreeMap<>();
        tables.forEach(t -> expected.put(t, ROW_RIGHTS));
        expected.put("admin_action", "INSERT,SELECT");
        expected.put("queue_redrive", "INSERT,SELECT");
        assertThat(tables).contains("orders", "payment", "settlement", "payout", "order_money");
        assertThat(held).isEqualTo(expected);
    }

    @Test
    void theFunctionsRoleHasNoAttributeOwnershipOrMembershipBeyondLoggingIn() throws SQLException {
        String role = "'" + TestDatabase.APP_ROLE.user() + "'";
        assertThat(Rows.of(owner, """
                select rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin
                from pg_roles where rolname = """ + role)).containsExactly(Map.of(
                "rolsuper", false, "rolcreaterole", false, "rolcreatedb", false, "rolreplication", false,
                "rolbypassrls", false, "rolcanlogin", true));
        assertThat(Rows.text(owner, "select count(*) from pg_class where relowner = to_regrole(" + role + ")"))
                .as("objects it owns").isEqualTo("0");
        assertThat(Rows.text(owner, "select count(*) from pg_auth_members where member = to_regrole(" + role + ")"))
                .as("roles it is a member of").isEqualTo("0");
    }

    @Test
    void aTableALaterMigrationMakesIsTheFunctionsToFillButNotToDrop() throws SQLException {
        Rows.execute(owner, "create table later_migration (id bigint generated always as identity primary key, note text)");
        try {
            assertThat(Rows.execute(app, "insert into later_migration (note) values ('covered')")).isEqualTo(1);
            assertThat(Rows.text(app, "select note from later_migration")).isEqualTo("covered");
            assertThatThrownBy(() -> Rows.execute(app, "drop table later_migration"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        } finally {
            Rows.execute(owner, "drop table later_migration");
        }
    }

    @Test
    void theFunctionsRoleCarriesTheStatementTimeout() throws SQLException {
        assertThat(Rows.text(app, "show statement_timeout")).isEqualTo(ApplicationRole.DEFAULT_STATEMENT_TIMEOUT_SECONDS + "s");
    }

    @Test
    void theServerCancelsAStatementPastTheRolesTimeout() throws SQLException {
        ApplicationRole quick = new ApplicationRole("noshowping_app_quick", "test-only-quick-role-password", 1);
        try (Connection c = owner.getConnection()) {
            quick.ensure(c);
        }
        try {
            assertThatThrownBy(() -> Rows.text(login(db.jdbcUrl(), quick), "select pg_sleep(3)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(QUERY_CANCELED));
        } finally {
            Rows.execute(owner, "drop role noshowping_app_quick");
        }
    }

    @Test
    void ensuringTheRoleAgainKeepsItAndStoresOnlyAHashOfThePassword() throws SQLException {
        ApplicationRole rotated = new ApplicationRole("noshowping_app_rotated", "test-only-first-password", 15);
        try (Connection c = owner.getConnection()) {
            rotated.ensure(c);
            new ApplicationRole(rotated.user(), "test-only-second-password", 15).ensure(c);
            assertThat(Rows.text(owner, "select rolpassword from pg_authid where rolname = 'noshowping_app_rotated'"))
                    .startsWith("SCRAM-SHA-256$").doesNotContain("second");
        } finally {
            Rows.execute(owner, "drop role noshowping_app_rotated");
        }
    }

    @Test
    void aRoleThatCouldDoMoreThanRowsIsRefused() throws SQLException {
        Rows.execute(owner, "create role noshowping_app_creator login createdb");
        try (Connection c = owner.getConnection()) {
            assertThatThrownBy(() -> new ApplicationRole("noshowping_app_creator", "test-only-creator-password", 15).ensure(c))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be the application role");
        } finally {
            Rows.execute(owner, "drop role noshowping_app_creator");
        }
    }

    @Test
    void theOwnerCannotBeTheApplicationRole() throws SQLException {
        try (Connection c = owner.getConnection()) {
            assertThatThrownBy(() -> new ApplicationRole("postgres", "test-only-owner-password", 15).ensure(c))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("the role that migrates");
        }
    }

    @Test
    void theOwnerMigratesAFreshDatabaseTwiceAndTheFunctionsRoleGetsRowsOnly() throws SQLException {
        Rows.execute(owner, "create database rights_fresh");
        try {
            String url = db.jdbcUrl().replaceFirst("/postgres$", "/rights_fresh");
            PGSimpleDataSource freshOwner = new PGSimpleDataSource();
            freshOwner.setURL(url);
            freshOwner.setUser("postgres");
            freshOwner.setPassword("postgres");
            assertThat(Migrate.run(freshOwner, TestDatabase.APP_ROLE).migrationsExecuted).isGreaterThanOrEqualTo(11);
            assertThat(Migrate.run(freshOwner, TestDatabase.APP_ROLE).migrationsExecuted).isZero();

            DataSource freshApp = login(url, TestDatabase.APP_ROLE);
            assertThat(Rows.execute(freshApp, "insert into crawl_keyword (keyword) values ('rights check')")).isEqualTo(1);
            assertThatThrownBy(() -> Rows.execute(freshApp, "drop table crawl_keyword"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        } finally {
            Rows.execute(owner, "drop database rights_fresh with (force)");
        }
    }

    private static DataSource login(String url, ApplicationRole role) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(role.user());
        ds.setPassword(role.password());
        return ds;
    }
}
