package dev.noshowping.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * EventBridge schedules from the template. {@code rate(…)} expressions fire on their period, each
 * invocation on its own thread as Lambda runs them side by side (the outbox relay's run lasts its
 * whole minute); every-minute schedules also fire at start, so the relay sends from the first
 * second and the maintenance catches up with the time the stack was down. Every schedule can also
 * be fired on demand ({@code POST /_local/schedules/{id}/run}). {@code cron(…)} expressions are
 * not interpreted locally: they fire on demand only.
 */
public final class Schedules implements AutoCloseable {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private final FunctionHost host;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("schedules").factory());
    /** The invocations in progress; closing interrupts them (the relay's run ends at an interrupt). */
    private final ExecutorService runs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("schedule-", 0).factory());
    private final List<String> started = new ArrayList<>();

    public Schedules(FunctionHost host) {
        this.host = host;
    }

    /** Starts every enabled {@code rate()} schedule; returns a line per schedule for the banner. */
    public List<String> start() {
        return start(functionId -> true);
    }

    /** Starts the enabled {@code rate()} schedules of the functions named (a benchmark runs only some). */
    public List<String> start(Predicate<String> which) {
        for (SamTemplate.Function f : host.template().functions().values()) {
            if (!which.test(f.logicalId())) {
                continue;
            }
            for (SamTemplate.Schedule s : f.schedules()) {
                Optional<Duration> period = period(s.expression());
                if (period.isPresent() && s.enabled()) {
                    long millis = period.get().toMillis();
                    long first = period.get().compareTo(Duration.ofMinutes(1)) <= 0 ? 0 : millis;
                    timer.scheduleAtFixedRate(() -> runs.submit(() -> fireQuietly(f.logicalId())),
                            first, millis, TimeUnit.MILLISECONDS);
                    started.add(f.logicalId() + " every " + period.get().toMinutes() + " min");
                } else {
                    started.add(f.logicalId() + " on demand only (" + s.expression() + ")");
                }
            }
        }
        return List.copyOf(started);
    }

    static Optional<Duration> period(String expression) {
        Matcher m = RATE.matcher(expression.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    public boolean isScheduled(String functionId) {
        return host.template().function(functionId).map(f -> !f.schedules().isEmpty()).orElse(false);
    }

    /** Invokes the function with an EventBridge Scheduler event now; returns its summary. */
    public Object fire(String functionId) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.scheduler");
        event.setAccount("000000000000");
        event.setRegion("us-east-1");
        event.setTime(new DateTime(DateTimeZone.UTC));
        event.setResources(List.of("arn:aws:scheduler:us-east-1:000000000000:schedule/default/" + functionId));
        event.setDetail(Map.of());
        return host.invoke(functionId, "schedule", "", event, String::valueOf);
    }

    private void fireQuietly(String functionId) {
        try {
            fire(functionId);
        } catch (RuntimeException e) {
            // logged by the host; the next period fires again, as EventBridge would
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        runs.shutdownNow();
    }
}
