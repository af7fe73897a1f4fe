package io.autoconn.http;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;

/** Request bodies the framework may hand over as null (none sent): a precise 400 instead. */
final class Bodies {
    private Bodies() {
    }

    static <T> T require(@Nullable T body) {
        if (body == null) {
            throw new ApiException(ErrorCode.INVALID_JSON, "A JSON object request body is required");
        }
        return body;
    }
}
