package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's Users: one page, with totalResults only when asked for. */
@Serdeable
public record UsersList(List<UserDetail> data, ListLinks links, @Nullable Integer totalResults) {
}
