package io.autoconn.storage;

class PostgresSpaceStoreTest extends SpaceStoreContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
