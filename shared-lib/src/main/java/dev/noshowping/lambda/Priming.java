package dev.noshowping.lambda;

import dev.noshowping.log.JsonLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs a function's own first path once before Lambda takes its SnapStart snapshot, so the classes
 * it loads (JSON, the problem documents, logging) are loaded, linked and warm in the snapshot
 * rather than on a restored environment's first request. A priming touches no database, network,
 * clock-bound state or randomness: nothing it leaves behind must differ between environments.
 * Outside SnapStart (locally, a plain cold start) the hook is never called.
 */
public final class Priming implements Resource {

    /** Kept here as well: a context may hold its resources weakly, and a priming must outlive its caller. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    /** What a priming does; it may throw, as reading a sample event may (the snapshot is then taken without it). */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final String what;
    private final Work prime;

    Priming(String what, Work prime) {
        this.what = what;
        this.prime = prime;
    }

    /** Registers {@code prime} to run before the snapshot; {@code what} names it in the log. */
    public static void register(String what, Work prime) {
        Priming priming = new Priming(what, prime);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        try {
            prime.run();
            JsonLog.info("primed before the snapshot", Map.of("what", what, "latencyMs", JsonLog.millisSince(start)));
        } catch (Exception e) {
            // a snapshot without priming is only slower to its first answer: never fail the publish for it
            JsonLog.warn("priming failed; the snapshot is taken without it", Map.of("what", what, "error", e.toString()));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing was kept that a restored environment must renew
    }
}
