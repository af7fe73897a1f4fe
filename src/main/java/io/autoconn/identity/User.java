package io.autoconn.identity;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user of one tenant. {@code subject} is the identity provider's id for the user (Qlik's
 * {@code subject}); autoconn has no identity provider, so it defaults to the user's id.
 */
public record User(String id, String tenantId, String name, @Nullable String email, String subject, Set<Role> roles,
                   UserStatus status, Instant createdAt, Instant updatedAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        roles = Set.copyOf(roles);
    }

    /** Whether this user counts towards the tenant's administrators: one must always remain. */
    public boolean isActiveTenantAdmin() {
        return status == UserStatus.ACTIVE && roles.contains(Role.TENANT_ADMIN);
    }

    /** This user with the editable fields given, last updated at {@code at}. */
    public User edited(String newName, Set<Role> newRoles, UserStatus newStatus, Instant at) {
        return new User(id, tenantId, newName, email, subject, newRoles, newStatus, createdAt, at);
    }

    /** Whether {@code other} differs from this user in a field the API lets clients change. */
    public boolean differsEditably(User other) {
        return !name.equals(other.name) || authenticatesDifferently(other);
    }

    /** Whether the user's keys authenticate differently as {@code other}: roles or status changed. */
    public boolean authenticatesDifferently(User other) {
        return !roles.equals(other.roles) || status != other.status;
    }
}
