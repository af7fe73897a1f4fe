package io.autoconn.query;

import static io.autoconn.error.ErrorCode.INVALID_SORT;

import io.autoconn.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A list's sort order: one attribute, ascending or descending. (The id tiebreaker is the paginator's business.)
 *
 * @param attribute the sortable attribute, as the API names it
 * @param descending whether the order is descending
 */
public record SortSpec(String attribute, boolean descending) {
    public SortSpec {
        Objects.requireNonNull(attribute, "attribute");
    }

    /**
     * Parses a sort query parameter: {@code name}, {@code +name} or {@code -name} for an allowed attribute, with
     * the attribute's exact case as in the API's enum. A leading space counts as {@code +}.
     *
     * @param sort the parameter; null or empty means {@code defaultAttribute} ascending
     * @param allowed the sortable attributes; the error message lists them in this set's iteration order
     * @throws ApiException INVALID_SORT listing every accepted value
     */
    public static SortSpec parse(@Nullable String sort, Set<String> allowed, String defaultAttribute) {
        if (sort == null || sort.isEmpty()) {
            return new SortSpec(defaultAttribute, false);
        }
        char sign = sort.charAt(0);
        // A '+' sent unencoded in a query string arrives as a space (form decoding), so a space means '+'.
        boolean signed = sign == '-' || sign == '+' || sign == ' ';
        String attribute = signed ? sort.substring(1) : sort;
        if (!allowed.contains(attribute)) {
            throw new ApiException(INVALID_SORT, "Cannot sort by '" + sort + "'; allowed values are: "
                    + allowed.stream().map(a -> a + ", +" + a + ", -" + a).collect(Collectors.joining(", ")));
        }
        return new SortSpec(attribute, sign == '-');
    }

    /** The explicit form, {@code +name} or {@code -name}: the same order always has the same text. */
    public String canonical() {
        return (descending ? "-" : "+") + attribute;
    }
}
