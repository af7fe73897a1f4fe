package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Request bodies of the API keys API, as the spec names them. */
public final class ApiKeyRequests {
    private ApiKeyRequests() {
    }

    /** ApiKeyBody. */
    @Serdeable
    public record Create(@Nullable String description, @Nullable String expiry, @Nullable String sub,
                         @Nullable String subType) {
    }
}
