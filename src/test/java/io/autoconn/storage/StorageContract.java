package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.audit.AuditEvent;
import io.autoconn.audit.AuditQuery;
import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionCache;
import io.autoconn.connections.ConnectionSummary;
import io.autoconn.connectors.CheckError;
import io.autoconn.error.ApiException;
import io.autoconn.identity.ApiKeys;
import io.autoconn.identity.Caller;
import io.autoconn.identity.Role;
import io.autoconn.query.ListRequest;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every storage backend must do. Each backend runs this whole suite against a real database
 * ({@link SqliteStorageTest}, {@link PostgresStorageTest}).
 */
abstract class StorageContract extends BackendSuite {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    protected ConnectionStore connections;
    protected Database db;
    protected ChangeNotifications notifications;
    protected DirectoryStore directory;
    protected AuditStore audits;
    protected String tenant;
    protected String owner;
    private String otherOwner;
    private String otherTenant;

    @BeforeEach
    void setUp() {
        db = database();
        notifications = notifications(db);
        connections = new JooqConnectionStore(db, JsonMapper.createDefault(), notifications);
        directory = new JooqDirectoryStore(db);
        audits = new JooqAuditStore(db, JsonMapper.createDefault());
        tenant = newTenant("acme");
        owner = userIn(tenant);
        otherOwner = userIn(tenant);
        otherTenant = newTenant("globex");
    }

    private String newTenant(String name) {
        String tenantId = UUID.randomUUID().toString();
        assertThat(directory.createTenantIfAbsent(new DirectoryStore.NewTenant(tenantId, name,
                UUID.randomUUID().toString(), "admin", UUID.randomUUID().toString(),
                ApiKeys.hash(ApiKeys.generate()), T0))).isTrue();
        return tenantId;
    }

    private String userIn(String tenantId) {
        String id = UUID.randomUUID().toString();
        directory.createUser(tenantId, id, "user " + id, Set.of(), T0);
        return id;
    }

    protected Connection connection(String tenantId, String ownerId, String name, Instant createdAt) {
        return new Connection(UUID.randomUUID().toString(), tenantId, ownerId, null,
                "67031468-9f41-4068-9de8-95d3dd29dfb4", name, Map.of("p1", "v1"), Map.of("p2", "v1.abcd.Y2lwaGVy"),
                false, null, 1, createdAt, createdAt);
    }

    protected void insert(Connection c) {
        connections.insert(c, event(c.tenantId(), c.id(), "created"));
    }

    private boolean replace(Connection c, long expectedVersion) {
        return connections.replace(c, expectedVersion, event(c.tenantId(), c.id(), "updated"));
    }

    private boolean delete(String tenantId, String id) {
        return connections.delete(tenantId, id, event(tenantId, id, "deleted"));
    }

    private static AuditEvent event(String tenantId, String connectionId, String action) {
        return AuditEvent.bySystem(tenantId, "automation-connection", action, connectionId, T0,
                Map.of(AuditEvent.CHANGED_FIELDS, List.of("name")));
    }

    /** Renames {@code c} in SQL, behind the stores' back: nobody hears of it. */
    private void renameSilently(Connection c, String name) {
        assertThat(db.dsl().update(Tables.Connections.TABLE).set(Tables.Connections.NAME, name)
                .where(Tables.Connections.ID.eq(c.id())).execute()).isEqualTo(1);
    }

    @Test
    void theConnectionCacheAnswersFromMemoryUntilAWriteOfTheConnectionIsAnnounced() {
        ConnectionCache cache = new ConnectionCache(connections, notifications, Duration.ofMinutes(5));
        Connection c = connection(tenant, owner, "first", T0);
        Connection other = connection(tenant, owner, "other", T0);
        insert(c);
        insert(other);
        assertThat(cache.remembered(tenant, c.id())).as("nothing read yet").isEmpty();
        assertThat(cache.find(tenant, c.id())).contains(c);
        assertThat(cache.find(tenant, other.id())).contains(other);
        assertThat(cache.remembered(otherTenant, c.id())).as("another tenant's key").isEmpty();
        renameSilently(c, "behind its back");
        assertThat(cache.find(tenant, c.id())).as("from memory").contains(c);

        Connection renamed = c.edited("second", null, owner, c.params(), c.secretCiphertexts(), T0.plusSeconds(1));
        assertThat(replace(renamed, c.version())).isTrue();
        assertThat(cache.remembered(tenant, c.id())).as("forgotten by the replace").isEmpty();
        assertThat(cache.remembered(tenant, other.id())).as("another connection is not concerned").isPresent();
        assertThat(cache.find(tenant, c.id())).contains(renamed);

        assertThat(connections.recordCheck(tenant, c.id(), true, null)).isTrue();
        assertThat(cache.remembered(tenant, c.id())).as("forgotten by the check").isEmpty();
        assertThat(cache.find(tenant, c.id()).orElseThrow().version()).isEqualTo(renamed.version() + 1);

        assertThat(delete(tenant, c.id())).isTrue();
        assertThat(cache.remembered(tenant, c.id())).as("forgotten by the delete").isEmpty();
        assertThat(cache.find(tenant, c.id())).isEmpty();
        assertThat(cache.remembered(tenant, c.id())).as("a missing connection is not remembered").isEmpty();
    }

    @Test
    void aConnectionCacheWithoutTtlRemembersNothing() {
        ConnectionCache cache = new ConnectionCache(connections, notifications, Duration.ZERO);
        Connection c = connection(tenant, owner, "first", T0);
        insert(c);
        assertThat(cache.find(tenant, c.id())).contains(c);
        assertThat(cache.remembered(tenant, c.id())).isEmpty();
    }

    @Test
    void storedConnectionReadsBackExactly() {
        Connection c = new Connection(UUID.randomUUID().toString(), tenant, owner, null, "conn-x", "Ünïcødé ✓ name",
                Map.of("a", "1", "b", "two"), Map.of("s", "v1.k.c"), true,
                new CheckError("CHECK-TIMEOUT", "The check timed out", "after 10 ms"), 3, T0, T0.plusMillis(5));
        insert(c);
        assertThat(connections.find(tenant, c.id())).contains(c);
    }

    @Test
    void anotherTenantNeverFindsChangesOrDeletesAConnection() {
        Connection c = connection(tenant, owner, "mine", T0);
        insert(c);
        assertThat(connections.find(otherTenant, c.id())).isEmpty();
        assertThat(delete(otherTenant, c.id())).isFalse();
        assertThat(connections.recordCheck(otherTenant, c.id(), true, null)).isFalse();
        Connection hijack = new Connection(c.id(), otherTenant, owner, null, c.connectorId(), "stolen",
                Map.of(), Map.of(), true, null, 2, T0, T0);
        assertThat(replace(hijack, 1)).isFalse();
        assertThat(connections.list(otherTenant, null, request(null, null, null, 100)).connections()).isEmpty();
        assertThat(connections.find(tenant, c.id())).contains(c);
    }

    @Test
    void replaceSucceedsOnlyOnTheExpectedVersion() {
        Connection c = connection(tenant, owner, "v1", T0);
        insert(c);
        Connection renamed = c.edited("v2", null, owner, c.params(), c.secretCiphertexts(), T0.plusSeconds(1));
        assertThat(replace(renamed, 1)).isTrue();
        Connection stale = c.edited("lost", null, owner, c.params(), c.secretCiphertexts(), T0.plusSeconds(2));
        assertThat(replace(stale, 1)).isFalse();
        assertThat(connections.find(tenant, c.id())).contains(renamed);
    }

    @Test
    void concurrentReplacesOfOneVersionHaveExactlyOneWinner() throws Exception {
        Connection c = connection(tenant, owner, "race", T0);
        insert(c);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Connection mine = c.edited("writer-" + i, null, owner, c.params(), c.secretCiphertexts(), T0.plusSeconds(i));
                results.add(pool.submit(() -> {
                    start.await();
                    return replace(mine, 1);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(connections.find(tenant, c.id()).orElseThrow().version()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Creates arriving together share a transaction (GroupCommit): each is still stored, or refused, on its own. */
    @Test
    void connectionsCreatedTogetherAreEachStoredWithTheirEventAndADuplicateFailsAlone() throws Exception {
        Connection existing = connection(tenant, owner, "existing", T0);
        insert(existing);
        List<Connection> created = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            created.add(connection(tenant, owner, "together-" + i, T0));
        }
        Connection duplicate = new Connection(existing.id(), tenant, otherOwner, null, existing.connectorId(), "duplicate",
                Map.of(), Map.of(), false, null, 1, T0, T0);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(created.size() + 1);
        try {
            Future<?> refused = pool.submit(() -> {
                start.await();
                insert(duplicate);
                return null;
            });
            List<Future<?>> stored = new ArrayList<>();
            for (Connection c : created) {
                stored.add(pool.submit(() -> {
                    start.await();
                    insert(c);
                    return null;
                }));
            }
            start.countDown();

            assertThatThrownBy(refused::get).cause().isInstanceOf(DataAccessException.class);
            for (Future<?> f : stored) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (Connection c : created) {
            assertThat(connections.find(tenant, c.id())).contains(c);
        }
        assertThat(connections.find(tenant, existing.id()).orElseThrow().name()).isEqualTo("existing");
        List<AuditEvent> trail = audits.list(tenant, connectionEvents(), request(null, null, null, 100)).events();
        assertThat(trail).extracting(AuditEvent::resourceId)
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of(existing), created.stream()).map(Connection::id).toList());
    }

    @Test
    void recordCheckStoresTheOutcomeAndMovesTheVersionButNotUpdatedAt() {
        Connection c = connection(tenant, owner, "checked", T0);
        insert(c);
        CheckError error = new CheckError("CHECK-CONNECTION-REFUSED", "Connection refused", "127.0.0.1:1");
        assertThat(connections.recordCheck(tenant, c.id(), false, error)).isTrue();
        Connection stored = connections.find(tenant, c.id()).orElseThrow();
        assertThat(stored.error()).isEqualTo(error);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.updatedAt()).isEqualTo(c.updatedAt());
        assertThat(connections.recordCheck(tenant, c.id(), true, null)).isTrue();
        assertThat(connections.find(tenant, c.id()).orElseThrow()).extracting(Connection::connected, Connection::error)
                .containsExactly(true, null);
    }

    @Test
    void deleteRemovesOnce() {
        Connection c = connection(tenant, owner, "gone", T0);
        insert(c);
        assertThat(delete(tenant, c.id())).isTrue();
        assertThat(delete(tenant, c.id())).isFalse();
        assertThat(connections.find(tenant, c.id())).isEmpty();
    }

    @Test
    void listShowsTheOwnersConnectionsOrAllOfTheTenant() {
        Connection mine = connection(tenant, owner, "mine", T0);
        Connection theirs = connection(tenant, otherOwner, "theirs", T0);
        Connection foreign = connection(otherTenant, userIn(otherTenant), "foreign", T0);
        List.of(mine, theirs, foreign).forEach(this::insert);
        assertThat(names(connections.list(tenant, ownOnly(owner), request(null, null, null, 100)))).containsExactly("mine");
        assertThat(names(connections.list(tenant, null, request(null, "name", null, 100)))).containsExactly("mine", "theirs");
    }

    @Test
    void pagesWalkEveryRowOnceInOrderForEverySort() {
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Duplicate and mixed-case names: the id tiebreaker must keep the walk exact.
            Connection c = connection(tenant, owner, (i % 3 == 0 ? "Alpha-" : "beta-") + (i % 5), T0.plusSeconds(i % 4));
            all.add(c);
            insert(c);
        }
        Map<String, Comparator<Connection>> orders = Map.of(
                "id", Comparator.comparing(Connection::id),
                // Names sort ignoring (ASCII) case.
                "-name", Comparator.comparing((Connection c) -> c.name().toLowerCase(Locale.ROOT))
                        .thenComparing(Connection::id).reversed(),
                "+createdAt", Comparator.comparing(Connection::createdAt).thenComparing(Connection::id),
                "-updatedAt", Comparator.comparing(Connection::updatedAt).thenComparing(Connection::id).reversed());
        orders.forEach((sort, order) -> {
            List<String> walked = new ArrayList<>();
            String cursor = null;
            do {
                ConnectionStore.Page page = connections.list(tenant, ownOnly(owner), request(null, sort, cursor, 5));
                page.connections().forEach(c -> walked.add(c.id()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(walked).as("sort %s", sort)
                    .containsExactlyElementsOf(all.stream().sorted(order).map(Connection::id).toList());
        });
    }

    @Test
    void filterSelectsCaseInsensitivelyAndBindsValues() {
        insert(connection(tenant, owner, "Prod Postgres", T0));
        insert(connection(tenant, owner, "staging-api", T0.plusSeconds(60)));
        insert(connection(tenant, owner, "x' OR '1'='1", T0));
        assertThat(names(connections.list(tenant, ownOnly(owner), request("name co \"PROD\"", null, null, 100))))
                .containsExactly("Prod Postgres");
        assertThat(names(connections.list(tenant, ownOnly(owner), request("createdAt gt \"2024-05-01T10:00:30Z\"", null, null, 100))))
                .containsExactly("staging-api");
        assertThat(names(connections.list(tenant, ownOnly(owner), request("name eq \"x' OR '1'='1\"", null, null, 100))))
                .containsExactly("x' OR '1'='1");
        assertThat(names(connections.list(tenant, ownOnly(owner), request("spaceId pr", null, null, 100)))).isEmpty();
    }

    @Test
    void aPrefixMatchesExactlyTheNamesStartingWithItIgnoringCase() {
        for (String name : List.of("abc", "ABC-x", "abc\u00e9", "abc\uD83D\uDE00", "abd", "ab", "xabc")) {
            insert(connection(tenant, owner, name, T0));
        }
        assertThat(names(connections.list(tenant, ownOnly(owner), request("name sw \"aBc\"", "name", null, 100))))
                .containsExactlyInAnyOrder("abc", "ABC-x", "abc\u00e9", "abc\uD83D\uDE00");
        assertThat(names(connections.list(tenant, ownOnly(owner), request("name sw \"\"", null, null, 100)))).hasSize(7);
    }

    @Test
    void aCursorIsBoundToItsFilterAndSort() {
        for (int i = 0; i < 3; i++) {
            insert(connection(tenant, owner, "c" + i, T0));
        }
        String cursor = connections.list(tenant, ownOnly(owner), request(null, "name", null, 1)).nextCursor();
        assertThat(cursor).isNotNull();
        assertThatThrownBy(() -> connections.list(tenant, ownOnly(owner), request(null, "-name", cursor, 1)))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> connections.list(tenant, ownOnly(owner), request("name sw \"c\"", "name", cursor, 1)))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void apiKeysAuthenticateTheirUserOnly() {
        String user = userIn(tenant);
        String token = ApiKeys.generate();
        directory.createApiKey(tenant, user, UUID.randomUUID().toString(), ApiKeys.hash(token), T0);
        assertThat(directory.authenticate(ApiKeys.hash(token), T0)).contains(new Caller(tenant, user, Set.of()));
        assertThat(directory.authenticate(ApiKeys.hash(token + "x"), T0)).isEmpty();
    }

    @Test
    void aTenantIsCreatedOnceWithAnAdminWhoseKeyWorks() {
        String token = ApiKeys.generate();
        DirectoryStore.NewTenant t = new DirectoryStore.NewTenant(UUID.randomUUID().toString(), "initech",
                UUID.randomUUID().toString(), "admin", UUID.randomUUID().toString(), ApiKeys.hash(token), T0);
        assertThat(directory.createTenantIfAbsent(t)).isTrue();
        assertThat(directory.createTenantIfAbsent(new DirectoryStore.NewTenant(UUID.randomUUID().toString(), "initech",
                UUID.randomUUID().toString(), "admin2", UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), T0)))
                .isFalse();
        assertThat(directory.authenticate(ApiKeys.hash(token), T0))
                .contains(new Caller(t.tenantId(), t.adminUserId(), EnumSet.of(Role.TENANT_ADMIN)));
        String second = ApiKeys.generate();
        directory.ensureAdminKey("initech", ApiKeys.hash(second), T0);
        directory.ensureAdminKey("initech", ApiKeys.hash(second), T0);
        assertThat(directory.authenticate(ApiKeys.hash(second), T0)).map(Caller::userId).contains(t.adminUserId());
    }

    @Test
    void usersExistOnlyInTheirTenant() {
        assertThat(directory.userExists(tenant, owner)).isTrue();
        assertThat(directory.userExists(otherTenant, owner)).isFalse();
    }

    @Test
    void everyConnectionChangeWritesItsAuditEventAndAFailedChangeNone() {
        Connection c = connection(tenant, owner, "audited", T0);
        insert(c);
        Connection renamed = c.edited("renamed", null, owner, c.params(), c.secretCiphertexts(), T0.plusSeconds(1));
        assertThat(replace(renamed, 1)).isTrue();
        assertThat(replace(renamed, 1)).as("stale version").isFalse();
        assertThat(delete(tenant, c.id())).isTrue();
        assertThat(delete(tenant, c.id())).as("already gone").isFalse();

        List<AuditEvent> trail = audits.list(tenant, connectionEvents(), request(null, "eventType", null, 100)).events();
        assertThat(trail).extracting(AuditEvent::eventType).containsExactly(
                "com.qlik.v1.automation-connection.created", "com.qlik.v1.automation-connection.deleted",
                "com.qlik.v1.automation-connection.updated");
        assertThat(trail).allSatisfy(e -> assertThat(e.data()).containsEntry(AuditEvent.CHANGED_FIELDS, List.of("name")));
        assertThat(audits.find(tenant, trail.get(0).id())).contains(trail.get(0));
    }

    @Test
    void aChangeWhoseAuditEventCannotBeWrittenIsRolledBack() {
        Connection first = connection(tenant, owner, "first", T0);
        AuditEvent event = event(tenant, first.id(), "created");
        connections.insert(first, event);
        Connection second = connection(tenant, owner, "second", T0);
        AuditEvent reusedId = new AuditEvent(event.id(), tenant, null, event.eventType(), event.resourceType(),
                second.id(), T0, Map.of());
        assertThatThrownBy(() -> connections.insert(second, reusedId)).isInstanceOf(RuntimeException.class);
        assertThat(connections.find(tenant, second.id())).as("the insert went with its failed event").isEmpty();
        assertThatThrownBy(() -> connections.delete(tenant, first.id(), reusedId)).isInstanceOf(RuntimeException.class);
        assertThat(connections.find(tenant, first.id())).as("the delete went with its failed event").isPresent();
    }

    @Test
    void theAuditTrailOfOneTenantIsInvisibleToAnother() {
        Connection c = connection(tenant, owner, "private", T0);
        insert(c);
        String eventId = audits.list(tenant, connectionEvents(), request(null, null, null, 10)).events().get(0).id();
        assertThat(audits.find(otherTenant, eventId)).isEmpty();
        // The other tenant sees its own trail (its creation's events) and nothing of this tenant's.
        assertThat(audits.list(otherTenant, new AuditQuery(List.of(), null, null, null, null, null),
                request(null, null, null, 100)).events()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.tenantId()).isEqualTo(otherTenant));
        assertThat(audits.eventTypes(otherTenant)).doesNotContain("com.qlik.v1.automation-connection.created");
        assertThat(audits.eventTypes(tenant)).contains("com.qlik.v1.automation-connection.created");
    }

    @Test
    void theAuditTrailFiltersByTypeActorAndInclusiveTimeRange() {
        String actorEventId = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            Connection c = connection(tenant, owner, "c" + i, T0);
            connections.insert(c, new AuditEvent(i == 1 ? actorEventId : UUID.randomUUID().toString(), tenant,
                    i == 1 ? owner : null, "com.qlik.v1.automation-connection.created", "automation-connection",
                    c.id(), T0.plusSeconds(i), Map.of()));
        }
        AuditQuery byActor = new AuditQuery(List.of(), null, null, owner, null, null);
        assertThat(audits.list(tenant, byActor, request(null, null, null, 10)).events())
                .extracting(AuditEvent::id).containsExactly(actorEventId);
        AuditQuery window = new AuditQuery(List.of(), "com.qlik.v1.automation-connection.created",
                "automation-connection", null, T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(audits.list(tenant, window, request(null, "-eventTime", null, 10)).events())
                .extracting(AuditEvent::eventTime).containsExactly(T0.plusSeconds(2), T0.plusSeconds(1));
        AuditQuery otherType = new AuditQuery(List.of(), "com.qlik.v1.automation.created", null, null, null, null);
        assertThat(audits.list(tenant, otherType, request(null, null, null, 10)).events()).isEmpty();
    }

    /** The tenant's connection events (each test's tenant is new, so: the test's connection events). */
    private static AuditQuery connectionEvents() {
        return new AuditQuery(List.of(), null, "automation-connection", null, null, null);
    }

    /** What a user without space memberships lists: their own connections. */
    private static Reader ownOnly(String userId) {
        return new Reader(userId, List.of());
    }

    private static ListRequest request(String filter, String sort, String cursor, int limit) {
        return new ListRequest(filter, sort, cursor, limit, "test");
    }

    private static List<String> names(ConnectionStore.Page page) {
        return page.connections().stream().map(ConnectionSummary::name).collect(Collectors.toList());
    }
}
