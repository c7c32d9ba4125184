package dev.noshowping.db;

import dev.noshowping.config.ConfigurationException;
import dev.noshowping.config.Environment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The role every function logs in as: it reads and writes rows, and nothing else. The owner role
 * (the one that runs migrations) makes it, sets its password and its statement timeout before
 * each migration, and {@code V11__application_role.sql} grants it its rights.
 *
 * @param user                    {@code DATABASE_APP_USER}, or {@code username} of the secret named by
 *                                {@code DATABASE_APP_SECRET_ARN} (how AWS deployments pass it)
 * @param password                {@code DATABASE_APP_PASSWORD}, or {@code password} of that secret
 * @param statementTimeoutSeconds {@code DATABASE_STATEMENT_TIMEOUT_SECONDS}, default 15: the role's
 *                                {@code statement_timeout}, below the API functions' 20 s timeout
 */
public record ApplicationRole(String user, String password, int statementTimeoutSeconds) {

    public static final int DEFAULT_STATEMENT_TIMEOUT_SECONDS = 15;

    /** Also a Flyway placeholder, substituted as text into SQL: a plain identifier only. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public ApplicationRole {
        if (!NAME.matcher(user).matches()) {
            throw new ConfigurationException("the application role's name must match " + NAME + ", got '" + user + "'");
        }
        if (password.length() < 16) {
            throw new ConfigurationException("the application role's password must have at least 16 characters");
        }
        if (statementTimeoutSeconds < 1 || statementTimeoutSeconds > 300) {
            throw new ConfigurationException("environment variable DATABASE_STATEMENT_TIMEOUT_SECONDS must be "
                    + "between 1 and 300, got " + statementTimeoutSeconds);
        }
    }

    public static ApplicationRole from(Environment env) {
        return from(env, SecretsManagerCredentials::fetch);
    }

    static ApplicationRole from(Environment env, Function<String, DatabaseSettings.Credentials> secrets) {
        int timeout = env.getInt("DATABASE_STATEMENT_TIMEOUT_SECONDS", DEFAULT_STATEMENT_TIMEOUT_SECONDS);
        if (env.optional("DATABASE_APP_PASSWORD").isPresent()) {
            return new ApplicationRole(env.require("DATABASE_APP_USER"), env.require("DATABASE_APP_PASSWORD"), timeout);
        }
        String secretArn = env.optional("DATABASE_APP_SECRET_ARN").orElseThrow(() -> new ConfigurationException(
                "set DATABASE_APP_PASSWORD (with DATABASE_APP_USER) or DATABASE_APP_SECRET_ARN"));
        DatabaseSettings.Credentials credentials = secrets.apply(secretArn);
        return new ApplicationRole(credentials.user(), credentials.password(), timeout);
    }

    /**
     * Creates the role when it is missing, then sets its login, password and statement timeout, on
     * the owner's connection: running it again changes nothing but a rotated password. Refuses a
     * role that could do more than DML, since the grants would then prove nothing.
     */
    public void ensure(Connection owner) throws SQLException {
        if (owner.getMetaData().getUserName().equals(user)) {
            throw new ConfigurationException("the application role " + user + " is the role that migrates; "
                    + "functions must log in as a role of their own");
        }
        Boolean privileged = privileged(owner);
        if (privileged == null) {
            try {
                execute(owner, "create role %I login", user);
            } catch (SQLException e) {
                // duplicate_object: a concurrent migration made it first
                if (!"42710".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } else if (privileged) {
            throw new ConfigurationException("role " + user + " is a superuser, may create roles, databases or "
                    + "replicate, bypasses row security or is a member of " + owner.getMetaData().getUserName()
                    + ": it cannot be the application role");
        }
        execute(owner, "alter role %I login", user);
        // hashed here (SCRAM-SHA-256): the server's log never sees the password, even if the statement fails
        owner.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), "scram-sha-256");
        // A role default, not a SET or a startup option on each connection: RDS Proxy pins a client to
        // its server connection after a SET, and a role default holds in every session it opens for us.
        execute(owner, "alter role %I set statement_timeout = %L", user, statementTimeoutSeconds + "s");
    }

    /** Null when the role does not exist. */
    private Boolean privileged(Connection owner) throws SQLException {
        try (PreparedStatement s = owner.prepareStatement("""
                select r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolreplication or r.rolbypassrls
                       or pg_has_role(r.oid, current_user, 'MEMBER') as privileged
                from pg_roles r where r.rolname = ?""")) {
            s.setString(1, user);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getBoolean("privileged") : null;
            }
        }
    }

    /** Utility statements take no bind parameters: the server quotes the values with format(). */
    private static void execute(Connection c, String template, String... values) throws SQLException {
        String sql;
        try (PreparedStatement s = c.prepareStatement("select format(?" + ", ?".repeat(values.length) + ") as statement")) {
            s.setString(1, template);
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 2, values[i]);
            }
            try (var rs = s.executeQuery()) {
                rs.next();
                sql = rs.getString("statement");
            }
        }
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public String toString() {
        return "ApplicationRole[user=" + user + ", statementTimeoutSeconds=" + statementTimeoutSeconds + "]";
    }
}
