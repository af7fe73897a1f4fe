package io.autoconn.storage;

class SqliteStorageTest extends StorageContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
