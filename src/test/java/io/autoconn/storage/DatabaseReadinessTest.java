package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.health.KeptAnswer;
import io.autoconn.testing.Burst;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/readiness} takes no key, so anyone can send a burst of it: however many ask at once, readiness
 * must take one database connection at a time from the pool the API's requests share (it used to take one
 * per probe, and a burst of 16 turned API requests into 503s).
 */
class DatabaseReadinessTest {
    private static final int PROBES = 32;

    @TempDir
    Path dir;

    /** What Micronaut hands the indicator to run on; these tests call it directly. */
    private final ExecutorService unused = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        unused.shutdownNow();
    }

    @Test
    void aBurstOfProbesHoldsOneConnectionAtATime() throws Exception {
        CountingDataSource counted = new CountingDataSource(TestDatabases.sqlite(dir));
        Database database = Database.open(counted, Backend.SQLITE);
        DatabaseReadiness readiness = new DatabaseReadiness(counted, database, unused);
        counted.opened.set(0);

        assertThat(Burst.of(PROBES, readiness::getHealthInformation)).as("UP, no problem").allMatch(Map::isEmpty);
        assertThat(counted.mostHeld.get()).as("connections held at once").isEqualTo(1);
        assertThat(counted.opened.get()).as("connections taken by %d probes within a second", PROBES).isEqualTo(1);
    }

    @Test
    void aMissingMigrationShowsOnceTheKeptAnswerExpires() throws Exception {
        DataSource dataSource = TestDatabases.sqlite(dir);
        Database database = Database.open(dataSource, Backend.SQLITE);
        DatabaseReadiness readiness = new DatabaseReadiness(dataSource, database, unused);
        assertThat(readiness.getHealthInformation()).isEmpty();

        var history = DSL.table(DSL.name("flyway_schema_history"));
        var rank = DSL.field(DSL.name("installed_rank"), Integer.class);
        Integer latest = database.dsl().select(DSL.max(rank)).from(history).fetchOne(0, Integer.class);
        database.write(dsl -> dsl.deleteFrom(history).where(rank.eq(latest)).execute());

        Thread.sleep(KeptAnswer.KEPT.toMillis() + 100);
        assertThat(readiness.getHealthInformation())
                .containsEntry("problem", "1 migration(s) pending: the schema is older than this server");
    }

    /** A data source that counts the connections it hands out, and the most that were open at once. */
    private static final class CountingDataSource implements DataSource {
        private final DataSource target;
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger mostHeld = new AtomicInteger();

        CountingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = target.getConnection();
            opened.incrementAndGet();
            mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
            AtomicInteger closed = new AtomicInteger();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && closed.getAndIncrement() == 0) {
                            held.decrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("not used by autoconn");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return target.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return target.isWrapperFor(type);
        }
    }
}
