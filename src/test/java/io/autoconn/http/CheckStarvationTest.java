package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.testing.TcpTarget;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A target that accepts connections and never answers, checked more often at once than the server has
 * check slots: API requests keep being served while every slot is stuck, a check that finds no slot
 * says so in time, and every check answers within its limit plus the grace.
 */
@MicronautTest
class CheckStarvationTest extends ApiTestBase {
    private static final int SLOTS = 2;
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    /** The checker's grace, and room for a busy machine: this bounds a wait, it does not time anything. */
    private static final Duration LIMIT = CHECK_TIMEOUT.plusSeconds(1).plusSeconds(3);

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.executors.checks.number-of-threads", String.valueOf(SLOTS));
        properties.put("autoconn.check-timeout", CHECK_TIMEOUT.toSeconds() + "s");
        properties.put("autoconn.create-check-timeout", "1s");
        return properties;
    }

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    private record Timed(HttpApi.Response response, Duration took) {
    }

    private CompletableFuture<Timed> inBackground(String path) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            HttpApi.Response response = admin.postEmpty(path);
            return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
        }, clients);
    }

    @SuppressWarnings("unchecked")
    private static String errorCode(Map<String, Object> connection) {
        return (String) ((Map<String, Object>) connection.get("error")).get("code");
    }

    @Test
    void aSilentTargetCannotStarveApiRequests() throws Exception {
        try (TcpTarget target = TcpTarget.on("127.0.0.1")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < SLOTS + 3; i++) {
                HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                        "name", "silent " + i, "params", List.of(
                                Map.of("name", "baseUrl", "value", "http://127.0.0.1:" + target.port()))));
                assertThat(created.json()).as(created.toString()).containsEntry("isConnected", true);
                ids.add((String) created.json().get("id"));
            }
            target.goSilent();
            int before = target.accepted();

            List<CompletableFuture<Timed>> checks = ids.stream()
                    .map(id -> inBackground(ConnectionsController.V1 + "/" + id + "/actions/check")).toList();
            target.awaitAccepted(before + SLOTS); // every slot now waits on the silent target

            HttpApi.Response got = admin.get(ConnectionsController.V1 + "/" + ids.get(0));
            HttpApi.Response listed = admin.get(ConnectionsController.V1 + "?limit=100");
            HttpApi.Response workflows = admin.get(ConnectionsController.WORKFLOWS + "/" + ids.get(1));
            HttpApi.Response health = admin.get("/health");
            // A new connection gets no slot within its 1 s: it is saved at once, saying why it is unchecked.
            HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                    "name", "while busy", "params", List.of(healthyHttpParams())));

            assertThat(checks).as("the checks are still stuck on the silent target").noneMatch(CompletableFuture::isDone);
            assertThat(got.status()).as(got.toString()).isEqualTo(200);
            assertThat(got.json()).containsEntry("id", ids.get(0));
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.data()).extracting(c -> c.get("id")).containsAll(ids);
            assertThat(workflows.status()).isEqualTo(200);
            assertThat(health.status()).isEqualTo(200);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json()).containsEntry("isConnected", false);
            assertThat(errorCode(created.json())).isEqualTo("CHECK-BUSY");

            List<String> codes = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                Timed check = checks.get(i).get(30, TimeUnit.SECONDS);
                assertThat(check.response().status()).isEqualTo(200);
                assertThat(check.response().json()).containsEntry("connected", false);
                assertThat(check.took()).as("check %d waited", i).isLessThan(LIMIT);
                codes.add(errorCode(admin.get(ConnectionsController.V1 + "/" + ids.get(i)).json()));
            }
            // The checks that had slots timed out; a queued one ran out of time in the queue (busy), or got
            // its slot with moments left and timed out.
            assertThat(codes).allMatch(code -> code.equals("CHECK-TIMEOUT") || code.equals("CHECK-BUSY"));
            assertThat(codes).filteredOn("CHECK-TIMEOUT"::equals).hasSizeGreaterThanOrEqualTo(SLOTS);
        }
    }

}
