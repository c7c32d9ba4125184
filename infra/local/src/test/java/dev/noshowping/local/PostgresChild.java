package dev.noshowping.local;

import java.nio.file.Path;

/**
 * A stand-in for {@code ./run.sh} in its own JVM, for {@link HardStopTest}: starts the stack's
 * PostgreSQL on the folder and port it is given, prints {@code port=<n>} and waits until it is killed.
 */
public final class PostgresChild {

    private PostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        LocalPostgres pg = LocalPostgres.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("port=" + pg.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
