package dev.noshowping.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.noshowping.testkit.DatabaseExtension;
import dev.noshowping.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RDS Proxy pins a client to one server connection for good after session state: a session-level
 * {@code SET}, or a statement prepared under a name on the server. Our pool's connections must make
 * neither: what the driver sends is read off the wire, through a relay between it and the test
 * PostgreSQL.
 */
@ExtendWith(DatabaseExtension.class)
class NoSessionSetOnConnectTest {

    @Test
    void thePoolsConnectionsOpenWithoutASet() throws Exception {
        try (Relay relay = new Relay(TestPostgres.get().port())) {
            try (var pool = poolThrough(relay); Connection c = pool.getConnection();
                 var rs = c.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            List<String> statements = relay.statementsSent();
            assertThat(statements).as("what the client sent as SQL").contains("select 1");
            assertThat(statements).noneMatch(s -> s.stripLeading().toUpperCase().startsWith("SET "));
        }
    }

    @Test
    void aStatementRunManyTimesIsNeverNamedOnTheServer() throws Exception {
        // pgjdbc names a statement from its fifth execution unless told not to (prepareThreshold)
        try (Relay relay = new Relay(TestPostgres.get().port())) {
            try (var pool = poolThrough(relay); Connection c = pool.getConnection()) {
                runTenTimes(c);
            }
            assertThat(relay.parsedStatementNames()).as("names of the statements parsed").hasSizeGreaterThanOrEqualTo(10)
                    .containsOnly("");
        }
    }

    @Test
    void withoutTheThresholdTheDriverNamesARepeatedStatement() throws Exception {
        // why the pool sets prepareThreshold: the same driver, at its default
        try (Relay relay = new Relay(TestPostgres.get().port())) {
            try (Connection c = driverThrough(relay, new Properties())) {
                runTenTimes(c);
            }
            assertThat(relay.parsedStatementNames()).anyMatch(name -> !name.isEmpty());
        }
    }

    @Test
    void withoutTheServerVersionTheDriverSendsASetAfterLogin() throws Exception {
        // why the pool tells the driver the server's version: the same driver, left to find it out
        try (Relay relay = new Relay(TestPostgres.get().port())) {
            Properties older = new Properties();
            older.setProperty("assumeMinServerVersion", "8.4");
            try (Connection c = driverThrough(relay, older); var rs = c.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(relay.statementsSent()).anyMatch(s -> s.stripLeading().toUpperCase().startsWith("SET "));
        }
    }

    /** Our pool, as every function opens it, connecting through the relay. */
    private static com.zaxxer.hikari.HikariDataSource poolThrough(Relay relay) {
        TestPostgres db = TestPostgres.get();
        return Database.open(new DatabaseSettings(relay.url(db.jdbcUrl(), db.port()), TestPostgres.APP_USER,
                TestPostgres.APP_PASSWORD, 1, 30, 5_000));
    }

    /** The bare driver, with only {@code properties} beside the login, connecting through the relay. */
    private static Connection driverThrough(Relay relay, Properties properties) throws java.sql.SQLException {
        TestPostgres db = TestPostgres.get();
        Properties login = new Properties();
        login.putAll(properties);
        login.setProperty("user", TestPostgres.APP_USER);
        login.setProperty("password", TestPostgres.APP_PASSWORD);
        return DriverManager.getConnection(relay.url(db.jdbcUrl(), db.port()), login);
    }

    private static void runTenTimes(Connection c) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("select ?::int + 1")) {
            for (int i = 0; i < 10; i++) {
                ps.setInt(1, i);
                try (var rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(i + 1);
                }
            }
        }
    }

    /** Passes one connection through to PostgreSQL, keeping every byte the client sent. */
    private static final class Relay implements AutoCloseable {

        private final ServerSocket server;
        private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        private final List<Socket> sockets = new ArrayList<>();
        private final Thread acceptor;

        Relay(int postgresPort) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                try (Socket client = server.accept(); Socket postgres = new Socket(InetAddress.getLoopbackAddress(), postgresPort)) {
                    synchronized (sockets) {
                        sockets.add(client);
                        sockets.add(postgres);
                    }
                    InputStream answers = postgres.getInputStream();
                    OutputStream toClient = client.getOutputStream();
                    Thread back = Thread.ofVirtual().start(() -> pipe(answers, toClient, null));
                    pipe(client.getInputStream(), postgres.getOutputStream(), fromClient);
                    back.join();
                } catch (IOException | InterruptedException e) {
                    // the test closes the relay when it is done; what was sent is kept
                }
            });
        }

        String url(String jdbcUrl, int postgresPort) {
            return jdbcUrl.replace(":" + postgresPort + "/", ":" + server.getLocalPort() + "/");
        }

        /** The SQL of every simple query and every parsed statement, in the order sent. */
        List<String> statementsSent() {
            return messages(false);
        }

        /** The server-side name of every parsed statement ("" for an unnamed one), in the order sent. */
        List<String> parsedStatementNames() {
            return messages(true);
        }

        private List<String> messages(boolean parsedNames) {
            byte[] bytes;
            synchronized (fromClient) {
                bytes = fromClient.toByteArray();
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            // untyped first messages: an SSLRequest (answered 'N' here) and the startup packet
            while (in.remaining() >= 8) {
                int length = in.getInt(in.position());
                int code = in.getInt(in.position() + 4);
                if (code != 80877103 && code != 196608) {
                    break;
                }
                in.position(in.position() + length);
            }
            List<String> sql = new ArrayList<>();
            while (in.remaining() >= 5) {
                byte type = in.get();
                int length = in.getInt();
                int start = in.position();
                if (type == 'Q' && !parsedNames) {
                    sql.add(cString(bytes, start));
                } else if (type == 'P') {
                    String name = cString(bytes, start);
                    int afterName = start + name.getBytes(StandardCharsets.UTF_8).length + 1;
                    sql.add(parsedNames ? name : cString(bytes, afterName));
                }
                in.position(start + length - 4);
            }
            return sql;
        }

        private static String cString(byte[] bytes, int from) {
            int end = from;
            while (bytes[end] != 0) {
                end++;
            }
            return new String(bytes, from, end - from, StandardCharsets.UTF_8);
        }

        private static void pipe(InputStream from, OutputStream to, ByteArrayOutputStream copy) {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    if (copy != null) {
                        synchronized (copy) {
                            copy.write(buffer, 0, n);
                        }
                    }
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side closed
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            acceptor.join(5_000);
        }
    }
}
