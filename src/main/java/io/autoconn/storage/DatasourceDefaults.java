package io.autoconn.storage;

import io.autoconn.config.AutoconnConfig;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Completes the datasource before Hikari sees it: with no {@code AUTOCONN_DB_URL} the server runs on
 * the embedded SQLite file {@code $AUTOCONN_DATA_DIR/autoconn.db}, in WAL mode with synchronous=FULL,
 * and every transaction takes the write lock up front (BEGIN IMMEDIATE) so concurrent read-then-write
 * transactions wait instead of failing with BUSY. (A {@code BeanCreatedEventListener} would be too late:
 * Hikari rejects a blank URL first.)
 *
 * <p>Durability: a commit returns only once its WAL frames are written, so an acknowledged write is in the
 * file (the kernel's page cache) before the answer leaves, and a kill -9 of the process cannot lose it;
 * synchronous=NORMAL would already give that. FULL also fsyncs the WAL at every commit, so an acknowledged
 * write survives a power loss or kernel crash too, as far as the disk honours fsync ({@code DurabilityIT}).
 *
 * <p>Both backends wait at most {@code AUTOCONN_DB_CONNECTION_TIMEOUT} for a pooled connection: a healthy
 * pool hands one out in microseconds, so a longer wait means the database is down or overwhelmed, and a
 * prompt 503 serves the client better than a queue ({@code DatabaseOutageIT}).
 */
@Singleton
public class DatasourceDefaults implements BeanInitializedEventListener<DatasourceConfiguration> {
    /** Hikari's floor for both of its timeouts (it refuses less). */
    private static final long MIN_TIMEOUT_MILLIS = 250;

    private final AutoconnConfig config;

    public DatasourceDefaults(AutoconnConfig config) {
        this.config = config;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration ds = event.getBean();
        String url = ds.getConfiguredUrl();
        if (url == null || url.isBlank()) {
            ds.setUrl("jdbc:sqlite:" + sqliteFile());
        }
        long timeout = Math.max(MIN_TIMEOUT_MILLIS, config.getDbConnectionTimeout().toMillis());
        ds.setConnectionTimeout(timeout);
        // Checking an idle connection must fit in the wait.
        ds.setValidationTimeout(Math.max(MIN_TIMEOUT_MILLIS, timeout / 2));
        if (Backend.fromUrl(ds.getUrl()) == Backend.SQLITE) {
            SQLITE_PROPERTIES.forEach(ds::addDataSourceProperty);
            ds.setDriverClassName("org.sqlite.JDBC");
        }
        return ds;
    }

    /** sqlite-jdbc connection properties every SQLite connection of autoconn uses. */
    public static final Map<String, String> SQLITE_PROPERTIES = Map.of(
            "journal_mode", "WAL",
            "synchronous", "FULL",
            "busy_timeout", "10000",
            "foreign_keys", "true",
            "transaction_mode", "IMMEDIATE");

    private Path sqliteFile() {
        Path dir = config.getDataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir, e);
        }
        return dir.resolve("autoconn.db");
    }
}
