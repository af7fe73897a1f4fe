package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's AutomationConnectorDetail (autoconn's connectors have no blocks or snippets yet). */
@Serdeable
public record ConnectorDetail(
        String id,
        String name,
        List<Object> blocks,
        List<Param> params,
        boolean billable,
        List<Object> snippets,
        @Nullable String description,
        boolean hasWebhooks,
        @Nullable String connectDocumentation) {

    /** The spec's AutomationConnectorParam. */
    @Serdeable
    public record Param(
            String id,
            String name,
            List<String> options,
            boolean setting,
            boolean optional,
            String fieldType,
            @Nullable String description,
            @Nullable String exampleValue) {
    }
}
