package io.autoconn.connectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

/** One allowed value of an enum param, with its stable id. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ParamOption(String id, String value) {
}
