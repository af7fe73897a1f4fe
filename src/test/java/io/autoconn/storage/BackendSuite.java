package io.autoconn.storage;

import java.nio.file.Path;
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

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }
}
