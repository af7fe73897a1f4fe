package io.autoconn.storage;

class PostgresIdentityStorageTest extends IdentityStorageContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
