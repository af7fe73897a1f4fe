package io.autoconn.identity;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An API key, without its token: only the token's hash is stored, and it never leaves the store.
 *
 * @param userId the user the key authenticates as (Qlik's {@code sub})
 * @param createdBy the user who created it (Qlik's {@code createdByUser}); a tenant admin may create keys for others
 * @param expiresAt null when the key never expires
 * @param revokedAt null while the key is not revoked
 * @param scopes what the key may do beyond what its user may (see {@link Scope})
 */
public record ApiKey(String id, String tenantId, String userId, String createdBy, String description,
                     Instant createdAt, Instant updatedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt,
                     Set<Scope> scopes) {
    public ApiKey {
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(description, "description");
    }

    /** As Qlik shows it: revoked wins over expired, which wins over active. */
    public ApiKeyStatus status(Instant now) {
        if (revokedAt != null) {
            return ApiKeyStatus.REVOKED;
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
    }
}
