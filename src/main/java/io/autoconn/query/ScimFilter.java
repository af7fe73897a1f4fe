package io.autoconn.query;

import static io.autoconn.error.ErrorCode.INVALID_FILTER;

import io.autoconn.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * SCIM filters (RFC 7644 section 3.4.2.2) compiled to jOOQ conditions.
 *
 * <p>Supported: the operators eq ne co sw ew pr gt ge lt le; and, or, not (...) and parentheses; string
 * literals with JSON escapes, true, false, null and numbers; keywords and attribute names in any case. Not
 * supported: value paths ({@code emails[type eq "work"]}), sub-attributes ({@code name.givenName}) and
 * schema-qualified names. String comparisons ignore case. An absent (null) attribute matches no comparison
 * except {@code ne}, so {@code not (a eq "x")} and {@code a ne "x"} select the same rows.
 *
 * <p>Hostile input is bounded: at most {@value #MAX_LENGTH} characters, {@value FilterParser#MAX_DEPTH} levels
 * of parentheses and {@value FilterParser#MAX_COMPARISONS} comparisons. Every mistake is an
 * {@link ApiException} with {@code INVALID_FILTER} naming its 1-based position.
 */
public final class ScimFilter {
    public static final int MAX_LENGTH = 2000;

    private ScimFilter() {
    }

    /**
     * @param filter the filter; null or blank selects everything
     * @param attributes the attributes a filter may name, keyed by name; error messages list them in this map's
     *     iteration order
     */
    public static Condition compile(@Nullable String filter, Map<String, FilterAttribute> attributes) {
        if (filter == null || filter.isBlank()) {
            return DSL.noCondition();
        }
        if (filter.length() > MAX_LENGTH) {
            throw new ApiException(INVALID_FILTER, "Filter is " + filter.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        return new FilterParser(filter, attributes).parse();
    }
}
