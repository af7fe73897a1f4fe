package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.identity.ApiKeys;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do for OAuth2 ({@link SqliteOAuthStoreTest}, {@link PostgresOAuthStoreTest}): a
 * state serves once, one lease holder at a time (also when many take it at once), tokens round-trip and go
 * with their connection.
 */
abstract class OAuthStoreContract extends BackendSuite {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    private OAuthStore store;
    private ConnectionStore connections;
    private String tenant;
    private String connectionId;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        Database db = database();
        JsonMapper json = JsonMapper.createDefault();
        store = new JooqOAuthStore(db, json);
        connections = new JooqConnectionStore(db, json, notifications(db));
        DirectoryStore directory = new JooqDirectoryStore(db);
        tenant = UUID.randomUUID().toString();
        String owner = UUID.randomUUID().toString();
        directory.createTenantIfAbsent(new DirectoryStore.NewTenant(tenant, "acme", owner, "admin",
                UUID.randomUUID().toString(), ApiKeys.hash(ApiKeys.generate()), T0));
        connectionId = UUID.randomUUID().toString();
        Connection c = new Connection(connectionId, tenant, owner, null, UUID.randomUUID().toString(), "oauth",
                Map.of(), Map.of(), false, null, 1, T0, T0);
        connections.insert(c, AuditEvent.bySystem(tenant, "automation-connection", "created", connectionId, T0, Map.of()));
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aStateIsConsumedOnce() {
        store.savePending(new OAuthStore.PendingAuthorization("h1", tenant, connectionId, "u", "v1.x.y",
                "http://localhost/cb", T0.plusSeconds(600)));
        OAuthStore.PendingAuthorization got = store.consume("h1").orElseThrow();
        assertThat(got.connectionId()).isEqualTo(connectionId);
        assertThat(got.verifier()).isEqualTo("v1.x.y");
        assertThat(got.expiresAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(store.consume("h1")).isEmpty();
        assertThat(store.consume("unknown")).isEmpty();
    }

    @Test
    void oneLeaseHolderAtATimeUntilReleasedOrExpired() {
        assertThat(store.acquireLease(tenant, connectionId, "a", T0, T0.plusSeconds(30))).isTrue();
        assertThat(store.acquireLease(tenant, connectionId, "b", T0.plusSeconds(1), T0.plusSeconds(31))).isFalse();
        store.releaseLease(connectionId, "b");
        assertThat(store.acquireLease(tenant, connectionId, "b", T0.plusSeconds(2), T0.plusSeconds(32))).isFalse();
        assertThat(store.acquireLease(tenant, connectionId, "b", T0.plusSeconds(31), T0.plusSeconds(61)))
                .as("an abandoned lease expires").isTrue();
        store.releaseLease(connectionId, "b");
        assertThat(store.acquireLease(tenant, connectionId, "c", T0.plusSeconds(32), T0.plusSeconds(62))).isTrue();
        assertThat(store.acquireLease("another-tenant", connectionId, "d", T0.plusSeconds(99), T0.plusSeconds(100)))
                .isFalse();
    }

    @Test
    void manyTakingTheLeaseAtOnceMakeOneHolder() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String owner = "owner-" + i;
            attempts.add(pool.submit(() -> {
                start.await();
                return store.acquireLease(tenant, connectionId, owner, T0, T0.plusSeconds(30));
            }));
        }
        start.countDown();
        int holders = 0;
        for (Future<Boolean> f : attempts) {
            holders += f.get() ? 1 : 0;
        }
        assertThat(holders).isEqualTo(1);
    }

    @Test
    void tokensRoundTripReleaseTheLeaseAndGoWithTheConnection() {
        assertThat(store.tokens(tenant, connectionId)).isEmpty();
        assertThat(store.acquireLease(tenant, connectionId, "a", T0, T0.plusSeconds(30))).isTrue();
        store.saveTokens(new OAuthStore.Tokens(tenant, connectionId, "v1.k.access", "v1.k.refresh",
                T0.plusSeconds(3600), "alice"), T0, null);
        OAuthStore.Tokens got = store.tokens(tenant, connectionId).orElseThrow();
        assertThat(got).isEqualTo(new OAuthStore.Tokens(tenant, connectionId, "v1.k.access", "v1.k.refresh",
                T0.plusSeconds(3600), "alice"));
        assertThat(got.toString()).doesNotContain("v1.k.access");
        assertThat(store.tokens("another-tenant", connectionId)).isEmpty();
        assertThat(store.acquireLease(tenant, connectionId, "b", T0.plusSeconds(1), T0.plusSeconds(31))).isTrue();

        store.forget(tenant, connectionId);
        assertThat(store.tokens(tenant, connectionId)).isEmpty();
        store.saveTokens(new OAuthStore.Tokens(tenant, connectionId, "a", null, null, null), T0, null);
        store.savePending(new OAuthStore.PendingAuthorization("h2", tenant, connectionId, "u", "v", "r", T0));
        connections.delete(tenant, connectionId,
                AuditEvent.bySystem(tenant, "automation-connection", "deleted", connectionId, T0, Map.of()));
        assertThat(store.tokens(tenant, connectionId)).isEmpty();
        assertThat(store.consume("h2")).isEmpty();
    }
}
