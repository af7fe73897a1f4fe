package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spaces spec's SpaceTypes. */
@Serdeable
public record SpaceTypes(List<String> data) {
}
