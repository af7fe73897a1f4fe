package io.autoconn.storage;

import org.junit.jupiter.api.AfterEach;

class PostgresIdentityStorageTest extends IdentityStorageContract {
    private TestDatabases.PostgresSchema schema;

    @Override
    protected Database database() {
        schema = TestDatabases.postgres();
        return Database.open(schema.dataSource(), Backend.POSTGRESQL);
    }

    @AfterEach
    void dropSchema() {
        schema.close();
    }
}
