package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.identity.ApiKey;
import io.autoconn.identity.ApiKeyStatus;
import io.autoconn.identity.ApiKeys;
import io.autoconn.identity.Caller;
import io.autoconn.identity.IdentityAudit;
import io.autoconn.identity.Role;
import io.autoconn.identity.Scope;
import io.autoconn.identity.User;
import io.autoconn.identity.UserStatus;
import io.autoconn.query.ListRequest;
import io.autoconn.spaces.Assignment;
import io.autoconn.spaces.Space;
import io.autoconn.spaces.SpaceRole;
import io.autoconn.spaces.SpaceType;
import io.autoconn.storage.Tables.AuditEvents;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do for tenants, users and API keys, against a real database
 * ({@link SqliteIdentityStorageTest}, {@link PostgresIdentityStorageTest}).
 */
abstract class IdentityStorageContract extends BackendSuite {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    private Database db;
    private DirectoryStore directory;
    private UserStore users;
    private ApiKeyStore keys;
    private ConnectionStore connections;
    private String tenant;
    private String admin;
    private Caller adminCaller;
    private String otherTenant;

    @BeforeEach
    void setUp() {
        db = database();
        JsonMapper json = JsonMapper.createDefault();
        directory = new JooqDirectoryStore(db, json);
        ChangeNotifications notifications = notifications(db);
        users = new JooqUserStore(db, json, notifications);
        keys = new JooqApiKeyStore(db, json, notifications);
        connections = new JooqConnectionStore(db, json, notifications(db));
        DirectoryStore.NewTenant t = newTenant("acme");
        tenant = t.tenantId();
        admin = t.adminUserId();
        adminCaller = new Caller(tenant, admin, Set.of(Role.TENANT_ADMIN));
        otherTenant = newTenant("globex").tenantId();
    }

    private DirectoryStore.NewTenant newTenant(String name) {
        DirectoryStore.NewTenant t = new DirectoryStore.NewTenant(UUID.randomUUID().toString(), name,
                UUID.randomUUID().toString(), "admin", UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), T0);
        assertThat(directory.createTenantIfAbsent(t)).isTrue();
        return t;
    }

    private User user(String tenantId, String name, String email, Set<Role> roles) {
        String id = UUID.randomUUID().toString();
        return new User(id, tenantId, name, email, id, roles, UserStatus.ACTIVE, T0, T0);
    }

    private User inserted(String name, String email, Role... roles) {
        User u = user(tenant, name, email, Set.of(roles));
        users.insert(u, IdentityAudit.userCreated(adminCaller, u));
        return u;
    }

    private List<String> eventTypes(String resourceId) {
        return db.dsl().select(AuditEvents.EVENT_TYPE).from(AuditEvents.TABLE)
                .where(AuditEvents.RESOURCE_ID.eq(resourceId)).orderBy(AuditEvents.EVENT_TIME).fetch(AuditEvents.EVENT_TYPE);
    }

    private Optional<User> demote(User u, Instant at) {
        return users.update(tenant, u.id(), current -> current.edited(current.name(), Set.of(), current.status(), at),
                (before, after) -> IdentityAudit.userUpdated(adminCaller, before, after));
    }

    @Test
    void aTenantIsCreatedOnceWithItsAdminAndKeyAndAudited() {
        DirectoryStore.NewTenant again = new DirectoryStore.NewTenant(UUID.randomUUID().toString(), "acme",
                UUID.randomUUID().toString(), "other", UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), T0);
        assertThat(directory.createTenant(again, null, IdentityAudit.tenantCreated(again, null))).isFalse();
        assertThat(users.find(again.tenantId(), again.adminUserId())).isEmpty();
        assertThat(eventTypes(again.tenantId())).isEmpty();
        assertThat(eventTypes(tenant)).containsExactly("com.qlik.v1.tenant.created");
        assertThat(eventTypes(admin)).containsExactly("com.qlik.v1.user.created");
        User stored = users.find(tenant, admin).orElseThrow();
        assertThat(stored.roles()).containsExactly(Role.TENANT_ADMIN);
        assertThat(stored.subject()).isEqualTo(admin);
        assertThat(stored.isActiveTenantAdmin()).isTrue();
    }

    @Test
    void aUserReadsBackExactlyAndOnlyInItsTenant() {
        User u = inserted("Ünïcødé Ada", "ada@example.com", Role.ANALYTICS_ADMIN, Role.TENANT_ADMIN);
        assertThat(users.find(tenant, u.id())).contains(u);
        assertThat(users.find(otherTenant, u.id())).isEmpty();
        assertThat(users.delete(otherTenant, u.id(), true, adminCaller, T0)).isFalse();
        assertThat(users.update(otherTenant, u.id(), c -> c.edited("stolen", Set.of(), UserStatus.DISABLED, T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a))).isEmpty();
        assertThat(users.list(otherTenant, request(null, null)).users()).extracting(User::name).containsExactly("admin");
        assertThat(users.find(tenant, u.id())).contains(u);
        assertThat(eventTypes(u.id())).containsExactly("com.qlik.v1.user.created");
    }

    @Test
    void aUserIsFoundBySubjectInItsTenantAndATenantByIdOrName() {
        User u = new User(UUID.randomUUID().toString(), tenant, "Sub", null, "idp|sub", Set.of(), UserStatus.ACTIVE, T0, T0);
        users.insert(u, IdentityAudit.userCreatedAtSignIn(u));
        assertThat(users.findBySubject(tenant, "idp|sub")).contains(u);
        assertThat(users.findBySubject(otherTenant, "idp|sub")).isEmpty();
        assertThat(users.findBySubject(tenant, "idp|SUB")).isEmpty();
        assertThat(directory.findTenantId(tenant)).contains(tenant);
        assertThat(directory.findTenantId("acme")).contains(tenant);
        assertThat(directory.findTenantId("globex")).contains(otherTenant);
        assertThat(directory.findTenantId("ACME")).isEmpty();
    }

    /** What creating users at first sign-in relies on: racing inserts of one subject give one user, one refusal. */
    @Test
    void racingInsertsOfOneSubjectMakeOneUserAndRefuseTheOthers() throws Exception {
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                User u = new User(UUID.randomUUID().toString(), tenant, "Racer " + i, null, "idp|racer", Set.of(),
                        UserStatus.ACTIVE, T0, T0);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        users.insert(u, IdentityAudit.userCreatedAtSignIn(u));
                        return true;
                    } catch (UserStore.DuplicateUser e) {
                        assertThat(e.field()).isEqualTo("subject");
                        return false;
                    }
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(users.findBySubject(tenant, "idp|racer")).isPresent();
    }

    @Test
    void emailsAndSubjectsAreUniquePerTenantAndEmailsIgnoreCase() {
        inserted("One", "same@example.com");
        assertThatThrownBy(() -> inserted("Two", "SAME@example.COM"))
                .isInstanceOfSatisfying(UserStore.DuplicateUser.class, e -> assertThat(e.field()).isEqualTo("email"));
        User withSubject = new User(UUID.randomUUID().toString(), tenant, "Three", null, "idp|1", Set.of(),
                UserStatus.ACTIVE, T0, T0);
        users.insert(withSubject, IdentityAudit.userCreated(adminCaller, withSubject));
        User sameSubject = new User(UUID.randomUUID().toString(), tenant, "Four", null, "idp|1", Set.of(),
                UserStatus.ACTIVE, T0, T0);
        assertThatThrownBy(() -> users.insert(sameSubject, IdentityAudit.userCreated(adminCaller, sameSubject)))
                .isInstanceOfSatisfying(UserStore.DuplicateUser.class, e -> assertThat(e.field()).isEqualTo("subject"));
        assertThat(users.find(tenant, sameSubject.id())).isEmpty();
        assertThat(eventTypes(sameSubject.id())).isEmpty();
        User elsewhere = user(otherTenant, "Elsewhere", "same@example.com", Set.of());
        users.insert(elsewhere, IdentityAudit.userCreated(adminCaller, elsewhere));
        assertThat(users.find(otherTenant, elsewhere.id())).contains(elsewhere);
    }

    @Test
    void anUpdateIsStoredAndAuditedAndANoOpWritesNothing() {
        User u = inserted("Before", null);
        User changed = users.update(tenant, u.id(), c -> c.edited("After", Set.of(Role.TENANT_ADMIN), UserStatus.DISABLED,
                T0.plusSeconds(5)), (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a)).orElseThrow();
        assertThat(users.find(tenant, u.id())).contains(changed);
        assertThat(changed.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(users.update(tenant, u.id(), c -> c.edited(c.name(), c.roles(), c.status(), T0.plusSeconds(9)),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a))).contains(changed);
        assertThat(eventTypes(u.id())).containsExactly("com.qlik.v1.user.created", "com.qlik.v1.user.updated");
    }

    @Test
    void theLastActiveTenantAdminStaysAndTheRefusedChangeLeavesNoTrace() {
        User before = users.find(tenant, admin).orElseThrow();
        assertThatThrownBy(() -> demote(before, T0.plusSeconds(1))).isInstanceOf(UserStore.LastTenantAdmin.class);
        assertThatThrownBy(() -> users.update(tenant, admin, c -> c.edited(c.name(), c.roles(), UserStatus.DISABLED,
                T0.plusSeconds(1)), (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a)))
                .isInstanceOf(UserStore.LastTenantAdmin.class);
        assertThatThrownBy(() -> users.delete(tenant, admin, true, adminCaller, T0))
                .isInstanceOf(UserStore.LastTenantAdmin.class);
        assertThat(users.find(tenant, admin)).contains(before);
        assertThat(eventTypes(admin)).containsExactly("com.qlik.v1.user.created");
        User second = inserted("Second", null, Role.TENANT_ADMIN);
        assertThat(demote(before, T0.plusSeconds(2))).isPresent();
        assertThatThrownBy(() -> demote(second, T0.plusSeconds(3))).isInstanceOf(UserStore.LastTenantAdmin.class);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        User second = inserted("Second", null, Role.TENANT_ADMIN);
        User first = users.find(tenant, admin).orElseThrow();
        for (int round = 0; round < 5; round++) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (User target : List.of(first, second)) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            return demote(target, T0.plusSeconds(10)).isPresent();
                        } catch (UserStore.LastTenantAdmin e) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                int demoted = 0;
                for (Future<Boolean> outcome : outcomes) {
                    demoted += outcome.get() ? 1 : 0;
                }
                assertThat(demoted).isEqualTo(1);
                assertThat(JooqUserStore.activeTenantAdmins(db.dsl(), tenant)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            // Restore both as admins for the next round.
            for (User u : List.of(first, second)) {
                users.update(tenant, u.id(), c -> c.edited(c.name(), Set.of(Role.TENANT_ADMIN), c.status(), T0),
                        (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a));
            }
        }
    }

    @Test
    void listPagesFiltersAndCounts() {
        for (String name : List.of("delta", "alpha", "Charlie", "bravo")) {
            inserted(name, name + "@example.com");
        }
        UserStore.Page first = users.list(tenant, request("name ne \"admin\"", null, null, 2));
        assertThat(first.users()).extracting(User::name).containsExactly("alpha", "bravo");
        UserStore.Page second = users.list(tenant, request("name ne \"admin\"", null, first.nextCursor(), 2));
        assertThat(second.users()).extracting(User::name).containsExactly("Charlie", "delta");
        assertThat(second.nextCursor()).isNull();
        assertThat(users.list(tenant, request("email ew \"@EXAMPLE.com\"", "-email", null, 10)).users())
                .extracting(User::name).containsExactly("delta", "Charlie", "bravo", "alpha");
        assertThat(users.count(tenant, "email co \"a\"")).isEqualTo(4);
        assertThat(users.count(tenant, null)).isEqualTo(5);
        assertThat(users.count(otherTenant, null)).isEqualTo(1);
        assertThat(users.list(tenant, request("status eq \"active\" and name sw \"x' OR '1'='1\"", null, null, 10))
                .users()).isEmpty();
    }

    @Test
    void deletingAUserWhoOwnsConnectionsOrAutomationsIsRefusedUntilForcedThenTakesThemKeysAndSpaceOwnership() {
        User owner = inserted("Owner", null);
        List<String> connectionIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Connection c = new Connection(UUID.randomUUID().toString(), tenant, owner.id(), null,
                    "67031468-9f41-4068-9de8-95d3dd29dfb4", String.format("c-%02d", i), Map.of(), Map.of(), false, null,
                    1, T0, T0);
            connections.insert(c, AuditEvent.bySystem(tenant, "automation-connection", "created", c.id(), T0, Map.of()));
            connectionIds.add(c.id());
        }
        List<String> automationIds = List.of(automation(owner.id(), "b-auto"), automation(owner.id(), "a-auto"));
        db.dsl().insertInto(Tables.AutomationConnectionUsages.TABLE)
                .set(Tables.AutomationConnectionUsages.AUTOMATION_ID, automationIds.get(0))
                .set(Tables.AutomationConnectionUsages.CONNECTION_ID, connectionIds.get(0))
                .set(Tables.AutomationConnectionUsages.TENANT_ID, tenant)
                .execute();
        String keyId = UUID.randomUUID().toString();
        directory.createApiKey(tenant, owner.id(), keyId, ApiKeys.hash("owner-key"), T0);
        JooqSpaceStore spaces = new JooqSpaceStore(db, JsonMapper.createDefault());
        JooqAssignmentStore assignments = new JooqAssignmentStore(db, JsonMapper.createDefault());
        String space = UUID.randomUUID().toString();
        spaces.insert(new Space(space, tenant, "Owned", "", SpaceType.SHARED, owner.id(), owner.id(), T0, T0),
                AuditEvent.bySystem(tenant, "space", "created", space, T0, Map.of()));
        Assignment heirsRole = new Assignment(UUID.randomUUID().toString(), tenant, space, admin,
                Set.of(SpaceRole.CONSUMER), null, T0, null, T0);
        assignments.insert(heirsRole, AuditEvent.bySystem(tenant, "space-assignment", "created", heirsRole.id(), T0,
                Map.of()));
        String elsewhere = UUID.randomUUID().toString();
        spaces.insert(new Space(elsewhere, tenant, "Elsewhere", "", SpaceType.SHARED, admin, admin, T0, T0),
                AuditEvent.bySystem(tenant, "space", "created", elsewhere, T0, Map.of()));
        Assignment ownersRole = new Assignment(UUID.randomUUID().toString(), tenant, elsewhere, owner.id(),
                Set.of(SpaceRole.PRODUCER), null, T0, null, T0);
        assignments.insert(ownersRole, AuditEvent.bySystem(tenant, "space-assignment", "created", ownersRole.id(), T0,
                Map.of()));

        assertThatThrownBy(() -> users.delete(tenant, owner.id(), false, adminCaller, T0))
                .isInstanceOfSatisfying(UserStore.OwnsResources.class, e -> {
                    assertThat(e.connections().count()).isEqualTo(12);
                    assertThat(e.connections().first()).hasSize(UserDeletion.NAMED)
                            .extracting(UserStore.Named::name).startsWith("c-00", "c-01").endsWith("c-09");
                    assertThat(e.automations().count()).isEqualTo(2);
                    assertThat(e.automations().first()).extracting(UserStore.Named::name).containsExactly("a-auto", "b-auto");
                });
        assertThat(users.find(tenant, owner.id())).isPresent();
        assertThat(directory.authenticate(ApiKeys.hash("owner-key"), T0)).isPresent();

        assertThat(users.delete(tenant, owner.id(), true, adminCaller, T0.plusSeconds(1))).isTrue();
        assertThat(users.find(tenant, owner.id())).isEmpty();
        assertThat(connectionIds).allSatisfy(id -> {
            assertThat(connections.find(tenant, id)).isEmpty();
            assertThat(eventTypes(id)).endsWith("com.qlik.v1.automation-connection.deleted");
        });
        assertThat(automationIds).allSatisfy(id -> {
            assertThat(db.dsl().fetchExists(Tables.Automations.TABLE, Tables.Automations.ID.eq(id))).isFalse();
            assertThat(eventTypes(id)).containsExactly("com.qlik.v1.automation.deleted");
        });
        assertThat(db.dsl().fetchCount(Tables.AutomationConnectionUsages.TABLE)).isZero();
        assertThat(keys.find(tenant, keyId)).isEmpty();
        assertThat(eventTypes(keyId)).containsExactly("com.qlik.v1.api-key.created", "com.qlik.v1.api-key.deleted");
        assertThat(directory.authenticate(ApiKeys.hash("owner-key"), T0)).isEmpty();
        assertThat(spaces.find(tenant, space)).map(Space::ownerId).as("the deleting admin inherits the space")
                .contains(admin);
        assertThat(eventTypes(space)).endsWith("com.qlik.v1.space.owner-changed");
        assertThat(assignments.find(tenant, space, heirsRole.id())).as("an owner holds every role unassigned").isEmpty();
        assertThat(assignments.find(tenant, elsewhere, ownersRole.id())).isEmpty();
        assertThat(eventTypes(heirsRole.id())).endsWith("com.qlik.v1.space-assignment.deleted");
        assertThat(eventTypes(ownersRole.id())).endsWith("com.qlik.v1.space-assignment.deleted");
        assertThat(eventTypes(owner.id())).endsWith("com.qlik.v1.user.deleted");
        assertThat(users.delete(tenant, owner.id(), true, adminCaller, T0)).isFalse();
    }

    /** An automation, inserted as its store would (without its events: only the deletion's are asserted). */
    private String automation(String ownerId, String name) {
        String id = UUID.randomUUID().toString();
        db.dsl().insertInto(Tables.Automations.TABLE)
                .set(Tables.Automations.ID, id)
                .set(Tables.Automations.TENANT_ID, tenant)
                .set(Tables.Automations.OWNER_ID, ownerId)
                .set(Tables.Automations.NAME, name)
                .set(Tables.Automations.DESCRIPTION, "")
                .set(Tables.Automations.STATE, "available")
                .set(Tables.Automations.RUN_MODE, "manual")
                .set(Tables.Automations.MAX_CONCURRENT_RUNS, 1L)
                .set(Tables.Automations.WORKSPACE, "{}")
                .set(Tables.Automations.VERSION, 1L)
                .set(Tables.Automations.CREATED_AT, Micros.of(T0))
                .set(Tables.Automations.UPDATED_AT, Micros.of(T0))
                .execute();
        return id;
    }

    private ApiKey key(String userId, String createdBy, String description, Instant createdAt, Instant expiresAt) {
        return new ApiKey(UUID.randomUUID().toString(), tenant, userId, createdBy, description, createdAt, createdAt,
                expiresAt, null, Set.of());
    }

    private ApiKey insertedKey(ApiKey k, String token) {
        keys.insert(k, ApiKeys.hash(token), IdentityAudit.apiKeyCreated(adminCaller, k));
        return k;
    }

    @Test
    void anApiKeyReadsBackAndAuthenticatesUntilItExpiresOrIsRevoked() {
        User u = inserted("Keyholder", null);
        ApiKey k = insertedKey(key(u.id(), admin, "expiring", T0, T0.plusSeconds(60)), "tok-1");
        assertThat(keys.find(tenant, k.id())).contains(k);
        assertThat(keys.find(otherTenant, k.id())).isEmpty();
        assertThat(directory.authenticate(ApiKeys.hash("tok-1"), T0.plusSeconds(59))).isPresent();
        assertThat(directory.authenticate(ApiKeys.hash("tok-1"), T0.plusSeconds(60))).isEmpty();
        assertThat(k.status(T0.plusSeconds(60))).isEqualTo(ApiKeyStatus.EXPIRED);

        ApiKey forever = insertedKey(key(u.id(), u.id(), "forever", T0, null), "tok-2");
        assertThat(keys.revoke(otherTenant, forever.id(), T0, IdentityAudit.apiKeyRevoked(adminCaller, forever, T0))).isFalse();
        assertThat(keys.revoke(tenant, forever.id(), T0.plusSeconds(1),
                IdentityAudit.apiKeyRevoked(adminCaller, forever, T0.plusSeconds(1)))).isTrue();
        assertThat(keys.revoke(tenant, forever.id(), T0.plusSeconds(2),
                IdentityAudit.apiKeyRevoked(adminCaller, forever, T0.plusSeconds(2)))).isFalse();
        assertThat(directory.authenticate(ApiKeys.hash("tok-2"), T0.plusSeconds(1))).isEmpty();
        assertThat(keys.find(tenant, forever.id()).orElseThrow().status(T0)).isEqualTo(ApiKeyStatus.REVOKED);
        assertThat(eventTypes(forever.id())).containsExactly("com.qlik.v1.api-key.created", "com.qlik.v1.api-key.revoked");

        ApiKey live = insertedKey(key(u.id(), u.id(), "live", T0, null), "tok-3");
        users.update(tenant, u.id(), c -> c.edited(c.name(), c.roles(), UserStatus.DISABLED, T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a));
        assertThat(directory.authenticate(ApiKeys.hash("tok-3"), T0)).isEmpty();
        assertThat(keys.find(tenant, live.id()).orElseThrow().status(T0)).isEqualTo(ApiKeyStatus.ACTIVE);
    }

    @Test
    void aKeysScopesAreStoredAndTravelWithTheCallerItAuthenticates() {
        ApiKey plain = insertedKey(key(admin, admin, "plain", T0, null), "tok-plain");
        ApiKey runtime = new ApiKey(UUID.randomUUID().toString(), tenant, admin, admin, "runtime", T0, T0, null, null,
                Set.of(Scope.CONNECTION_CREDENTIALS));
        keys.insert(runtime, ApiKeys.hash("tok-runtime"), IdentityAudit.apiKeyCreated(adminCaller, runtime));
        assertThat(keys.find(tenant, runtime.id())).map(ApiKey::scopes).contains(Set.of(Scope.CONNECTION_CREDENTIALS));
        assertThat(directory.authenticate(ApiKeys.hash("tok-runtime"), T0)).map(Caller::scopes)
                .contains(Set.of(Scope.CONNECTION_CREDENTIALS));
        assertThat(directory.authenticate(ApiKeys.hash("tok-plain"), T0)).map(Caller::scopes).contains(Set.of());
        assertThat(plain.scopes()).isEmpty();
    }

    @Test
    void anApiKeyUpdateChangesTheDescriptionAndIsAudited() {
        ApiKey k = insertedKey(key(admin, admin, "old", T0, null), "tok-u");
        ApiKey renamed = new ApiKey(k.id(), tenant, admin, admin, "new", T0, T0.plusSeconds(3), null, null, Set.of());
        assertThat(keys.update(renamed, IdentityAudit.apiKeyUpdated(adminCaller, k, renamed))).isTrue();
        assertThat(keys.find(tenant, k.id())).contains(renamed);
        ApiKey foreign = new ApiKey(k.id(), otherTenant, admin, admin, "hijack", T0, T0, null, null, Set.of());
        assertThat(keys.update(foreign, IdentityAudit.apiKeyUpdated(adminCaller, k, foreign))).isFalse();
        assertThat(eventTypes(k.id())).containsExactly("com.qlik.v1.api-key.created", "com.qlik.v1.api-key.updated");
    }

    @Test
    void apiKeysListByUserCreatorAndStatus() {
        User u = inserted("Lister", null);
        ApiKey active = insertedKey(key(u.id(), u.id(), "b-active", T0, null), "l-1");
        ApiKey expired = insertedKey(key(u.id(), admin, "a-expired", T0.plusSeconds(1), T0.plusSeconds(2)), "l-2");
        ApiKey revoked = insertedKey(key(u.id(), u.id(), "c-revoked", T0.plusSeconds(2), null), "l-3");
        keys.revoke(tenant, revoked.id(), T0, IdentityAudit.apiKeyRevoked(adminCaller, revoked, T0));
        Instant now = T0.plusSeconds(10);
        assertThat(ids(keys.list(tenant, new ApiKeyStore.Filter(u.id(), null, null, now), keyRequest("-created", 10))))
                .containsExactly(revoked.id(), expired.id(), active.id());
        assertThat(ids(keys.list(tenant, new ApiKeyStore.Filter(null, null, ApiKeyStatus.ACTIVE, now), keyRequest(null, 10))))
                .contains(active.id()).doesNotContain(expired.id(), revoked.id());
        assertThat(ids(keys.list(tenant, new ApiKeyStore.Filter(u.id(), null, ApiKeyStatus.EXPIRED, now), keyRequest(null, 10))))
                .containsExactly(expired.id());
        assertThat(ids(keys.list(tenant, new ApiKeyStore.Filter(u.id(), null, ApiKeyStatus.REVOKED, now), keyRequest(null, 10))))
                .containsExactly(revoked.id());
        assertThat(ids(keys.list(tenant, new ApiKeyStore.Filter(u.id(), admin, null, now), keyRequest(null, 10))))
                .containsExactly(expired.id());
        assertThat(ids(keys.list(tenant, new ApiKeyStore.Filter(u.id(), null, null, now), keyRequest("description", 10))))
                .containsExactly(expired.id(), active.id(), revoked.id());
        ApiKeyStore.Page page = keys.list(tenant, new ApiKeyStore.Filter(u.id(), null, null, now), keyRequest("created", 2));
        assertThat(ids(page)).containsExactly(active.id(), expired.id());
        assertThat(ids(keys.list(tenant, new ApiKeyStore.Filter(u.id(), null, null, now),
                new ListRequest(null, "created", page.nextCursor(), 2, "s")))).containsExactly(revoked.id());
        assertThat(ids(keys.list(otherTenant, new ApiKeyStore.Filter(u.id(), null, null, now), keyRequest(null, 10)))).isEmpty();
    }

    private static ListRequest request(String filter, String sort) {
        return request(filter, sort, null, 100);
    }

    private static ListRequest request(String filter, String sort, String cursor, int limit) {
        return new ListRequest(filter, sort, cursor, limit, "tenant");
    }

    private static ListRequest keyRequest(String sort, int limit) {
        return new ListRequest(null, sort, null, limit, "s");
    }

    private static List<String> ids(ApiKeyStore.Page page) {
        return page.keys().stream().map(ApiKey::id).toList();
    }
}
