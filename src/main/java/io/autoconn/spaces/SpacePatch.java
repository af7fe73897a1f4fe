package io.autoconn.spaces;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * Qlik's PATCH of a space: a JSON Patch (RFC 6902) limited to {@code replace} of {@code /name},
 * {@code /description} and {@code /ownerId} with string values. Operations apply in order.
 */
public final class SpacePatch {
    private SpacePatch() {
    }

    public record Operation(@Nullable String op, @Nullable String path, @Nullable String value) {
    }

    public static SpaceService.SpaceEdit toEdit(@Nullable List<Operation> operations) {
        if (operations == null || operations.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_FIELD,
                    "The body must be a non-empty JSON Patch array of operations, e.g. [{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"Sales\"}]");
        }
        String name = null;
        String description = null;
        String ownerId = null;
        for (int i = 0; i < operations.size(); i++) {
            Operation o = operations.get(i);
            String at = "[" + i + "]";
            if (o == null) {
                throw new ApiException(ErrorCode.INVALID_FIELD, at + " must be an object with op, path and value");
            }
            if (!"replace".equals(o.op())) {
                throw new ApiException(ErrorCode.INVALID_FIELD, at + ".op must be 'replace'; got " + quoted(o.op()));
            }
            String value = o.value();
            if (value == null) {
                throw new ApiException(ErrorCode.INVALID_FIELD, at + ".value is required (a string)");
            }
            switch (o.path() == null ? "" : o.path()) {
                case "/name" -> name = value;
                case "/description" -> description = value;
                case "/ownerId" -> ownerId = value;
                default -> throw new ApiException(ErrorCode.INVALID_FIELD,
                        at + ".path must be one of /name, /description, /ownerId; got " + quoted(o.path()));
            }
        }
        if (ownerId != null && ownerId.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "ownerId must not be blank");
        }
        return new SpaceService.SpaceEdit(name, description, ownerId);
    }

    private static String quoted(@Nullable String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
