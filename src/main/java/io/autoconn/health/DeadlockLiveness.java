package io.autoconn.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness: DOWN while threads of this server are deadlocked, which only a restart cures. It replaces
 * Micronaut's deadlocked-threads indicator ({@code endpoints.health.deadlocked-threads.enabled: false}),
 * which looked on every request: finding deadlocks stops every thread of the JVM (a safepoint), and
 * {@code /health} takes no key, so a flood of {@code /health/liveness} stopped this server 1,300 to 2,300 times a
 * second (see BENCHMARKS.md). Its answer is a {@link KeptAnswer}. The answer shows only the status (details
 * are never shown), so the log names the threads.
 */
@Singleton
@Liveness
public class DeadlockLiveness extends AbstractHealthIndicator<Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlockLiveness.class);

    private final ThreadMXBean threads;
    private final AtomicReference<List<String>> lastSeen = new AtomicReference<>(List.of());
    /** The names of the deadlocked threads, empty when there are none. */
    private final KeptAnswer<List<String>> deadlocked = new KeptAnswer<>(this::findDeadlocked);

    @Inject
    public DeadlockLiveness() {
        this(ManagementFactory.getThreadMXBean());
    }

    DeadlockLiveness(ThreadMXBean threads) {
        this.threads = threads;
    }

    @Override
    protected String getName() {
        return "deadlockedThreads";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        List<String> names = deadlocked.get();
        healthStatus = names.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        if (!names.equals(lastSeen.getAndSet(names)) && !names.isEmpty()) {
            LOG.error("Liveness DOWN: deadlocked threads {}", names);
        }
        return names.isEmpty() ? Map.of() : Map.of("deadlocked", names);
    }

    private List<String> findDeadlocked() {
        long[] ids = threads.findDeadlockedThreads();
        return ids == null ? List.of() : Arrays.stream(threads.getThreadInfo(ids)).filter(Objects::nonNull)
                .map(ThreadInfo::getThreadName).sorted().toList();
    }
}
