package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The spec's AutomationListObject, without the workspace (read one automation for it) or run fields. */
@Serdeable
public record AutomationListItem(
        String id,
        String name,
        String description,
        String state,
        String ownerId,
        String runMode,
        @Nullable String spaceId,
        String createdAt,
        String updatedAt,
        int maxConcurrentRuns) {
}
