package io.autoconn.identity;

import io.autoconn.audit.AuditEvent;
import io.autoconn.storage.DirectoryStore;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit events of tenant, user and API key changes, and of what a user's deletion takes with it.
 * Data names what changed and identifies the resource; a token never appears (its hash neither).
 */
public final class IdentityAudit {
    public static final String TENANT = "tenant";
    public static final String USER = "user";
    public static final String API_KEY = "api-key";
    static final String CONNECTION = "automation-connection";
    static final String AUTOMATION = "automation";
    static final String SPACE = "space";
    static final String SPACE_ASSIGNMENT = "space-assignment";
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String DELETED = "deleted";
    static final String REVOKED = "revoked";
    static final String OWNER_CHANGED = "owner-changed";
    /** Why a resource went with a user's deletion, in the {@code cause} data key. */
    static final String CAUSE = "cause";
    static final String OIDC_SIGN_IN = "oidc-sign-in";

    private IdentityAudit() {
    }

    /** A tenant with its first admin and that admin's key, made by the bootstrap or the operator command. */
    public static List<AuditEvent> tenantCreated(DirectoryStore.NewTenant t, @Nullable String adminEmail) {
        User admin = new User(t.adminUserId(), t.tenantId(), t.adminName(), adminEmail, t.adminUserId(),
                Set.of(Role.TENANT_ADMIN), UserStatus.ACTIVE, t.createdAt(), t.createdAt());
        return List.of(
                AuditEvent.bySystem(t.tenantId(), TENANT, CREATED, t.tenantId(), t.createdAt(), Map.of("name", t.tenantName())),
                AuditEvent.bySystem(t.tenantId(), USER, CREATED, admin.id(), t.createdAt(), userData(admin)),
                AuditEvent.bySystem(t.tenantId(), API_KEY, CREATED, t.apiKeyId(), t.createdAt(),
                        Map.of("sub", admin.id(), "description", DirectoryStore.BOOTSTRAP_KEY_DESCRIPTION)));
    }

    public static AuditEvent userCreated(Caller actor, User u) {
        return AuditEvent.of(actor, USER, CREATED, u.id(), u.createdAt(), userData(u));
    }

    public static AuditEvent userUpdated(Caller actor, User before, User after) {
        return AuditEvent.of(actor, USER, UPDATED, after.id(), after.updatedAt(), updatedData(before, after));
    }

    /** A user created by their first OIDC sign-in: their own doing, as the actor says. */
    public static AuditEvent userCreatedAtSignIn(User u) {
        Map<String, Object> data = userData(u);
        data.put(CAUSE, OIDC_SIGN_IN);
        return AuditEvent.of(self(u), USER, CREATED, u.id(), u.createdAt(), data);
    }

    /** A user given the roles of their OIDC token at sign-in. */
    public static AuditEvent userUpdatedAtSignIn(User before, User after) {
        Map<String, Object> data = updatedData(before, after);
        data.put(CAUSE, OIDC_SIGN_IN);
        return AuditEvent.of(self(after), USER, UPDATED, after.id(), after.updatedAt(), data);
    }

    private static Caller self(User u) {
        return new Caller(u.tenantId(), u.id(), u.roles());
    }

    private static Map<String, Object> updatedData(User before, User after) {
        Set<String> changed = new TreeSet<>();
        if (!before.name().equals(after.name())) {
            changed.add("name");
        }
        if (!before.roles().equals(after.roles())) {
            changed.add("assignedRoles");
        }
        if (before.status() != after.status()) {
            changed.add("status");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(AuditEvent.CHANGED_FIELDS, List.copyOf(changed));
        data.put("name", after.name());
        if (changed.contains("assignedRoles")) {
            data.put("assignedRoles", roleNames(after));
        }
        if (changed.contains("status")) {
            data.put("status", after.status().value());
        }
        return data;
    }

    public static AuditEvent userDeleted(Caller actor, User u, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", u.name());
        if (u.email() != null) {
            data.put("email", u.email());
        }
        return AuditEvent.of(actor, USER, DELETED, u.id(), at, data);
    }

    public static AuditEvent apiKeyCreated(Caller actor, ApiKey k) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sub", k.userId());
        data.put("description", k.description());
        if (k.expiresAt() != null) {
            data.put("expiry", k.expiresAt().toString());
        }
        return AuditEvent.of(actor, API_KEY, CREATED, k.id(), k.createdAt(), data);
    }

    public static AuditEvent apiKeyUpdated(Caller actor, ApiKey before, ApiKey after) {
        List<String> changed = before.description().equals(after.description()) ? List.of() : List.of("description");
        return AuditEvent.of(actor, API_KEY, UPDATED, after.id(), after.updatedAt(),
                Map.of(AuditEvent.CHANGED_FIELDS, changed, "sub", after.userId()));
    }

    public static AuditEvent apiKeyRevoked(Caller actor, ApiKey k, Instant at) {
        return AuditEvent.of(actor, API_KEY, REVOKED, k.id(), at, Map.of("sub", k.userId()));
    }

    /** A key deleted because its user was. */
    public static AuditEvent apiKeyDeletedWithUser(Caller actor, String keyId, String userId, Instant at) {
        return AuditEvent.of(actor, API_KEY, DELETED, keyId, at, Map.of("sub", userId, CAUSE, "user-deleted"));
    }

    /** A connection deleted because its owner was deleted with {@code force=true}. */
    public static AuditEvent connectionDeletedWithOwner(Caller actor, String connectionId, String name,
                                                        String connectorId, String ownerId, @Nullable String spaceId,
                                                        Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connectorId", connectorId);
        return deletedWithOwner(actor, CONNECTION, connectionId, name, ownerId, spaceId, data, at);
    }

    /** An automation deleted because its owner was deleted with {@code force=true}. */
    public static AuditEvent automationDeletedWithOwner(Caller actor, String automationId, String name, String ownerId,
                                                        @Nullable String spaceId, Instant at) {
        return deletedWithOwner(actor, AUTOMATION, automationId, name, ownerId, spaceId, new LinkedHashMap<>(), at);
    }

    /** A resource's deletion with its owner: identified as its own deletion events identify it, and why. */
    private static AuditEvent deletedWithOwner(Caller actor, String resourceType, String id, String name,
                                               String ownerId, @Nullable String spaceId, Map<String, Object> data,
                                               Instant at) {
        data.put("name", name);
        data.put("ownerId", ownerId);
        if (spaceId != null) {
            data.put("spaceId", spaceId);
        }
        data.put(CAUSE, "owner-deleted");
        return AuditEvent.of(actor, resourceType, DELETED, id, at, data);
    }

    /** A space passed to {@code heirId} because its owner was deleted. */
    public static AuditEvent spaceOwnerInherited(Caller actor, String spaceId, String name, String previousOwnerId,
                                                 String heirId, Instant at) {
        return AuditEvent.of(actor, SPACE, OWNER_CHANGED, spaceId, at, Map.of(AuditEvent.CHANGED_FIELDS,
                List.of("ownerId"), "name", name, "ownerId", heirId, "previousOwnerId", previousOwnerId,
                CAUSE, "owner-deleted"));
    }

    /**
     * A space assignment removed because its user was deleted, or because its user inherited the space
     * (an owner holds every role without one).
     */
    public static AuditEvent assignmentDeletedWithUser(Caller actor, String assignmentId, String spaceId,
                                                       String assigneeId, Instant at) {
        return AuditEvent.of(actor, SPACE_ASSIGNMENT, DELETED, assignmentId, at, Map.of("spaceId", spaceId,
                "assigneeId", assigneeId, CAUSE, "user-deleted"));
    }

    private static Map<String, Object> userData(User u) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", u.name());
        if (u.email() != null) {
            data.put("email", u.email());
        }
        data.put("subject", u.subject());
        data.put("assignedRoles", roleNames(u));
        data.put("status", u.status().value());
        return data;
    }

    private static List<String> roleNames(User u) {
        List<String> names = new ArrayList<>();
        u.roles().stream().map(Role::qlikName).sorted().forEach(names::add);
        return names;
    }
}
