package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's AutomationConnectorsList. */
@Serdeable
public record ConnectorsList(List<ConnectorListItem> data, Links links) {
}
