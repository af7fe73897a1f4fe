package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.TargetRefusedException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a connector's probe on the bounded check pool: first the egress policy on every target the
 * probe names (resolved, all addresses), then the probe. It always answers within the timeout, counted
 * from the call, plus a short grace for the probe to notice it: a probe that overstays is abandoned
 * (CHECK-TIMEOUT), and a check still queued for a slot when its time is up never runs (CHECK-BUSY), so
 * neither a dead target nor a pool full of them can hold an API request longer.
 */
@Singleton
public class ConnectionChecker {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChecker.class);
    private static final Duration GRACE = Duration.ofSeconds(1);

    /** The probe that checks a connector's connections. */
    private final Function<ConnectorDefinition, Probe> probes;
    private final ExecutorService pool;
    private final EgressPolicy egress;

    @Inject
    public ConnectionChecker(ConnectorCatalog catalog, @Named("checks") ExecutorService pool, EgressPolicy egress) {
        this(catalog::probe, pool, egress);
    }

    /** With these built-in probes only, picked by each connector's {@code check.probe}: for tests of the checker. */
    ConnectionChecker(List<Probe> builtIn, ExecutorService pool, EgressPolicy egress) {
        this(byKind(builtIn), pool, egress);
    }

    private ConnectionChecker(Function<ConnectorDefinition, Probe> probes, ExecutorService pool, EgressPolicy egress) {
        this.probes = probes;
        this.pool = pool;
        this.egress = egress;
    }

    private static Function<ConnectorDefinition, Probe> byKind(List<Probe> builtIn) {
        Map<String, Probe> byKind = builtIn.stream().collect(Collectors.toUnmodifiableMap(Probe::kind, p -> p));
        return connector -> byKind.get(connector.check().probe());
    }

    public ProbeResult check(ConnectorDefinition connector, ProbeInput input, Duration timeout) {
        Probe probe = probes.apply(connector);
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicBoolean started = new AtomicBoolean();
        Future<ProbeResult> running = pool.submit(() -> {
            started.set(true);
            return run(probe, input, timeout, deadline);
        });
        try {
            return running.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return started.get()
                    ? CheckFailure.TIMEOUT.result("No answer from the target within " + timeout.toMillis() + " ms")
                    : busy(timeout);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return CheckFailure.FAILED.result("The check was interrupted: the server is shutting down");
        } catch (ExecutionException e) {
            // Probes report target failures as results; an exception here is a probe bug.
            LOG.error("Probe {} failed unexpectedly: {}", probe.kind(), e.getCause().getClass().getName());
            return CheckFailure.FAILED.result("The check failed unexpectedly");
        }
    }

    /** On the pool: the policy, then the probe with the time left. */
    private ProbeResult run(Probe probe, ProbeInput input, Duration timeout, long deadline) {
        if (System.nanoTime() >= deadline) {
            return busy(timeout);
        }
        Optional<ProbeResult> refused = vetTargets(probe, input);
        if (refused.isPresent()) {
            return refused.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return CheckFailure.TIMEOUT.result("Looking up the target's addresses took the whole "
                    + timeout.toMillis() + " ms the check had");
        }
        LOG.debug("Probe {} starts with {} ms left", probe.kind(), TimeUnit.NANOSECONDS.toMillis(left));
        return probe.check(input, Duration.ofNanos(left));
    }

    /** A failed result when a target is unusable, unresolvable or refused by the egress policy. */
    private Optional<ProbeResult> vetTargets(Probe probe, ProbeInput input) {
        try {
            for (Endpoint target : probe.targets(input)) {
                try {
                    egress.resolve(target.host(), target.port());
                } catch (UnknownHostException e) {
                    return Optional.of(CheckFailure.UNKNOWN_HOST.result(
                            "The host name " + target.host() + " could not be resolved (DNS lookup failed)."));
                } catch (TargetRefusedException e) {
                    return Optional.of(CheckFailure.TARGET_REFUSED.result(e.getMessage()));
                }
            }
            return Optional.empty();
        } catch (InvalidParamException e) {
            return Optional.of(e.toResult());
        }
    }

    private static ProbeResult busy(Duration timeout) {
        return CheckFailure.BUSY.result("The check could not start within " + timeout.toMillis()
                + " ms: every check slot of the server was taken by other checks (slow or unresponsive targets)."
                + " Nothing was connected; try again later.");
    }
}
