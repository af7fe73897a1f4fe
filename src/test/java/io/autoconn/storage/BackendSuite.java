package io.autoconn.storage;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage suite that runs against one real backend: each contract extends it, and a one-line subclass
 * per backend names which ({@code SqliteStorageTest}, {@code PostgresStorageTest}, ...). Every test gets
 * a freshly migrated, empty database: a temporary SQLite file, or a PostgreSQL schema dropped afterwards.
 */
abstract class BackendSuite {
    @TempDir
    Path dir;
    private TestDatabases.PostgresSchema schema;

    protected abstract Backend backend();

    /** A freshly migrated, empty database of the backend under test. */
    protected Database database() {
        return switch (backend()) {
            case SQLITE -> Database.open(TestDatabases.sqlite(dir), Backend.SQLITE);
            case POSTGRESQL -> {
                schema = TestDatabases.postgres();
                yield Database.open(schema.dataSource(), Backend.POSTGRESQL);
            }
        };
    }

    /** Connections of their own to the database {@link #database} made, as a change listener opens them. */
    protected ChangeNotifications.ConnectionSource ownConnections() {
        if (schema == null) {
            return () -> {
                throw new SQLException("SQLite: no instance listens");
            };
        }
        return schema.dataSource()::getConnection;
    }

    /** A change notifier of {@code db}, as one server has it. */
    protected ChangeNotifications notifications(Database db) {
        return new ChangeNotifications(db, ownConnections());
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }
}
