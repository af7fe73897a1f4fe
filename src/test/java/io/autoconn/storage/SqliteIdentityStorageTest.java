package io.autoconn.storage;

class SqliteIdentityStorageTest extends IdentityStorageContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
