package io.autoconn.identity;

import java.util.Set;

/**
 * Who is making this request: an authenticated user of one tenant, with its tenant-wide roles, and the
 * scopes of the API key it came with.
 */
public record Caller(String tenantId, String userId, Set<Role> roles, Set<Scope> scopes) {
    public Caller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** A caller whose key carries no scope. */
    public Caller(String tenantId, String userId, Set<Role> roles) {
        this(tenantId, userId, roles, Set.of());
    }

    /** Tenant and analytics admins may list every connection of the tenant ({@code listAll}). */
    public boolean isAdmin() {
        return roles.contains(Role.TENANT_ADMIN) || roles.contains(Role.ANALYTICS_ADMIN);
    }

    /** Only tenant admins manage users and other users' API keys. */
    public boolean isTenantAdmin() {
        return roles.contains(Role.TENANT_ADMIN);
    }
}
