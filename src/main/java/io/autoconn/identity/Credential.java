package io.autoconn.identity;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Optional;

/**
 * What an API key that is not revoked, and whose user is active, authenticates as: its caller, until its
 * expiry (none when null). Everything here can change only through a {@link CredentialChange}, except the
 * passing of time, which {@link #validAt} decides.
 */
public record Credential(String keyId, Caller caller, @Nullable Instant expiresAt) {
    /** The same rule as the API keys' status: a key expires at its expiry instant. */
    public boolean validAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** The caller, while the key is valid at {@code now}; empty once it has expired. */
    public Optional<Caller> callerAt(Instant now) {
        return validAt(now) ? Optional.of(caller) : Optional.empty();
    }
}
