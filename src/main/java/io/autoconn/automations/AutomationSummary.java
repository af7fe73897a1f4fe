package io.autoconn.automations;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What a list shows of an automation: everything but the workspace, so lists never read or parse it. */
public record AutomationSummary(
        String id,
        String ownerId,
        @Nullable String spaceId,
        String name,
        String description,
        AutomationState state,
        RunMode runMode,
        int maxConcurrentRuns,
        Instant createdAt,
        Instant updatedAt) {
}
