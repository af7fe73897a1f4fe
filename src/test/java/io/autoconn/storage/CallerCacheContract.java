package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.identity.ApiKey;
import io.autoconn.identity.ApiKeys;
import io.autoconn.identity.Caller;
import io.autoconn.identity.CallerCache;
import io.autoconn.identity.CredentialChange;
import io.autoconn.identity.IdentityAudit;
import io.autoconn.identity.Role;
import io.autoconn.identity.User;
import io.autoconn.identity.UserStatus;
import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authentication cache on a real database: it answers from memory (a change made behind the stores' back
 * is not seen), every change the stores announce takes effect on the next call, a key's expiry cuts it off to
 * the microsecond, and a change that rolls back announces nothing ({@link SqliteCallerCacheTest},
 * {@link PostgresCallerCacheTest}, which adds other instances and a lost listener).
 */
abstract class CallerCacheContract extends BackendSuite {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");
    static final Duration WAIT = Duration.ofSeconds(10);

    Database db;
    DirectoryStore directory;
    UserStore users;
    ApiKeyStore keys;
    CallerCache cache;
    String tenant;
    String admin;
    Caller adminCaller;
    /** What the subscribers of this instance heard. */
    final List<Change> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        db = database();
        Instance instance = instance(db);
        directory = instance.directory();
        users = instance.users();
        keys = instance.keys();
        cache = instance.cache();
        instance.notifications().subscribe(ChangeNotifications.Topic.CREDENTIALS, new Recorder(heard));
        DirectoryStore.NewTenant t = new DirectoryStore.NewTenant(UUID.randomUUID().toString(), "acme",
                UUID.randomUUID().toString(), "admin", UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), T0);
        assertThat(directory.createTenantIfAbsent(t)).isTrue();
        tenant = t.tenantId();
        admin = t.adminUserId();
        adminCaller = new Caller(tenant, admin, Set.of(Role.TENANT_ADMIN));
        await("listening", () -> instance.notifications().listening());
    }

    /** One server's stores and cache on {@code database}. */
    record Instance(DirectoryStore directory, UserStore users, ApiKeyStore keys, ChangeNotifications notifications,
                    CallerCache cache) {
    }

    Instance instance(Database database) {
        return instance(database, notifications(database));
    }

    static Instance instance(Database database, ChangeNotifications notifications) {
        JsonMapper json = JsonMapper.createDefault();
        DirectoryStore directory = new JooqDirectoryStore(database, json);
        return new Instance(directory, new JooqUserStore(database, json, notifications),
                new JooqApiKeyStore(database, json, notifications), notifications,
                new CallerCache(directory, notifications, Duration.ofMinutes(5)));
    }

    record Recorder(List<Change> heard) implements ChangeNotifications.Subscriber {
        @Override
        public void changed(Change change) {
            heard.add(change);
        }

        @Override
        public void missed() {
            // only changes are recorded
        }
    }

    /** A user of the tenant with one key that never expires: the user's id, and the key's token. */
    String[] userWithKey(Role... roles) {
        String user = UUID.randomUUID().toString();
        directory.createUser(tenant, user, "user", Set.of(roles), T0);
        String token = ApiKeys.generate();
        directory.createApiKey(tenant, user, UUID.randomUUID().toString(), ApiKeys.hash(token), T0);
        return new String[] {user, token};
    }

    Optional<Caller> authenticate(CallerCache on, String token, Instant at) {
        return on.authenticate(ApiKeys.hash(token), at);
    }

    /**
     * Authenticates until the cache holds the key: a read that races with a change (here, another build's on
     * the same PostgreSQL database) is served but not remembered.
     */
    void remembered(CallerCache on, String token) {
        await("remembered", () -> authenticate(on, token, T0).isPresent() && remembers(on, token));
    }

    static boolean remembers(CallerCache on, String token) {
        return on.remembered(ApiKeys.hash(token)).isPresent();
    }

    /** Revokes every key of the tenant in SQL, behind the stores' back: nobody hears of it. */
    void revokeSilently() {
        db.dsl().update(Tables.ApiKeys.TABLE).set(Tables.ApiKeys.REVOKED_AT, Micros.of(T0))
                .where(Tables.ApiKeys.TENANT_ID.eq(tenant))
                .execute();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("still not " + what + " after " + WAIT).isNegative();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aRememberedKeyIsAnsweredFromMemoryUntilAnAnnouncedChangeConcernsIt() {
        String[] ann = userWithKey();
        String[] bob = userWithKey();
        remembered(cache, ann[1]);
        remembered(cache, bob[1]);
        revokeSilently();
        assertThat(directory.authenticate(ApiKeys.hash(ann[1]), T0)).as("the database refuses").isEmpty();
        assertThat(authenticate(cache, ann[1], T0)).as("the cache remembers").isPresent();

        users.update(tenant, ann[0], u -> u.edited(u.name(), Set.of(Role.ANALYTICS_ADMIN), u.status(), T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a));
        assertThat(authenticate(cache, ann[1], T0)).as("Ann's change reaches her key").isEmpty();
        assertThat(authenticate(cache, bob[1], T0)).as("and only hers").isPresent();
        assertThat(heard).contains(CredentialChange.user(tenant, ann[0]));
    }

    @Test
    void everyChangeToAKeyOrItsUserTakesEffectOnTheNextCall() {
        String[] ann = userWithKey();
        remembered(cache, ann[1]);
        users.update(tenant, ann[0], u -> u.edited(u.name(), Set.of(Role.TENANT_ADMIN), u.status(), T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a));
        assertThat(authenticate(cache, ann[1], T0)).map(Caller::roles).contains(Set.of(Role.TENANT_ADMIN));

        remembered(cache, ann[1]);
        users.update(tenant, ann[0], u -> u.edited(u.name(), u.roles(), UserStatus.DISABLED, T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a));
        assertThat(authenticate(cache, ann[1], T0)).as("disabled").isEmpty();

        String[] bob = userWithKey();
        remembered(cache, bob[1]);
        ApiKey bobsKey = keys.list(tenant, new ApiKeyStore.Filter(bob[0], null, null, T0),
                new io.autoconn.query.ListRequest(null, null, null, 10, "")).keys().get(0);
        assertThat(keys.revoke(tenant, bobsKey.id(), T0, IdentityAudit.apiKeyRevoked(adminCaller, bobsKey, T0))).isTrue();
        assertThat(authenticate(cache, bob[1], T0)).as("revoked").isEmpty();
        assertThat(heard).contains(CredentialChange.key(tenant, bobsKey.id()));

        String[] cid = userWithKey();
        remembered(cache, cid[1]);
        assertThat(users.delete(tenant, cid[0], false, adminCaller, T0)).isTrue();
        assertThat(authenticate(cache, cid[1], T0)).as("deleted").isEmpty();

        String[] dan = userWithKey();
        remembered(cache, dan[1]);
        heard.clear();
        users.update(tenant, dan[0], u -> u.edited("Daniel", u.roles(), u.status(), T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a));
        assertThat(heard).as("a new name changes nothing a key authenticates as").isEmpty();
        assertThat(authenticate(cache, dan[1], T0)).isPresent();
    }

    @Test
    void aRememberedKeyStopsAtItsExpiryToTheMicrosecond() {
        Instant expiry = T0.plusSeconds(60);
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), tenant, admin, admin, "expiring", T0, T0, expiry, null,
                Set.of());
        keys.insert(key, ApiKeys.hash("tok-expiring"), IdentityAudit.apiKeyCreated(adminCaller, key));
        remembered(cache, "tok-expiring");
        // The database now says it never expires: what follows is the remembered expiry's work.
        db.dsl().update(Tables.ApiKeys.TABLE).setNull(Tables.ApiKeys.EXPIRES_AT).where(Tables.ApiKeys.ID.eq(key.id()))
                .execute();
        assertThat(authenticate(cache, "tok-expiring", expiry.minus(1, ChronoUnit.MICROS))).isPresent();
        assertThat(authenticate(cache, "tok-expiring", expiry)).isEmpty();
        assertThat(authenticate(cache, "tok-expiring", expiry.plusSeconds(1))).isEmpty();
    }

    @Test
    void aChangeThatRollsBackAnnouncesNothing() {
        heard.clear();
        assertThatThrownBy(() -> users.update(tenant, admin, u -> u.edited(u.name(), Set.of(), u.status(), T0),
                (b, a) -> IdentityAudit.userUpdated(adminCaller, b, a)))
                .isInstanceOf(UserStore.LastTenantAdmin.class);
        assertThat(heard).isEmpty();
        assertThat(users.find(tenant, admin)).map(User::roles).contains(Set.of(Role.TENANT_ADMIN));
    }

    @Test
    void anUnknownKeyIsNotRemembered() {
        String[] ann = userWithKey();
        assertThat(authenticate(cache, "no-such-token", T0)).isEmpty();
        assertThat(remembers(cache, "no-such-token")).isFalse();
        remembered(cache, ann[1]);
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        CallerCache off = new CallerCache(directory, notifications(db), Duration.ZERO);
        String[] ann = userWithKey();
        assertThat(authenticate(off, ann[1], T0)).isPresent();
        assertThat(remembers(off, ann[1])).isFalse();
        revokeSilently();
        assertThat(authenticate(off, ann[1], T0)).isEmpty();
    }
}
