package io.autoconn.storage;

class SqliteDataKeyStoreTest extends DataKeyStoreContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
