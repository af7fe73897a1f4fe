package io.autoconn.spaces;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** A user's membership of a space, with the roles it gives. (Only users are assigned: groups are not supported.) */
public record Assignment(String id, String tenantId, String spaceId, String assigneeId, Set<SpaceRole> roles,
                         @Nullable String createdBy, Instant createdAt, @Nullable String updatedBy, Instant updatedAt) {
    public static final String USER = "user";

    public Assignment {
        roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(SpaceRole.class) : EnumSet.copyOf(roles));
    }

    public Assignment withRoles(Set<SpaceRole> newRoles, String by, Instant at) {
        return new Assignment(id, tenantId, spaceId, assigneeId, newRoles, createdBy, createdAt, by, at);
    }
}
