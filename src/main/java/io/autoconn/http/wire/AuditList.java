package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The audits API's GetResult: a page of events with its self, next and prev links. */
@Serdeable
public record AuditList(List<AuditEventItem> data, ListLinks links) {
}
