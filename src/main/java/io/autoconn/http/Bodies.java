package io.autoconn.http;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;

/** Request bodies the identity controllers require: absent or JSON null is a precise 400. */
final class Bodies {
    private Bodies() {
    }

    static <T> T require(@Nullable T body, String shape) {
        if (body == null) {
            throw new ApiException(ErrorCode.INVALID_JSON, "A JSON " + shape + " request body is required");
        }
        return body;
    }
}
