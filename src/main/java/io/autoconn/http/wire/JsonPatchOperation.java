package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The spec's JSONPatch (users) and ApiKeyPatch: {@code value} is any JSON value. */
@Serdeable
public record JsonPatchOperation(@Nullable String op, @Nullable String path, @Nullable Object value) {
}
