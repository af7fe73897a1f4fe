package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's User: the fields autoconn keeps. */
@Serdeable
public record UserDetail(String id, String tenantId, String name, @Nullable String email, String subject,
                         String status, List<AssignedRole> assignedRoles, String createdAt, String lastUpdatedAt,
                         SelfLink links) {
    /** An item of AssignedRoles. */
    @Serdeable
    public record AssignedRole(String id, String name, String type, String level) {
    }

    @Serdeable
    public record SelfLink(Links.Href self) {
    }
}
