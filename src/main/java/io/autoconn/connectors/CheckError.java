package io.autoconn.connectors;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Why a connection check failed, in the shape of the spec's Error object ({@code code}, {@code title},
 * {@code detail}). It is stored with the connection and returned as its {@code error}; it must never
 * contain a secret parameter value.
 */
@Serdeable
public record CheckError(String code, String title, String detail) {
}
