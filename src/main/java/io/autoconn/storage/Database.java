package io.autoconn.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The one way into the database: a jOOQ context for the backend's dialect, on a schema that
 * {@link #open} has migrated to the latest version, whose connections fail fast while the database is
 * unreachable ({@link FailFastConnections}). Reads use {@link #dsl()}; every statement or
 * transaction that writes goes through {@link #write}.
 */
public final class Database {
    private final DSLContext dsl;
    private final Backend backend;
    /**
     * SQLite allows one writer at a time; writers that collide sleep in its busy handler (up to
     * tens of milliseconds per retry), which collapses throughput under concurrent writes. Queuing
     * them here instead keeps every writer busy-free. Null for PostgreSQL, whose writers run in
     * parallel.
     */
    private final ReentrantLock sqliteWriter;
    /** What to do once the thread's current {@link #transaction} commits (null outside one). */
    private final ThreadLocal<List<Runnable>> onCommit = new ThreadLocal<>();

    private Database(DSLContext dsl, Backend backend) {
        this.dsl = dsl;
        this.backend = backend;
        this.sqliteWriter = backend == Backend.SQLITE ? new ReentrantLock(true) : null;
    }

    /** Applies pending Flyway migrations, then returns the database ready for use. */
    public static Database open(DataSource dataSource, Backend backend) {
        migrations(dataSource, backend).migrate();
        Settings settings = new Settings()
                // Quoting every identifier spares jOOQ deciding, per identifier and query, whether it must.
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withExecuteLogging(false);
        return new Database(DSL.using(new FailFastConnections(dataSource, FailFastConnections.RETRY_AFTER), backend.dialect(),
                settings), backend);
    }

    /** The schema's migrations on this database: applied by {@link #open}, watched by {@link DatabaseReadiness}. */
    static Flyway migrations(DataSource dataSource, Backend backend) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(backend.migrationPlaceholders())
                .load();
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Runs {@code work}, which writes, with the backend's write discipline. */
    public <T> T write(Function<DSLContext, T> work) {
        if (sqliteWriter == null) {
            return work.apply(dsl);
        }
        sqliteWriter.lock();
        try {
            return work.apply(dsl);
        } finally {
            sqliteWriter.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction, with the backend's write discipline: everything it writes
     * through the {@link DSLContext} it is given commits together, or not at all.
     */
    public <T> T transaction(Function<DSLContext, T> work) {
        List<Runnable> outer = onCommit.get();
        List<Runnable> committed = new ArrayList<>();
        onCommit.set(committed);
        T result;
        try {
            result = write(writer -> writer.transactionResult(tx -> work.apply(tx.dsl())));
        } finally {
            onCommit.set(outer);
        }
        committed.forEach(Runnable::run);
        return result;
    }

    /**
     * Runs {@code action} on this thread once the {@link #transaction} it is called in has committed; never if
     * it rolls back. For effects outside the database that must not run ahead of the data (a change seen
     * by another thread before it is visible could be undone by that thread's read of the old row).
     */
    public void afterCommit(Runnable action) {
        List<Runnable> committed = onCommit.get();
        if (committed == null) {
            throw new IllegalStateException("afterCommit outside a transaction");
        }
        committed.add(action);
    }

    public Backend backend() {
        return backend;
    }
}
