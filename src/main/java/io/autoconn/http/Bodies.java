package io.autoconn.http;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.JsonPatchOperation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.List;

/** Request bodies the framework may hand over as null (none sent) or of the wrong shape: a precise 400. */
final class Bodies {
    private static final Argument<List<JsonPatchOperation>> PATCH = Argument.listOf(JsonPatchOperation.class);

    private Bodies() {
    }

    static <T> T require(@Nullable T body) {
        if (body == null) {
            throw new ApiException(ErrorCode.INVALID_JSON, "A JSON object request body is required");
        }
        return body;
    }

    /**
     * A JSON Patch body: an array of operation objects. Bound here rather than by the framework, whose
     * message for an object sent instead of an array speaks of parser tokens.
     */
    static List<JsonPatchOperation> patch(JsonMapper json, @Nullable JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new ApiException(ErrorCode.INVALID_JSON,
                    "The request body must be a JSON array of patch operations, such as "
                            + "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"New name\"}]");
        }
        try {
            return json.readValueFromTree(body, PATCH);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(ErrorCode.INVALID_JSON,
                    "Each patch operation must be an object with the strings op and path, and a value");
        }
    }
}
