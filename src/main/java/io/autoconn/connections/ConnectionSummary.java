package io.autoconn.connections;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What a list shows of a connection: no params, no secrets, so lists never read or decode them. */
public record ConnectionSummary(
        String id,
        String ownerId,
        @Nullable String spaceId,
        String connectorId,
        String name,
        boolean connected,
        Instant createdAt,
        Instant updatedAt) {
}
