package io.autoconn.storage;

class SqliteOAuthStoreTest extends OAuthStoreContract {
    @Override
    protected Backend backend() {
        return Backend.SQLITE;
    }
}
