package io.autoconn.automations;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A stored automation, as the domain sees it. {@code version} increases with every write and is the ETag the
 * API shows. The connections its workspace uses are derived from the workspace ({@link Workspace#connectionIds}).
 */
public record Automation(
        String id,
        String tenantId,
        String ownerId,
        @Nullable String spaceId,
        String name,
        String description,
        AutomationState state,
        RunMode runMode,
        int maxConcurrentRuns,
        Workspace workspace,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** This automation with a new definition: the next version, stamped with the time of the edit. */
    public Automation edited(String name, String description, int maxConcurrentRuns, Workspace workspace, Instant now) {
        return new Automation(id, tenantId, ownerId, spaceId, name, description, state, runMode, maxConcurrentRuns,
                workspace, version + 1, createdAt, now);
    }

    public Automation ownedBy(String newOwnerId, Instant now) {
        return new Automation(id, tenantId, newOwnerId, spaceId, name, description, state, runMode,
                maxConcurrentRuns, workspace, version + 1, createdAt, now);
    }

    public Automation inSpace(@Nullable String newSpaceId, Instant now) {
        return new Automation(id, tenantId, ownerId, newSpaceId, name, description, state, runMode,
                maxConcurrentRuns, workspace, version + 1, createdAt, now);
    }

    public Automation inState(AutomationState newState, Instant now) {
        return new Automation(id, tenantId, ownerId, spaceId, name, description, newState, runMode,
                maxConcurrentRuns, workspace, version + 1, createdAt, now);
    }
}
