package io.autoconn.query;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A resource {@link Paginator} can list: its table, its id column, what a filter may name and what a list may
 * be sorted by. Build one per resource, once (the builder checks the declaration and throws
 * IllegalArgumentException on a mistake).
 */
public final class Listable {
    private final Table<?> table;
    private final Field<String> id;
    private final Map<String, FilterAttribute> filterable;
    private final Map<String, Field<?>> sortable;
    private final String defaultSort;
    private final List<SelectFieldOrAsterisk> selection;

    private Listable(Builder builder) {
        this.table = builder.table;
        this.id = builder.id;
        this.filterable = Collections.unmodifiableMap(new LinkedHashMap<>(builder.filterable));
        this.sortable = Collections.unmodifiableMap(new LinkedHashMap<>(builder.sortable));
        this.defaultSort = Objects.requireNonNull(builder.defaultSort, "defaultSort");
        if (!sortable.containsKey(defaultSort)) {
            throw new IllegalArgumentException(
                    "Default sort '" + defaultSort + "' is not sortable: " + sortable.keySet());
        }
        sortable.forEach((name, field) -> {
            if (field.getType() != String.class && field.getType() != Long.class) {
                throw new IllegalArgumentException("Sortable '" + name + "' must be a String or Long column for "
                        + "cursors to carry its values, not " + field.getType().getSimpleName());
            }
        });
        this.selection = selection(builder.select);
    }

    /**
     * The fields to fetch: the declared ones plus the id and sort columns a cursor is made from; all columns
     * when none are declared (a table without code generation has no {@code fields()}).
     */
    private List<SelectFieldOrAsterisk> selection(List<Field<?>> declared) {
        if (declared.isEmpty()) {
            return List.of(DSL.asterisk());
        }
        List<SelectFieldOrAsterisk> fields = new ArrayList<>(declared);
        addIfMissing(fields, id);
        sortable.values().forEach(field -> addIfMissing(fields, field));
        return List.copyOf(fields);
    }

    private static void addIfMissing(List<SelectFieldOrAsterisk> fields, Field<?> field) {
        if (!fields.contains(field)) {
            fields.add(field);
        }
    }

    /**
     * @param table the table to list from
     * @param id the unique, non-null id column that breaks ties between equal sort values
     */
    public static Builder builder(Table<?> table, Field<String> id) {
        return new Builder(table, id);
    }

    public Table<?> table() {
        return table;
    }

    public Field<String> id() {
        return id;
    }

    /** The attributes a filter may name, in declaration order. */
    public Map<String, FilterAttribute> filterable() {
        return filterable;
    }

    /** The attributes a list may be sorted by, in declaration order, and their non-null columns. */
    public Map<String, Field<?>> sortable() {
        return sortable;
    }

    public String defaultSort() {
        return defaultSort;
    }

    List<SelectFieldOrAsterisk> selection() {
        return selection;
    }

    public static final class Builder {
        private final Table<?> table;
        private final Field<String> id;
        private Map<String, FilterAttribute> filterable = Map.of();
        private Map<String, Field<?>> sortable = Map.of();
        private @Nullable String defaultSort;
        private List<Field<?>> select = List.of();

        private Builder(Table<?> table, Field<String> id) {
            this.table = Objects.requireNonNull(table, "table");
            this.id = Objects.requireNonNull(id, "id");
        }

        /** Keyed by attribute name; pass an ordered map, since error messages list the attributes in its order. */
        public Builder filterable(Map<String, FilterAttribute> filterable) {
            this.filterable = Objects.requireNonNull(filterable, "filterable");
            return this;
        }

        /**
         * Sort attribute names and their columns, which must be non-null and String or Long. Pass an ordered
         * map, since error messages list the attributes in its order.
         */
        public Builder sortable(Map<String, Field<?>> sortable) {
            this.sortable = Objects.requireNonNull(sortable, "sortable");
            return this;
        }

        /** The sort attribute of a request without one, ascending. */
        public Builder defaultSort(String defaultSort) {
            this.defaultSort = defaultSort;
            return this;
        }

        /** The fields each row carries; none (the default) selects all columns. */
        public Builder select(Collection<? extends Field<?>> select) {
            this.select = List.copyOf(select);
            return this;
        }

        public Listable build() {
            return new Listable(this);
        }
    }
}
