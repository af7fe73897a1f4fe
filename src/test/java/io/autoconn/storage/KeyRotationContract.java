package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.audit.AuditEvent;
import io.autoconn.connections.Connection;
import io.autoconn.secrets.DataKeys;
import io.autoconn.secrets.KeyRing;
import io.autoconn.secrets.KeyRotation;
import io.autoconn.secrets.MasterKey;
import io.autoconn.secrets.MasterKeyCheck;
import io.autoconn.secrets.Secret;
import io.autoconn.secrets.SecretCipher;
import io.autoconn.secrets.SecretCipher.Binding;
import io.autoconn.testing.LegacyCiphertexts;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Master key rotation on each backend ({@link SqliteKeyRotationTest}, {@link PostgresKeyRotationTest}), with
 * "servers" (each its own cipher and data key cache over the same database) creating, reading and editing
 * connections while it runs; afterwards a server holding only the new key reads everything.
 */
abstract class KeyRotationContract extends BackendSuite {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String P1 = "p1";
    private static final String P2 = "p2";

    private final String oldKey = MasterKey.generate();
    private final String newKey = MasterKey.generate();
    private DataKeyStore store;
    private ConnectionStore connections;
    private DirectoryStore directory;

    /** Every value ever written per connection and param, and the current one. */
    private final Map<String, Set<String>> history = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> expected = new ConcurrentHashMap<>();
    private final Map<String, String> tenantOf = new ConcurrentHashMap<>();
    private final Map<String, String> adminOf = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        Database db = database();
        store = new JooqDataKeyStore(db, JsonMapper.createDefault(), notifications(db));
        connections = new JooqConnectionStore(db, JsonMapper.createDefault(), notifications(db));
        directory = new JooqDirectoryStore(db);
    }

    private static KeyRing ring(String... keys) {
        return KeyRing.of(Arrays.stream(keys).map(k -> MasterKey.decode(k, "test")).toList(), "test keys");
    }

    private static String id(String key) {
        return MasterKey.decode(key, "test").id();
    }

    /** A server process with these keys: checked as at start-up, nothing cached. */
    private SecretCipher server(String... keys) {
        KeyRing ring = ring(keys);
        new MasterKeyCheck(ring, store, CLOCK);
        return new SecretCipher(ring, new DataKeys(ring, store, CLOCK));
    }

    private KeyRotation rotation(String... keys) {
        KeyRing ring = ring(keys);
        DataKeys dataKeys = new DataKeys(ring, store, CLOCK);
        return new KeyRotation(ring, store, dataKeys, new SecretCipher(ring, dataKeys), CLOCK);
    }

    private String newTenant() {
        TestTenants tenant = TestTenants.create(directory);
        adminOf.put(tenant.id(), tenant.admin());
        return tenant.id();
    }

    private static AuditEvent event(String tenantId, String id) {
        return AuditEvent.bySystem(tenantId, "automation-connection", "test", id, Instant.now(), Map.of());
    }

    /** A connection with a v1 value (written before envelope encryption) and a v2 value. */
    private String createWithLegacyValue(String tenantId, SecretCipher cipher) {
        String id = UUID.randomUUID().toString();
        String v1 = "old-" + UUID.randomUUID();
        String v2 = "new-" + UUID.randomUUID();
        insert(tenantId, id, Map.of(P1, LegacyCiphertexts.encrypt(oldKey, v1, tenantId, id, P1),
                P2, cipher.encrypt(Secret.of(v2), new Binding(tenantId, id, P2))), Map.of(P1, v1, P2, v2));
        return id;
    }

    private String create(String tenantId, SecretCipher cipher) {
        String id = UUID.randomUUID().toString();
        String v1 = "a-" + UUID.randomUUID();
        String v2 = "b-" + UUID.randomUUID();
        insert(tenantId, id, Map.of(P1, cipher.encrypt(Secret.of(v1), new Binding(tenantId, id, P1)),
                P2, cipher.encrypt(Secret.of(v2), new Binding(tenantId, id, P2))), Map.of(P1, v1, P2, v2));
        return id;
    }

    private void insert(String tenantId, String id, Map<String, String> ciphertexts, Map<String, String> plain) {
        Instant now = Instant.now();
        tenantOf.put(id, tenantId);
        plain.forEach((param, value) -> history.computeIfAbsent(id + "/" + param, k -> ConcurrentHashMap.newKeySet())
                .add(value));
        expected.put(id, plain);
        connections.insert(new Connection(id, tenantId, adminOf.get(tenantId), null, "conn", "c", Map.of(),
                ciphertexts, false, null, 1, now, now), event(tenantId, id));
    }

    /** As ConnectionService edits: a new value for p2, p1 kept (and upgraded if v1); retried on a stale version. */
    private void update(String id, SecretCipher cipher) {
        String tenantId = tenantOf.get(id);
        synchronized (expected.get(id)) {
            for (int attempt = 0; attempt < 20; attempt++) {
                Connection current = connections.find(tenantId, id).orElseThrow();
                String value = "u-" + UUID.randomUUID();
                history.get(id + "/" + P2).add(value);
                Map<String, String> ciphertexts = new HashMap<>();
                ciphertexts.put(P1, cipher.upgrade(current.secretCiphertexts().get(P1), new Binding(tenantId, id, P1)));
                ciphertexts.put(P2, cipher.encrypt(Secret.of(value), new Binding(tenantId, id, P2)));
                Connection edited = current.edited("c", null, current.ownerId(), Map.of(), ciphertexts, Instant.now());
                if (connections.replace(edited, current.version(), event(tenantId, id))) {
                    expected.put(id, Map.of(P1, expected.get(id).get(P1), P2, value));
                    return;
                }
            }
            throw new AssertionError("the update of " + id + " never won");
        }
    }

    /** Decrypts every value of the connection: each must be one that was written there. */
    private void read(String id, SecretCipher cipher) {
        String tenantId = tenantOf.get(id);
        connections.find(tenantId, id).orElseThrow().secretCiphertexts().forEach((param, text) ->
                assertThat(history.get(id + "/" + param))
                        .contains(cipher.decrypt(text, new Binding(tenantId, id, param)).reveal()));
    }

    @Test
    void rotationUnderConcurrentTrafficLosesNothingAndTheOldKeyCanThenBeDropped() throws Exception {
        SecretCipher before = server(oldKey);
        List<String> tenants = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 12; t++) {
            String tenant = newTenant();
            tenants.add(tenant);
            for (int c = 0; c < 4; c++) {
                ids.add(createWithLegacyValue(tenant, before));
            }
        }
        // Every server now holds the new key too; the database still wraps with the old one.
        List<SecretCipher> servers = List.of(server(newKey, oldKey), server(newKey, oldKey));
        assertThat(store.activeMasterKeyId()).contains(id(oldKey));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger operations = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService traffic = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            SecretCipher cipher = servers.get(w % 2);
            traffic.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    try {
                        int op = random.nextInt(10);
                        if (op == 0) {
                            // A tenant's first secret creates its data key, perhaps just as the rotation switches keys.
                            String tenant = newTenant();
                            tenants.add(tenant);
                            ids.add(create(tenant, cipher));
                        } else if (op < 3) {
                            ids.add(create(tenants.get(random.nextInt(tenants.size())), cipher));
                        } else if (op < 6) {
                            update(ids.get(random.nextInt(ids.size())), cipher);
                        } else {
                            read(ids.get(random.nextInt(ids.size())), cipher);
                        }
                        operations.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
        }
        Thread.sleep(300);
        int beforeRotation = operations.get();
        KeyRotation.Report report = rotation(newKey, oldKey).rotate(false);
        int duringRotation = operations.get() - beforeRotation;
        Thread.sleep(300);
        stop.set(true);
        traffic.shutdown();
        assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(duringRotation).as("traffic went on during the rotation").isPositive();

        assertThat(report.masterKeyId()).isEqualTo(id(newKey));
        assertThat(report.dataKeysRewrapped()).isPositive();
        assertThat(report.valuesUnreadable()).isZero();
        assertThat(store.activeMasterKeyId()).contains(id(newKey));
        assertThat(store.countByMasterKey()).containsExactly(Map.entry(id(newKey), tenants.size()));
        assertThat(store.countWithLegacyValues()).isZero();

        // The old key is dropped: a server holding only the new one starts and reads every current value.
        SecretCipher after = server(newKey);
        for (String id : ids) {
            String tenantId = tenantOf.get(id);
            Map<String, String> stored = connections.find(tenantId, id).orElseThrow().secretCiphertexts();
            Map<String, String> read = new HashMap<>();
            stored.forEach((param, text) -> read.put(param, after.decrypt(text, new Binding(tenantId, id, param)).reveal()));
            assertThat(read).as(id).isEqualTo(expected.get(id));
        }
        // ... and one still holding only the old key does not start.
        assertThatThrownBy(() -> server(oldKey)).isInstanceOf(MasterKeyCheck.MasterKeyMismatchException.class)
                .hasMessageContaining("wrapped with master key " + id(newKey))
                .hasMessageContaining("holds only [" + id(oldKey) + "]").hasMessageNotContaining(oldKey);
        assertThat(rotation(newKey).rotate(false).dataKeysRewrapped()).as("a second run has nothing to do").isZero();
    }

    @Test
    void aLostKeyIsRefusedUntilTheOperatorGivesUpWhatItWrapped() {
        SecretCipher before = server(oldKey);
        String tenant = newTenant();
        String id = create(tenant, before);
        String legacy = createWithLegacyValue(tenant, before);

        // Only the new key, the old one lost: a server refuses to start, a rotation refuses to change anything.
        assertThatThrownBy(() -> server(newKey)).isInstanceOf(MasterKeyCheck.MasterKeyMismatchException.class)
                .hasMessageContaining("AUTOCONN_MASTER_KEY").hasMessageContaining("--discard-unreadable");
        assertThatThrownBy(() -> rotation(newKey).rotate(false)).isInstanceOf(KeyRotation.RotationRefused.class)
                .hasMessageContaining(id(oldKey) + "=1");
        assertThat(store.activeMasterKeyId()).contains(id(oldKey));
        assertThat(store.countByMasterKey()).containsExactly(Map.entry(id(oldKey), 1));

        KeyRotation.Report report = rotation(newKey).rotate(true);
        assertThat(report.dataKeysDiscarded()).isEqualTo(1);
        assertThat(report.valuesUnreadable()).isEqualTo(1);
        SecretCipher after = server(newKey);
        for (String lost : List.of(id, legacy)) {
            assertThatThrownBy(() -> read(lost, after)).isInstanceOfSatisfying(SecretCipher.SecretDecryptionException.class,
                    e -> assertThat(e.keyMissing()).isTrue());
        }
        // Setting a secret again works: the tenant gets a new data key under the new master key.
        update(id, after);
        assertThat(connections.find(tenant, id).orElseThrow().secretCiphertexts().get(P2)).startsWith("v2.");
        assertThat(after.decrypt(connections.find(tenant, id).orElseThrow().secretCiphertexts().get(P2),
                new Binding(tenant, id, P2)).reveal()).isEqualTo(expected.get(id).get(P2));
        assertThat(store.countByMasterKey()).containsExactly(Map.entry(id(newKey), 1));
    }

    @Test
    void aServerWithAStrayKeyOfItsOwnDoesNotStartBesideTheDeployment() {
        server(oldKey);
        String stray = MasterKey.generate();
        assertThatThrownBy(() -> server(stray)).isInstanceOf(MasterKeyCheck.MasterKeyMismatchException.class)
                .hasMessageContaining("wrapped with master key " + id(oldKey)).hasMessageNotContaining(stray);
        assertThat(store.activeMasterKeyId()).contains(id(oldKey));
    }
}
