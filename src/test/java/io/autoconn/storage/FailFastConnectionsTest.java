package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.autoconn.testing.ScramPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/**
 * A throwaway PostgreSQL cluster, stopped as a crash stops it: the first request waits out the pool's
 * timeout and finds the database unreachable; the next ones fail at once without asking the pool, then one
 * at a time asks again, and once the database is back connections are handed out again.
 */
class FailFastConnectionsTest {
    private static final Duration POOL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_AFTER = Duration.ofMillis(400);
    /** Hikari checks an idle connection only when it was last used longer ago than this (its aliveBypassWindowMs). */
    private static final Duration HIKARI_ALIVE_BYPASS = Duration.ofMillis(500);
    private static final String POOL_WAITED = "Connection is not available";
    private static final String FAILED_AT_ONCE = "not waiting for it";

    @Test
    void whileTheDatabaseIsUnreachableOneRequestAtATimeWaitsForThePoolAndTheRestFailAtOnce() throws Exception {
        String password = UUID.randomUUID().toString();
        try (ScramPostgres database = ScramPostgres.start(password); HikariDataSource pool = pool(database, password)) {
            FailFastConnections connections = new FailFastConnections(pool, RETRY_AFTER);
            connections.release(connections.acquire());

            database.stopServer();
            Thread.sleep(HIKARI_ALIVE_BYPASS.toMillis() + 100);
            assertThat(failure(connections)).as("the first request after the crash asks the pool")
                    .satisfies(FailFastConnectionsTest::unreachable).hasStackTraceContaining(POOL_WAITED);
            for (int i = 0; i < 5; i++) {
                assertThat(failure(connections)).as("the requests right after it")
                        .satisfies(FailFastConnectionsTest::unreachable).hasStackTraceContaining(FAILED_AT_ONCE);
            }

            Thread.sleep(RETRY_AFTER.toMillis() + 100);
            List<Throwable> together = allAtOnce(connections, 4);
            assertThat(together).allSatisfy(FailFastConnectionsTest::unreachable);
            assertThat(together).as("of four requests at once once the retry is due, one asks the pool")
                    .filteredOn(t -> stackTrace(t).contains(POOL_WAITED)).hasSize(1);
            assertThat(together).filteredOn(t -> stackTrace(t).contains(FAILED_AT_ONCE)).hasSize(3);

            database.startServer();
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Connection served = null;
            while (served == null && System.nanoTime() < giveUp) {
                try {
                    served = connections.acquire();
                } catch (DataAccessException stillDown) {
                    Thread.sleep(100);
                }
            }
            assertThat(served).as("a connection once the database is back").isNotNull();
            connections.release(served);
            for (int i = 0; i < 5; i++) {
                connections.release(connections.acquire());
            }
        }
    }

    private static HikariDataSource pool(ScramPostgres database, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres");
        config.setUsername(ScramPostgres.USER);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(POOL_TIMEOUT.toMillis());
        config.setValidationTimeout(250);
        return new HikariDataSource(config);
    }

    private static Throwable failure(FailFastConnections connections) {
        Throwable thrown = catchThrowable(connections::acquire);
        assertThat(thrown).as("acquire while the database is down").isInstanceOf(DataAccessException.class);
        return thrown;
    }

    private static List<Throwable> allAtOnce(FailFastConnections connections, int requests) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Throwable>> running = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return failure(connections);
            }));
        }
        go.countDown();
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** What the API answers 503 for: a connection exception with the failure that made it. */
    private static void unreachable(Throwable thrown) {
        Throwable t = thrown;
        while (t != null && !(t instanceof SQLTransientConnectionException)) {
            t = t.getCause();
        }
        assertThat(t).as("a SQLTransientConnectionException in %s", thrown).isNotNull();
        assertThat(t.getCause()).as("what made the connection fail").isNotNull();
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
