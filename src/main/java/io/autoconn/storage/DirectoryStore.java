package io.autoconn.storage;

import io.autoconn.audit.AuditEvent;
import io.autoconn.identity.Caller;
import io.autoconn.identity.Credential;
import io.autoconn.identity.CredentialChange;
import io.autoconn.identity.IdentityAudit;
import io.autoconn.identity.Role;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Tenants, users and their API keys: who may call. (Spaces are in {@link SpaceStore}.) */
public interface DirectoryStore {
    /** The description of a tenant's first API key, made with the tenant. */
    String BOOTSTRAP_KEY_DESCRIPTION = "The tenant's first admin key, made with the tenant";

    /**
     * What an API key (given by its hash) authenticates as, if it is not revoked and its user is active; its
     * expiry is left to {@link Credential#validAt}, so that the answer holds until a {@link CredentialChange}.
     */
    Optional<Credential> credential(String keyHash);

    /** The caller an API key (given by its hash) belongs to, if the key is live at {@code now}. */
    default Optional<Caller> authenticate(String keyHash, Instant now) {
        return credential(keyHash).flatMap(c -> c.callerAt(now));
    }

    boolean userExists(String tenantId, String userId);

    /** The id of the tenant with this id, else of the tenant with this name. */
    Optional<String> findTenantId(String idOrName);

    /** Whether the tenant has this space (whoever may see it: see {@code io.autoconn.access}). */
    /**
     * Creates a tenant with its first admin user and API key, unless a tenant of that name exists.
     * Atomic: several servers starting at once on one database create it once.
     *
     * @return whether this call created the tenant
     */
    default boolean createTenantIfAbsent(NewTenant tenant) {
        return createTenant(tenant, null, IdentityAudit.tenantCreated(tenant, null));
    }

    /**
     * Creates a tenant with its first TenantAdmin (with {@code adminEmail}, if given) and that admin's API
     * key, writing {@code events} in the same transaction; false, writing nothing, when a tenant of that
     * name exists.
     */
    boolean createTenant(NewTenant tenant, @Nullable String adminEmail, List<AuditEvent> events);

    /** Seeds an active user (audited as made by the system). */
    void createUser(String tenantId, String userId, String name, Set<Role> roles, Instant now);

    /** Seeds a never-expiring API key of a user (audited as made by the system). */
    void createApiKey(String tenantId, String userId, String keyId, String keyHash, Instant now);

    /** Makes sure the tenant's first admin has an API key with this hash (idempotent). */
    void ensureAdminKey(String tenantName, String keyHash, Instant now);

    record NewTenant(String tenantId, String tenantName, String adminUserId, String adminName,
                     String apiKeyId, String apiKeyHash, Instant createdAt) {
    }
}
