package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The audits API's GetObjectsResult: a plain list of names (event types, sources). */
@Serdeable
public record StringList(List<String> data) {
}
