package io.autoconn.storage;

class PostgresKeyRotationTest extends KeyRotationContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
