package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The spec's AutomationDetailResponseObject. Run fields (lastRun, lastRunAt, lastRunStatus, executionToken) and
 * the detected snippet/endpoint/connector ids come with a run engine; {@code schedules} is always empty.
 */
@Serdeable
public record AutomationDetail(
        String id,
        String name,
        String description,
        String state,
        String ownerId,
        String runMode,
        @Nullable String spaceId,
        String createdAt,
        String updatedAt,
        JsonNode workspace,
        List<Object> schedules,
        int maxConcurrentRuns) {
}
