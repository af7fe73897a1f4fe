package io.autoconn.storage;

class PostgresAutomationStoreTest extends AutomationStoreContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
