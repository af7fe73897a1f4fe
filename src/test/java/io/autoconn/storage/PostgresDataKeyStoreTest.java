package io.autoconn.storage;

class PostgresDataKeyStoreTest extends DataKeyStoreContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
