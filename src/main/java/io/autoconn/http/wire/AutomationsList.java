package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The spec's AutomationList. */
@Serdeable
public record AutomationsList(List<AutomationListItem> data, Links links) {
}
