package io.autoconn.http.wire;

import io.autoconn.connectors.CheckError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's AutomationConnectionDetailObject ({@code redirect} and {@code oauthAccountName} come with OAuth2). */
@Serdeable
public record ConnectionDetail(
        String id,
        String name,
        @Nullable CheckError error,
        List<Param> params,
        String ownerId,
        @Nullable String spaceId,
        @Nullable String redirect,
        String createdAt,
        String updatedAt,
        String connectorId,
        boolean isConnected,
        @Nullable String oauthAccountName) {

    /** The spec's AutomationConnectionParamObject: the connector's declaration merged with the value. */
    @Serdeable
    public record Param(
            String id,
            List<Object> meta,
            String name,
            int order,
            @Nullable String value,
            String fieldType,
            boolean isOptional,
            @Nullable String exampleValue,
            List<Option> paramOptions,
            @Nullable String documentation) {
    }

    /** The spec's AutomationConnectionParamOptionObject. */
    @Serdeable
    public record Option(String id, String value) {
    }
}
