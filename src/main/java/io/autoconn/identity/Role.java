package io.autoconn.identity;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tenant-wide roles, named as Qlik names them. A user with none of these is a plain user. A role's id
 * is its name: autoconn has no custom roles, so a stable readable id serves clients best.
 */
public enum Role {
    TENANT_ADMIN("TenantAdmin"),
    ANALYTICS_ADMIN("AnalyticsAdmin");

    private final String qlikName;

    Role(String qlikName) {
        this.qlikName = qlikName;
    }

    public String qlikName() {
        return qlikName;
    }

    public String id() {
        return qlikName;
    }

    public static Optional<Role> fromQlikName(String name) {
        return Arrays.stream(values()).filter(r -> r.qlikName.equals(name)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Role::qlikName).collect(Collectors.joining(", "));
    }
}
