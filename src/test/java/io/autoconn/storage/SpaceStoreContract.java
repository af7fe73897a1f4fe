package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.connections.ConnectionSummary;
import io.autoconn.identity.ApiKeys;
import io.autoconn.query.ListRequest;
import io.autoconn.spaces.Assignment;
import io.autoconn.spaces.Space;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceType;
import io.autoconn.storage.Tables.AuditEvents;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do for spaces and assignments ({@link SqliteSpaceStoreTest}, {@link PostgresSpaceStoreTest}):
 * tenant scoping, membership, name uniqueness, refusing to delete a space that holds connections, the
 * connection list of a member, and an audit event with every change and none without one.
 */
abstract class SpaceStoreContract extends BackendSuite {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    private Database db;
    private SpaceStore spaces;
    private AssignmentStore assignments;
    private ConnectionStore connections;
    private DirectoryStore directory;
    private String tenant;
    private String otherTenant;
    private String alice;
    private String bob;

    @BeforeEach
    void setUp() {
        db = database();
        JsonMapper json = JsonMapper.createDefault();
        spaces = new JooqSpaceStore(db, json);
        assignments = new JooqAssignmentStore(db, json);
        connections = new JooqConnectionStore(db, json, notifications(db));
        directory = new JooqDirectoryStore(db);
        tenant = newTenant("acme");
        otherTenant = newTenant("globex");
        alice = userIn(tenant);
        bob = userIn(tenant);
    }

    private String newTenant(String name) {
        String id = UUID.randomUUID().toString();
        directory.createTenantIfAbsent(new DirectoryStore.NewTenant(id, name, UUID.randomUUID().toString(), "admin",
                UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), T0));
        return id;
    }

    private String userIn(String tenantId) {
        String id = UUID.randomUUID().toString();
        directory.createUser(tenantId, id, "user", Set.of(), T0);
        return id;
    }

    private Space space(String tenantId, String name, SpaceType type, String ownerId, Instant at) {
        return new Space(UUID.randomUUID().toString(), tenantId, name, "", type, ownerId, ownerId, at, at);
    }

    private static AuditEvent event(String tenantId, String resourceId) {
        return AuditEvent.bySystem(tenantId, "space", "test", resourceId, T0, Map.of());
    }

    private Space stored(String name, SpaceType type, String ownerId) {
        Space s = space(tenant, name, type, ownerId, T0);
        assertThat(spaces.insert(s, event(tenant, s.id()))).isTrue();
        return s;
    }

    private Assignment assignment(Space s, String userId, SpaceRole... roles) {
        Assignment a = new Assignment(UUID.randomUUID().toString(), tenant, s.id(), userId, EnumSet.of(roles[0], roles),
                alice, T0, alice, T0);
        assertThat(assignments.insert(a, event(tenant, a.id()))).isTrue();
        return a;
    }

    private long auditCount(String resourceId) {
        return db.dsl().fetchCount(AuditEvents.TABLE, AuditEvents.RESOURCE_ID.eq(resourceId));
    }

    @Test
    void spacesRoundTripAndStayInTheirTenant() {
        Space s = stored("Finance", SpaceType.MANAGED, alice);
        assertThat(spaces.find(tenant, s.id())).contains(s);
        assertThat(spaces.find(otherTenant, s.id())).isEmpty();
        assertThat(spaces.membership(otherTenant, s.id(), alice)).isEmpty();
        assertThat(auditCount(s.id())).isEqualTo(1);
    }

    @Test
    void namesAreUniquePerTenantIgnoringCaseAndARefusedWriteLeavesNoEvent() {
        stored("Finance", SpaceType.SHARED, alice);
        Space dup = space(tenant, "FINANCE", SpaceType.SHARED, bob, T0);
        assertThat(spaces.insert(dup, event(tenant, dup.id()))).isFalse();
        assertThat(auditCount(dup.id())).isZero();
        Space elsewhere = space(otherTenant, "finance", SpaceType.SHARED, userIn(otherTenant), T0);
        assertThat(spaces.insert(elsewhere, event(otherTenant, elsewhere.id()))).isTrue();

        Space sales = stored("Sales", SpaceType.SHARED, bob);
        Space renamed = new Space(sales.id(), tenant, "finance", "", SpaceType.SHARED, bob, bob, T0, T0.plusSeconds(1));
        assertThat(spaces.update(renamed, event(tenant, "update-1"), a -> event(tenant, a.id())))
                .isEqualTo(SpaceStore.UpdateResult.NAME_TAKEN);
        assertThat(auditCount("update-1")).isZero();
        Space ok = new Space(sales.id(), tenant, "Sales (eu)", "d", SpaceType.SHARED, bob, bob, T0, T0.plusSeconds(1));
        assertThat(spaces.update(ok, event(tenant, "update-2"), a -> event(tenant, a.id())))
                .isEqualTo(SpaceStore.UpdateResult.UPDATED);
        assertThat(spaces.find(tenant, sales.id())).contains(ok);
        assertThat(auditCount("update-2")).isEqualTo(1);
        Space foreign = new Space(sales.id(), otherTenant, "x", "", SpaceType.SHARED, bob, bob, T0, T0);
        assertThat(spaces.update(foreign, event(otherTenant, "update-3"), a -> event(otherTenant, a.id())))
                .isEqualTo(SpaceStore.UpdateResult.NOT_FOUND);
    }

    @Test
    void membershipIsOwnershipOrAnAssignment() {
        Space s = stored("Team", SpaceType.SHARED, alice);
        assertThat(spaces.membership(tenant, s.id(), alice).orElseThrow().roles())
                .isEqualTo(SpaceType.SHARED.assignableRoles());
        assertThat(spaces.membership(tenant, s.id(), bob).orElseThrow().isMember()).isFalse();
        Assignment a = assignment(s, bob, SpaceRole.CONSUMER, SpaceRole.DATACONSUMER);
        assertThat(spaces.membership(tenant, s.id(), bob).orElseThrow().roles())
                .containsExactly(SpaceRole.CONSUMER, SpaceRole.DATACONSUMER);
        assertThat(spaces.memberSpaceIds(tenant, bob)).containsExactly(s.id());
        assertThat(spaces.memberSpaceIds(tenant, alice)).containsExactly(s.id());
        assertThat(spaces.memberSpaceIds(otherTenant, bob)).isEmpty();
        assertThat(spaces.assignedRoles(tenant, bob, List.of(s.id(), "other"))).containsOnlyKeys(s.id());
        assertThat(assignments.find(tenant, s.id(), a.id())).contains(a);
        assertThat(assignments.find(otherTenant, s.id(), a.id())).isEmpty();
        Assignment twice = new Assignment(UUID.randomUUID().toString(), tenant, s.id(), bob,
                Set.of(SpaceRole.PRODUCER), alice, T0, alice, T0);
        assertThat(assignments.insert(twice, event(tenant, twice.id()))).isFalse();
        assertThat(auditCount(twice.id())).isZero();

        Assignment changed = a.withRoles(Set.of(SpaceRole.FACILITATOR), bob, T0.plusSeconds(5));
        assertThat(assignments.update(changed, event(tenant, "assignment-update"))).isTrue();
        assertThat(assignments.find(tenant, s.id(), a.id())).contains(changed);
        assertThat(assignments.delete(otherTenant, s.id(), a.id(), event(otherTenant, "nope"))).isFalse();
        assertThat(assignments.delete(tenant, s.id(), a.id(), event(tenant, "assignment-delete"))).isTrue();
        assertThat(auditCount("assignment-delete")).isEqualTo(1);
        assertThat(auditCount("nope")).isZero();
        assertThat(spaces.membership(tenant, s.id(), bob).orElseThrow().isMember()).isFalse();
    }

    @Test
    void aNewOwnersAssignmentGoesWithAnEvent() {
        Space s = stored("Handover", SpaceType.SHARED, alice);
        Assignment a = assignment(s, bob, SpaceRole.CONSUMER);
        Space handedOver = new Space(s.id(), tenant, s.name(), "", SpaceType.SHARED, bob, alice, T0, T0.plusSeconds(1));
        List<Assignment> removed = new ArrayList<>();
        assertThat(spaces.update(handedOver, event(tenant, "handover"), gone -> {
            removed.add(gone);
            return event(tenant, gone.id());
        })).isEqualTo(SpaceStore.UpdateResult.UPDATED);
        assertThat(removed).containsExactly(a);
        assertThat(auditCount(a.id())).as("created and removed").isEqualTo(2);
        assertThat(assignments.find(tenant, s.id(), a.id())).isEmpty();
        assertThat(spaces.membership(tenant, s.id(), alice).orElseThrow().isMember()).isFalse();
    }

    @Test
    void aSpaceHoldingConnectionsIsNotDeleted() {
        Space s = stored("Busy", SpaceType.SHARED, alice);
        Assignment a = assignment(s, bob, SpaceRole.PRODUCER);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Connection c = connection(tenant, bob, s.id(), "conn " + (char) ('a' + i));
            connections.insert(c, event(tenant, c.id()));
            ids.add(c.id());
        }
        SpaceStore.DeleteResult refused = spaces.delete(tenant, s.id(), event(tenant, "delete-1"), x -> event(tenant, "x"));
        assertThat(refused).isInstanceOfSatisfying(SpaceStore.DeleteResult.NotEmpty.class, held -> {
            assertThat(held.count()).isEqualTo(12);
            assertThat(held.connections().first()).hasSize(JooqSpaceStore.NAMED_CONNECTIONS)
                    .containsEntry(ids.get(0), "conn a");
            assertThat(held.automations().count()).isZero();
        });
        assertThat(auditCount("delete-1")).isZero();
        assertThat(spaces.find(tenant, s.id())).isPresent();
        assertThat(spaces.delete(otherTenant, s.id(), event(otherTenant, "d"), x -> event(otherTenant, "x")))
                .isInstanceOf(SpaceStore.DeleteResult.NotFound.class);

        for (String id : ids) {
            connections.delete(tenant, id, event(tenant, id));
        }
        assertThat(spaces.delete(tenant, s.id(), event(tenant, "delete-2"), gone -> event(tenant, gone.id())))
                .isInstanceOf(SpaceStore.DeleteResult.Deleted.class);
        assertThat(auditCount("delete-2")).isEqualTo(1);
        assertThat(auditCount(a.id())).as("created and removed").isEqualTo(2);
        assertThat(spaces.find(tenant, s.id())).isEmpty();
        assertThat(spaces.memberSpaceIds(tenant, bob)).isEmpty();
    }

    @Test
    void deletingAUserRemovesTheirAssignments() {
        Space s = stored("Cascade", SpaceType.SHARED, alice);
        Assignment a = assignment(s, bob, SpaceRole.CONSUMER);
        db.transaction(tx -> tx.deleteFrom(Tables.Users.TABLE).where(Tables.Users.ID.eq(bob)).execute());
        assertThat(assignments.find(tenant, s.id(), a.id())).isEmpty();
    }

    @Test
    void aMembersConnectionListIsTheirOwnAndTheirSpaces() {
        Space mine = stored("Mine", SpaceType.SHARED, alice);
        Space theirs = stored("Theirs", SpaceType.SHARED, bob);
        String carol = userIn(tenant);
        List<Connection> all = List.of(
                connection(tenant, alice, null, "alice personal"),
                connection(tenant, bob, null, "bob personal"),
                connection(tenant, bob, mine.id(), "bob in mine"),
                connection(tenant, carol, theirs.id(), "carol in theirs"));
        all.forEach(c -> connections.insert(c, event(tenant, c.id())));
        ListRequest request = new ListRequest(null, "name", null, 100, "test");
        assertThat(connections.list(tenant, new Reader(alice, spaces.memberSpaceIds(tenant, alice)), request)
                .connections()).extracting(ConnectionSummary::name).containsExactly("alice personal", "bob in mine");
        assertThat(connections.list(tenant, new Reader(bob, spaces.memberSpaceIds(tenant, bob)), request)
                .connections()).extracting(ConnectionSummary::name)
                .containsExactly("bob in mine", "bob personal", "carol in theirs");
        assertThat(connections.list(otherTenant, new Reader(bob, List.of(mine.id(), theirs.id())), request)
                .connections()).isEmpty();
    }

    @Test
    void listsFilterByNameTypeOwnerAndRolesAndCount() {
        Space a = stored("Alpha finance", SpaceType.SHARED, alice);
        Space b = stored("Beta", SpaceType.MANAGED, bob);
        Space c = stored("Gamma FINANCE", SpaceType.DATA, bob);
        assignment(b, alice, SpaceRole.PUBLISHER);
        ListRequest byName = new ListRequest(null, "name", null, 2, "test");
        SpaceStore.Page page = spaces.list(tenant, query(alice, "FINANCE", Set.of(), null, Set.of()), byName);
        assertThat(page.spaces()).containsExactly(a);
        assertThat(page.count()).isEqualTo(1);
        SpaceStore.Page everything = spaces.list(tenant, query(null, null, Set.of(), null, Set.of()), byName);
        assertThat(everything.spaces()).containsExactly(a, b);
        assertThat(everything.count()).isEqualTo(3);
        assertThat(spaces.list(tenant, query(null, null, Set.of(), null, Set.of()),
                new ListRequest(null, "name", everything.nextCursor(), 2, "test")).spaces()).containsExactly(c);
        assertThat(spaces.list(tenant, query(null, null, Set.of(SpaceType.DATA, SpaceType.MANAGED), bob, Set.of()), byName)
                .spaces()).containsExactly(b, c);
        assertThat(spaces.list(tenant, query(alice, null, Set.of(), null, Set.of(SpaceRole.PUBLISHER)), byName).spaces())
                .containsExactly(b);
        assertThat(spaces.list(tenant, query(alice, null, Set.of(), null, Set.of(SpaceRole.PRODUCER)), byName).spaces())
                .containsExactly(a);
        assertThat(spaces.list(otherTenant, query(null, null, Set.of(), null, Set.of()), byName).count()).isZero();
        assertThat(spaces.list(tenant, query(null, "%", Set.of(), null, Set.of()), byName).count()).isZero();
    }

    private SpaceStore.Query query(String viewer, String name, Set<SpaceType> types, String ownerId, Set<SpaceRole> roles) {
        return new SpaceStore.Query(viewer, name, types, ownerId, viewer == null ? alice : viewer, roles);
    }

    private static Connection connection(String tenantId, String ownerId, String spaceId, String name) {
        return new Connection(UUID.randomUUID().toString(), tenantId, ownerId, spaceId,
                "67031468-9f41-4068-9de8-95d3dd29dfb4", name, Map.of(), Map.of(), false, null, 1, T0, T0);
    }
}
