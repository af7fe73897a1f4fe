package io.autoconn.query;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.jooq.Record;

/**
 * One page of a list, in the requested order.
 *
 * @param rows the rows, at most the requested limit
 * @param nextCursor the cursor of the page after this one, or null when this page is the last
 * @param prevCursor the cursor of the page before this one, or null when this page is the first
 */
public record Page(List<Record> rows, @Nullable String nextCursor, @Nullable String prevCursor) {
    public Page {
        rows = List.copyOf(rows);
    }
}
