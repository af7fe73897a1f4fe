package io.autoconn.storage;

import io.autoconn.health.KeptAnswer;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of the database: UP when it answers and its schema is this server's, with no migration
 * pending or failed (another server may have started migrating it, or someone restored an old copy).
 * Reading Flyway's history table is the query that proves the database answers. Runs on the blocking
 * pool; the answer shows only the status (details would name the database), so a change is logged.
 *
 * <p>The answer is a {@link KeptAnswer}: {@code /health} takes no key, and each of Flyway's looks holds a pooled
 * connection (for seconds on a cold, busy JVM), so a burst of probes used to take every connection of the
 * pool and turn API requests into 503s (16 clients on {@code /health/readiness}: 6 to 8 answers a second,
 * API requests refused; see BENCHMARKS.md). Now readiness holds one connection at most, once a second.
 */
@Singleton
@Readiness
public class DatabaseReadiness extends AbstractHealthIndicator<Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReadiness.class);

    private final Flyway migrations;
    private final AtomicReference<String> lastProblem = new AtomicReference<>("");
    /** The current problem, "" when there is none. */
    private final KeptAnswer<String> knownProblem = new KeptAnswer<>(this::currentProblem);

    public DatabaseReadiness(DataSource dataSource, Database database,
                             @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.migrations = Database.migrations(dataSource, database.backend());
        setExecutorService(executor);
    }

    @Override
    protected String getName() {
        return "database";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        String problem = knownProblem.get();
        healthStatus = problem.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        String previous = lastProblem.getAndSet(problem);
        if (!problem.equals(previous)) {
            if (problem.isEmpty()) {
                LOG.info("Readiness: the database is ready again");
            } else {
                LOG.warn("Readiness DOWN: {}", problem);
            }
        }
        return problem.isEmpty() ? Map.of() : Map.of("problem", problem);
    }

    private String currentProblem() {
        try {
            return migrationProblem(migrations.info());
        } catch (RuntimeException e) {
            return "the database does not answer: " + e.getMessage();
        }
    }

    private static String migrationProblem(MigrationInfoService info) {
        long failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
        if (failed > 0) {
            return failed + " failed migration(s) in the schema history";
        }
        int pending = info.pending().length;
        return pending > 0 ? pending + " migration(s) pending: the schema is older than this server" : "";
    }
}
