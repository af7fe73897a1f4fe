package io.autoconn.query;

import java.util.Objects;
import org.jooq.Field;

/**
 * An attribute a SCIM filter may name, and the column it compares. The column's Java type must fit the
 * type: {@code String} for {@link AttributeType#STRING}, {@code Long} for {@link AttributeType#TIMESTAMP}.
 *
 * @param name the attribute name as clients write it in filters (matched case-insensitively)
 * @param field the column
 * @param type how the column is stored
 */
public record FilterAttribute(String name, Field<?> field, AttributeType type) {
    public FilterAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        Class<?> expected = switch (type) {
            case STRING -> String.class;
            case TIMESTAMP -> Long.class;
        };
        // Checked here, at startup, so that a mis-declared column fails fast instead of on the first filter.
        if (field.getType() != expected) {
            throw new IllegalArgumentException("Filter attribute '" + name + "' is " + type + " but its column "
                    + field.getName() + " holds " + field.getType().getSimpleName() + ", not "
                    + expected.getSimpleName());
        }
    }
}
