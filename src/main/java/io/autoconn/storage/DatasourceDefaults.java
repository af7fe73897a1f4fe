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
 * the embedded SQLite file {@code $AUTOCONN_DATA_DIR/autoconn.db}, in WAL mode with synchronous=FULL
 * (an acknowledged write survives a kill -9), and every transaction takes the write lock up front
 * (BEGIN IMMEDIATE) so concurrent read-then-write transactions wait instead of failing with BUSY.
 * (A {@code BeanCreatedEventListener} would be too late: Hikari rejects a blank URL first.)
 */
@Singleton
public class DatasourceDefaults implements BeanInitializedEventListener<DatasourceConfiguration> {
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
