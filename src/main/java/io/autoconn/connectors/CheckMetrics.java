package io.autoconn.connectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and times connection checks by connector and outcome: {@code autoconn_checks_total} and
 * {@code autoconn_check_duration_seconds}, tagged {@code connector} (the catalog's name) and
 * {@code outcome} ({@code ok} or the CheckFailure code). Both tags come from closed sets (the catalog,
 * the failure codes), so the series stay few.
 */
@Singleton
public class CheckMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(CheckMetrics.class);
    static final String CHECKS = "autoconn.checks";
    static final String DURATION = "autoconn.check.duration";
    private static final String OK = "ok";
    /** Checks answer within their timeout (at most tens of seconds): these bounds cover them. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    public CheckMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs the check of a connection of {@code connector} and records its outcome. */
    public ProbeResult record(ConnectorDefinition connector, Supplier<ProbeResult> check) {
        long start = System.nanoTime();
        ProbeResult result = check.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String outcome = result.connected() || result.error() == null ? OK : result.error().code();
        LOG.debug("Check of a {} connection: {} in {} ms", connector.name(), outcome, took.toMillis());
        Counter.builder(CHECKS).description("Connection checks, by connector and outcome")
                .tag("connector", connector.name()).tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder(DURATION).description("How long connection checks took, by connector and outcome")
                .tag("connector", connector.name()).tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(took);
        return result;
    }
}
