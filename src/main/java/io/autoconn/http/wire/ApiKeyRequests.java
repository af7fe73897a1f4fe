package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request bodies of the API keys API, as the spec names them. */
public final class ApiKeyRequests {
    private ApiKeyRequests() {
    }

    /** ApiKeyBody, plus autoconn's {@code scopes} (see identity.Scope). */
    @Serdeable
    public record Create(@Nullable String description, @Nullable String expiry, @Nullable String sub,
                         @Nullable String subType, @Nullable List<String> scopes) {
    }
}
