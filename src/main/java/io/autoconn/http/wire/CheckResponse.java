package io.autoconn.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The spec's AutomationConnectionCheckObject: the same answer under both of its names. */
@Serdeable
public record CheckResponse(boolean connected, @JsonProperty("is_connected") boolean isConnected) {
}
