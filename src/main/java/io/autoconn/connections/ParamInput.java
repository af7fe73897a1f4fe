package io.autoconn.connections;

import io.micronaut.core.annotation.Nullable;

/**
 * One param value as a client sent it: on create by {@code name}, on update by {@code id}; the
 * other is null. {@code index} is its place in the request, for error messages.
 */
public record ParamInput(int index, @Nullable String key, @Nullable String value) {
}
