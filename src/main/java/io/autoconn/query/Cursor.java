package io.autoconn.query;

import java.util.Objects;

/**
 * A position in a keyset walk: the boundary row's sort value and id, and which side of it the page lies on.
 *
 * @param direction NEXT for the rows after the boundary, PREV for the rows before it
 * @param sortValue the boundary row's sort value: a String or a Long
 * @param id the boundary row's id
 */
record Cursor(Direction direction, Object sortValue, String id) {
    enum Direction {
        NEXT,
        PREV
    }

    Cursor {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sortValue, "sortValue");
        Objects.requireNonNull(id, "id");
    }
}
