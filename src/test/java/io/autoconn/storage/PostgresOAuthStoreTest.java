package io.autoconn.storage;

class PostgresOAuthStoreTest extends OAuthStoreContract {
    @Override
    protected Backend backend() {
        return Backend.POSTGRESQL;
    }
}
