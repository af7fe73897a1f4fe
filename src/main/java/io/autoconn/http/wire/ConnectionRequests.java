package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request bodies of the connection operations, as the spec names them. */
public final class ConnectionRequests {
    private ConnectionRequests() {
    }

    /** AutomationConnectionCreationObject. */
    @Serdeable
    public record Create(@Nullable String name, @Nullable List<ParamByName> params, @Nullable String spaceId,
                         @Nullable String connectorId) {
    }

    /** AutomationConnectionParamCreateObject. */
    @Serdeable
    public record ParamByName(@Nullable String name, @Nullable String value) {
    }

    /** AutomationConnectionPutRequestObject. */
    @Serdeable
    public record Update(@Nullable String name, @Nullable List<ParamById> params) {
    }

    /** AutomationConnectionParamPutObject. */
    @Serdeable
    public record ParamById(@Nullable String id, @Nullable String value) {
    }

    /** AutomationConnectionChangeOwnerObject. */
    @Serdeable
    public record ChangeOwner(@Nullable String userId) {
    }

    /** AutomationConnectionChangeSpaceObject. */
    @Serdeable
    public record ChangeSpace(@Nullable String spaceId) {
    }
}
