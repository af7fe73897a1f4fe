package io.autoconn.storage;

class SqliteKeyRotationTest extends KeyRotationContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
