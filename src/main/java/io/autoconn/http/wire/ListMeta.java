package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;

/** A list's {@code meta}: how many items match the query in all pages. */
@Serdeable
public record ListMeta(long count) {
}
