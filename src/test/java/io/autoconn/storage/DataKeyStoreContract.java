package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.storage.DataKeyStore.SecretValues;
import io.autoconn.storage.DataKeyStore.WrappedDataKey;
import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do for data keys ({@link SqliteDataKeyStoreTest}, {@link PostgresDataKeyStoreTest}):
 * one data key per tenant even when processes race to create it, the active master key, compare-and-set
 * re-wrapping, and the v1 values a rotation re-encrypts.
 */
abstract class DataKeyStoreContract extends BackendSuite {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    private DataKeyStore store;
    private ConnectionStore connections;
    private DirectoryStore directory;
    private TestTenants tenant;
    private TestTenants otherTenant;

    @BeforeEach
    void setUp() {
        Database db = database();
        store = new JooqDataKeyStore(db, JsonMapper.createDefault(), notifications(db));
        connections = new JooqConnectionStore(db, JsonMapper.createDefault(), notifications(db));
        directory = new JooqDirectoryStore(db);
        tenant = TestTenants.create(directory);
        otherTenant = TestTenants.create(directory);
    }


    private static WrappedDataKey key(String tenantId, String masterKeyId) {
        return new WrappedDataKey(UUID.randomUUID().toString(), tenantId, masterKeyId,
                "wrapped-" + UUID.randomUUID(), T0, T0);
    }

    private Connection connection(TestTenants t, Map<String, String> secrets) {
        Connection c = new Connection(UUID.randomUUID().toString(), t.id(), t.admin(), null, "conn", "c",
                Map.of(), secrets, false, null, 1, T0, T0);
        connections.insert(c, AuditEvent.bySystem(t.id(), "automation-connection", "created", c.id(), T0, Map.of()));
        return c;
    }

    @Test
    void theFirstActiveMasterKeyStaysUntilSetExplicitly() {
        assertThat(store.activeMasterKeyId()).isEmpty();
        assertThat(store.initActiveMasterKey("aaaa0001", T0)).isEqualTo("aaaa0001");
        assertThat(store.initActiveMasterKey("bbbb0002", T0)).isEqualTo("aaaa0001");
        store.setActiveMasterKey("bbbb0002", T0);
        assertThat(store.activeMasterKeyId()).contains("bbbb0002");
    }

    @Test
    void aTenantsDataKeyIsWrappedWithTheActiveKeyAndCreatedOnceEvenByRacingProcesses() throws Exception {
        store.initActiveMasterKey("aaaa0001", T0);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<WrappedDataKey>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store.createForTenant(tenant.id(), "unused", active -> key(tenant.id(), active));
                }));
            }
            start.countDown();
            Set<WrappedDataKey> winners = new HashSet<>();
            for (Future<WrappedDataKey> r : results) {
                winners.add(r.get());
            }
            assertThat(winners).singleElement().satisfies(k -> {
                assertThat(k.masterKeyId()).isEqualTo("aaaa0001");
                assertThat(store.findForTenant(tenant.id())).contains(k);
                assertThat(store.find(k.id())).contains(k);
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.findForTenant(otherTenant.id())).isEmpty();
        assertThat(store.countByMasterKey()).containsExactly(Map.entry("aaaa0001", 1));
    }

    @Test
    void switchingTheActiveKeyWaitsForADataKeyBeingWrappedWithThePreviousOne() throws Exception {
        store.initActiveMasterKey("aaaa0001", T0);
        CountDownLatch wrapping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<WrappedDataKey> created = pool.submit(() -> store.createForTenant(tenant.id(), "x", active -> {
                wrapping.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return key(tenant.id(), active);
            }));
            assertThat(wrapping.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> switched = pool.submit(() -> store.setActiveMasterKey("bbbb0002", T0));
            Thread.sleep(300);
            assertThat(switched.isDone()).as("the switch waits for the creation in flight").isFalse();
            release.countDown();
            assertThat(created.get(10, TimeUnit.SECONDS).masterKeyId()).isEqualTo("aaaa0001");
            switched.get(10, TimeUnit.SECONDS);
            // So the re-wrapping that follows a switch sees every key wrapped with the previous master key.
            assertThat(store.wrappedWithOtherThan("bbbb0002", null, 10)).containsExactly(created.get());
            assertThat(store.activeMasterKeyId()).contains("bbbb0002");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withNoActiveKeyYetTheCreatorsDefaultBecomesActive() {
        WrappedDataKey k = store.createForTenant(tenant.id(), "cccc0003", active -> key(tenant.id(), active));
        assertThat(k.masterKeyId()).isEqualTo("cccc0003");
        assertThat(store.activeMasterKeyId()).contains("cccc0003");
    }

    @Test
    void rewrappingIsACompareAndSetOnTheWrappingKey() {
        store.initActiveMasterKey("aaaa0001", T0);
        WrappedDataKey k = store.createForTenant(tenant.id(), "x", active -> key(tenant.id(), active));
        WrappedDataKey other = store.createForTenant(otherTenant.id(), "x", active -> key(otherTenant.id(), "bbbb0002"));
        assertThat(store.wrappedWithOtherThan("bbbb0002", null, 10)).containsExactly(k);
        assertThat(store.wrappedWithOtherThan("aaaa0001", null, 10)).containsExactly(other);
        List<String> ids = new ArrayList<>(List.of(k.id(), other.id()));
        ids.sort(null);
        assertThat(store.wrappedWithOtherThan("zzzz", ids.get(0), 10)).extracting(WrappedDataKey::id)
                .containsExactly(ids.get(1));
        assertThat(store.wrappedWithOtherThan("zzzz", null, 1)).extracting(WrappedDataKey::id).containsExactly(ids.get(0));

        WrappedDataKey rewrapped = new WrappedDataKey(k.id(), k.tenantId(), "bbbb0002", "new-wrapping", k.createdAt(),
                T0.plusSeconds(60));
        assertThat(store.rewrap(rewrapped, "aaaa0001")).isTrue();
        assertThat(store.rewrap(rewrapped, "aaaa0001")).as("already re-wrapped by another run").isFalse();
        assertThat(store.find(k.id())).contains(rewrapped);
        assertThat(store.countByMasterKey()).containsExactly(Map.entry("bbbb0002", 2));
        assertThat(store.delete(k.id())).isTrue();
        assertThat(store.delete(k.id())).isFalse();
        assertThat(store.findForTenant(tenant.id())).isEmpty();
    }

    @Test
    void v1ValuesAreFoundPagedAndReplacedOnlyAtTheirVersion() {
        Connection legacy = connection(tenant, Map.of("p1", "v1.aaaa0001.AAAA", "p2", "v2.dk.BBBB"));
        Connection other = connection(otherTenant, Map.of("p1", "v1.aaaa0001.CCCC"));
        connection(tenant, Map.of("p1", "v2.dk.DDDD"));
        connection(tenant, Map.of());
        assertThat(store.countWithLegacyValues()).isEqualTo(2);
        List<String> ids = new ArrayList<>(List.of(legacy.id(), other.id()));
        ids.sort(null);
        assertThat(store.withLegacyValues(null, 1)).extracting(SecretValues::connectionId).containsExactly(ids.get(0));
        assertThat(store.withLegacyValues(ids.get(0), 10)).extracting(SecretValues::connectionId)
                .containsExactly(ids.get(1));

        SecretValues values = store.secretValues(tenant.id(), legacy.id()).orElseThrow();
        assertThat(values).isEqualTo(new SecretValues(tenant.id(), legacy.id(), 1, legacy.secretCiphertexts()));
        assertThat(store.secretValues(otherTenant.id(), legacy.id())).isEmpty();
        Map<String, String> upgraded = Map.of("p1", "v2.dk.EEEE", "p2", "v2.dk.BBBB");
        assertThat(store.replaceSecretValues(values, upgraded)).isTrue();
        assertThat(store.replaceSecretValues(values, Map.of("p1", "stale"))).isFalse();
        Connection stored = connections.find(tenant.id(), legacy.id()).orElseThrow();
        assertThat(stored.secretCiphertexts()).isEqualTo(upgraded);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.updatedAt()).as("not an edit").isEqualTo(legacy.updatedAt());
        assertThat(store.countWithLegacyValues()).isEqualTo(1);
    }
}
