package io.autoconn.storage;

class PostgresStorageTest extends StorageContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
