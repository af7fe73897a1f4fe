package io.autoconn.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.InsertSetStep;
import org.jooq.Record;
import org.jooq.Table;

/** Inserts several rows with one statement: one round trip to the database, whatever their number. */
final class InsertRows {
    private InsertRows() {
    }

    /** Inserts a row of {@code table} per item, its columns and values as {@code columns} gives them. */
    static <T> void insert(DSLContext tx, Table<Record> table, List<T> items,
                           Function<T, Map<Field<?>, Object>> columns) {
        if (!items.isEmpty()) {
            statement(tx.insertInto(table), items, columns).execute();
        }
    }

    /** The statement, not run, that inserts a row per item (at least one) into the table {@code into} names. */
    static <T> InsertSetMoreStep<Record> statement(InsertSetStep<Record> into, List<T> items,
                                                   Function<T, Map<Field<?>, Object>> columns) {
        InsertSetStep<Record> next = into;
        InsertSetMoreStep<Record> rows = null;
        for (T item : items) {
            rows = next.set(columns.apply(item));
            next = rows.newRecord();
        }
        return rows;
    }
}
