package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request bodies of the automation operations, as the spec names them. */
public final class AutomationRequests {
    private AutomationRequests() {
    }

    /** AutomationDetailRequestObject; the workspace is any JSON value here, so that a non-object gets a clear 400. */
    @Serdeable
    public record Create(@Nullable String name, @Nullable String description, @Nullable String spaceId,
                         @Nullable JsonNode workspace, @Nullable List<Object> schedules,
                         @Nullable Integer maxConcurrentRuns) {
    }

    /** AutomationDetailUpdateRequestObject. */
    @Serdeable
    public record Update(@Nullable String name, @Nullable String description, @Nullable JsonNode workspace,
                         @Nullable List<Object> schedules, @Nullable Integer maxConcurrentRuns) {
    }

    /** The body of actions/change-owner. */
    @Serdeable
    public record ChangeOwner(@Nullable String userId) {
    }

    /** The body of actions/change-space. */
    @Serdeable
    public record ChangeSpace(@Nullable String spaceId) {
    }
}
