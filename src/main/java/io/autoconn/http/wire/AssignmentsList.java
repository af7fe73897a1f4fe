package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spaces spec's Assignments. */
@Serdeable
public record AssignmentsList(List<AssignmentDetail> data, ListMeta meta, ListLinks links) {
}
