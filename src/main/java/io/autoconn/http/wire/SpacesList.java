package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spaces spec's Spaces. */
@Serdeable
public record SpacesList(List<SpaceDetail> data, ListMeta meta, ListLinks links) {
}
