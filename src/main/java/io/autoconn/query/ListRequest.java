package io.autoconn.query;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * One list call's query parameters, unvalidated: {@link Paginator#fetch} checks them.
 *
 * @param filter a SCIM filter, or null/blank for none
 * @param sort an allowed sort value such as {@code -name}, or null/blank for the default
 * @param cursor a cursor from a previous {@link Page} of the same list, or null/blank for the first page
 * @param limit the page size, 1 to {@link Paginator#MAX_LIMIT}
 * @param scope the caller's visibility (for example "listAll" or "own"), which a cursor is bound to so that it
 *     cannot carry a walk from one visibility into another
 */
public record ListRequest(
        @Nullable String filter, @Nullable String sort, @Nullable String cursor, int limit, String scope) {
    public ListRequest {
        Objects.requireNonNull(scope, "scope");
    }
}
