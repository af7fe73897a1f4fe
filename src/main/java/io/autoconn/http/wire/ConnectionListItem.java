package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The spec's AutomationConnectionsListObject. */
@Serdeable
public record ConnectionListItem(
        String id,
        String name,
        String ownerId,
        @Nullable String spaceId,
        String createdAt,
        String updatedAt,
        String connectorId,
        boolean isConnected) {
}
