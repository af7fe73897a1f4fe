package io.autoconn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keyset walks over real SQLite and PostgreSQL tables. */
class PaginatorTest extends BothDatabases {
    private static final List<String> SORTS = List.of("id", "name", "-name", "createdAt", "-updatedAt");
    private static final int LIMIT = 7;
    private static final String SCOPE = "listAll";

    Stream<Arguments> databasesAndSorts() {
        return databases().flatMap(database -> SORTS.stream().map(sort -> Arguments.of(database, sort)));
    }

    private static Page fetch(TestDatabase database, @Nullable String filter, String sort, @Nullable String cursor) {
        return Paginator.fetch(database.dsl(), database.listable(), DSL.noCondition(),
                new ListRequest(filter, sort, cursor, LIMIT, SCOPE));
    }

    @ParameterizedTest(name = "{0}, sort {1}")
    @MethodSource("databasesAndSorts")
    void aWalkReturnsEveryRowThatSurvivesItExactlyOnceInOrder(TestDatabase database, String sort) {
        Random random = new Random(sort.hashCode());
        List<TestRow> originals = TestRow.random(100, random);
        database.replaceRows(originals);
        Set<String> deleted = new HashSet<>();

        List<Record> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page page = fetch(database, null, sort, cursor);
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(LIMIT);
            walked.addAll(page.rows());
            cursor = page.nextCursor();
            // Churn everywhere in the order, before and after the walk's position.
            database.insert(TestRow.random(3, random));
            List<String> present = database.ids();
            for (int i = 0; i < 2; i++) {
                String victim = present.get(random.nextInt(present.size()));
                database.delete(victim);
                deleted.add(victim);
            }
        } while (cursor != null && walked.size() < 1000);

        List<String> walkedIds = walked.stream().map(row -> row.get(TestDatabase.ID)).toList();
        assertThat(walkedIds).doesNotHaveDuplicates();
        List<String> survivors = originals.stream().map(TestRow::id).filter(id -> !deleted.contains(id)).toList();
        assertThat(survivors).hasSizeGreaterThan(50);
        assertThat(walkedIds).containsAll(survivors);
        assertThat(walked).isSortedAccordingTo(order(sort));
    }

    /** The order a sort parameter promises: its column, then the id, both in its direction. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // sortable columns hold Strings or Longs
    private static Comparator<Record> order(String sort) {
        SortSpec spec = SortSpec.parse(sort, TestDatabase.SORTABLE.keySet(), "id");
        Field<?> column = TestDatabase.SORTABLE.get(spec.attribute());
        Comparator<Record> byColumn = (a, b) -> ((Comparable) a.get(column)).compareTo(b.get(column));
        Comparator<Record> ascending = byColumn.thenComparing(row -> row.get(TestDatabase.ID));
        return spec.descending() ? ascending.reversed() : ascending;
    }

    @ParameterizedTest(name = "{0}, sort {1}")
    @MethodSource("databasesAndSorts")
    void walkingBackWithPrevCursorsRetracesTheForwardPages(TestDatabase database, String sort) {
        database.replaceRows(TestRow.random(100, new Random(sort.hashCode())));

        List<PageView> forward = new ArrayList<>();
        Page page = fetch(database, null, sort, null);
        forward.add(PageView.of(page));
        while (page.nextCursor() != null) {
            page = fetch(database, null, sort, page.nextCursor());
            forward.add(PageView.of(page));
        }
        assertThat(forward).hasSize(15);
        assertThat(forward.get(0).prevCursor()).isNull();
        assertThat(forward.get(14).ids()).hasSize(2);

        List<PageView> backward = new ArrayList<>(List.of(PageView.of(page)));
        while (page.prevCursor() != null) {
            page = fetch(database, null, sort, page.prevCursor());
            backward.add(PageView.of(page));
        }
        Collections.reverse(backward);
        assertThat(backward).isEqualTo(forward);
    }

    /** What a client sees of a page. */
    private record PageView(List<String> ids, @Nullable String nextCursor, @Nullable String prevCursor) {
        static PageView of(Page page) {
            return new PageView(page.rows().stream().map(row -> row.get(TestDatabase.ID)).toList(),
                    page.nextCursor(), page.prevCursor());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void walksKeepTheFilterAndTheVisibility(TestDatabase database) {
        List<TestRow> rows = TestRow.random(100, new Random(7));
        database.replaceRows(rows);
        Condition visibility = TestDatabase.OWNER_ID.eq("owner-1");
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page page = Paginator.fetch(database.dsl(), database.listable(), visibility,
                    new ListRequest("name co \"PROD\" or spaceId eq null", "-name", cursor, LIMIT, "own"));
            page.rows().forEach(row -> walked.add(row.get(TestDatabase.ID)));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(walked).containsExactlyInAnyOrderElementsOf(rows.stream()
                .filter(row -> row.ownerId().equals("owner-1"))
                .filter(row -> row.name().toLowerCase().contains("prod") || row.spaceId() == null)
                .map(TestRow::id)
                .toList());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void shortAndEmptyListsHaveNoCursors(TestDatabase database) {
        database.replaceRows(List.of());
        assertThat(fetch(database, null, null, null)).isEqualTo(new Page(List.of(), null, null));

        database.replaceRows(TestRow.random(LIMIT, new Random(1)));
        Page page = fetch(database, null, null, null);
        assertThat(page.rows()).hasSize(LIMIT);
        assertThat(page.nextCursor()).isNull();
        assertThat(page.prevCursor()).isNull();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDefaultSortIsAscendingById(TestDatabase database) {
        List<TestRow> rows = TestRow.random(LIMIT, new Random(2));
        database.replaceRows(rows);
        assertThat(fetch(database, null, null, null).rows()).extracting(row -> row.get(TestDatabase.ID))
                .containsExactlyElementsOf(rows.stream().map(TestRow::id).sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPageWhoseNeighboursWereDeletedHasNoCursorThere(TestDatabase database) {
        List<TestRow> rows = TestRow.random(3 * LIMIT, new Random(3));
        database.replaceRows(rows);
        Page first = fetch(database, null, "id", null);
        Page second = fetch(database, null, "id", first.nextCursor());
        first.rows().forEach(row -> database.delete(row.get(TestDatabase.ID)));

        Page before = fetch(database, null, "id", second.prevCursor());
        assertThat(before).isEqualTo(new Page(List.of(), null, null));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rowsCarryTheDeclaredFieldsPlusWhatCursorsNeed(TestDatabase database) {
        database.replaceRows(TestRow.random(2 * LIMIT, new Random(4)));
        Listable narrow = Listable.builder(database.table(), TestDatabase.ID)
                .sortable(TestDatabase.SORTABLE)
                .defaultSort("createdAt")
                .select(List.of(TestDatabase.NAME))
                .build();
        Page page = Paginator.fetch(
                database.dsl(), narrow, DSL.noCondition(), new ListRequest(null, null, null, 3, "s"));
        assertThat(page.rows().get(0).fields()).extracting(Field::getName)
                .containsExactly("name", "id", "created_at", "updated_at");
        Page next = Paginator.fetch(database.dsl(), narrow, DSL.noCondition(),
                new ListRequest(null, null, page.nextCursor(), 3, "s"));
        assertThat(next.rows()).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCursorOnlyWorksWithTheFilterSortAndScopeItCameFrom(TestDatabase database) {
        database.replaceRows(TestRow.random(2 * LIMIT, new Random(5)));
        Listable listable = database.listable();
        String cursor = fetch(database, "name pr", "name", null).nextCursor();
        for (ListRequest request : List.of(
                new ListRequest("name pr", "-name", cursor, LIMIT, SCOPE),
                new ListRequest("name pr", null, cursor, LIMIT, SCOPE),
                new ListRequest(null, "name", cursor, LIMIT, SCOPE),
                new ListRequest("name pr", "name", cursor, LIMIT, "own"))) {
            assertThatThrownBy(() -> Paginator.fetch(database.dsl(), listable, DSL.noCondition(), request))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CURSOR);
                        assertThat(e.detail())
                                .startsWith("The cursor was issued for a different filter, sort or listAll");
                    });
        }
        Page page = Paginator.fetch(database.dsl(), listable, DSL.noCondition(),
                new ListRequest("name pr", "+name", cursor, 100, SCOPE));
        assertThat(page.rows()).hasSize(LIMIT);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void requestsAreValidatedBeforeAnyQuery(TestDatabase database) {
        assertRejected(database, new ListRequest(null, null, null, 0, SCOPE), ErrorCode.INVALID_LIMIT,
                "limit must be between 1 and 200, not 0");
        assertRejected(database, new ListRequest(null, null, null, 201, SCOPE), ErrorCode.INVALID_LIMIT,
                "limit must be between 1 and 200, not 201");
        assertRejected(database, new ListRequest(null, "size", null, 10, SCOPE), ErrorCode.INVALID_SORT,
                "Cannot sort by 'size'; allowed values are: id, +id, -id, name, +name, -name, createdAt, +createdAt,"
                        + " -createdAt, updatedAt, +updatedAt, -updatedAt");
        assertRejected(database, new ListRequest("size gt 5", null, null, 10, SCOPE), ErrorCode.INVALID_FILTER,
                "Unknown attribute 'size' at position 1; filterable attributes are: name, connectorId, ownerId,"
                        + " spaceId, id, createdAt, updatedAt");
        assertRejected(database, new ListRequest(null, null, "%%%", 10, SCOPE), ErrorCode.INVALID_CURSOR,
                "The cursor is not one this API issued: it is not base64url; pass the cursor from a previous"
                        + " response unchanged, or drop it to start from the first page");
    }

    private static void assertRejected(TestDatabase database, ListRequest request, ErrorCode code, String detail) {
        assertThatThrownBy(() -> Paginator.fetch(database.dsl(), database.listable(), DSL.noCondition(), request))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }
}
