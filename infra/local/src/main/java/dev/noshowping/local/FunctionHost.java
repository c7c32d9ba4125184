package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.noshowping.lambda.LocalContext;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the handler classes named in the template, in this JVM, as Lambda would: one instance per
 * function, created on first use (its "init"), then reused; each call gets a fresh
 * {@link LocalContext} with the function's timeout.
 *
 * <p>Unlike Lambda, one instance may serve concurrent requests. Handlers keep no per-request
 * state in fields, so this only makes the local stack more demanding than production.
 */
public final class FunctionHost {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final SamTemplate template;
    private final Map<String, RequestHandler<Object, Object>> instances = new ConcurrentHashMap<>();
    private volatile boolean logInvocations = true;
    /** Invocations in progress, guarded by {@code this}: a stop waits for them ({@link #awaitIdle}). */
    private int running;

    public FunctionHost(SamTemplate template) {
        this.template = template;
    }

    public SamTemplate template() {
        return template;
    }

    /** Turns the console line per invocation off (benchmarks drive thousands) or back on. */
    public void logInvocations(boolean on) {
        this.logInvocations = on;
    }

    /**
     * Invokes the function and logs one line: time, function, trigger, duration, outcome.
     *
     * @param outcome describes a result for the log line (e.g. the HTTP status)
     */
    public <E, R> R invoke(String logicalId, String trigger, String detail, E event, Function<R, String> outcome) {
        SamTemplate.Function function = template.function(logicalId)
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in template.yaml"));
        long start = System.nanoTime();
        RequestHandler<Object, Object> handler = instances.get(logicalId);
        String init = "";
        if (handler == null) {
            handler = instances.computeIfAbsent(logicalId, id -> load(function.handler()));
            init = String.format(" (init %.1f ms)", (System.nanoTime() - start) / 1e6);
        }
        long invokeStart = System.nanoTime();
        began();
        try {
            @SuppressWarnings("unchecked")
            R result = (R) handler.handleRequest(event, LocalContext.of(logicalId, function.timeoutSeconds()));
            log(logicalId, trigger, detail, invokeStart, init, outcome.apply(result));
            return result;
        } catch (RuntimeException e) {
            log(logicalId, trigger, detail, invokeStart, init, "ERROR " + e);
            throw e;
        } finally {
            ended();
        }
    }

    private synchronized void began() {
        running++;
    }

    private synchronized void ended() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /** Invocations in progress now. */
    public synchronized int running() {
        return running;
    }

    /** Waits until no invocation runs, at most {@code timeout}; true if none is left. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void log(String function, String trigger, String detail, long start, String init, String outcome) {
        if (!logInvocations) {
            return;
        }
        System.out.printf("%s %-22s %-8s %-28s %7.1f ms%s → %s%n", LocalTime.now().format(CLOCK), function, trigger,
                detail, (System.nanoTime() - start) / 1e6, init, outcome);
    }

    /** {@code "dev.noshowping.functions.article.ArticleApiHandler::handleRequest"} → a new instance. */
    @SuppressWarnings("unchecked")
    public static RequestHandler<Object, Object> load(String handler) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            if (!(instance instanceof RequestHandler<?, ?>)) {
                throw new IllegalStateException(className + " does not implement RequestHandler");
            }
            return (RequestHandler<Object, Object>) instance;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load handler " + handler + ": " + e, e);
        }
    }
}
