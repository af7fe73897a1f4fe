package io.autoconn.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Compiled filters select the right rows on SQLite and PostgreSQL alike. */
class FilterOnDatabaseTest extends BothDatabases {
    private static final long T0 = 1_640_262_501_000_000L; // 2021-12-23T12:28:21Z
    private static final long MINUTE = 60_000_000L;

    private static final List<TestRow> ROWS = List.of(
            row("r1", "my-prod-db", "x", "s1", T0),
            row("r2", "Alpha", "x", null, T0 + MINUTE),
            row("r3", "alpha-2", "y", "", T0 + 2 * MINUTE),
            row("r4", "50% off", "x", "s2", T0 + 3 * MINUTE),
            row("r5", "500 off", "y", "s1", T0 + 4 * MINUTE),
            row("r6", "a_b", "y", "s2", T0 + 5 * MINUTE),
            row("r7", "axb", "y", null, T0 + 6 * MINUTE),
            row("r8", "Beta", "x", "s1", T0 + 7 * MINUTE + 1));

    private static TestRow row(String id, String name, String connectorId, String spaceId, long createdAt) {
        return new TestRow(id, name, connectorId, "owner", spaceId, createdAt, createdAt);
    }

    @BeforeAll
    void insertRows() {
        databases().forEach(database -> database.replaceRows(ROWS));
    }

    private static List<String> select(TestDatabase database, String filter) {
        return database.dsl()
                .select(TestDatabase.ID)
                .from(database.table())
                .where(ScimFilter.compile(filter, TestDatabase.ATTRIBUTES))
                .orderBy(TestDatabase.ID)
                .fetch(TestDatabase.ID);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void substringOperatorsIgnoreCase(TestDatabase database) {
        assertThat(select(database, "name co \"PROD\"")).containsExactly("r1");
        assertThat(select(database, "name sw \"AL\"")).containsExactly("r2", "r3");
        assertThat(select(database, "name ew \"-DB\"")).containsExactly("r1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void likeWildcardsInValuesMatchLiterally(TestDatabase database) {
        assertThat(select(database, "name co \"50%\"")).containsExactly("r4");
        assertThat(select(database, "name co \"a_b\"")).containsExactly("r6");
        assertThat(select(database, "name sw \"%\"")).isEmpty();
        assertThat(select(database, "name ew \"_\"")).isEmpty();
        assertThat(select(database, "name co \"!\"")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void equalityAndOrderingIgnoreCase(TestDatabase database) {
        assertThat(select(database, "name eq \"ALPHA\"")).containsExactly("r2");
        assertThat(select(database, "name ne \"alpha\"")).containsExactly("r1", "r3", "r4", "r5", "r6", "r7", "r8");
        assertThat(select(database, "name gt \"B\"")).containsExactly("r1", "r8");
        assertThat(select(database, "name ge \"beta\"")).containsExactly("r1", "r8");
        assertThat(select(database, "name lt \"ALPHA\"")).containsExactly("r4", "r5", "r6");
        assertThat(select(database, "name le \"alpha\"")).containsExactly("r2", "r4", "r5", "r6");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void presenceAndNull(TestDatabase database) {
        assertThat(select(database, "spaceId pr")).containsExactly("r1", "r4", "r5", "r6", "r8");
        assertThat(select(database, "spaceId eq null")).containsExactly("r2", "r7");
        assertThat(select(database, "spaceId ne null")).containsExactly("r1", "r3", "r4", "r5", "r6", "r8");
        assertThat(select(database, "not (spaceId pr)")).containsExactly("r2", "r3", "r7");
        assertThat(select(database, "createdAt pr")).hasSize(ROWS.size());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void absentValuesMatchNeAndNotButNoOtherComparison(TestDatabase database) {
        assertThat(select(database, "spaceId ne \"s1\"")).containsExactly("r2", "r3", "r4", "r6", "r7");
        assertThat(select(database, "not (spaceId eq \"s1\")")).containsExactly("r2", "r3", "r4", "r6", "r7");
        assertThat(select(database, "spaceId lt \"s2\"")).containsExactly("r1", "r3", "r5", "r8");
        assertThat(select(database, "not (spaceId lt \"s2\")")).containsExactly("r2", "r4", "r6", "r7");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void timestampsCompareAsInstants(TestDatabase database) {
        assertThat(select(database, "createdAt gt \"2021-12-23T12:33:21.000000Z\"")).containsExactly("r7", "r8");
        assertThat(select(database, "createdAt ge \"2021-12-23T14:33:21+02:00\"")).containsExactly("r6", "r7", "r8");
        assertThat(select(database, "createdAt lt \"2021-12-23T12:29:21Z\"")).containsExactly("r1");
        assertThat(select(database, "createdAt le \"2021-12-23T12:29:21.000Z\"")).containsExactly("r1", "r2");
        assertThat(select(database, "createdAt eq \"2021-12-23T12:35:21.000001Z\"")).containsExactly("r8");
        assertThat(select(database, "createdAt eq \"2021-12-23T12:35:21.000001999Z\"")).containsExactly("r8");
        assertThat(select(database, "updatedAt ne \"2021-12-23T12:28:21Z\"")).hasSize(ROWS.size() - 1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void logicBindsNotThenAndThenOr(TestDatabase database) {
        assertThat(select(database, "not (name sw \"a\") and connectorId eq \"x\"")).containsExactly("r1", "r4", "r8");
        assertThat(select(database, "name eq \"beta\" or name eq \"axb\" and connectorId eq \"x\""))
                .containsExactly("r8");
        assertThat(select(database, "(name eq \"beta\" or name eq \"axb\") and connectorId eq \"y\""))
                .containsExactly("r7");
        assertThat(select(database,
                "connectorId eq \"y\" and spaceId eq \"s1\" or connectorId eq \"x\" and spaceId eq null"))
                .containsExactly("r2", "r5");
        assertThat(select(database, "not (not (name co \"off\"))")).containsExactly("r4", "r5");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keywordsAndAttributeNamesIgnoreCaseAndEscapesResolve(TestDatabase database) {
        assertThat(select(database, "NAME CO \"prod\" AND ConnectorID Eq \"X\"")).containsExactly("r1");
        assertThat(select(database, "name eq \"my\\u002dprod\\u002Ddb\"")).containsExactly("r1");
        assertThat(select(database, "Not (SpaceId PR) oR name EQ \"beta\"")).containsExactly("r2", "r3", "r7", "r8");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void injectionAttemptsAreJustValues(TestDatabase database) {
        assertThat(select(database, "name eq \"x' OR 1=1 --\"")).isEmpty();
        assertThat(select(database, "name co \"'); DROP TABLE conn; --\"")).isEmpty();
        assertThat(select(database, "name eq \"\\ud800\"")).isEmpty();
        assertThat(database.ids()).hasSize(ROWS.size());
    }
}
