package io.autoconn.connectors;

import io.micronaut.serde.annotation.Serdeable;

/** One allowed value of an enum param, with its stable id. */
@Serdeable
public record ParamOption(String id, String value) {
}
