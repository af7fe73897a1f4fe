package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The links of Qlik's newer lists (spaces, assignments): this page, and the neighbouring pages when there are any. */
@Serdeable
public record ListLinks(Links.Href self, @Nullable Links.Href next, @Nullable Links.Href prev) {
}
