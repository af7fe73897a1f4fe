package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's ErrorResponse: every 4xx and 5xx body. */
@Serdeable
public record ErrorResponse(List<Item> errors, String traceId) {
    @Serdeable
    public record Item(String code, String title, @Nullable String detail) {
    }
}
