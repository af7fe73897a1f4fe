package io.autoconn.connectors;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a connector's probe on the bounded check pool and always answers within the timeout (plus a
 * short grace for the probe to notice it): a probe that overstays is abandoned and reported as
 * CHECK-TIMEOUT, so a dead target can never hold an API request.
 */
@Singleton
public class ConnectionChecker {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChecker.class);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final ConnectorCatalog catalog;
    private final ExecutorService pool;

    public ConnectionChecker(ConnectorCatalog catalog, @Named("checks") ExecutorService pool) {
        this.catalog = catalog;
        this.pool = pool;
    }

    public ProbeResult check(ConnectorDefinition connector, ProbeInput input, Duration timeout) {
        Probe probe = catalog.probe(connector);
        Future<ProbeResult> running = pool.submit(() -> probe.check(input, timeout));
        try {
            return running.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return CheckFailure.TIMEOUT.result("No answer from the target within " + timeout.toMillis() + " ms");
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
}
