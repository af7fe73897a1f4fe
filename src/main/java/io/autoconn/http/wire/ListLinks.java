package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The links of a Qlik list that names its own page too (users, API keys, spaces, assignments): absolute URLs. */
@Serdeable
public record ListLinks(Links.Href self, @Nullable Links.Href next, @Nullable Links.Href prev) {
}
