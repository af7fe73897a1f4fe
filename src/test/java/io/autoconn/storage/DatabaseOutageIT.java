package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.health.KeptAnswer;
import io.autoconn.identity.ApiKeys;
import io.autoconn.testing.ApiCaller;
import io.autoconn.testing.ConnectionClient;
import io.autoconn.testing.ConnectionClient.Answer;
import io.autoconn.testing.ConnectionWrites;
import io.autoconn.testing.PackagedServer;
import io.autoconn.testing.ScramPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away mid-traffic (a throwaway PostgreSQL cluster, stopped as a crash stops it): every
 * request answers a 503 ErrorResponse at once (or, one a second, within the pool's connection timeout), none
 * hangs or answers 500; when the database is back the server serves again by itself, and nothing is half-written.
 */
class DatabaseOutageIT {
    private static final int CLIENTS = 4;
    private static final int SEEDS_PER_CLIENT = 2;
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    /** The server's wait for a pooled connection (AUTOCONN_DB_CONNECTION_TIMEOUT, its default). */
    private static final Duration POOL_WAIT = Duration.ofSeconds(2);
    /** Far above any bound the server sets itself: a request still unanswered by then hangs. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READINESS_SEEN = KeptAnswer.KEPT.plusSeconds(4);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    private final String adminKey = ApiKeys.generate();

    @TempDir
    Path dataDir;

    /** One request of the traffic: what it was, and what it got. */
    record Exchange(String what, Answer answer) {
    }

    @Test
    void requestsFailFastWhileTheDatabaseIsDownAndTheServerRecoversByItself() throws Exception {
        String password = UUID.randomUUID().toString();
        try (ScramPostgres database = ScramPostgres.start(password)) {
            Map<String, String> env = Map.of(
                    "AUTOCONN_DB_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres",
                    "AUTOCONN_DB_USER", ScramPostgres.USER, "AUTOCONN_DB_PASSWORD", password);
            try (PackagedServer server = PackagedServer.start(dataDir, adminKey, env)) {
                ApiCaller api = new ApiCaller(server.baseUrl(), adminKey, CLIENT_TIMEOUT);
                ConnectionWrites requests = new ConnectionWrites();
                List<ConnectionClient> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    ConnectionClient client = new ConnectionClient(requests, "c" + c);
                    for (int s = 0; s < SEEDS_PER_CLIENT; s++) {
                        client.seed(api);
                    }
                    clients.add(client);
                }
                ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> traffic = clients.stream().<Future<?>>map(client -> pool.submit(() -> {
                    for (int turn = 0; !stop.get(); turn++) {
                        exchanges.add(switch (turn % 3) {
                            case 0 -> new Exchange("create", client.create(api));
                            case 1 -> new Exchange("update", client.update(api, turn));
                            default -> new Exchange("list", timed(api, "/api/v1/automation-connections?limit=5"));
                        });
                    }
                    return null;
                })).toList();

                Thread.sleep(2000);
                database.stopServer();
                long down = System.nanoTime();
                // Readiness keeps its answer for a second (KeptAnswer.KEPT), then finds the database gone.
                Answer health = timed(api, "/health/readiness");
                while (health.status() != 503 && System.nanoTime() - down < READINESS_SEEN.toNanos()) {
                    Thread.sleep(50);
                    health = timed(api, "/health/readiness");
                }
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
                long back = System.nanoTime();
                database.startServer();
                long started = System.nanoTime();
                Answer served = timed(api, "/api/v1/automation-connections?limit=1");
                while (served.status() != 200 && System.nanoTime() - started < RECOVERY_LIMIT.toNanos()) {
                    Thread.sleep(100);
                    served = timed(api, "/api/v1/automation-connections?limit=1");
                }
                double recoveredSeconds = (served.endNanos() - started) / 1e9;
                Thread.sleep(1000);
                stop.set(true);
                pool.shutdown();
                for (Future<?> client : traffic) {
                    client.get(CLIENT_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
                }
                assertThat(served.status()).as("served again within %s after the database returned: %s",
                        RECOVERY_LIMIT, served.body()).isEqualTo(200);

                List<Exchange> all = List.copyOf(exchanges);
                assertThat(all).as("every answer is a success or a 503 (no 500, no hang)")
                        .allMatch(e -> e.answer().status() / 100 == 2 || e.answer().status() == 503);
                List<Exchange> duringOutage = all.stream()
                        .filter(e -> e.answer().startNanos() >= down && e.answer().endNanos() <= back).toList();
                assertThat(duringOutage).as("requests while the database was down").hasSizeGreaterThanOrEqualTo(CLIENTS);
                // Were each to wait out the pool, the clients would get at most CLIENTS * OUTAGE / POOL_WAIT answers.
                assertThat(duringOutage).as("answers while the database was down: at once, but for one a second")
                        .hasSizeGreaterThan((int) (4 * CLIENTS * OUTAGE.toSeconds() / POOL_WAIT.toSeconds()));
                for (Exchange e : duringOutage) {
                    assertUnavailable(e.what(), e.answer());
                }
                List<Double> millis = duringOutage.stream().map(e -> e.answer().millis()).sorted().toList();
                assertThat(health.status()).as("/health/readiness while the database is down: %s", health.body()).isEqualTo(503);

                ConnectionClient.Verified verified = ConnectionClient.verifyAll(clients, api);
                long writes503 = all.stream().filter(e -> !e.what().equals("list") && e.answer().status() == 503).count();
                System.out.printf("database outage (PostgreSQL stopped -m immediate for %ds): %d requests during the "
                                + "outage, all 503 HTTP-503 with a traceId, latency p50 %.0f ms, max %.0f ms; /health %d "
                                + "%.0f ms after the stop; served again %.1f s after the database was back; %d requests in all, %d writes "
                                + "answered 503, %d acknowledged writes verified, %d connections paired with their audit "
                                + "events%n",
                        OUTAGE.toSeconds(), duringOutage.size(), millis.get(millis.size() / 2), millis.get(millis.size() - 1),
                        health.status(), (health.endNanos() - down) / 1e6, recoveredSeconds, all.size(), writes503, verified.acknowledgedWrites(),
                        verified.names().size());
            }
        }
    }

    /** A GET, timed; status 0 when no answer came. */
    private static Answer timed(ApiCaller api, String path) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = api.get(path);
            return new Answer(response.statusCode(), response.body(), start, System.nanoTime());
        } catch (IOException e) {
            return new Answer(0, "no answer: " + e, start, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", start, System.nanoTime());
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertUnavailable(String what, Answer answer) {
        assertThat(answer.status()).as("%s while the database was down: %s", what, answer.body()).isEqualTo(503);
        Map<String, Object> body = ApiCaller.json(answer.body());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(errors).as(answer.body()).hasSize(1);
        assertThat(errors.get(0)).containsEntry("code", "HTTP-503");
        assertThat((String) body.get("traceId")).as(answer.body()).isNotBlank();
    }
}
