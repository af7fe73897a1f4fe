package io.autoconn.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do beyond what its user may (an autoconn extension of Qlik's API keys). Only a
 * TenantAdmin grants scopes, since they reach secrets.
 */
public enum Scope {
    /**
     * Read a connection's decrypted params ({@code actions/credentials}): for the automation runtime, which
     * must use the credentials, not only see that they exist. The key's user must still be allowed to see
     * the connection.
     */
    CONNECTION_CREDENTIALS("automation-connections:credentials");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
