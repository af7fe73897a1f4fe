package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request bodies of the users API, as the spec names them. */
public final class UserRequests {
    private UserRequests() {
    }

    /** UserPostSchema: the fields autoconn keeps (others, such as picture, are ignored). */
    @Serdeable
    public record Create(@Nullable String name, @Nullable String email, @Nullable String subject,
                         @Nullable String status, @Nullable String tenantId, @Nullable List<RoleRef> assignedRoles) {
    }

    /** An item of RefIDs or RefNames. */
    @Serdeable
    public record RoleRef(@Nullable String id, @Nullable String name) {
    }
}
