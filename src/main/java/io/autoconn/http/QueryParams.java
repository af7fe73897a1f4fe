package io.autoconn.http;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.query.Paginator;
import io.micronaut.core.annotation.Nullable;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Query parameters are bound as strings and parsed here, so a bad value gets an error that names
 * the parameter and the accepted values (the framework's conversion errors do not).
 */
final class QueryParams {
    static final int DEFAULT_LIMIT = 100;

    private QueryParams() {
    }

    static int limit(@Nullable String value) {
        return limit(value, DEFAULT_LIMIT, Paginator.MAX_LIMIT);
    }

    /** A page size: {@code defaultLimit} when absent, else an integer from 1 to {@code maxLimit}. */
    static int limit(@Nullable String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(ErrorCode.INVALID_LIMIT,
                "limit must be an integer from 1 to " + maxLimit + "; got '" + abbreviate(value) + "'");
    }

    /**
     * The cursor of a list whose cursors come in two parameters (one per direction; the cursor knows its
     * own): the one given, or null. Both at once is an error, as in Qlik's APIs.
     */
    @Nullable
    static String cursor(String nextParam, @Nullable String next, String prevParam, @Nullable String prev) {
        boolean hasNext = next != null && !next.isEmpty();
        boolean hasPrev = prev != null && !prev.isEmpty();
        if (hasNext && hasPrev) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER,
                    nextParam + " and " + prevParam + " cannot be used together");
        }
        return hasNext ? next : hasPrev ? prev : null;
    }

    static boolean flag(String name, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER,
                    name + " must be true or false; got '" + abbreviate(value) + "'");
        };
    }

    /** Qlik's newer lists take the cursor as {@code next} or {@code prev} (the cursor itself knows which). */
    @Nullable
    static String cursor(@Nullable String next, @Nullable String prev) {
        boolean hasNext = next != null && !next.isEmpty();
        boolean hasPrev = prev != null && !prev.isEmpty();
        if (hasNext && hasPrev) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "Pass next or prev, not both");
        }
        return hasNext ? next : hasPrev ? prev : null;
    }

    /** A comma-separated list of enumerated values, such as {@code type=managed,shared}; empty when absent. */
    static <E extends Enum<E>> Set<E> commaList(String name, @Nullable String value, Class<E> type,
                                                Function<String, Optional<E>> parse, String allowed) {
        Set<E> values = EnumSet.noneOf(type);
        if (value == null || value.isEmpty()) {
            return values;
        }
        for (String item : value.split(",")) {
            values.add(parse.apply(item.strip()).orElseThrow(() -> new ApiException(ErrorCode.INVALID_QUERY_PARAMETER,
                    name + " must be a comma-separated list of " + allowed + "; got '" + abbreviate(item.strip()) + "'")));
        }
        return values;
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
