package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spaces spec's Assignment. */
@Serdeable
public record AssignmentDetail(
        String id,
        String type,
        String assigneeId,
        List<String> roles,
        String spaceId,
        String tenantId,
        String createdAt,
        @Nullable String createdBy,
        String updatedAt,
        @Nullable String updatedBy,
        AssignmentLinks links) {

    @Serdeable
    public record AssignmentLinks(Links.Href self, Links.Href space) {
    }
}
