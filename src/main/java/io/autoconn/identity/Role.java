package io.autoconn.identity;

import java.util.Arrays;
import java.util.Optional;

/** Tenant-wide roles, named as Qlik names them. A user with none of these is a plain user. */
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

    public static Optional<Role> fromQlikName(String name) {
        return Arrays.stream(values()).filter(r -> r.qlikName.equals(name)).findFirst();
    }
}
