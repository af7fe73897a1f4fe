package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The spec's AutomationConnectorsListObject. */
@Serdeable
public record ConnectorListItem(
        String id,
        String name,
        boolean billable,
        @Nullable String logoLarge,
        @Nullable String logoSmall,
        @Nullable String logoMedium,
        @Nullable String description,
        boolean hasWebhooks) {
}
