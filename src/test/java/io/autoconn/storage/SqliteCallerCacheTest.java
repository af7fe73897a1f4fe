package io.autoconn.storage;

class SqliteCallerCacheTest extends CallerCacheContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
