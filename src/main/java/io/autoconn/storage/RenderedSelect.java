package io.autoconn.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Select;

/**
 * A SELECT whose shape never changes, rendered to SQL once for the database's dialect and then run as a
 * plain prepared statement. jOOQ renders a query again on every execution; for a lookup by primary key,
 * the most frequent query of all, that rendering took more of the server's time than reading the row
 * (see BENCHMARKS.md). jOOQ still reads the rows, as records of the given fields.
 */
final class RenderedSelect {
    private final DSLContext dsl;
    private final String sql;
    private final Field<?>[] fields;

    /** @param query built with {@code DSL.param(...)} for each value, bound in that order by {@link #fetchOptional} */
    RenderedSelect(DSLContext dsl, Select<?> query, List<Field<?>> fields) {
        this.dsl = dsl;
        this.sql = dsl.render(query);
        this.fields = fields.toArray(Field<?>[]::new);
    }

    /** The first row for these bind values, if any. */
    Optional<Record> fetchOptional(Object... values) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    Result<Record> result = dsl.fetch(rows, fields);
                    return result.isEmpty() ? Optional.empty() : Optional.of(result.get(0));
                }
            }
        });
    }

    @Override
    public String toString() {
        return sql;
    }
}
