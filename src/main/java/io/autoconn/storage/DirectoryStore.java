package io.autoconn.storage;

import io.autoconn.identity.Caller;
import io.autoconn.identity.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Tenants, users and their API keys: who may call. (Spaces are in {@link SpaceStore}.) */
public interface DirectoryStore {
    /** The caller an API key (given by its hash) belongs to, if the key is live at {@code now}. */
    Optional<Caller> authenticate(String keyHash, Instant now);

    boolean userExists(String tenantId, String userId);

    /** Whether the tenant has this space (whoever may see it: see {@code io.autoconn.access}). */
    boolean spaceExists(String tenantId, String spaceId);

    /**
     * Creates a tenant with its first admin user and API key, unless a tenant of that name exists.
     * Atomic: several servers starting at once on one database create it once.
     *
     * @return whether this call created the tenant
     */
    boolean createTenantIfAbsent(NewTenant tenant);

    void createUser(String tenantId, String userId, String name, Set<Role> roles, Instant now);

    void createApiKey(String tenantId, String userId, String keyId, String keyHash, Instant now);

    /** Makes sure the tenant's first admin has an API key with this hash (idempotent). */
    void ensureAdminKey(String tenantName, String keyHash, Instant now);

    record NewTenant(String tenantId, String tenantName, String adminUserId, String adminName,
                     String apiKeyId, String apiKeyHash, Instant createdAt) {
    }
}
