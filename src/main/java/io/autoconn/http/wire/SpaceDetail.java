package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spaces spec's Space, with {@code meta} computed for the caller. */
@Serdeable
public record SpaceDetail(
        String id,
        String name,
        String type,
        String description,
        String ownerId,
        String tenantId,
        String createdAt,
        @Nullable String createdBy,
        String updatedAt,
        Meta meta,
        SpaceLinks links) {

    /** The caller's roles in the space, the actions they may take, and the roles the space type can assign. */
    @Serdeable
    public record Meta(List<String> roles, List<String> actions, List<String> assignableRoles) {
    }

    @Serdeable
    public record SpaceLinks(Links.Href self, Links.Href assignments) {
    }
}
