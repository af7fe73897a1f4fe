package io.autoconn.storage;

class SqliteSpaceStoreTest extends SpaceStoreContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
