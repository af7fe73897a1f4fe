package io.autoconn.storage;

class SqliteAutomationStoreTest extends AutomationStoreContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
