package io.autoconn.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.autoconn.identity.ApiKeys;
import io.autoconn.storage.TestDatabases;
import io.autoconn.testing.ApiCaller;
import io.autoconn.testing.LegacyCiphertexts;
import io.autoconn.testing.PackagedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's master key rotation, done by an operator on the packaged jar while clients keep working:
 * several servers on one PostgreSQL database (settings and rolling restarts), and one box with its key file.
 * Every connection's check reaches a target that accepts only the connection's current bearer token, so a
 * check that passes proves the server decrypted the right value.
 */
class KeyRotationIT {
    private static final String HTTP_API = "67031468-9f41-4068-9de8-95d3dd29dfb4";
    private static final String TOKEN_PARAM = "bfcf6b02-e587-4a45-bf5d-49373dd05741";
    private static final int WORKERS = 4;

    private final String adminKey = ApiKeys.generate();
    /** The one bearer token the target accepts, per path (one path per connection). */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** Each worker's connections (id -> target path), so no two workers edit one connection; the last set is no one's. */
    private final List<Map<String, String>> owned = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Slot> slots = new ArrayList<>();
    /** The admin's client of each server (base URL). */
    private final Map<String, ApiCaller> callers = new ConcurrentHashMap<>();
    private HttpServer target;

    @TempDir
    Path dir;

    /** A server behind a lock: traffic uses it under the read lock, a restart swaps it under the write lock. */
    static final class Slot {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        PackagedServer server;

        Slot(PackagedServer server) {
            this.server = server;
        }
    }

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/t/", exchange -> {
            String token = accepted.get(exchange.getRequestURI().getPath());
            boolean ok = token != null && ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(ok ? 200 : 401, -1);
            exchange.close();
        });
        target.setExecutor(Executors.newFixedThreadPool(4));
        target.start();
        // One more set than workers: connections no worker edits (the v1 row must wait for the rotation).
        for (int i = 0; i <= WORKERS; i++) {
            owned.add(new ConcurrentHashMap<>());
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Slot slot : slots) {
            slot.server.close();
        }
        target.stop(0);
    }

    // ---- the operator's side

    private Run jar(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                PackagedServer.projectRoot().resolve("target/autoconn.jar").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("keys-out", ".txt");
        Path err = Files.createTempFile("keys-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private void restart(Slot slot, Path dataDir, Map<String, String> env) throws Exception {
        slot.lock.writeLock().lock();
        try {
            slot.server.close();
            slot.server = PackagedServer.start(dataDir, adminKey, env);
        } finally {
            slot.lock.writeLock().unlock();
        }
    }

    private static String keyId(String base64) {
        return MasterKey.decode(base64, "test").id();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- the clients' side

    private HttpResponse<String> send(String base, String method, String path, Object body) throws Exception {
        return callers.computeIfAbsent(base, b -> new ApiCaller(b, adminKey, Duration.ofSeconds(30))).send(method, path, body);
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return ApiCaller.json(response);
    }

    private void expect(boolean ok, String what, HttpResponse<String> response) {
        if (!ok) {
            failures.add(what + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** Creates a connection whose check needs a new token; the worker owns it. */
    private void create(String base, int worker) throws Exception {
        String path = "/t/" + UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        accepted.put(path, token);
        HttpResponse<String> r = send(base, "POST", "/api/v1/automation-connections", Map.of("connectorId", HTTP_API,
                "params", List.of(Map.of("name", "baseUrl", "value", targetUrl() + path),
                        Map.of("name", "authType", "value", "bearer"), Map.of("name", "token", "value", token))));
        expect(r.statusCode() == 201 && Boolean.TRUE.equals(json(r).get("isConnected")), "create", r);
        if (r.statusCode() == 201) {
            owned.get(worker).put((String) json(r).get("id"), path);
        }
    }

    /** Sets a new token (the target accepts only it from now on): the update's own check must pass. */
    private void update(String base, String id, String path) throws Exception {
        String token = "tok-" + UUID.randomUUID();
        accepted.put(path, token);
        HttpResponse<String> r = send(base, "PUT", "/api/v1/automation-connections/" + id,
                Map.of("params", List.of(Map.of("id", TOKEN_PARAM, "value", token))));
        expect(r.statusCode() == 200 && Boolean.TRUE.equals(json(r).get("isConnected")), "update " + id, r);
    }

    private void check(String base, String id) throws Exception {
        HttpResponse<String> r = send(base, "POST", "/api/v1/automation-connections/" + id + "/actions/check", null);
        expect(r.statusCode() == 200 && Boolean.TRUE.equals(json(r).get("connected")), "check " + id, r);
    }

    private String targetUrl() {
        return "http://127.0.0.1:" + target.getAddress().getPort();
    }

    /** Clients on every server until stopped: creates, token changes, checks, reads. */
    private ExecutorService traffic(AtomicBoolean stop, AtomicInteger operations) {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    Slot slot = slots.get(random.nextInt(slots.size()));
                    if (!slot.lock.readLock().tryLock()) {
                        continue; // restarting: use another server
                    }
                    try {
                        String base = slot.server.baseUrl();
                        List<String> mine = new ArrayList<>(owned.get(worker).keySet());
                        int op = random.nextInt(10);
                        if (op < 2 || mine.isEmpty()) {
                            create(base, worker);
                        } else {
                            String id = mine.get(random.nextInt(mine.size()));
                            if (op < 5) {
                                update(base, id, owned.get(worker).get(id));
                            } else if (op < 9) {
                                check(base, id);
                            } else {
                                HttpResponse<String> r = send(base, "GET", "/api/v1/automation-connections/" + id, null);
                                expect(r.statusCode() == 200 && !r.body().contains("tok-"), "get " + id, r);
                            }
                        }
                        operations.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e.toString());
                    } finally {
                        slot.lock.readLock().unlock();
                    }
                }
            });
        }
        return pool;
    }

    private void stopTraffic(ExecutorService pool, AtomicBoolean stop) throws InterruptedException {
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Every connection, checked on every server: each reaches its target with its current token. */
    private void everyCheckPasses() throws Exception {
        int connections = 0;
        for (Map<String, String> mine : owned) {
            for (String id : mine.keySet()) {
                for (Slot slot : slots) {
                    check(slot.server.baseUrl(), id);
                }
                connections++;
            }
        }
        assertThat(connections).isPositive();
        assertThat(failures).isEmpty();
    }

    private void waitForOperations(AtomicInteger operations, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int start = operations.get();
        while (operations.get() - start < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void manyServersOnPostgresRotateWithRollingRestartsAndThenDropTheOldKey() throws Exception {
        try (TestDatabases.PostgresSchema schema = TestDatabases.postgres()) {
            String oldKey = MasterKey.generate();
            String newKey = MasterKey.generate();
            Map<String, String> db = Map.of("AUTOCONN_DB_URL", schema.url(), "AUTOCONN_DB_USER", TestDatabases.PG_USER);
            Map<String, String> oldOnly = with(db, "AUTOCONN_MASTER_KEY", oldKey);
            Map<String, String> both = with(with(db, "AUTOCONN_MASTER_KEY", newKey), "AUTOCONN_MASTER_KEY_PREVIOUS", oldKey);
            Map<String, String> newOnly = with(db, "AUTOCONN_MASTER_KEY", newKey);
            Path[] dirs = {Files.createDirectory(dir.resolve("a")), Files.createDirectory(dir.resolve("b"))};
            for (Path d : dirs) {
                slots.add(new Slot(PackagedServer.start(d, adminKey, oldOnly)));
            }
            for (int w = 0; w < WORKERS; w++) {
                create(slots.get(w % 2).server.baseUrl(), w);
            }
            seedLegacyConnection(schema.dataSource()::getConnection, oldKey);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger operations = new AtomicInteger();
            ExecutorService pool = traffic(stop, operations);
            // 1. Every server learns the new key, one at a time; the database still wraps with the old one.
            for (int i = 0; i < slots.size(); i++) {
                restart(slots.get(i), dirs[i], both);
                waitForOperations(operations, 20);
            }
            // 2. The rotation, run once from anywhere with the same settings, while clients keep working.
            int beforeRotation = operations.get();
            Run rotated = jar(with(both, "AUTOCONN_DATA_DIR", dir.toString()), "keys", "rotate");
            assertThat(rotated.exit()).as(rotated.stderr()).isZero();
            assertThat(operations.get()).as("clients worked during the rotation").isGreaterThan(beforeRotation);
            assertThat(rotated.stdout()).contains("active master key: " + keyId(newKey))
                    .contains("data keys re-wrapped: 1").contains("v1 values re-encrypted: 1")
                    .contains("AUTOCONN_MASTER_KEY_PREVIOUS");
            assertThat(rotated.stdout() + rotated.stderr()).doesNotContain(oldKey).doesNotContain(newKey);
            assertThat(legacyValues(schema)).isZero();
            // 3. The old key goes: servers restart with the new key alone.
            for (int i = 0; i < slots.size(); i++) {
                restart(slots.get(i), dirs[i], newOnly);
                waitForOperations(operations, 20);
            }
            stopTraffic(pool, stop);
            assertThat(failures).isEmpty();
            everyCheckPasses();

            Run status = jar(with(newOnly, "AUTOCONN_DATA_DIR", dir.toString()), "keys", "status");
            assertThat(status.exit()).as(status.stderr()).isZero();
            assertThat(status.stdout()).contains("active master key: " + keyId(newKey))
                    .contains("every master key but the active one can be dropped: yes");
            // A server still on the old key alone does not start, and says why (never with key material).
            Run stale = jar(with(with(oldOnly, "AUTOCONN_DATA_DIR", dir.toString()), "AUTOCONN_PORT",
                    Integer.toString(freePort())));
            assertThat(stale.exit()).isNotZero();
            assertThat(stale.stdout() + stale.stderr()).contains("autoconn cannot start")
                    .contains("wrapped with master key " + keyId(newKey)).doesNotContain(oldKey);
        }
    }

    @Test
    void oneBoxWithAKeyFileRotatesWithoutARestart() throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("box"));
        slots.add(new Slot(PackagedServer.start(dataDir, adminKey, Map.of())));
        Path keyFile = dataDir.resolve(KeyFile.NAME);
        String oldKey = Files.readString(keyFile).strip();
        for (int w = 0; w < WORKERS; w++) {
            create(slots.get(0).server.baseUrl(), w);
        }
        seedLegacyConnection(() -> DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("autoconn.db")), oldKey);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger operations = new AtomicInteger();
        ExecutorService pool = traffic(stop, operations);
        waitForOperations(operations, 20);
        Map<String, String> env = Map.of("AUTOCONN_DATA_DIR", dataDir.toString());
        Run rotated = jar(env, "keys", "rotate");
        assertThat(rotated.exit()).as(rotated.stderr()).isZero();
        String newKey = Files.readString(keyFile).strip();
        assertThat(newKey).isNotEqualTo(oldKey).doesNotContain("\n");
        assertThat(rotated.stderr()).contains("added the new master key " + keyId(newKey));
        assertThat(rotated.stdout()).contains("active master key: " + keyId(newKey)).contains("v1 values re-encrypted: 1")
                .contains("master.key.retired");
        assertThat(rotated.stdout() + rotated.stderr()).doesNotContain(oldKey).doesNotContain(newKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        Path retired = dataDir.resolve("master.key.retired");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(retired))).isEqualTo("rw-------");
        assertThat(Files.readString(retired).strip()).isEqualTo(oldKey);

        // A new tenant's data key is wrapped with the new key, which the running server reads from its file.
        Run tenant = jar(env, "tenants", "create", "--name", "after-rotation");
        assertThat(tenant.exit()).as(tenant.stderr()).isZero();
        String tenantKey = tenant.stdout().strip();
        String path = "/t/new-tenant";
        accepted.put(path, "tok-new-tenant");
        HttpResponse<String> created = new ApiCaller(slots.get(0).server.baseUrl(), tenantKey, Duration.ofSeconds(30))
                .send("POST", "/api/v1/automation-connections", Map.of("connectorId", HTTP_API, "params", List.of(
                        Map.of("name", "baseUrl", "value", targetUrl() + path), Map.of("name", "authType", "value", "bearer"),
                        Map.of("name", "token", "value", "tok-new-tenant"))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created)).containsEntry("isConnected", true);

        waitForOperations(operations, 20);
        stopTraffic(pool, stop);
        assertThat(failures).isEmpty();
        // Restarted with the new key alone (the file), everything still reads.
        restart(slots.get(0), dataDir, Map.of());
        everyCheckPasses();
    }

    @Test
    void badArgumentsExitWithUsageAndGenerateGivesAKey() throws Exception {
        for (String[] args : List.of(new String[] {"keys"}, new String[] {"keys", "spin"},
                new String[] {"keys", "rotate", "--force"}, new String[] {"keys", "status", "x"})) {
            Run run = jar(Map.of("AUTOCONN_DATA_DIR", dir.toString()), args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.stderr()).contains("usage: java -jar autoconn.jar keys generate");
            assertThat(run.stdout()).isEmpty();
        }
        Run generated = jar(Map.of("AUTOCONN_DATA_DIR", dir.toString()), "keys", "generate");
        assertThat(generated.exit()).isZero();
        assertThat(MasterKey.decode(generated.stdout().strip(), "generated").id()).hasSize(8);
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing written").isEmpty();
        }
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    interface Jdbc {
        Connection open() throws Exception;
    }

    /**
     * A connection no worker edits whose token is then stored as the pre-envelope code stored it: a v1 value
     * sealed by the master key directly. Its check passes before the rotation re-encrypts it, and after.
     */
    private void seedLegacyConnection(Jdbc database, String masterKey) throws Exception {
        String base = slots.get(0).server.baseUrl();
        create(base, WORKERS);
        String id = owned.get(WORKERS).keySet().iterator().next();
        try (Connection c = database.open()) {
            String tenant;
            try (PreparedStatement s = c.prepareStatement("SELECT tenant_id FROM connections WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    tenant = r.getString(1);
                }
            }
            String v1 = LegacyCiphertexts.encrypt(masterKey, accepted.get(owned.get(WORKERS).get(id)), tenant, id,
                    TOKEN_PARAM);
            try (PreparedStatement s = c.prepareStatement("UPDATE connections SET secrets = ? WHERE id = ?")) {
                s.setString(1, "{\"" + TOKEN_PARAM + "\":\"" + v1 + "\"}");
                s.setString(2, id);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
        check(base, id);
        assertThat(failures).isEmpty();
    }

    private static long legacyValues(TestDatabases.PostgresSchema schema) throws Exception {
        try (Connection c = schema.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM connections WHERE secrets LIKE '%\"v1.%'");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
