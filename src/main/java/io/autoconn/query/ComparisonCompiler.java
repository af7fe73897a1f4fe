package io.autoconn.query;

import static io.autoconn.error.ErrorCode.INVALID_FILTER;

import io.autoconn.error.ApiException;
import io.autoconn.query.FilterToken.Kind;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Turns one attribute expression ({@code name co "prod"}, {@code spaceId pr}) into a condition. Every value
 * becomes a bind parameter, so no filter text ever reaches the SQL.
 */
final class ComparisonCompiler {
    private static final String TIMESTAMP_EXAMPLE = "\"2021-12-23T12:28:21.000000Z\"";

    private ComparisonCompiler() {
    }

    /** Refuses an operator the attribute cannot take, at the operator, before its value is even read. */
    static void checkApplicable(FilterAttribute attribute, ComparisonOperator operator, FilterToken operatorToken) {
        if (attribute.type() == AttributeType.TIMESTAMP && operator.isSubstringMatch()) {
            throw new ApiException(INVALID_FILTER, "Operator " + operatorToken.quoted() + " at position "
                    + operatorToken.position() + " cannot be used on the timestamp attribute '" + attribute.name()
                    + "'; timestamps take eq, ne, gt, ge, lt, le and pr");
        }
    }

    /** {@code attr pr}: the attribute has a value; for strings a non-empty one, as RFC 7644 defines it. */
    static Condition present(FilterAttribute attribute) {
        Field<?> column = attribute.field();
        return switch (attribute.type()) {
            case STRING -> column.isNotNull().and(text(attribute).ne(DSL.val("")));
            case TIMESTAMP -> column.isNotNull();
        };
    }

    /** {@code attr op value} for every operator but pr. */
    static Condition compare(FilterAttribute attribute, ComparisonOperator operator, FilterToken value) {
        if (value.isWord("null")) {
            return compareWithNull(attribute, operator, value);
        }
        Condition comparison = switch (attribute.type()) {
            case STRING -> compareText(text(attribute), operator, textValue(attribute, value));
            case TIMESTAMP -> {
                Field<Long> column = micros(attribute);
                yield compareOrdered(column, operator, DSL.val(timestampValue(attribute, value), column));
            }
        };
        return definite(attribute.field(), operator, comparison);
    }

    private static Condition compareWithNull(
            FilterAttribute attribute, ComparisonOperator operator, FilterToken value) {
        return switch (operator) {
            case EQ -> attribute.field().isNull();
            case NE -> attribute.field().isNotNull();
            default -> throw new ApiException(INVALID_FILTER, "Operator '" + operator.keyword()
                    + "' cannot compare '" + attribute.name() + "' with null at position " + value.position()
                    + "; only eq and ne take null");
        };
    }

    /** Strings match ignoring case: lower() on both sides, so the database decides what a case is. */
    private static Condition compareText(Field<String> column, ComparisonOperator operator, String value) {
        return switch (operator) {
            // jOOQ escapes LIKE wildcards in the bound value, so "50%" and "a_b" match literally.
            case CO -> column.containsIgnoreCase(DSL.val(value));
            case SW -> startsWith(column, value);
            case EW -> column.endsWithIgnoreCase(DSL.val(value));
            default -> compareOrdered(DSL.lower(column), operator, DSL.lower(DSL.val(value)));
        };
    }

    /**
     * A prefix as a range of {@code lower(column)}, so an index on {@code lower(name)} serves it. It is
     * exact: both backends compare this text by code point (SQLite's BINARY, PostgreSQL's "C") and their
     * lower() folds ASCII letters only, as {@link #asciiLower} does.
     */
    private static Condition startsWith(Field<String> column, String prefix) {
        String from = asciiLower(prefix);
        Field<String> folded = DSL.lower(column);
        Condition atLeast = folded.ge(DSL.val(from));
        return successor(from).map(to -> atLeast.and(folded.lt(DSL.val(to)))).orElse(atLeast);
    }

    private static String asciiLower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)));
        return out.toString();
    }

    /** The least string above every string that starts with {@code prefix}; none when no such bound exists. */
    static Optional<String> successor(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            if (codePoints[i] < Character.MAX_CODE_POINT) {
                int next = codePoints[i] + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : codePoints[i] + 1;
                StringBuilder bound = new StringBuilder();
                for (int j = 0; j < i; j++) {
                    bound.appendCodePoint(codePoints[j]);
                }
                return Optional.of(bound.appendCodePoint(next).toString());
            }
        }
        return Optional.empty();
    }

    private static <T> Condition compareOrdered(Field<T> column, ComparisonOperator operator, Field<T> value) {
        return switch (operator) {
            case EQ -> column.eq(value);
            case NE -> column.ne(value);
            case GT -> column.gt(value);
            case GE -> column.ge(value);
            case LT -> column.lt(value);
            case LE -> column.le(value);
            case CO, SW, EW, PR -> throw new IllegalArgumentException(operator + " does not order");
        };
    }

    /**
     * In SQL a comparison with NULL is unknown, and so is its negation: {@code not (spaceId eq "x")} would drop
     * connections without a space. Deciding absent values here (no match, but a match for ne) keeps filter logic
     * two-valued, as clients expect.
     */
    private static Condition definite(Field<?> column, ComparisonOperator operator, Condition comparison) {
        if (!column.getDataType().nullable()) {
            return comparison;
        }
        return operator == ComparisonOperator.NE
                ? column.isNull().or(comparison)
                : column.isNotNull().and(comparison);
    }

    private static String textValue(FilterAttribute attribute, FilterToken value) {
        if (value.kind() != Kind.STRING) {
            throw wrongType(attribute, "a quoted string", value);
        }
        return value.value();
    }

    private static long timestampValue(FilterAttribute attribute, FilterToken value) {
        if (value.kind() != Kind.STRING) {
            throw wrongType(attribute, "a quoted timestamp such as " + TIMESTAMP_EXAMPLE, value);
        }
        try {
            return EpochMicros.parse(value.value());
        } catch (DateTimeParseException e) {
            throw new ApiException(INVALID_FILTER, "Invalid timestamp " + value.text() + " for '" + attribute.name()
                    + "' at position " + value.position() + "; expected RFC 3339 such as " + TIMESTAMP_EXAMPLE);
        } catch (ArithmeticException e) {
            throw new ApiException(INVALID_FILTER, "Timestamp " + value.text() + " at position " + value.position()
                    + " is out of range");
        }
    }

    private static ApiException wrongType(FilterAttribute attribute, String expected, FilterToken value) {
        String given = value.kind() == Kind.NUMBER ? "the number " + value.text() : "the boolean " + value.text();
        return new ApiException(INVALID_FILTER, "Attribute '" + attribute.name() + "' is a "
                + attribute.type().name().toLowerCase(Locale.ROOT) + " and must be compared with "
                + expected + ", not " + given + " at position " + value.position());
    }

    /** FilterAttribute checked the column types, so these only retype the reference. */
    private static Field<String> text(FilterAttribute attribute) {
        return attribute.field().coerce(String.class);
    }

    private static Field<Long> micros(FilterAttribute attribute) {
        return attribute.field().coerce(Long.class);
    }
}
