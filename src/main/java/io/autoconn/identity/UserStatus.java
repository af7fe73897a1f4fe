package io.autoconn.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The statuses autoconn gives users, a subset of Qlik's (no invitations, so no {@code invited}). A
 * disabled user's API keys stop working at once: authentication reads the status on every request.
 */
public enum UserStatus {
    ACTIVE("active"),
    DISABLED("disabled");

    private final String value;

    UserStatus(String value) {
        this.value = value;
    }

    /** As the API and the database write it. */
    public String value() {
        return value;
    }

    public static Optional<UserStatus> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
