package io.autoconn.storage;

class SqliteGroupCommitTest extends GroupCommitContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
