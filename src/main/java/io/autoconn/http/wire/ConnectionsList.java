package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's AutomationConnectionsList. */
@Serdeable
public record ConnectionsList(List<ConnectionListItem> data, Links links) {
}
