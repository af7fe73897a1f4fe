package io.autoconn.query;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a SQLite and a PostgreSQL {@link TestDatabase} once per test class, for parameterized tests that run the
 * same body on both ({@code @MethodSource("databases")}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BothDatabases {
    private List<TestDatabase> databases = List.of();

    @BeforeAll
    void openDatabases(@TempDir Path directory) throws SQLException {
        databases = List.of(TestDatabase.sqlite(directory), TestDatabase.postgres());
    }

    @AfterAll
    void closeDatabases() throws SQLException {
        for (TestDatabase database : databases) {
            database.drop();
        }
    }

    Stream<TestDatabase> databases() {
        return databases.stream();
    }
}
