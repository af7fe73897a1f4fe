package io.autoconn.query;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RowN;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * The total order of a listing, the sort column then the id for ties, both in the sort's direction; and the
 * seek predicate that starts a page at a cursor in it. Because a page starts after a row's key rather than at
 * an offset, rows inserted or deleted elsewhere never shift which rows a walk returns.
 */
final class Keyset {
    private final Field<?> sortField;
    private final Field<String> id;
    private final boolean descending;
    /** The sort column then the id; just the id when that is the sort column. */
    private final List<Field<?>> key;

    Keyset(Field<?> sortField, Field<String> id, boolean descending) {
        this.sortField = sortField;
        this.id = id;
        this.descending = descending;
        this.key = sortField.equals(id) ? List.of(id) : List.of(sortField, id);
    }

    Class<?> sortType() {
        return sortField.getType();
    }

    /** The ORDER BY of a page, reversed for a page read backwards from a prev cursor. */
    List<SortField<?>> orderBy(boolean backward) {
        boolean ascending = descending == backward;
        return key.stream().<SortField<?>>map(field -> ascending ? field.asc() : field.desc()).toList();
    }

    /**
     * The rows beyond the cursor's boundary row in the order {@link #orderBy} reads: a row-value comparison,
     * which PostgreSQL and SQLite both evaluate natively and PostgreSQL answers from a (sort, id) index.
     * SQLite does not start an index scan at a row value, so the equivalent bound on the sort column alone
     * comes with it: without it a deep page rescans every row before it.
     */
    Condition beyond(Cursor cursor) {
        boolean after = descending == (cursor.direction() == Cursor.Direction.PREV);
        RowN keyRow = DSL.row(key);
        RowN boundary = DSL.row(key.stream()
                .map(field -> DSL.val(field == id ? cursor.id() : cursor.sortValue(), field))
                .toList());
        Condition beyondRow = after ? keyRow.gt(boundary) : keyRow.lt(boundary);
        return key.size() == 1 ? beyondRow : columnBound(sortField, cursor.sortValue(), after).and(beyondRow);
    }

    private static <T> Condition columnBound(Field<T> field, Object value, boolean after) {
        Field<T> bound = DSL.val(field.getDataType().convert(value), field);
        return after ? field.ge(bound) : field.le(bound);
    }

    /** A cursor on the given side of {@code row}. */
    Cursor cursorAt(Record row, Cursor.Direction direction) {
        Object sortValue = row.get(sortField);
        if (sortValue == null) {
            throw new IllegalStateException("Sort column " + sortField.getName() + " is null in row "
                    + row.get(id) + "; sortable columns must be non-null");
        }
        return new Cursor(direction, sortValue, row.get(id));
    }
}
