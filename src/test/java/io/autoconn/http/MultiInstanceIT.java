package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.ApiKeys;
import io.autoconn.secrets.MasterKey;
import io.autoconn.storage.TestDatabases;
import io.autoconn.testing.PackagedServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The issue's "any number of instances on one PostgreSQL, no sticky sessions", proven on two processes of the
 * packaged jar (two ports, one fresh PostgreSQL database, one master key): a cursor from one pages on the
 * other, a key revoked or a user disabled on one is refused by the other within a bounded time (measured),
 * the other's authentication cache answers from memory and forgets on a change, and an expired OAuth2 token
 * renewed at once on both is renewed with one refresh-token grant, and a user's write budget is one budget
 * spent on either (the counters live in PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceIT {
    /** How long another instance may take to refuse a changed key; measured delays are printed. */
    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(5);
    private static final String SCOPE = "automation-connections:credentials";
    private static final String ISSUER = "autoconn-test";
    /**
     * The write tier of both instances: far above what the other cases send with any one key, low enough to
     * spend in a test. The period outlasts the class, so no budget comes back mid-test.
     */
    private static final int WRITES_PER_PERIOD = 200;

    private final String adminKey = ApiKeys.generate();
    private final String database = "autoconn_mi_" + UUID.randomUUID().toString().replace("-", "");
    private final MockOAuth2Server provider = new MockOAuth2Server();
    private ProviderProxy proxy;
    private PackagedServer serverA;
    private PackagedServer serverB;
    private HttpApi a;
    private HttpApi b;

    @BeforeAll
    void startTwoInstances() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        provider.start();
        proxy = new ProviderProxy(provider.baseUrl().toString());
        Map<String, String> env = Map.of(
                "AUTOCONN_DB_URL", databaseUrl(),
                "AUTOCONN_DB_USER", TestDatabases.PG_USER,
                "AUTOCONN_MASTER_KEY", MasterKey.generate(),
                // Far longer than any test: what the caches forget, they forget because they were told.
                "AUTOCONN_AUTH_CACHE_TTL", "10m",
                // Generous: the machine running the tests may be busy, and no test here is about a timeout.
                "AUTOCONN_CHECK_TIMEOUT", "30s",
                "AUTOCONN_CREATE_CHECK_TIMEOUT", "30s",
                "AUTOCONN_RATE_LIMIT_TIER1", "100000",
                "AUTOCONN_RATE_LIMIT_TIER2", Integer.toString(WRITES_PER_PERIOD),
                "AUTOCONN_RATE_LIMIT_PERIOD", "30m");
        serverA = PackagedServer.start(Files.createTempDirectory("autoconn-a"), adminKey, env);
        serverB = PackagedServer.start(Files.createTempDirectory("autoconn-b"), adminKey, env);
        a = new HttpApi(serverA.baseUrl(), adminKey);
        b = new HttpApi(serverB.baseUrl(), adminKey);
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (PackagedServer server : new PackagedServer[] {serverA, serverB}) {
            if (server != null) {
                server.close();
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        provider.shutdown();
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private String databaseUrl() {
        return TestDatabases.PG_URL.replaceAll("/[^/]*$", "/" + database);
    }

    private int sql(String statement, Object... values) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl(), TestDatabases.PG_USER, "");
             PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    @Test
    void aCursorFromOneInstancePagesOnTheOther() {
        String prefix = "paged-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            HttpApi.Response created = a.post(ConnectionsController.V1, Map.of("connectorId", ApiTestBase.HTTP_API,
                    "name", prefix + "-" + i, "params", List.of(Map.of("name", "baseUrl", "value", serverA.baseUrl()),
                            Map.of("name", "healthPath", "value", "/health"))));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        String query = "?limit=1&sort=name&filter=" + java.net.URLEncoder.encode("name sw \"" + prefix + "\"",
                java.nio.charset.StandardCharsets.UTF_8);
        HttpApi.Response first = a.get(ConnectionsController.V1 + query);
        assertThat(first.data()).extracting(c -> c.get("name")).containsExactly(prefix + "-0");
        String next = nextHref(first);
        assertThat(next).startsWith(serverA.baseUrl());

        HttpApi.Response second = b.get(next.replace(serverA.baseUrl(), serverB.baseUrl()));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.data()).extracting(c -> c.get("name")).containsExactly(prefix + "-1");
        HttpApi.Response third = a.get(nextHref(second).replace(serverB.baseUrl(), serverA.baseUrl()));
        assertThat(third.data()).extracting(c -> c.get("name")).containsExactly(prefix + "-2");
        assertThat(nextHref(third)).isNull();
    }

    @SuppressWarnings("unchecked")
    private static String nextHref(HttpApi.Response page) {
        Map<String, Object> links = (Map<String, Object>) page.json().get("links");
        Map<String, Object> next = links == null ? null : (Map<String, Object>) links.get("next");
        return next == null ? null : (String) next.get("href");
    }

    /** A new user made on A and a key of theirs: the user's id, the key's id, and its token. */
    private String[] userWithKey() {
        HttpApi.Response user = a.post("/api/v1/users", Map.of("name", "u-" + UUID.randomUUID()));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String userId = (String) user.json().get("id");
        HttpApi.Response key = a.post("/api/v1/api-keys", Map.of("description", "k", "sub", userId));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return new String[] {userId, (String) key.json().get("id"), (String) key.json().get("token")};
    }

    private static int whoAmIStatus(HttpApi on, String token) {
        return on.as(token).get(ConnectionsController.V1 + "?limit=1").status();
    }

    /** Polls B with {@code token} until it answers 401, within {@link #PROPAGATION_BOUND}; prints how long it took. */
    private void refusedByB(String token, String change) throws InterruptedException {
        long start = System.nanoTime();
        while (whoAmIStatus(b, token) != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("still accepted").isLessThan(PROPAGATION_BOUND);
            Thread.sleep(5);
        }
        System.out.printf("[multi-instance] %s on A: B refused the key %.1f ms later%n", change,
                (System.nanoTime() - start) / 1e6);
    }

    @Test
    void aUsersWriteBudgetIsSharedByBothInstances() {
        String token = userWithKey()[2];
        // Writes that change nothing still count (a 404 is an answer): the user's whole budget, alternately on A and B.
        for (int i = 0; i < WRITES_PER_PERIOD; i++) {
            HttpApi on = i % 2 == 0 ? a : b;
            HttpApi.Response spent = on.as(token).delete(ConnectionsController.V1 + "/" + UUID.randomUUID());
            assertThat(spent.status()).as("write %d: %s", i + 1, spent).isEqualTo(404);
            assertThat(spent.header("RateLimit-Remaining")).as("write %d", i + 1)
                    .isEqualTo(Integer.toString(WRITES_PER_PERIOD - i - 1));
        }
        for (HttpApi on : new HttpApi[] {a, b}) {
            HttpApi.Response refused = on.as(token).delete(ConnectionsController.V1 + "/" + UUID.randomUUID());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.text()).contains("\"code\":\"HTTP-429\"");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        }
        assertThat(whoAmIStatus(b, token)).as("reads have their own budget").isEqualTo(200);
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOther() throws Exception {
        String[] key = userWithKey();
        assertThat(whoAmIStatus(b, key[2])).isEqualTo(200);
        assertThat(whoAmIStatus(a, key[2])).isEqualTo(200);

        assertThat(a.delete("/api/v1/api-keys/" + key[1]).status()).isEqualTo(204);
        assertThat(whoAmIStatus(a, key[2])).as("at once where it was revoked").isEqualTo(401);
        refusedByB(key[2], "key revoked");
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedByTheOther() throws Exception {
        String[] user = userWithKey();
        assertThat(whoAmIStatus(b, user[2])).isEqualTo(200);

        HttpApi.Response disabled = a.patch("/api/v1/users/" + user[0],
                List.of(Map.of("op", "replace", "path", "/status", "value", "disabled")));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        refusedByB(user[2], "user disabled");
    }

    @Test
    void theOtherInstanceAnswersFromItsCacheAndForgetsWhenTold() throws Exception {
        String[] user = userWithKey();
        assertThat(whoAmIStatus(b, user[2])).isEqualTo(200);
        // Revoked in SQL, behind every instance's back: no instance is told.
        assertThat(sql("UPDATE api_keys SET revoked_at = 1 WHERE id = ?", user[1])).isEqualTo(1);
        assertThat(whoAmIStatus(a, user[2])).as("A never saw the key: it asks the database").isEqualTo(401);
        assertThat(whoAmIStatus(b, user[2])).as("B answers from memory").isEqualTo(200);

        // A change A makes to the key's user is announced, and B forgets.
        HttpApi.Response promoted = a.patch("/api/v1/users/" + user[0],
                List.of(Map.of("op", "add", "path", "/assignedRoles/-", "value", Map.of("name", "AnalyticsAdmin"))));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(204);
        refusedByB(user[2], "user given a role");
    }

    @Test
    void aConnectionChangedOnOneInstanceIsReadChangedOnTheOther() throws Exception {
        String name = "shared-" + UUID.randomUUID();
        HttpApi.Response created = a.post(ConnectionsController.V1, Map.of("connectorId", ApiTestBase.HTTP_API,
                "name", name, "params", List.of(Map.of("name", "baseUrl", "value", serverA.baseUrl()),
                        Map.of("name", "healthPath", "value", "/health"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("id");
        String path = ConnectionsController.V1 + "/" + id;
        assertThat(b.get(path).json()).containsEntry("name", name);
        // Renamed in SQL, behind every instance's back: B answers from memory.
        assertThat(sql("UPDATE connections SET name = ? WHERE id = ?", "renamed silently", id)).isEqualTo(1);
        assertThat(b.get(path).json()).as("B answers from memory").containsEntry("name", name);

        assertThat(a.put(path, Map.of("name", "renamed on A")).status()).isEqualTo(200);
        long start = System.nanoTime();
        while (!"renamed on A".equals(b.get(path).json().get("name"))) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("B still reads the old name")
                    .isLessThan(PROPAGATION_BOUND);
            Thread.sleep(5);
        }
        System.out.printf("[multi-instance] connection renamed on A: B read the new name %.1f ms later%n",
                (System.nanoTime() - start) / 1e6);
    }

    @Test
    void anExpiredOAuthTokenRenewedOnBothInstancesAtOnceIsRefreshedOnce() throws Exception {
        HttpApi.Response runtimeKey = a.post("/api/v1/api-keys", Map.of("description", "runtime", "scopes", List.of(SCOPE)));
        String runtime = (String) runtimeKey.json().get("token");
        HttpApi.Response created = a.post(ConnectionsController.V1, Map.of("connectorId",
                OAuthConnectionsApiTest.OAUTH2_API, "name", "oauth " + UUID.randomUUID(), "params", List.of(
                        param("authorizeUrl", url("authorize")), param("tokenUrl", url("token")),
                        param("userinfoUrl", url("userinfo")), param("clientId", "autoconn-client"),
                        param("clientSecret", "s"), param("scopes", "openid profile"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("id");
        // The browser: the provider answers its authorization page with a redirect to A's callback.
        HttpApi.Response authorize = a.as(null).get((String) created.json().get("redirect"));
        assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
        HttpApi.Response callback = a.as(null).get(authorize.header("Location"));
        assertThat(callback.json()).as(callback.toString()).containsEntry("isConnected", true);

        for (int round = 0; round < 3; round++) {
            assertThat(sql("UPDATE oauth_tokens SET expires_at = 1 WHERE connection_id = ?", id)).isEqualTo(1);
            proxy.drain();
            List<String> tokens = credentialsAtOnce(id, List.of(a.as(runtime), b.as(runtime), a.as(runtime),
                    b.as(runtime)));
            assertThat(tokens).as("every caller gets the one renewed token").hasSize(4).containsOnly(tokens.get(0));
            assertThat(proxy.drain()).filteredOn(r -> r.path().endsWith("/token")).as("one refresh grant in all")
                    .singleElement().satisfies(r -> assertThat(r.body()).contains("grant_type=refresh_token"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> credentialsAtOnce(String id, List<HttpApi> callers) throws Exception {
        CyclicBarrier start = new CyclicBarrier(callers.size());
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (HttpApi caller : callers) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                HttpApi.Response r = caller.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/credentials");
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                return (String) ((Map<String, Object>) r.json().get("oauth")).get("accessToken");
            }));
        }
        List<String> tokens = new ArrayList<>();
        for (CompletableFuture<String> call : calls) {
            tokens.add(call.get(60, TimeUnit.SECONDS));
        }
        return tokens;
    }

    private String url(String endpoint) {
        return proxy.base() + "/" + ISSUER + "/" + endpoint;
    }

    private static Map<String, String> param(String name, String value) {
        return Map.of("name", name, "value", value);
    }
}
