package io.autoconn.identity;

import java.util.Arrays;
import java.util.Optional;

/** An API key's status, computed from its expiry and revocation at the time of the request. */
public enum ApiKeyStatus {
    ACTIVE("active"),
    EXPIRED("expired"),
    REVOKED("revoked");

    private final String value;

    ApiKeyStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ApiKeyStatus> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
