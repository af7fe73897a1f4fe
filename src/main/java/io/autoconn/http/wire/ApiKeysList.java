package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's api-key-page. */
@Serdeable
public record ApiKeysList(List<ApiKeyDetail> data, ListLinks links) {
}
