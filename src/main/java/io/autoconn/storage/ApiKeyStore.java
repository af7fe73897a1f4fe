package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.ApiKey;
import io.autoconn.identity.ApiKeyStatus;
import io.autoconn.query.ListRequest;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys. Scoped to a tenant; every change writes its audit event in its own transaction. The token's
 * hash goes in on insert and never comes out (authentication compares it in {@link DirectoryStore}).
 */
public interface ApiKeyStore {
    void insert(ApiKey key, String keyHash, AuditEvent event);

    Optional<ApiKey> find(String tenantId, String id);

    /** One page of the tenant's keys that match {@code filter}. */
    Page list(String tenantId, Filter filter, ListRequest request);

    /** Stores a new description and {@code updatedAt}; false when the key is gone. */
    boolean update(ApiKey key, AuditEvent event);

    /** Revokes a key at {@code at}; false when there is no such key or it was revoked already. */
    boolean revoke(String tenantId, String id, Instant at, AuditEvent event);

    /**
     * What a list selects, each null for any.
     *
     * @param userId the keys of this user (Qlik's {@code sub})
     * @param createdBy the keys this user created
     * @param status the keys with this status at {@code now}
     */
    record Filter(@Nullable String userId, @Nullable String createdBy, @Nullable ApiKeyStatus status, Instant now) {
    }

    record Page(List<ApiKey> keys, @Nullable String nextCursor, @Nullable String prevCursor) {
    }
}
