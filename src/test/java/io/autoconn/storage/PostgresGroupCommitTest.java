package io.autoconn.storage;

class PostgresGroupCommitTest extends GroupCommitContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
