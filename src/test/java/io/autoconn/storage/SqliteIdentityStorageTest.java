package io.autoconn.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteIdentityStorageTest extends IdentityStorageContract {
    @TempDir
    Path dir;

    @Override
    protected Database database() {
        return Database.open(TestDatabases.sqlite(dir), Backend.SQLITE);
    }
}
