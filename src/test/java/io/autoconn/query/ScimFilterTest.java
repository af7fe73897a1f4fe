package io.autoconn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing, compilation to SQL and every error of {@link ScimFilter}, without a database. */
class ScimFilterTest {
    private static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES);

    private static Condition compile(String filter) {
        return ScimFilter.compile(filter, TestDatabase.ATTRIBUTES);
    }

    private static String sql(String filter) {
        return POSTGRES.render(compile(filter));
    }

    private static Object[] binds(String filter) {
        return POSTGRES.extractBindValues(compile(filter)).toArray();
    }

    @Test
    void nullOrBlankFilterSelectsEverything() {
        assertThat(compile(null)).isEqualTo(DSL.noCondition());
        assertThat(compile(" \t")).isEqualTo(DSL.noCondition());
    }

    @Test
    void everyStringOperatorCompilesCaseInsensitively() {
        assertThat(sql("name eq \"A\"")).isEqualTo("lower(\"name\") = lower(?)");
        assertThat(sql("name ne \"A\"")).isEqualTo("lower(\"name\") <> lower(?)");
        assertThat(sql("name gt \"A\"")).isEqualTo("lower(\"name\") > lower(?)");
        assertThat(sql("name ge \"A\"")).isEqualTo("lower(\"name\") >= lower(?)");
        assertThat(sql("name lt \"A\"")).isEqualTo("lower(\"name\") < lower(?)");
        assertThat(sql("name le \"A\"")).isEqualTo("lower(\"name\") <= lower(?)");
        // The value is bound, then its LIKE wildcards escaped in SQL, so that it matches literally.
        String escaped = "replace(replace(replace(?, '!', '!!'), '%', '!%'), '_', '!_')";
        assertThat(sql("name co \"A\"")).isEqualTo("\"name\" ilike (('%' || " + escaped + ") || '%') escape '!'");
        // A prefix is a range of lower(name), which an index serves: [prefix, successor of prefix).
        assertThat(sql("name sw \"A\"")).isEqualTo("(lower(\"name\") >= ? and lower(\"name\") < ?)");
        assertThat(binds("name sw \"A\"")).containsExactly("a", "b");
        assertThat(sql("name ew \"A\"")).isEqualTo("\"name\" ilike ('%' || " + escaped + ") escape '!'");
        assertThat(sql("name pr")).isEqualTo("(\"name\" is not null and \"name\" <> ?)");
        assertThat(binds("name pr")).containsExactly("");
    }

    @Test
    void aPrefixRangeEndsAtTheSuccessorCodePoint() {
        assertThat(ComparisonCompiler.successor("ab")).contains("ac");
        assertThat(ComparisonCompiler.successor("a\uD7FF")).contains("a\uE000");
        assertThat(ComparisonCompiler.successor("a" + Character.toString(Character.MAX_CODE_POINT))).contains("b");
        assertThat(ComparisonCompiler.successor(Character.toString(Character.MAX_CODE_POINT))).isEmpty();
        assertThat(ComparisonCompiler.successor("")).isEmpty();
        assertThat(sql("name sw \"\"")).isEqualTo("lower(\"name\") >= ?");
    }

    @Test
    void comparisonsOnNullableColumnsAreDefinite() {
        assertThat(sql("spaceId eq \"s\"")).isEqualTo("(\"space_id\" is not null and lower(\"space_id\") = lower(?))");
        assertThat(sql("spaceId ne \"s\"")).isEqualTo("(\"space_id\" is null or lower(\"space_id\") <> lower(?))");
        assertThat(sql("spaceId eq null")).isEqualTo("\"space_id\" is null");
        assertThat(sql("spaceId NE NULL")).isEqualTo("\"space_id\" is not null");
    }

    @Test
    void timestampOperatorsCompareEpochMicros() {
        assertThat(sql("createdAt eq \"2021-12-23T12:28:21.000000Z\"")).isEqualTo("\"created_at\" = ?");
        assertThat(binds("createdAt eq \"2021-12-23T12:28:21.000000Z\"")).containsExactly(1_640_262_501_000_000L);
        assertThat(sql("createdAt ne \"2021-12-23T12:28:21Z\"")).isEqualTo("\"created_at\" <> ?");
        assertThat(sql("createdAt gt \"2021-12-23T12:28:21Z\"")).isEqualTo("\"created_at\" > ?");
        assertThat(sql("createdAt ge \"2021-12-23T12:28:21Z\"")).isEqualTo("\"created_at\" >= ?");
        assertThat(sql("createdAt lt \"2021-12-23T12:28:21Z\"")).isEqualTo("\"created_at\" < ?");
        assertThat(sql("updatedAt le \"2021-12-23T14:28:21.5+02:00\"")).isEqualTo("\"updated_at\" <= ?");
        assertThat(binds("updatedAt le \"2021-12-23T14:28:21.5+02:00\"")).containsExactly(1_640_262_501_500_000L);
        assertThat(sql("createdAt pr")).isEqualTo("\"created_at\" is not null");
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(sql("id eq \"a\" or id eq \"b\" and not (id eq \"c\") or id eq \"d\""))
                .isEqualTo("(lower(\"id\") = lower(?) or (lower(\"id\") = lower(?) and not (lower(\"id\") = lower(?)))"
                        + " or lower(\"id\") = lower(?))");
        assertThat(sql("(id eq \"a\" or id eq \"b\") and id eq \"c\""))
                .isEqualTo("((lower(\"id\") = lower(?) or lower(\"id\") = lower(?)) and lower(\"id\") = lower(?))");
        assertThat(binds("(id eq \"a\" or id eq \"b\") and id eq \"c\"")).containsExactly("a", "b", "c");
    }

    @Test
    void keywordsOperatorsLiteralsAndAttributeNamesIgnoreCase() {
        assertThat(sql("NAME Eq \"a\" AND ID pR OR not(CREATEDAT PR)"))
                .isEqualTo(sql("name eq \"a\" and id pr or not (createdAt pr)"));
        assertThat(sql("spaceid EQ Null")).isEqualTo("\"space_id\" is null");
    }

    @Test
    void whitespaceBetweenTokensIsFlexible() {
        assertThat(sql("  (name eq\"a\")and(id\teq \"b\")\n")).isEqualTo(sql("name eq \"a\" and id eq \"b\""));
    }

    @Test
    void stringEscapesResolve() {
        assertThat(binds("name eq \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u00C9 \\ud83d\\ude00\""))
                .containsExactly("q\" b\\ s/ \b\f\n\r\t \u00e9\u00c9 \ud83d\ude00");
        assertThat(binds("name eq \"\"")).containsExactly("");
        assertThat(binds("name eq \"tab\there\"")).containsExactly("tab\there");
    }

    @Test
    void valuesAreBindParametersNeverSqlText() {
        for (String filter : new String[] {
                "name eq \"x' OR 1=1 --\"", "name co \"x' OR 1=1 --\"",
                "name ew \"x' OR 1=1 --\"", "name gt \"x' OR 1=1 --\"", "spaceId ne \"x' OR 1=1 --\""}) {
            assertThat(sql(filter)).doesNotContain("OR 1=1").doesNotContain("x'");
            assertThat(binds(filter)).containsExactly("x' OR 1=1 --");
        }
        assertThat(sql("name sw \"x' OR 1=1 --\"")).doesNotContain("OR 1=1").doesNotContain("x'");
        assertThat(binds("name sw \"x' OR 1=1 --\"")).containsExactly("x' or 1=1 --", "x' or 1=1 -.");
        String sqlite = DSL.using(SQLDialect.SQLITE).render(compile("name co \"x' OR 1=1 --\""));
        assertThat(sqlite).doesNotContain("OR 1=1");
    }

    @Test
    void filtersUpToTheLimitsAreAccepted() {
        String padded = "name eq \"" + "a".repeat(ScimFilter.MAX_LENGTH - 10) + "\"";
        assertThat(padded).hasSize(ScimFilter.MAX_LENGTH);
        assertThat(binds(padded)).hasSize(1);
        assertThat(binds(nested(FilterParser.MAX_DEPTH))).hasSize(1);
        assertThat(binds(comparisons(FilterParser.MAX_COMPARISONS))).hasSize(FilterParser.MAX_COMPARISONS);
    }

    private static String nested(int depth) {
        return "not (".repeat(depth) + "id eq \"a\"" + ")".repeat(depth);
    }

    private static String comparisons(int count) {
        return String.join(" or ", java.util.Collections.nCopies(count, "id eq \"a\""));
    }

    @ParameterizedTest
    @MethodSource("invalidFilters")
    void invalidFiltersAreRejectedWithPreciseMessages(String filter, String message) {
        assertThatThrownBy(() -> compile(filter))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_FILTER);
                    assertThat(e.detail()).isEqualTo(message);
                });
    }

    static Stream<Arguments> invalidFilters() {
        String attributes = "name, connectorId, ownerId, spaceId, id, createdAt, updatedAt";
        return Stream.of(
                // Structure
                Arguments.of("name foo \"x\"",
                        "Expected an operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le) after 'name' at position 6"),
                Arguments.of("name",
                        "Expected an operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le) after 'name' at position 5"),
                Arguments.of("name eq",
                        "Expected a value (a quoted string, true, false, null or a number) after 'eq' at position 8"),
                Arguments.of("name eq bob",
                        "Expected a value (a quoted string, true, false, null or a number) after 'eq' at position 9"),
                Arguments.of("name eq \"x\" \"y\"",
                        "Expected 'and', 'or' or the end of the filter after '\"x\"' at position 13"),
                Arguments.of("name eq \"x\" and",
                        "Expected an attribute name, 'not' or '(' after 'and' at position 16"),
                Arguments.of("and name eq \"x\"",
                        "Unknown attribute 'and' at position 1; filterable attributes are: " + attributes),
                Arguments.of(")", "Expected an attribute name, 'not' or '(' at position 1"),
                Arguments.of("(name eq \"x\"",
                        "Expected 'and', 'or' or ')' closing the '(' at position 1 after '\"x\"' at position 13"),
                Arguments.of("name eq \"x\")",
                        "Expected 'and', 'or' or the end of the filter after '\"x\"' at position 12"),
                Arguments.of("()", "Expected an attribute name, 'not' or '(' after '(' at position 2"),
                Arguments.of("not name eq \"x\"", "Expected '(' after 'not' at position 5"),
                Arguments.of("name pr \"x\"", "Expected 'and', 'or' or the end of the filter after 'pr' at position 9"),
                // Attributes
                Arguments.of("color eq \"red\"",
                        "Unknown attribute 'color' at position 1; filterable attributes are: " + attributes),
                Arguments.of("emails[type eq \"work\"]",
                        "Value path filters such as 'emails[...]' are not supported (position 7)"),
                Arguments.of("name.familyName eq \"x\"",
                        "Sub-attributes such as 'name.familyName' are not supported (position 1)"),
                Arguments.of("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"",
                        "Attribute names with a schema URI such as"
                                + " 'urn:ietf:params:scim:schemas:core:2.0:User:userName' are not supported"
                                + " (position 1); use the bare attribute name"),
                // Types
                Arguments.of("name eq 5",
                        "Attribute 'name' is a string and must be compared with a quoted string, not the number 5"
                                + " at position 9"),
                Arguments.of("name eq true",
                        "Attribute 'name' is a string and must be compared with a quoted string, not the boolean true"
                                + " at position 9"),
                Arguments.of("createdAt gt -1.5e3",
                        "Attribute 'createdAt' is a timestamp and must be compared with a quoted timestamp such as"
                                + " \"2021-12-23T12:28:21.000000Z\", not the number -1.5e3 at position 14"),
                Arguments.of("createdAt co \"2021\"",
                        "Operator 'co' at position 11 cannot be used on the timestamp attribute 'createdAt';"
                                + " timestamps take eq, ne, gt, ge, lt, le and pr"),
                Arguments.of("updatedAt SW \"2021\"",
                        "Operator 'SW' at position 11 cannot be used on the timestamp attribute 'updatedAt';"
                                + " timestamps take eq, ne, gt, ge, lt, le and pr"),
                Arguments.of("createdAt gt \"yesterday\"",
                        "Invalid timestamp \"yesterday\" for 'createdAt' at position 14; expected RFC 3339 such as"
                                + " \"2021-12-23T12:28:21.000000Z\""),
                Arguments.of("createdAt gt \"2021-12-23T12:28:21\"",
                        "Invalid timestamp \"2021-12-23T12:28:21\" for 'createdAt' at position 14; expected RFC 3339"
                                + " such as \"2021-12-23T12:28:21.000000Z\""),
                Arguments.of("createdAt gt \"2021-02-30T12:28:21Z\"",
                        "Invalid timestamp \"2021-02-30T12:28:21Z\" for 'createdAt' at position 14; expected RFC 3339"
                                + " such as \"2021-12-23T12:28:21.000000Z\""),
                Arguments.of("createdAt gt \"+999999999-12-31T23:59:59Z\"",
                        "Timestamp \"+999999999-12-31T23:59:59Z\" at position 14 is out of range"),
                Arguments.of("name gt null",
                        "Operator 'gt' cannot compare 'name' with null at position 9; only eq and ne take null"),
                // Lexical
                Arguments.of("name eq \"x", "Unterminated string starting at position 9: the closing '\"' is missing"),
                Arguments.of("name eq \"x\\",
                        "Unterminated string starting at position 9: the closing '\"' is missing"),
                Arguments.of("name eq \"a\\x\"",
                        "Invalid escape '\\x' at position 11;"
                                + " strings allow \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
                Arguments.of("name eq \"\\u12G4\"",
                        "Invalid escape at position 10: \\u must be followed by four hexadecimal digits"),
                Arguments.of("name eq \"\\u12\"",
                        "Invalid escape at position 10: \\u must be followed by four hexadecimal digits"),
                Arguments.of("name eq \"a\\u0000\"",
                        "Strings cannot contain the NUL character (U+0000), found at position 11"),
                Arguments.of("name eq \"ab\0\"",
                        "Strings cannot contain the NUL character (U+0000), found at position 12"),
                Arguments.of("name eq 1.2.3", "Malformed number '1.2.3' at position 9"),
                Arguments.of("name eq 01", "Malformed number '01' at position 9"),
                Arguments.of("name eq 'x'", "Unexpected character ''' at position 9"),
                Arguments.of("name eq \"x\" && id pr", "Unexpected character '&' at position 13"),
                Arguments.of("name eq \"x\" ] ", "Unexpected character ']' at position 13"),
                Arguments.of("n\u00e4me eq \"x\"", "Unexpected character '\u00e4' at position 2"),
                // Limits
                Arguments.of("name eq \"" + "a".repeat(ScimFilter.MAX_LENGTH) + "\"",
                        "Filter is 2010 characters long; at most 2000 are allowed"),
                Arguments.of(nested(FilterParser.MAX_DEPTH + 1),
                        "Filter nests parentheses more than 32 levels deep at position 165"),
                Arguments.of("(".repeat(ScimFilter.MAX_LENGTH),
                        "Filter nests parentheses more than 32 levels deep at position 33"),
                Arguments.of(comparisons(FilterParser.MAX_COMPARISONS + 1),
                        "Filter has more than 100 comparisons; the one at position 1301 is one too many"));
    }

    @Test
    void attributesDifferingOnlyInCaseAreAProgrammingError() {
        Map<String, FilterAttribute> clash = Map.of(
                "id", new FilterAttribute("id", TestDatabase.ID, AttributeType.STRING),
                "ID", new FilterAttribute("ID", TestDatabase.ID, AttributeType.STRING));
        assertThatThrownBy(() -> ScimFilter.compile("id pr", clash)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributesMustDeclareColumnsOfTheirType() {
        assertThatThrownBy(() -> new FilterAttribute("createdAt", TestDatabase.NAME, AttributeType.TIMESTAMP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds String, not Long");
        assertThatThrownBy(() -> new FilterAttribute("name", TestDatabase.CREATED_AT, AttributeType.STRING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds Long, not String");
    }
}
