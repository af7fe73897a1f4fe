package io.autoconn.secrets;

import java.util.Objects;

/**
 * A secret value in memory (a password, a token). {@link #toString()} never shows it, so a secret that
 * ends up in a log line, an exception message or a debugger view stays hidden; only {@link #reveal()}
 * gives the value, and only code that must hand it to a target system calls it.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // the hash would leak information about the value
    }

    @Override
    public String toString() {
        return "Secret[********]";
    }
}
