package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The spec's Links: absolute URLs of the neighbouring pages; a missing one means there is none. */
@Serdeable
public record Links(@Nullable Href next, @Nullable Href prev) {
    @Serdeable
    public record Href(String href) {
    }
}
