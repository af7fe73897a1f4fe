package io.autoconn.identity;

import io.micronaut.core.annotation.Nullable;

/**
 * One operation of a JSON Patch request body (RFC 6902, with Qlik's extra ops), as the client sent it:
 * {@code value} is any JSON value (string, boolean, number, list, map), checked by whoever applies it.
 */
public record PatchOperation(@Nullable String op, @Nullable String path, @Nullable Object value) {
    /** Names the operation in error details: "operation 2 (replace /status)". */
    public String describe(int index) {
        return "operation " + (index + 1) + " (" + op + " " + path + ")";
    }
}
