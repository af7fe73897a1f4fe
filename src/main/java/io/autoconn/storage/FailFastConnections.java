package io.autoconn.storage;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DataSourceConnectionProvider;

/**
 * Hands jOOQ the pool's connections, except while the database is unreachable: then one request at a time
 * asks the pool again (at most every {@code retryAfter}) and every other one fails at once, instead of each
 * waiting out the pool's connection timeout. A request that failed this way is a 503 like any unreachable
 * database ({@code DatabaseExceptionHandler}).
 *
 * <p>Why: requests that only touch the database share a few worker threads ({@code http.Workers}); with the
 * database down, each would hold one for the whole connection timeout, and the requests queued behind them
 * would wait many timeouts before their 503 ({@code DatabaseOutageIT}).
 *
 * <p>"Unreachable" is what the pool reports when it timed out after failing to open a connection (its
 * timeout exception then carries that failure). A pool merely busy times out with no such cause, and does
 * not trip this: that is load, not an outage.
 */
final class FailFastConnections implements ConnectionProvider {
    /** How often an unreachable database is asked again: how long after its return the 503s may go on. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final DataSourceConnectionProvider pool;
    private final CircuitBreaker breaker;

    FailFastConnections(DataSource dataSource, Duration retryAfter) {
        this.pool = new DataSourceConnectionProvider(dataSource);
        this.breaker = CircuitBreaker.of("database", CircuitBreakerConfig.custom()
                // One failure to reach the database opens it; one success (of the single trial call) closes it.
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(retryAfter)
                .recordException(FailFastConnections::unreachable)
                .build());
    }

    @Override
    public Connection acquire() {
        try {
            return breaker.executeSupplier(pool::acquire);
        } catch (CallNotPermittedException e) {
            SQLTransientConnectionException failedAtOnce = new SQLTransientConnectionException(
                    "The database was unreachable moments ago; not waiting for it", "08001", e);
            throw new DataAccessException(failedAtOnce.getMessage(), failedAtOnce);
        }
    }

    @Override
    public void release(Connection connection) {
        pool.release(connection);
    }

    /** The pool's timeout (in jOOQ's wrapper) with the failure to open a connection that made it. */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException timeout) {
                return timeout.getCause() != null;
            }
        }
        return false;
    }
}
