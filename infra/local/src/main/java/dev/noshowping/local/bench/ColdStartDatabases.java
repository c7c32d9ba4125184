package dev.noshowping.local.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the cold starts answer against, on the local stack's PostgreSQL. Every start gets a
 * copy of a seed database made just before it ({@code CREATE DATABASE … TEMPLATE}), so the fifth
 * start of a function finds what the first found: a second {@code POST /merchants} would otherwise
 * answer 409 where the first answered 201, and the rows a sample event needs (the merchant an upload
 * asks for) are there every time.
 */
final class ColdStartDatabases {

    /** Migrated and empty: what a fresh stack has. */
    static final String EMPTY = "coldstart_empty";
    /** The copy a start answers against. */
    static final String COPY = "coldstart";

    private static final Pattern DATABASE = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

    private final String url;
    private final String user;
    private final String password;

    /** @param url the owner's JDBC URL of the stack's own database, which is never touched */
    ColdStartDatabases(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** {@code name} made anew as a copy of {@code template}; the copy's connections are ended first. */
    void copy(String template, String name) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("could not copy database " + template + " to " + name + ": " + e.getMessage(), e);
        }
    }

    /** The owner's login to database {@code name}. */
    DataSource dataSource(String name) {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(withDatabase(url, name));
        db.setUser(user);
        db.setPassword(password);
        return db;
    }

    /** {@code jdbcUrl} with its database replaced by {@code name}, its parameters kept. */
    static String withDatabase(String jdbcUrl, String name) {
        Matcher m = DATABASE.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        return m.group(1) + name + m.group(3);
    }
}
